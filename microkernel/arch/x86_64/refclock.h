/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A clock of known frequency to calibrate the LAPIC timer and the TSC
 * against: the ACPI PM timer when the FADT names one, else PIT channel 2.
 */
#pragma once

#include <stdint.h>

void refclock_init(void);
const char *refclock_name(void);
/* Busy-wait `us` microseconds (at most 50000) by the reference clock. */
void refclock_delay_us(uint32_t us);
