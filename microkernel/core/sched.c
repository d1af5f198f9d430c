/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/sched.h>

#include <arch/x86_64/cpu.h>
#include <arch/x86_64/fpu.h>
#include <arch/x86_64/gdt.h>
#include <arch/x86_64/lapic.h>
#include <arch/x86_64/ioport.h>
#include <arch/x86_64/percpu.h>
#include <arch/x86_64/sysgate.h>
#include <arch/x86_64/trapframe.h>
#include <core/proc.h>
#include <mm/kvm.h>

/* entry.S */
void switch_context(uint64_t *save, uint64_t next_rsp);
__attribute__((noreturn)) void switch_park(uint64_t *save, uint64_t next_rsp, struct trap_frame *tf,
					   int64_t next_result);

static struct proc *run_head, *run_tail;
static struct proc idle_proc = {.name = "idle", .state = PROC_STATE_RUNNING};
struct proc *sched_reap_list;
#define reap_list sched_reap_list
struct proc *sched_pending_handoff;
#define handoff sched_pending_handoff
static int slice_left;
int sched_need_resched;
#define need_resched sched_need_resched

void sched_init(void)
{
	percpu0.current = &idle_proc;
}

static void runq_push(struct proc *p)
{
	p->run_next = 0;
	if (run_tail)
		run_tail->run_next = p;
	else
		run_head = p;
	run_tail = p;
}

static struct proc *runq_pop(void)
{
	struct proc *p = run_head;

	if (p) {
		run_head = p->run_next;
		if (!run_head)
			run_tail = 0;
	}
	return p;
}

/* Free what dead processes left behind, never the stack we stand on. */
void sched_reap_slow(void)
{
	struct proc **pp = &reap_list;

	while (*pp) {
		struct proc *p = *pp;
		if (p == current_proc()) {
			pp = &p->run_next;
			continue;
		}
		*pp = p->run_next;
		kstack_free(&p->kstack);
		proc_stack_released(p);
	}
}

void sched_reap_later(struct proc *p)
{
	p->run_next = reap_list;
	reap_list = p;
}

/* The exit path's one test (percpu.h) follows handoff and need_resched. */
static void note_work(void)
{
	percpu0.exit_work.by.sched = handoff || need_resched;
}

static void new_slice(void)
{
	slice_left = SCHED_SLICE_TICKS;
	need_resched = 0;
	note_work();
}

/* What a switch to a process (never idle) changes in the CPU but the FPU
 * and the kernel stack. */
static inline __attribute__((always_inline)) void enter_process(struct proc *next)
{
	percpu0.current = next;
	percpu0.kernel_rsp = next->kstack.top;
	gdt_set_kernel_stack(next->kstack.top);
}

/* Everything a switch changes but the kernel stack. */
static inline __attribute__((always_inline)) void switch_prepare(struct proc *prev,
								 struct proc *next)
{
	if (next == &idle_proc) {
		percpu0.current = next;
		if (prev->fpu)
			fpu_save(prev->fpu);
		return;
	}
	enter_process(next);
	if (read_cr3() != next->vm.root)
		write_cr3(next->vm.root);
	fpu_switch(prev->fpu, next->fpu);
	ioport_switch(next);
}

static inline __attribute__((always_inline)) void switch_to(struct proc *next)
{
	struct proc *prev = current_proc();

	if (next == prev)
		return;
	switch_prepare(prev, next);
	switch_context(&prev->ksp, next->ksp);
	sched_reap_now();
}

/* A hand-off runs on the slice the client started: a client and its
 * server together get one slice, so a loop of calls cannot starve the
 * run queue (the time a message chain takes is charged to it). */
static void schedule(void)
{
	struct proc *next = handoff;

	handoff = 0;
	note_work();
	if (!next) {
		next = runq_pop();
		new_slice();
	}
	switch_to(next ? next : &idle_proc);
}

void sched_exit_current(void)
{
	schedule();
	__builtin_trap(); /* a dead process is never switched back to */
}

void sched_make_runnable(struct proc *p)
{
	p->state = PROC_STATE_RUNNING;
	p->wait = WAIT_NONE;
	runq_push(p);
}

