/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel virtual layout (docs/memory.md draws it). The direct map and the
 * image base are shared with the loader in <abi/bootinfo.h>.
 */
#pragma once

#include <abi/bootinfo.h>
#include <abi/layout.h>

#define KERNEL_MMIO_BASE 0xffffc00000000000ULL /* device windows, uncached or WC */
#define KERNEL_MMIO_SIZE (1ULL << 39)
#define KERNEL_STACK_BASE 0xffffd00000000000ULL /* guard page + stack, per slot */
#define KERNEL_STACK_PAGES 4			/* 16 KiB of stack */
#define KERNEL_STACK_SLOT ((KERNEL_STACK_PAGES + 1) * 4096ULL)
#define KERNEL_STACK_SLOTS 4096
#define KERNEL_HALF_START 0xffff800000000000ULL
#define PML4_KERNEL_FIRST 256

/* User space is the PML4's lower half: every user entry sits below the
 * first kernel one, and the two halves are the two ends of the hole. */
_Static_assert(CHAPPE_USER_TOP == (uint64_t)PML4_KERNEL_FIRST << 39,
	       "user space is the lower half");
_Static_assert(CHAPPE_USER_TOP + KERNEL_HALF_START == 0, "user top mirrors the kernel half");

extern char __kernel_start[], __text_start[], __text_end[], __rodata_start[], __rodata_end[],
    __data_start[], __bss_end[], __kernel_end[];
