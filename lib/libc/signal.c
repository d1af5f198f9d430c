/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * C's signals, in-process until the kernel delivers them (issue 18): the
 * dispositions and the mask live here, raise() acts on them at once.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>

static struct sigaction actions[NSIG];
static sigset_t blocked, pending;

static int valid(int sig)
{
	return sig > 0 && sig < NSIG;
}

static sigset_t bit(int sig)
{
	return 1UL << sig;
}

static int invalid(void)
{
	errno = EINVAL;
	return -1;
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~0UL & ~1UL;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return invalid();
	*set |= bit(sig);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return invalid();
	*set &= ~bit(sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (!valid(sig))
		return invalid();
	return (*set & bit(sig)) != 0;
}

static int ignored_by_default(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGINFO ||
	       sig == SIGCONT;
}

/* What the signal does to a process that left it at SIG_DFL: the kernel
 * ends it with the signal where it can; otherwise the status a shell
 * reports for that signal (stopping is not there yet: it ends too). */
static void default_action(int sig)
{
	if (ignored_by_default(sig))
		return;
	kill(getpid(), sig);
	_exit(128 + sig);
}

static void deliver_unblocked(void);

static void deliver(int sig)
{
	struct sigaction a = actions[sig];
	sigset_t saved = blocked;

	if (a.sa_handler == SIG_IGN)
		return;
	if (a.sa_handler == SIG_DFL) {
		default_action(sig);
		return;
	}
	if (a.sa_flags & SA_RESETHAND)
		actions[sig].sa_handler = SIG_DFL;
	blocked |= a.sa_mask | (a.sa_flags & SA_NODEFER ? 0 : bit(sig));
	if (a.sa_flags & SA_SIGINFO) {
		siginfo_t info = {.si_signo = sig, .si_pid = getpid()};
		a.sa_sigaction(sig, &info, 0);
	} else {
		a.sa_handler(sig);
	}
	blocked = saved;
	deliver_unblocked();
}

/* Pending signals now unblocked run, lowest number first, as a kernel
 * would deliver them on the way back to user mode. */
static void deliver_unblocked(void)
{
	for (int sig = 1; sig < NSIG; sig++) {
		if ((pending & ~blocked) & bit(sig)) {
			pending &= ~bit(sig);
			deliver(sig);
		}
	}
}

int raise(int sig)
{
	if (!valid(sig))
		return invalid();
	if (blocked & bit(sig) && sig != SIGKILL && sig != SIGSTOP) {
		pending |= bit(sig);
		return 0;
	}
	deliver(sig);
	return 0;
}

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
	if (!valid(sig) || (act && (sig == SIGKILL || sig == SIGSTOP)))
		return invalid();
	if (old)
		*old = actions[sig];
	if (act) {
		actions[sig] = *act;
		if (act->sa_handler == SIG_IGN)
			pending &= ~bit(sig);
	}
	return 0;
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = {.sa_handler = handler, .sa_flags = SA_RESTART}, old;

	if (sigaction(sig, &act, &old) == -1)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	if (old)
		*old = blocked;
	if (!set)
		return 0;
	if (how == SIG_BLOCK)
		blocked |= *set;
	else if (how == SIG_UNBLOCK)
		blocked &= ~*set;
	else if (how == SIG_SETMASK)
		blocked = *set;
	else
		return invalid();
	blocked &= ~(bit(SIGKILL) | bit(SIGSTOP));
	deliver_unblocked();
	return 0;
}

int sigpending(sigset_t *set)
{
	*set = pending;
	return 0;
}
