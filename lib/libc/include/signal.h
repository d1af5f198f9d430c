/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Signals. The kernel delivers no handlers yet (issue 18): kill(2) takes 0
 * (may I?) and the signals whose default action is to terminate. What C
 * itself asks of a program is here and in-process: signal() and sigaction()
 * record a disposition, raise() runs the handler at once (or holds the
 * signal while sigprocmask blocks it), and a default action ends the
 * process as the signal would. docs/libc.md.
 */
#pragma once

#include <abi/signal.h>
#include <unistd.h>

typedef int sig_atomic_t;
typedef unsigned long sigset_t;
typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

#define SIG_BLOCK 1
#define SIG_UNBLOCK 2
#define SIG_SETMASK 3

#define SA_ONSTACK 0x0001
#define SA_RESTART 0x0002
#define SA_RESETHAND 0x0004
#define SA_NODEFER 0x0010
#define SA_NOCLDWAIT 0x0020
#define SA_NOCLDSTOP 0x0008
#define SA_SIGINFO 0x0040

typedef struct {
	int si_signo, si_code, si_errno;
	pid_t si_pid;
} siginfo_t;

struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
};

int kill(pid_t pid, int sig);
int raise(int sig);
sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigpending(sigset_t *set);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
