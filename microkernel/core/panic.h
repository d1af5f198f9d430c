/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <stdint.h>

/*
 * One recognisable line, `PANIC: <reason>`, then details. In test mode QEMU
 * exits with the failure code; otherwise the CPU halts with the report on
 * screen and serial.
 */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

/* The end of every panic: backtrace already printed, now stop. */
__attribute__((noreturn)) void panic_stop(void);

void backtrace_print(uint64_t rbp);
