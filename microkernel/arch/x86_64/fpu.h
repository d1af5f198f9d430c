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
/* Bytes of an area: what a signal frame carries. */
uint32_t fpu_area_size(void);
/* Load area into the CPU (the current process's, after the kernel changed it). */
void fpu_load(const void *area);
/* Would XRSTOR/FXRSTOR take this image from a program without a fault:
 * MXCSR within the CPU's mask, and with XSAVE a standard-form header
 * naming only enabled components. */
int fpu_area_valid(const void *area);

/* Inline: every switch between processes runs them. XCR0 is kept as the
 * two halves XSAVE takes in EDX:EAX, and the mode every CPU with AVX has
 * is tested first. */
enum fpu_mode { FPU_FXSAVE, FPU_XSAVE, FPU_XSAVEOPT };
extern enum fpu_mode fpu_mode;
extern uint64_t fpu_xcr0;
extern uint32_t fpu_xcr0_lo, fpu_xcr0_hi;
void fpu_save_slow(void *area);
void fpu_switch_slow(void *save, const void *load);

static inline void fpu_save(void *area)
{
	if (__builtin_expect(fpu_mode == FPU_XSAVEOPT, 1))
		__asm__ volatile("xsaveopt64 (%0)" ::"r"(area), "a"(fpu_xcr0_lo), "d"(fpu_xcr0_hi)
				 : "memory");
	else
		fpu_save_slow(area);
}

/* Whether fpu_switch_xsaveopt serves a switch from save: the CPU has
 * XSAVEOPT and there is a save area. */
static inline int fpu_switch_plain(const void *save)
{
	return __builtin_expect(fpu_mode == FPU_XSAVEOPT, 1) && save;
}

/* The state into save, then from load: XSAVEOPT skips what is unchanged
 * since the last XRSTOR, and EDX:EAX is all ones for both (XSAVE takes XCR0
 * AND EDX:EAX, so every enabled component). */
static inline __attribute__((always_inline)) void fpu_switch_xsaveopt(void *save, const void *load)
{
	__asm__ volatile("xsaveopt64 (%0); xrstor64 (%1)" ::"r"(save), "r"(load), "a"(~0u), "d"(~0u)
			 : "memory");
}

/* Any switch: the state into save (when there is one: not from the idle
 * loop), then from load. */
static inline void fpu_switch(void *save, const void *load)
{
	if (__builtin_expect(fpu_mode != FPU_XSAVEOPT, 0))
		fpu_switch_slow(save, load);
	else if (save)
		fpu_switch_xsaveopt(save, load);
	else
		__asm__ volatile("xrstor64 (%0)" ::"r"(load), "a"(~0u), "d"(~0u) : "memory");
}
