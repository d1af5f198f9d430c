/* SPDX-License-Identifier: BSD-2-Clause */
/* wait4 and what any process may ask about the system and about a process. */
#include <syscall/syscall.h>

#include <abi/errno.h>
#include <abi/bc.h>
#include <abi/kstat.h>
#include <arch/x86_64/lapic.h>
#include <arch/x86_64/percpu.h>
#include <bc/bc.h>
#include <bc/irq.h>
#include <core/tick.h>
#include <core/proc.h>
#include <mm/commit.h>
#include <mm/frame.h>
#include <string/string.h>

/* wait4(pid, status, options, rusage): rusage is not filled in. */
int64_t ksys_wait4(struct trap_frame *tf)
{
	return proc_wait((int)tf->rdi, tf->rsi, (int)tf->rdx);
}

int64_t ksys_kstat(struct trap_frame *tf)
{
	struct chappe_kstat k = {
	    .free_frames = frame_free_count(),
	    .total_frames = frame_total(),
	    .procs = proc_count(),
	    .proc_limit = proc_limit(),
	    .zombies = proc_zombies(),
	    .systems = bc_systems_registered(),
	    .ticks = timer_ticks(),
	    .commit_used = commit_used(),
	    .commit_limit = commit_limit(),
	    .tick_hz = timer_info()->tick_hz,
	    .tsc_hz = timer_info()->tsc_hz,
	    .tick_tsc = tick_last_tsc(),
	    .irqs_bound = irq_bound_mask(),
	};

	return vm_copy_out(&current_proc()->vm, tf->rdi, &k, sizeof k);
}

static uint32_t reported_state(const struct proc *p)
{
	switch (p->state) {
	case PROC_STATE_RUNNING:
		return PROC_INFO_RUNNING;
	case PROC_STATE_SLEEPING:
		return p->wait == WAIT_STOPPED ? PROC_INFO_STOPPED : PROC_INFO_SLEEPING;
	case PROC_STATE_ZOMBIE:
		return PROC_INFO_ZOMBIE;
	default:
		return PROC_INFO_STOPPED;
	}
}

/* proc_info(pid, out) */
int64_t ksys_proc_info(struct trap_frame *tf)
{
	struct proc *p = proc_by_pid((int)tf->rdi);
	struct chappe_procinfo info = {0};

	if (!p)
		return -ESRCH;
	info.pid = p->pid;
	info.ppid = p->ppid;
	info.state = reported_state(p);
	info.caps = p->caps;
	info.user_pages = p->vm.user_pages;
	memcpy(info.name, p->name, sizeof info.name);
	info.pgid = p->pgid;
	info.sid = p->sid;
	info.sig_blocked = p->sig.blocked;
	info.sig_ignored = signal_ignored_set(p);
	info.sig_caught = signal_caught_set(p);
	return vm_copy_out(&current_proc()->vm, tf->rsi, &info, sizeof info);
}

/* bc_stat(sys_id, out) */
int64_t ksys_bc_stat(struct trap_frame *tf)
{
	struct bc_system_info i;
	struct chappe_bcstat st;

	if (tf->rdi == SYS_ID_NONE || tf->rdi >= SYS_ID_COUNT)
		return -EINVAL;
	bc_system_info((uint8_t)tf->rdi, &i);
	st = (struct chappe_bcstat){i.state, i.restarts, i.server_pid, i.supervisor_pid, i.routed};
	return vm_copy_out(&current_proc()->vm, tf->rsi, &st, sizeof st);
}
