/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Signals (docs/signals.md). The kernel keeps each process's dispositions,
 * mask and pending set and runs handlers on a frame it builds; these are
 * POSIX's names over it, with OpenBSD's numbers and flags (abi/signal.h).
 */
#pragma once

#include <abi/signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef int sig_atomic_t;
typedef unsigned long sigset_t;
typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t)CHAPPE_SIG_DFL)
#define SIG_IGN ((sighandler_t)CHAPPE_SIG_IGN)
#define SIG_ERR ((sighandler_t)-1)

union sigval {
	int sival_int;
	void *sival_ptr;
};

/* struct chappe_siginfo with POSIX's types. */
typedef struct {
	int si_signo, si_code, si_errno;
	pid_t si_pid;
	int si_uid;
	int si_status;
	void *si_addr;
	union sigval si_value;
	int si_trapno;
	int __pad;
	unsigned char __reserved[80];
} siginfo_t;

typedef struct {
	void *ss_sp;
	size_t ss_size;
	int ss_flags;
} stack_t;

typedef struct chappe_mcontext mcontext_t;
typedef struct {
	unsigned long uc_flags;
	void *uc_link;
	stack_t uc_stack;
	sigset_t uc_sigmask;
	mcontext_t uc_mcontext;
} ucontext_t;

_Static_assert(sizeof(siginfo_t) == sizeof(struct chappe_siginfo), "siginfo_t");
_Static_assert(offsetof(siginfo_t, si_addr) == offsetof(struct chappe_siginfo, si_addr), "si_addr");
_Static_assert(sizeof(stack_t) == sizeof(struct chappe_sigstack), "stack_t");
_Static_assert(offsetof(ucontext_t, uc_mcontext) == offsetof(struct chappe_ucontext, uc_mcontext),
	       "ucontext_t");

struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
};

int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int raise(int sig);
sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigaltstack(const stack_t *restrict ss, stack_t *restrict old);
int siginterrupt(int sig, int flag);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
void psignal(int sig, const char *s);
