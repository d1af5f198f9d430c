/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Non-local jumps (lib/libc/setjmp.S). A jmp_buf holds what the x86-64
 * System V ABI says survives a call: rbx, rbp, r12-r15, the stack pointer
 * and the return address (the floating-point control words are not put
 * back, as in glibc and musl). sigsetjmp with a non-zero savemask also keeps
 * the signal mask, which siglongjmp puts back: the way out of a handler.
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
