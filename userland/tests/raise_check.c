/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * C's signals (lib/libc/signal.c over the kernel's): raise runs the
 * handler that signal or sigaction set before it returns, a blocked
 * signal waits for sigprocmask, and a default action ends the process
 * with the signal.
 */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

#include "check.h"

static volatile sig_atomic_t hits, last, nested;

static void count(int sig)
{
	hits++;
	last = sig;
}

/* While it runs its own signal is blocked (no SA_NODEFER): raising it
 * again only marks it pending, delivered when the handler returns. */
static void reenter(int sig)
{
	if (nested++ == 0)
		raise(sig);
	hits++;
}

static void check_handlers(void)
{
	EXPECT("signal's first answer is SIG_DFL", signal(SIGUSR1, count) == SIG_DFL, 1);
	EXPECT("raise(SIGUSR1) ran the handler",
	       raise(SIGUSR1) == 0 && hits == 1 && last == SIGUSR1, 1);
	EXPECT("signal gives back the handler it replaces", signal(SIGUSR1, SIG_IGN) == count, 1);
	EXPECT("an ignored signal does nothing", raise(SIGUSR1) == 0 && hits == 1, 1);
	EXPECT("signal(SIGKILL) is refused", signal(SIGKILL, count) == SIG_ERR && errno == EINVAL,
	       1);
	EXPECT("raise(0) is EINVAL", raise(0) == -1 && errno == EINVAL, 1);
	EXPECT("raise(NSIG) is EINVAL", raise(NSIG) == -1 && errno == EINVAL, 1);
}

static void check_mask(void)
{
	sigset_t set, was;

	hits = 0;
	signal(SIGUSR2, count);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, &was);
	raise(SIGUSR2);
	sigpending(&was);
	EXPECT("a blocked signal waits, pending", hits == 0 && sigismember(&was, SIGUSR2) == 1, 1);
	sigprocmask(SIG_UNBLOCK, &set, 0);
	EXPECT("unblocking delivers it once", hits, 1);
	struct sigaction act = {.sa_handler = reenter}, old;
	hits = 0;
	sigaction(SIGUSR2, &act, &old);
	EXPECT("sigaction gives back the old handler", old.sa_handler == count, 1);
	raise(SIGUSR2);
	EXPECT("raised inside its own handler: run after it, not inside", hits == 2 && nested == 2,
	       1);
}

/* A child raises sig with its default action; the parent sees how it ended. */
static int raised_status(int sig)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		raise(sig);
		_exit(0); /* only ignored-by-default signals get here */
	}
	waitpid(pid, &status, 0);
	return status;
}

static void check_defaults(void)
{
	signal(SIGUSR1, SIG_DFL);
	int st = raised_status(SIGTERM);

	EXPECT("raise(SIGTERM) by default ends the process with SIGTERM",
	       WIFSIGNALED(st) ? WTERMSIG(st) : -1, SIGTERM);
	EXPECT("raise(SIGCHLD) by default is ignored", raised_status(SIGCHLD), 0);
	st = raised_status(SIGUSR1);
	EXPECT("raise(SIGUSR1) by default ends it with SIGUSR1",
	       WIFSIGNALED(st) ? WTERMSIG(st) : -1, SIGUSR1);
}

int main(void)
{
	check_start("raise_check");
	check_handlers();
	check_mask();
	check_defaults();
	return check_finish();
}
