/* SPDX-License-Identifier: BSD-2-Clause */
/* The device-memory test driver's protocol (integ_io_ports, integ_mmio_dma).
 * Copies start as boot servers; the first to register takes A, the next B.
 * Each opcode does one thing in the driver and answers what it got. */
#pragma once

#include <stdint.h>

/* inb and outb: in ring 3 they fault unless io_ports opened the port. */
#include <libserver/driver.h>

#define DEVMEM_DRIVER_A 0x3b
#define DEVMEM_DRIVER_B 0x3a
#define DEVMEM_OP_CLAIM 0     /* dev_claim of the platform device named by arg0 (8 bytes) */
#define DEVMEM_OP_IO_PORTS 1  /* io_ports(arg0, arg1) */
#define DEVMEM_OP_SCRATCH 2   /* outb(arg0) to COM1's scratch register, then its inb */
#define DEVMEM_OP_INB 3	      /* inb(arg0): the driver dies if the port is not open */
#define DEVMEM_OP_CHILD_INB 4 /* a forked child does inb(arg0); the child's wait status */
#define DEVMEM_OP_MMIO_MAP 5  /* mmio_map(arg0, arg1, arg2) */
#define DEVMEM_OP_PATTERN 6   /* write a pattern over [arg0, +arg1), read it back: mismatches */
#define DEVMEM_OP_READ32 7    /* the 32-bit word at arg0 */
#define DEVMEM_OP_DMA_ALLOC 8 /* dma_alloc(arg0, &phys); arg1 != 0: pass arg1 as the pointer */
#define DEVMEM_OP_LAST_PHYS 9 /* the physical address the last dma_alloc wrote */
#define DEVMEM_OP_NONZERO 10  /* how many bytes of [arg0, +arg1) are not zero */
#define DEVMEM_OP_DMA_FREE 11 /* dma_free(arg0) */
#define DEVMEM_OP_EXIT 12     /* exit(0): the call gets -EIO */
#define DEVMEM_OP_CHILD_READ                                                                       \
	13			/* a forked child reads the word at arg0; the child's wait status  \
				 */
#define DEVMEM_OP_KSTAT_INTO 14 /* kstat(arg0): the kernel writes there */
#define DEVMEM_OP_MAP_SWEEP                                                                        \
	15 /* mmio_map(a, 4096, 0) for a in [arg0, arg1) step arg2: how many -EPERM */
/* execve this program again; the new image writes arg0 to COM1's scratch
 * register without a new io_ports and answers what it reads back. */
#define DEVMEM_OP_EXEC 16
#define DEVMEM_OP_COUNT 17

/* COM1's scratch register: no side effect on the UART. */
#define COM1_SCRATCH 0x3ff
