/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Non-local jumps (lib/libc/setjmp.S). A jmp_buf holds what the x86-64
 * System V ABI says survives a call: rbx, rbp, r12-r15, the stack pointer
 * and the return address (the floating-point control words are not put
 * back, as in glibc and musl). sigsetjmp stores its savemask argument but there is no signal
 * mask to save yet (no signal handlers, issue 18): siglongjmp is longjmp.
 */
#pragma once

typedef struct {
	unsigned long __regs[8]; /* rbx rbp r12 r13 r14 r15 rsp rip */
	unsigned long __savemask;
	unsigned long __mask;
} jmp_buf[1];
typedef jmp_buf sigjmp_buf;

int setjmp(jmp_buf env) __attribute__((returns_twice));
__attribute__((noreturn)) void longjmp(jmp_buf env, int value);
int _setjmp(jmp_buf env) __attribute__((returns_twice));
__attribute__((noreturn)) void _longjmp(jmp_buf env, int value);
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
__attribute__((noreturn)) void siglongjmp(sigjmp_buf env, int value);