void sched_handoff(struct proc *p)
{
	if (handoff)
		runq_push(handoff);
	p->state = PROC_STATE_RUNNING;
	p->wait = WAIT_NONE;
	handoff = p;
	note_work();
}

void sched_yield(void)
{
	struct proc *p = current_proc();

	if (p != &idle_proc && p->state == PROC_STATE_RUNNING)
		runq_push(p);
	schedule();
}

void sched_block(int wait)
{
	struct proc *p = current_proc();

	p->state = PROC_STATE_SLEEPING;
	p->wait = (enum proc_wait)wait;
	schedule();
}

/* A handoff the current process did not take after all: it waits its turn. */
static void queue_handoff(void)
{
	runq_push(handoff);
	handoff = 0;
	note_work();
}

/* p sleeps (wait), next is about to run in its place. */
static inline __attribute__((always_inline)) void trade_places(struct proc *p, struct proc *next,
							       int wait)
{
	if (handoff) /* not ours to drop: it runs in its turn */
		queue_handoff();
	p->state = PROC_STATE_SLEEPING;
	p->wait = (enum proc_wait)wait;
	next->state = PROC_STATE_RUNNING;
	next->wait = WAIT_NONE;
}

void sched_block_for(struct proc *next, int wait)
{
	trade_places(current_proc(), next, wait);
	switch_to(next);
}

/* A park whose switch may call out (ports to open or close, an FPU
 * without XSAVEOPT): apart, so the common one saves no registers. */
static __attribute__((noinline, noreturn)) void park_slow(struct proc *p, struct proc *next)
{
	switch_prepare(p, next);
	switch_park(&p->ksp, next->ksp, p->tf, next->result);
}

void sched_park_for(struct proc *next, int wait)
{
	struct proc *p = current_proc();

	trade_places(p, next, wait);
	if (ioport_switch_needed(next) || !fpu_switch_plain(p->fpu))
		park_slow(p, next);
	enter_process(next);
	write_cr3(next->vm.root); /* not p's: a parked call's server or client is another process */
	fpu_switch_xsaveopt(p->fpu, next->fpu);
	switch_park(&p->ksp, next->ksp, p->tf, next->result);
}

void sched_rewait(struct proc *p, int wait)
{
	p->wait = (enum proc_wait)wait;
}

void sched_sleep_until(uint64_t tick)
{
	current_proc()->wake_tick = tick;
	sched_block(WAIT_TIMER);
}

void sched_tick(uint64_t now)
{
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = proc_slot(i);
		if (p->state == PROC_STATE_SLEEPING && p->wait == WAIT_TIMER && p->wake_tick <= now)
			sched_make_runnable(p);
	}
	if (--slice_left <= 0)
		need_resched = 1;
	note_work();
}

void sched_preempt_slow(void)
{
	if (handoff) /* we did not block after all */
		queue_handoff();
	if (need_resched && run_head)
		sched_yield();
	else if (need_resched)
		new_slice(); /* nobody else wants the CPU: go on */
}

/* Before halting, spin this long with interrupts on: a wait for a device
 * (a disk's answer, most of all) is often over sooner than a halted CPU
 * wakes, and in a virtual machine a halt is an exit to the host and back
 * (Linux's haltpoll polls 200 us as well). It costs the spin, never a
 * late wake: an interrupt is taken at once. */
#define IDLE_POLL_US 200

static int work_waiting(void)
{
	return __atomic_load_n(&run_head, __ATOMIC_RELAXED) ||
	       __atomic_load_n(&handoff, __ATOMIC_RELAXED);
}

static void idle_poll(void)
{
	static uint64_t cycles;
	uint64_t until;

	if (!cycles)
		cycles = timer_info()->tsc_hz / 1000000 * IDLE_POLL_US;
	until = rdtsc() + cycles;
	__asm__ volatile("sti");
	while (!work_waiting() && rdtsc() < until)
		__asm__ volatile("pause");
	__asm__ volatile("cli");
}

void sched_idle(void)
{
	for (;;) {
		sched_reap_now();
		if (!work_waiting())
			idle_poll();
		if (work_waiting()) {
			schedule();
			continue;
		}
		/* sti; hlt back to back: no interrupt slips in between. */
		__asm__ volatile("sti; hlt; cli");
	}
}
