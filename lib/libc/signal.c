/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * C's and POSIX's signal calls over the kernel's (docs/signals.md). The
 * kernel keeps dispositions, the mask and what is pending; a handler runs
 * on the way back from the kernel and returns through __sigtramp.
 */
#include <errno.h>
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

#include <abi/time.h>
#include <chappe/syscall.h>

void __sigtramp(void); /* sigtramp.S */

static int valid(int sig)
{
	return sig > 0 && sig < NSIG;
}

static sigset_t bit(int sig)
{
	return 1UL << sig;
}

static int fail(long r)
{
	if (r < 0 && r >= -4095) {
		errno = (int)-r;
		return -1;
	}
	return 0;
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = (bit(NSIG) - 1) & ~1UL;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return fail(-EINVAL);
	*set |= bit(sig);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (!valid(sig))
		return fail(-EINVAL);
	*set &= ~bit(sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (!valid(sig))
		return fail(-EINVAL);
	return (*set & bit(sig)) != 0;
}

int raise(int sig)
{
	if (!valid(sig))
		return fail(-EINVAL);
	return kill(getpid(), sig); /* the handler runs before kill returns */
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp <= 1)
		return fail(-EINVAL);
	return kill(-pgrp, sig);
}

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
	struct chappe_sigaction k = {0}, ko;
	long r;

	if (act) {
		k.handler = (uint64_t)act->sa_handler;
		k.mask = act->sa_mask;
		k.flags = act->sa_flags;
		k.restorer = (uint64_t)__sigtramp;
	}
	r = sys_sigaction(sig, act ? (long)&k : 0, old ? (long)&ko : 0);
	if (r < 0)
		return fail(r);
	if (old) {
		old->sa_handler = (void (*)(int))ko.handler;
		old->sa_mask = ko.mask;
		old->sa_flags = ko.flags;
	}
	return 0;
}

/* BSD's signal(): the handler stays, and interrupted calls go on. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = {.sa_handler = handler, .sa_flags = SA_RESTART}, old;

	if (sigaction(sig, &act, &old) == -1)
		return SIG_ERR;
	return old.sa_handler;
}

int siginterrupt(int sig, int flag)
{
	struct sigaction act;

	if (sigaction(sig, 0, &act) == -1)
		return -1;
	act.sa_flags = flag ? act.sa_flags & ~SA_RESTART : act.sa_flags | SA_RESTART;
	return sigaction(sig, &act, 0);
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	long r = set ? sys_sigprocmask(how, (long)*set) : sys_sigprocmask(SIG_BLOCK, 0);

	if (r < 0)
		return fail(r);
	if (old)
		*old = (sigset_t)r;
	return 0;
}

int sigpending(sigset_t *set)
{
	*set = (sigset_t)sys_sigpending();
	return 0;
}

int sigsuspend(const sigset_t *mask)
{
	return fail(sys_sigsuspend((long)*mask));
}

int pause(void)
{
	sigset_t now;

	sigprocmask(SIG_BLOCK, 0, &now);
	return sigsuspend(&now);
}

int sigaltstack(const stack_t *restrict ss, stack_t *restrict old)
{
	return fail(sys_sigaltstack((long)ss, (long)old));
}

int setitimer(int which, const struct itimerval *restrict v, struct itimerval *restrict old)
{
	_Static_assert(sizeof(struct itimerval) == sizeof(struct chappe_itimerval), "itimerval");
	return fail(sys_setitimer(which, (long)v, (long)old));
}

int getitimer(int which, struct itimerval *v)
{
	return fail(sys_getitimer(which, (long)v));
}

unsigned alarm(unsigned seconds)
{
	struct itimerval v = {{0, 0}, {(time_t)seconds, 0}}, old;

	if (setitimer(ITIMER_REAL, &v, &old) == -1)
		return 0;
	/* What was left, rounded as POSIX has it: never 0 for a live alarm. */
	return (unsigned)(old.it_value.tv_sec +
			  (old.it_value.tv_usec >= 500000 ||
			   (old.it_value.tv_sec == 0 && old.it_value.tv_usec)));
}
