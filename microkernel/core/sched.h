/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Round-robin scheduling on one CPU. The kernel itself is never preempted
 * (it runs with interrupts off outside the idle loop); a process is
 * preempted when its slice of timer ticks ends and it is about to return to
 * ring 3.
 */
#pragma once

#include <stdint.h>

struct proc;

#define SCHED_SLICE_TICKS 2

void sched_init(void);
void sched_make_runnable(struct proc *p);
/* Make p runnable and, if the current process blocks before returning to
 * user mode, run p next without a trip through the run queue (a server
 * answering a client, a client handing its message to a server). */
void sched_handoff(struct proc *p);
/* Give up the CPU; the current process stays runnable. */
void sched_yield(void);
/* Sleep until someone makes us runnable; wait says why. */
void sched_block(int wait);
/* The current process sleeps (wait) and next, asleep too, runs now on the
 * same slice: a call handed straight to a waiting server, an answer
 * straight to its client (bc.c's fast paths). */
void sched_block_for(struct proc *next, int wait);
/* sched_block_for for a process whose call has nothing left to do in the
 * kernel but return bc_call_resumed (bc.h): it leaves its kernel stack
 * (all but the trap frame) for good and resumes at entry.S's
 * syscall_resume, with no C frames to unwind. When next was parked so too,
 * it leaves at once with next->result, and bc_call_resumed's other step
 * (calling SYS_ID_NONE) must have been taken for it. */
__attribute__((noreturn)) void sched_park_for(struct proc *next, int wait);
/* p, asleep, now sleeps for another reason (a queued caller whose message
 * a server took waits for the answer); it stays asleep. */
void sched_rewait(struct proc *p, int wait);
/* Timer: count down the slice, wake sleepers whose tick has come. */
void sched_tick(uint64_t now);
void sched_sleep_until(uint64_t tick);
/* On the way back to ring 3: queue a handoff we did not take and switch
 * if the slice ran out. Inline: every syscall passes here. */
extern struct proc *sched_pending_handoff;
extern int sched_need_resched;
void sched_preempt_slow(void);

static inline void sched_preempt_point(void)
{
	if (sched_pending_handoff || sched_need_resched)
		sched_preempt_slow();
}
/* Leave a process that has ended for good. */
__attribute__((noreturn)) void sched_exit_current(void);
/* The boot CPU becomes the idle loop; never returns. */
__attribute__((noreturn)) void sched_idle(void);
/* A process that exited: free its kernel stack once we are off it. */
void sched_reap_later(struct proc *p);
extern struct proc *sched_reap_list;
void sched_reap_slow(void);

static inline void sched_reap_now(void)
{
	if (sched_reap_list)
		sched_reap_slow();
}
