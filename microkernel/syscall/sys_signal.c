/* SPDX-License-Identifier: BSD-2-Clause */
/* Signals, process groups and sessions: the calls (core/signal.c and
 * core/session.c do the work). */
#include <syscall/syscall.h>

#include <arch/x86_64/percpu.h>
#include <core/proc.h>
#include <core/session.h>
#include <core/signal.h>

/* sigaction(sig, act, old): struct chappe_sigaction */
int64_t ksys_sigaction(struct trap_frame *tf)
{
	return signal_action((int)tf->rdi, tf->rsi, tf->rdx);
}

/* sigprocmask(how, set): the old mask */
int64_t ksys_sigprocmask(struct trap_frame *tf)
{
	return signal_mask((int)tf->rdi, tf->rsi, 0);
}

/* sigpending(): the set */
int64_t ksys_sigpending(struct trap_frame *tf)
{
	(void)tf;
	return (int64_t)current_proc()->sig.pending;
}

/* sigsuspend(mask): -EINTR once a handler has run */
int64_t ksys_sigsuspend(struct trap_frame *tf)
{
	return signal_suspend(tf->rdi);
}

/* sigreturn(uc): the registers of uc, or the process dies */
int64_t ksys_sigreturn(struct trap_frame *tf)
{
	return signal_return(tf, tf->rdi);
}

int64_t ksys_sigaltstack(struct trap_frame *tf)
{
	return signal_altstack(tf->rdi, tf->rsi);
}

int64_t ksys_setitimer(struct trap_frame *tf)
{
	return signal_setitimer((int)tf->rdi, tf->rsi, tf->rdx);
}

int64_t ksys_getitimer(struct trap_frame *tf)
{
	return signal_getitimer((int)tf->rdi, tf->rsi);
}

int64_t ksys_getpgrp(struct trap_frame *tf)
{
	(void)tf;
	return current_proc()->pgid;
}

int64_t ksys_getpgid(struct trap_frame *tf)
{
	return session_getpgid((int)tf->rdi);
}

int64_t ksys_setpgid(struct trap_frame *tf)
{
	return session_setpgid((int)tf->rdi, (int)tf->rsi);
}

int64_t ksys_setsid(struct trap_frame *tf)
{
	(void)tf;
	return session_setsid();
}

int64_t ksys_getsid(struct trap_frame *tf)
{
	return session_getsid((int)tf->rdi);
}
