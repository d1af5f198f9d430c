/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The terminal's place among processes (docs/tty.md): the session it is
 * the controlling terminal of, that session's foreground process group,
 * job control for the others, the window size, and the ioctls.
 *
 * io keeps no process state of its own here: who is in which group and
 * session, and what a process blocks or ignores, it asks the kernel
 * (proc_info) when it needs to know, and it signals a group with
 * kill(-pgrp, sig).
 */
#include "io.h"
#include "tty.h"

#include <abi/errno.h>
#include <abi/ioctl.h>
#include <abi/kstat.h>
#include <abi/signal.h>
#include <chappe/syscall.h>
#include <libserver/server.h>

#define PIDS_MAX 64 /* io's client table */
#define FREAD 1	    /* TIOCFLUSH's queues (OpenBSD's fcntl.h) */

static int32_t session; /* whose controlling terminal it is; 0: nobody's */
static int32_t foreground;
static struct winsize told; /* by TIOCSWINSZ; ws_col 0: never */

static int info(uint32_t pid, struct chappe_procinfo *p)
{
	return pid && sys_proc_info(pid, (long)p) == 0;
}

static int masked(const struct chappe_procinfo *p, int sig)
{
	return ((p->sig_blocked | p->sig_ignored) >> sig) & 1;
}

static int in_background(const struct chappe_procinfo *p)
{
	return session && p->sid == session && p->pgid != foreground;
}

static int parent_outside(const struct chappe_procinfo *q)
{
	struct chappe_procinfo parent;

	return info((uint32_t)q->ppid, &parent) && parent.pgid != q->pgid && parent.sid == q->sid;
}

/* POSIX's orphaned process group: no member has a parent in another group
 * of its session, so no shell is left to continue it if it stops. */
static int orphaned(const struct chappe_procinfo *p)
{
	uint32_t pids[PIDS_MAX];
	struct chappe_procinfo q;

	if (parent_outside(p))
		return 0;
	for (unsigned i = 0, n = io_client_pids(pids, PIDS_MAX); i < n; i++)
		if (info(pids[i], &q) && q.pgid == p->pgid && q.state != PROC_INFO_ZOMBIE &&
		    parent_outside(&q))
			return 0;
	return 1;
}

int64_t tty_may_read(uint32_t pid)
{
	struct chappe_procinfo p;

	if (!session || !info(pid, &p) || !in_background(&p))
		return 0;
	if (masked(&p, SIGTTIN) || orphaned(&p))
		return -EIO;
	return sys_kill(-p.pgid, SIGTTIN) == 0 ? -ERESTART : -EIO;
}

/* A background process changing the terminal (or writing with TOSTOP):
 * SIGTTOU to its group and the call made again once it is continued,
 * unless it ignores or blocks SIGTTOU (a shell taking the terminal back). */
static int64_t may_change(uint32_t pid)
{
	struct chappe_procinfo p;

	if (!session || !info(pid, &p) || !in_background(&p) || masked(&p, SIGTTOU))
		return 0;
	if (orphaned(&p))
		return -EIO;
	return sys_kill(-p.pgid, SIGTTOU) == 0 ? -ERESTART : 0;
}

int64_t tty_may_write(uint32_t pid)
{
	return tty_settings()->c_lflag & TOSTOP ? may_change(pid) : 0;
}

void tty_signal(int sig)
{
	if (session && foreground > 0)
		sys_kill(-foreground, sig);
}

static int in_session(uint32_t pid)
{
	struct chappe_procinfo p;

	return session && info(pid, &p) && p.sid == session;
}

static int leader_alive(void)
{
	struct chappe_procinfo l;

	return info((uint32_t)session, &l) && l.sid == session && l.state != PROC_INFO_ZOMBIE;
}

/* TIOCSCTTY: a session leader makes it its session's terminal, its own
 * group the foreground; another live session's terminal it is not. */
static int64_t take_terminal(uint32_t pid)
{
	struct chappe_procinfo p;

	if (!info(pid, &p) || p.sid != (int32_t)pid)
		return -EPERM;
	if (session == p.sid)
		return 0;
	if (session && leader_alive())
		return -EPERM;
	session = p.sid;
	foreground = p.pgid;
	io_console_recheck();
	return 0;
}

static int group_in_session(int32_t pgrp)
{
	uint32_t pids[PIDS_MAX];
	struct chappe_procinfo q;

	if (info((uint32_t)pgrp, &q) && q.pgid == pgrp && q.sid == session)
		return 1;
	for (unsigned i = 0, n = io_client_pids(pids, PIDS_MAX); i < n; i++)
		if (info(pids[i], &q) && q.pgid == pgrp && q.sid == session)
			return 1;
	return 0;
}

