/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Process groups and sessions (POSIX job control): each process's pgid
 * and sid, inherited by fork, kept by execve. The terminal's side (its
 * session and foreground group) is io's (docs/tty.md); kill(-pgrp) is
 * proc.c's.
 */
#include <core/session.h>

#include <abi/errno.h>
#include <arch/x86_64/percpu.h>
#include <core/proc.h>

static int group_exists_in(int pgid, int sid)
{
	for (int i = 0; i < PROC_MAX; i++) {
		const struct proc *p = proc_slot(i);
		if (p->state != PROC_STATE_FREE && p->state != PROC_STATE_ZOMBIE &&
		    p->pgid == pgid && p->sid == sid)
			return 1;
	}
	return 0;
}

/* The process pid names for the caller: itself (0) or any process. */
static struct proc *named(int pid)
{
	struct proc *p = pid ? proc_by_pid(pid) : current_proc();

	return p && !p->builder && p->state != PROC_STATE_ZOMBIE ? p : 0;
}

int64_t session_getpgid(int pid)
{
	struct proc *p = named(pid);

	return p ? p->pgid : -ESRCH;
}

int64_t session_getsid(int pid)
{
	struct proc *p = named(pid);

	return p ? p->sid : -ESRCH;
}

/* setpgid(pid, pgid), POSIX's rules: the caller or a child of it that has
 * not exec'd, in the caller's session and not leading one; into a group
 * of that session, or a new one named by the process's own pid. */
int64_t session_setpgid(int pid, int pgid)
{
	struct proc *me = current_proc();
	struct proc *p = pid ? proc_by_pid(pid) : me;

	if (pid < 0 || pgid < 0)
		return -EINVAL;
	if (!p || p->builder || (p != me && p->ppid != me->pid))
		return -ESRCH;
	if (p != me && p->execed)
		return -EACCES;
	if (p->sid != me->sid || p->sid == p->pid)
		return -EPERM;
	pgid = pgid ? pgid : p->pid;
	if (pgid != p->pid && !group_exists_in(pgid, me->sid))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

/* A process group leader may not start a session: its group would be in
 * two sessions at once. */
int64_t session_setsid(void)
{
	struct proc *me = current_proc();

	for (int i = 0; i < PROC_MAX; i++) {
		const struct proc *p = proc_slot(i);
		if (p->state != PROC_STATE_FREE && p->pgid == me->pid)
			return -EPERM;
	}
	me->pgid = me->sid = me->pid;
	return me->pid;
}
