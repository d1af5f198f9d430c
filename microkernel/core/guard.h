/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guard rails, checked at every boot: no USER bit anywhere in the kernel
 * half, no page both writable and executable, every kernel stack's guard
 * page unmapped. A violation panics the boot.
 */
#pragma once

#include <stdint.h>

struct guard_report {
	uint64_t kernel_pml4_entries;
	uint64_t kernel_user_entries; /* kernel-half entries with the USER bit (any level) */
	uint64_t leaves;
	uint64_t wx_pages; /* in 4 KiB units */
	uint64_t stacks;
	uint64_t guards_mapped;
};

void guard_check(uint64_t root, struct guard_report *r);
int guard_report_clean(const struct guard_report *r);
/* Check the live tables, print the result, panic on any violation. */
void guard_enforce(void);
