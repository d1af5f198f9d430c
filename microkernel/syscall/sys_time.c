/* SPDX-License-Identifier: BSD-2-Clause */
#include <syscall/syscall.h>

#include <abi/errno.h>
#include <abi/time.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/lapic.h>
#include <arch/x86_64/percpu.h>
#include <core/proc.h>
#include <core/sched.h>
#include <dev/rtc.h>

#define NSEC_PER_SEC 1000000000ULL

/* CLOCK_MONOTONIC counts the TSC from reset; CLOCK_REALTIME is the same
 * count from the Unix time the CMOS clock said at boot (dev/rtc.c). */
int64_t ksys_clock_gettime(struct trap_frame *tf)
{
	uint64_t hz = timer_info()->tsc_hz, t = rdtsc();
	struct chappe_timespec ts;

	if (tf->rdi != CLOCK_REALTIME && tf->rdi != CLOCK_MONOTONIC)
		return -EINVAL;
	ts.tv_sec = (int64_t)(t / hz) + (tf->rdi == CLOCK_REALTIME ? rtc_wall_offset() : 0);
	ts.tv_nsec = (int64_t)((t % hz) * NSEC_PER_SEC / hz);
	return vm_copy_out(&current_proc()->vm, tf->rsi, &ts, sizeof ts);
}

int64_t ksys_nanosleep(struct trap_frame *tf)
{
	struct proc *p = current_proc();
	struct chappe_timespec req, zero = {0, 0};
	uint64_t tick_ns = NSEC_PER_SEC / timer_info()->tick_hz;

	if (vm_copy_in(&p->vm, &req, tf->rdi, sizeof req))
		return -EFAULT;
	if (req.tv_sec < 0 || req.tv_nsec < 0 || (uint64_t)req.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (tf->rsi && !vm_range_ok(&p->vm, tf->rsi, sizeof zero, 1))
		return -EFAULT;
	uint64_t secs = (uint64_t)req.tv_sec > (1ULL << 32) ? (1ULL << 32) : (uint64_t)req.tv_sec;
	uint64_t ticks = (secs * NSEC_PER_SEC + (uint64_t)req.tv_nsec + tick_ns - 1) / tick_ns;
	uint64_t until = timer_ticks() + ticks + 1;
	if (ticks)
		sched_sleep_until(until);
	/* A signal ended it early: EINTR, and what was left (never restarted). */
	uint64_t now = timer_ticks();
	if (now < until && signal_deliverable(p)) {
		struct chappe_timespec left = {(int64_t)((until - now) * tick_ns / NSEC_PER_SEC),
					       (int64_t)((until - now) * tick_ns % NSEC_PER_SEC)};
		if (tf->rsi)
			vm_copy_out(&p->vm, tf->rsi, &left, sizeof left);
		return -EINTR;
	}
	return tf->rsi ? vm_copy_out(&p->vm, tf->rsi, &zero, sizeof zero) : 0;
}
