/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The user address space (docs/memory.md), bottom to top: page 0 never
 * mapped, the program's image, the heap, the device window, the stack
 * just below CHAPPE_USER_TOP. The kernel, the exec server and libc all
 * place things by these values.
 */
#pragma once

/* The lower canonical half of x86-64: the kernel's half starts at the
 * other end of the hole (mm/layout.h checks it). */
#define CHAPPE_USER_TOP 0x0000800000000000ULL
#define CHAPPE_USER_BASE 0x0000000000001000ULL /* page 0 is never mapped */

/* The stack ends at CHAPPE_USER_TOP. exec maps CHAPPE_STACK_PAGES of it
 * with the image; the rest of RLIMIT_STACK (CHAPPE_STACK_DEFAULT unless
 * set, at most CHAPPE_STACK_MAX) is mapped a page at a time when touched. */
#define CHAPPE_STACK_PAGES 16
#define CHAPPE_STACK_DEFAULT (8ULL << 20)
#define CHAPPE_STACK_MAX (256ULL << 20)

/* break(2): the heap grows up from here, at most CHAPPE_HEAP_MAX bytes. */
#define CHAPPE_HEAP_BASE 0x0000010000000000ULL
#define CHAPPE_HEAP_MAX (1ULL << 30)

/* A program's loadable segments lie in [CHAPPE_IMAGE_BASE, CHAPPE_IMAGE_TOP):
 * above the never-mapped page 0 and below the heap, so no segment can be in
 * the heap's range or in the stack at the top of user space. */
#define CHAPPE_IMAGE_BASE CHAPPE_USER_BASE
#define CHAPPE_IMAGE_TOP CHAPPE_HEAP_BASE

/* mmio_map and dma_alloc (docs/device-memory.md) place each mapping at the
 * start of its own slot of the device window, far above the heap's range
 * and far below the stack at the top of user space; nothing else is ever
 * mapped there. A slot is much longer than the longest mapping, so
 * unmapped pages always follow one. */
#define CHAPPE_DEVICE_BASE 0x0000400000000000ULL
#define CHAPPE_DEVICE_SLOT (1ULL << 30)
#define CHAPPE_DEVICE_SLOTS 32
#define CHAPPE_DEVICE_TOP (CHAPPE_DEVICE_BASE + CHAPPE_DEVICE_SLOTS * CHAPPE_DEVICE_SLOT)
_Static_assert(CHAPPE_DEVICE_BASE >= CHAPPE_HEAP_BASE + CHAPPE_HEAP_MAX,
	       "device window above the heap");
_Static_assert(CHAPPE_DEVICE_TOP <= CHAPPE_USER_TOP - CHAPPE_STACK_MAX,
	       "device window below the deepest stack");

/* mmap (docs/memory.md): every mapping lies in [CHAPPE_MMAP_BASE,
 * CHAPPE_MMAP_TOP), far above the heap's range and below the device
 * window; MAP_FIXED elsewhere is refused, so no mapping ever lands on the
 * image, the heap or the stack. */
#define CHAPPE_MMAP_BASE 0x0000100000000000ULL
#define CHAPPE_MMAP_TOP 0x0000300000000000ULL
_Static_assert(CHAPPE_MMAP_BASE >= CHAPPE_HEAP_BASE + CHAPPE_HEAP_MAX, "mmap area above the heap");
_Static_assert(CHAPPE_MMAP_TOP <= CHAPPE_DEVICE_BASE, "mmap area below the device window");
