/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <stdint.h>

/* Work done on every timer interrupt: scheduling, sleepers, the console's
 * drain deadline. No device is polled here. */
void kernel_tick(void);
/* The TSC when the latest tick came (kstat's tick_tsc). */
uint64_t tick_last_tsc(void);
