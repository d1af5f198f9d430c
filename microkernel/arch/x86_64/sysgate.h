/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The two doors into the kernel from ring 3: INT 0x80 (an IDT gate with
 * DPL 3) and SYSCALL. Both build the same struct trap_frame (vector
 * VECTOR_SYSCALL) and reach the same dispatch table.
 */
#pragma once

#define VECTOR_SYSCALL 0x80
/* The error word of a frame SYSCALL built (INT 0x80's is 0). Only such a
 * caller may leave through SYSRET, which does not give back %rcx and %r11:
 * a call may park only a process that came in this way (core/sched.h). */
#define SYSGATE_FROM_SYSCALL 1

#ifndef __ASSEMBLER__
void sysgate_init(void);
#endif
