/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/setjmp.S on the host: every callee-saved register and the
 * stack pointer come back from a longjmp out of nested frames that had
 * changed them all (setjmp_regs.S); the value passed (0 becoming 1);
 * volatile locals; jumps from deep recursion; one jmp_buf reused many
 * times without the stack growing; _setjmp/_longjmp and sigsetjmp (which
 * stores savemask) with siglongjmp.
 */
#include "libc_names.h"
#include "../../lib/libc/include/setjmp.h"
#define LIBC_NAMES_UNDO
#include "libc_names.h"

#include <stdint.h>

#include "check.h"

int regs_after_longjmp(void (*jump)(jmp_buf));

static int depth_reached;

/* Frames that hold every callee-saved register with other values. */
static void __attribute__((noinline)) dive(jmp_buf env, int depth, int value)
{
	volatile char frame[64];

	if (depth < 0)
		return;
	frame[0] = (char)depth;
	if (depth == 0) {
		depth_reached = frame[0] + 1;
		__asm__ volatile("mov $1, %%ebx; mov $2, %%r12d; mov $3, %%r13d; mov $4, %%r14d;"
				 "mov $5, %%r15d"
				 :
				 :
				 : "rbx", "r12", "r13", "r14", "r15");
		chappe_longjmp(env, value);
	}
	dive(env, depth - 1, value);
	frame[1] = 0; /* not a tail call */
}

static void jump_from_deep(jmp_buf env)
{
	dive(env, 50, 7);
}

static void registers(void)
{
	int r = regs_after_longjmp(jump_from_deep);

	CHECK((r & 0xff) == 0);
	CHECK(r >> 8 == 7);
	CHECK(depth_reached == 1);
}

static void values(void)
{
	jmp_buf env;
	volatile int calls = 0, kept = 0;

	int v = chappe_setjmp(env);
	calls++;
	if (calls == 1) {
		kept = 42;
		chappe_longjmp(env, 0); /* comes back as 1: setjmp never returns 0 twice */
	}
	CHECK(calls == 2 && v == 1 && kept == 42);
	calls = 0;
	v = chappe_underscore_setjmp(env);
	if (++calls < 4)
		chappe_underscore_longjmp(env, -5);
	CHECK(calls == 4 && v == -5);
}

static void deep_and_often(void)
{
	jmp_buf env;
	volatile int n = 0;
	volatile uintptr_t first_local = 0;
	volatile int marker;

	if (chappe_setjmp(env) < 1000) {
		if (!first_local)
			first_local = (uintptr_t)&marker;
		CHECK(first_local == (uintptr_t)&marker);
		n++;
		dive(env, n % 100, n);
	}
	CHECK(n == 1000 && first_local == (uintptr_t)&marker);
}

static void sig_variants(void)
{
	sigjmp_buf env;
	volatile int calls = 0;

	int v = chappe_sigsetjmp(env, 1);
	CHECK(env[0].__savemask == 1);
	if (++calls == 1)
		chappe_siglongjmp(env, 3);
	CHECK(calls == 2 && v == 3);
	calls = 0;
	v = chappe_sigsetjmp(env, 0);
	CHECK(env[0].__savemask == 0);
	if (++calls == 1)
		chappe_siglongjmp(env, 9);
	CHECK(calls == 2 && v == 9);
}

int main(void)
{
	registers();
	values();
	deep_and_often();
	sig_variants();
	return check_summary("unit_libc_setjmp");
}