/* TIOCSPGRP, as POSIX's tcsetpgrp: ENOTTY unless it is the caller's
 * controlling terminal, EINVAL for no group id, EPERM for one that is not
 * a group of the caller's session. */
static int64_t set_foreground(uint32_t pid, uint64_t arg)
{
	int pgrp;
	int64_t err;

	if (!in_session(pid))
		return -ENOTTY;
	if ((err = may_change(pid)))
		return err;
	if (server_copy_from(pid, &pgrp, arg, sizeof pgrp))
		return -EFAULT;
	if (pgrp <= 0)
		return -EINVAL;
	if (!group_in_session(pgrp))
		return -EPERM;
	foreground = pgrp;
	io_console_recheck();
	return 0;
}

static int64_t give_int(uint32_t pid, uint64_t arg, int value)
{
	return server_copy_to(pid, arg, &value, sizeof value) ? -EFAULT : 0;
}

static int64_t set_settings(uint32_t pid, uint64_t request, uint64_t arg)
{
	struct termios t;
	int64_t err = may_change(pid);

	if (err)
		return err;
	if (server_copy_from(pid, &t, arg, sizeof t))
		return -EFAULT;
	if (request == TIOCSETAF)
		tty_flush_input();
	tty_set(&t);
	/* Output is shaped by the drivers, never by these settings: changing
	 * them before the drain is the same as after (docs/tty.md). */
	return request == TIOCSETA ? 0 : io_console_drain(pid);
}

static struct winsize window(void)
{
	unsigned cols, rows;

	if (told.ws_col)
		return told;
	io_console_screen(&cols, &rows);
	return (struct winsize){(unsigned short)rows, (unsigned short)cols, 0, 0};
}

static int64_t set_window(uint32_t pid, uint64_t arg)
{
	struct winsize w, old = window();
	int64_t err = may_change(pid);

	if (err)
		return err;
	if (server_copy_from(pid, &w, arg, sizeof w))
		return -EFAULT;
	if (!w.ws_col || !w.ws_row)
		return -EINVAL;
	told = w;
	if (w.ws_col != old.ws_col || w.ws_row != old.ws_row)
		tty_signal(SIGWINCH);
	return 0;
}

static int64_t flush(uint32_t pid, uint64_t arg)
{
	int which;
	int64_t err = may_change(pid);

	if (err)
		return err;
	if (server_copy_from(pid, &which, arg, sizeof which))
		return -EFAULT;
	if (which == 0 || (which & FREAD))
		tty_flush_input(); /* output, once in io's ring, is shown */
	return 0;
}

static int64_t get_window(uint32_t pid, uint64_t arg)
{
	struct winsize w = window();

	return server_copy_to(pid, arg, &w, sizeof w) ? -EFAULT : 0;
}

int64_t tty_ioctl(uint32_t pid, uint64_t request, uint64_t arg)
{
	switch ((uint32_t)request) {
	case (uint32_t)TIOCGETA:
		return server_copy_to(pid, arg, tty_settings(), sizeof(struct termios)) ? -EFAULT
											: 0;
	case (uint32_t)TIOCSETA:
	case (uint32_t)TIOCSETAW:
	case (uint32_t)TIOCSETAF:
		return set_settings(pid, (uint32_t)request, arg);
	case (uint32_t)TIOCFLUSH:
		return flush(pid, arg);
	case (uint32_t)TIOCDRAIN:
		return io_console_drain(pid);
	case (uint32_t)TIOCGWINSZ:
		return get_window(pid, arg);
	case (uint32_t)TIOCSWINSZ:
		return set_window(pid, arg);
	case (uint32_t)TIOCSCTTY:
		return take_terminal(pid);
	case (uint32_t)TIOCSPGRP:
		return set_foreground(pid, arg);
	case (uint32_t)TIOCGPGRP:
		return in_session(pid) ? give_int(pid, arg, foreground) : -ENOTTY;
	case (uint32_t)TIOCGSID:
		return in_session(pid) ? give_int(pid, arg, session) : -ENOTTY;
	default:
		return -ENOTTY;
	}
}

/* The controlling process ended: its foreground group hears SIGHUP
 * (POSIX) and the terminal is free for the next session. */
void tty_ctl_forget(uint32_t pid)
{
	if (!session || (int32_t)pid != session)
		return;
	tty_signal(SIGHUP);
	session = foreground = 0;
}
