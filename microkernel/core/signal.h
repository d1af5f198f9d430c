/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Signals (docs/signals.md): each process's dispositions, mask and pending
 * set; delivery on the way back to ring 3, on a frame the handler returns
 * from through sigreturn; stop and continue; the real-time alarm.
 */
#pragma once

#include <stdint.h>

#include <abi/signal.h>

struct proc;
struct trap_frame;

/* What a pending signal's siginfo will say. */
struct sig_origin {
	int32_t code, pid, status, trapno;
	uint64_t addr;
};

struct sig_state {
	uint64_t pending, blocked;
	uint64_t suspend_mask; /* sigsuspend's caller's mask: the handler's frame restores it */
	uint8_t suspended;     /* suspend_mask is set */
	uint8_t work;	       /* counted in signal.c's work_procs */
	uint8_t full_return;   /* sigreturn: leave through IRET, every register */
	uint8_t stopped;       /* stopped by a signal until SIGCONT */
	int32_t report;	       /* for the parent's wait: a stop signal, SIG_REPORT_CONT, or 0 */
	struct chappe_sigaction act[NSIG];
	struct sig_origin origin[NSIG];
	struct chappe_sigstack alt;
	uint64_t alarm_tick, alarm_interval; /* ITIMER_REAL in ticks (0: off) */
};

#define SIG_REPORT_CONT (-1)

/* Queue sig for p (kernel-made: SIGCHLD, a fault, the alarm; or kill(2)
 * after its permission check). A signal that ends p by default ends it as
 * kill always did; one it catches or that stops it interrupts what it
 * sleeps in. */
void signal_post(struct proc *p, int sig, const struct sig_origin *o);
/* A fault in ring 3: 1 if a handler will take it (the fault is posted),
 * 0 if the process must die of it. */
int signal_fault(struct proc *p, int sig, int code, uint64_t addr, int trapno);
/* The way back to ring 3 of the current process: tf its user frame, nr the
 * system call it returns from (-1: an interrupt or a fault). Runs
 * default actions, builds one handler's frame, turns -ERESTART into a
 * restart or -EINTR. */
void signal_deliver(struct trap_frame *tf, int64_t nr);
/* A signal p would take now (sleeps end early for it). */
int signal_deliverable(const struct proc *p);

void signal_fork(struct proc *child, const struct proc *parent);
void signal_exec(struct proc *p);
void signal_proc_exit(struct proc *p);
/* Wait status of a stopped or continued child wait4 may report (options
 * WUNTRACED, WCONTINUED), taken; 0 if none. */
int signal_take_report(struct proc *c, int options);
/* The child c ended with wait status: SIGCHLD for its parent. */
void signal_child_exited(struct proc *c, int status);
void signal_tick(uint64_t now);

/* proc_info's three sets. */
uint64_t signal_ignored_set(const struct proc *p);
uint64_t signal_caught_set(const struct proc *p);

/* The calls, for syscall/sys_signal.c: 0 or -errno. */
int64_t signal_action(int sig, uint64_t act_user, uint64_t old_user);
int64_t signal_mask(int how, uint64_t set, uint64_t old_user);
int64_t signal_suspend(uint64_t mask);
int64_t signal_return(struct trap_frame *tf, uint64_t uc_user);
int64_t signal_altstack(uint64_t ss_user, uint64_t old_user);
int64_t signal_setitimer(int which, uint64_t new_user, uint64_t old_user);
int64_t signal_getitimer(int which, uint64_t out_user);
