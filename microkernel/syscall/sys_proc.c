/* SPDX-License-Identifier: BSD-2-Clause */
#include <syscall/syscall.h>

#include <arch/x86_64/percpu.h>
#include <abi/errno.h>
#include <bc/bc.h>
#include <core/boot_programs.h>
#include <core/proc.h>
#include <core/rlimit.h>
#include <core/sched.h>

int64_t ksys_exit(struct trap_frame *tf)
{
	proc_exit((int)tf->rdi);
}

int64_t ksys_getpid(struct trap_frame *tf)
{
	(void)tf;
	return current_proc()->pid;
}

int64_t ksys_getppid(struct trap_frame *tf)
{
	(void)tf;
	return current_proc()->ppid;
}

int64_t ksys_sched_yield(struct trap_frame *tf)
{
	(void)tf;
	sched_yield();
	return 0;
}

int64_t ksys_kill(struct trap_frame *tf)
{
	return proc_kill((int)tf->rdi, (int)tf->rsi);
}

int64_t ksys_getrlimit(struct trap_frame *tf)
{
	return rlimit_get(current_proc(), tf->rdi, tf->rsi);
}

/* io enforces RLIMIT_NOFILE: once the kernel took a new one, it passes the
 * call on, so io knows it without asking at every open. io being down is
 * no error: a restarted io asks the kernel when it meets a process. */
int64_t ksys_setrlimit(struct trap_frame *tf)
{
	int64_t err = rlimit_set(current_proc(), tf->rdi, tf->rsi);

	if (!err && tf->rdi == RLIMIT_NOFILE)
		bc_pass_syscall(SYS_ID_IO, tf);
	return err;
}

/* proc_rlimit(pid, resource): another process's soft limit (io asks for
 * RLIMIT_NOFILE); limits are no secret, like proc_info. */
int64_t ksys_proc_rlimit(struct trap_frame *tf)
{
	struct proc *p = proc_by_pid((int)tf->rdi);

	return p && tf->rdi <= INT32_MAX ? rlimit_cur(p, tf->rsi) : -ESRCH;
}

/* init_ready(): init has started its drivers; what waits for it starts. */
int64_t ksys_init_ready(struct trap_frame *tf)
{
	(void)tf;
	boot_programs_release();
	return 0;
}
