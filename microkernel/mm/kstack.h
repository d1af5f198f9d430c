/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel stacks live in their own region, one slot each: an unmapped guard
 * page, then KERNEL_STACK_PAGES of stack. Running off the bottom faults on
 * the guard instead of corrupting whatever lies below.
 */
#pragma once

#include <stdint.h>

struct kstack {
	uint64_t guard; /* address of the unmapped guard page */
	uint64_t top;	/* initial stack pointer (exclusive end) */
};

/* 0 on success; -1 when slots or frames ran out. */
int kstack_alloc(struct kstack *out);
void kstack_free(const struct kstack *ks);

/* Visit every live stack, e.g. to check its guard. */
void kstack_for_each(void (*fn)(const struct kstack *ks, void *ctx), void *ctx);

/* The stack whose guard page contains va, or 0. */
int kstack_guard_hit(uint64_t va, struct kstack *out);

/* Run fn(arg) on a fresh stack; the current one is abandoned. */
__attribute__((noreturn)) void stack_switch_call(uint64_t top, void (*fn)(void *), void *arg);
