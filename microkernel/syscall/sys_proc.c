/* SPDX-License-Identifier: BSD-2-Clause */
#include <syscall/syscall.h>

#include <arch/x86_64/percpu.h>
#include <core/proc.h>
#include <core/sched.h>

int64_t sys_exit(struct trap_frame *tf)
{
	proc_exit((int)tf->rdi);
}

int64_t sys_getpid(struct trap_frame *tf)
{
	(void)tf;
	return current_proc()->pid;
}

int64_t sys_getppid(struct trap_frame *tf)
{
	(void)tf;
	return current_proc()->ppid;
}

int64_t sys_sched_yield(struct trap_frame *tf)
{
	(void)tf;
	sched_yield();
	return 0;
}

int64_t sys_kill(struct trap_frame *tf)
{
	return proc_kill((int)tf->rdi, (int)tf->rsi);
}
