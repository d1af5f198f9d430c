/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * FPU, SSE and AVX state per process, saved and restored eagerly at every
 * switch (XSAVE where CPUID offers it, FXSAVE otherwise). The kernel itself
 * never touches these registers (-mgeneral-regs-only), so a process's state
 * stays live in the CPU while it is in the kernel.
 */
#pragma once

#include <stdint.h>

/* Take the FPU from the firmware: CR0/CR4/XCR0 set from scratch. */
void fpu_init(void);
/* "XSAVE 2688 bytes (x87 SSE AVX ...)": for the boot line. */
const char *fpu_describe(void);

/* A state area (one frame, direct-mapped) in the initial state, or 0. */
void *fpu_area_new(void);
void fpu_area_copy(void *to, const void *from);
void fpu_area_reset(void *area);
void fpu_area_free(void *area);

void fpu_save(void *area);
void fpu_restore(const void *area);
