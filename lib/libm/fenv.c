/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * <fenv.h> on x86-64. Two units keep exception flags and a rounding mode:
 * SSE's MXCSR (double and float arithmetic) and the x87 status and control
 * words (long double, and libm's kernels). Setting acts on both; testing
 * reports the union of the two.
 */
#include "libm.h"

#define MXCSR_ROUND_SHIFT 3
#define X87_ROUND_MASK 0xc00

const fenv_t __fe_dfl_env = {.control_word = 0x37f, .tags = 0xffff, .mxcsr = 0x1f80};

static unsigned int get_mxcsr(void)
{
	unsigned int m;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return m;
}

static void set_mxcsr(unsigned int m)
{
	__asm__ volatile("ldmxcsr %0" : : "m"(m));
}

static unsigned short get_x87_status(void)
{
	unsigned short s;
	__asm__ volatile("fnstsw %0" : "=m"(s));
	return s;
}

static unsigned short get_x87_control(void)
{
	unsigned short c;
	__asm__ volatile("fnstcw %0" : "=m"(c));
	return c;
}

static void set_x87_control(unsigned short c)
{
	__asm__ volatile("fldcw %0" : : "m"(c));
}

int feclearexcept(int excepts)
{
	fenv_t env;

	excepts &= FE_ALL_EXCEPT;
	__asm__ volatile("fnstenv %0" : "=m"(env));
	env.status_word &= (unsigned short)~excepts;
	__asm__ volatile("fldenv %0" : : "m"(env));
	set_mxcsr(get_mxcsr() & ~(unsigned int)excepts);
	return 0;
}

/* Raised in the SSE unit: MXCSR's flags are sticky like the x87's, and an
 * unmasked exception traps at once, as C wants of feraiseexcept. */
int feraiseexcept(int excepts)
{
	excepts &= FE_ALL_EXCEPT;
	set_mxcsr(get_mxcsr() | (unsigned int)excepts);
	/* A trap, if unmasked, comes with the next SSE instruction. */
	volatile double sync = 0.0;
	(void)(sync + 0.0);
	return 0;
}

int fetestexcept(int excepts)
{
	return (int)((get_mxcsr() | get_x87_status()) & (unsigned int)excepts & FE_ALL_EXCEPT);
}

int fegetexceptflag(fexcept_t *flagp, int excepts)
{
	*flagp = (fexcept_t)fetestexcept(excepts);
	return 0;
}

int fesetexceptflag(const fexcept_t *flagp, int excepts)
{
	excepts &= FE_ALL_EXCEPT;
	feclearexcept(excepts);
	set_mxcsr(get_mxcsr() | (*flagp & (unsigned int)excepts));
	return 0;
}

int fegetround(void)
{
	return get_x87_control() & X87_ROUND_MASK;
}

int fesetround(int round)
{
	if (round & ~X87_ROUND_MASK)
		return -1;
	set_x87_control((unsigned short)((get_x87_control() & ~X87_ROUND_MASK) | round));
	set_mxcsr((get_mxcsr() & ~(X87_ROUND_MASK << MXCSR_ROUND_SHIFT)) |
		  ((unsigned int)round << MXCSR_ROUND_SHIFT));
	return 0;
}

int fegetenv(fenv_t *envp)
{
	__asm__ volatile("fnstenv %0" : "=m"(*envp));
	/* fnstenv masks every x87 exception; put the control word back. */
	set_x87_control(envp->control_word);
	envp->mxcsr = get_mxcsr();
	return 0;
}

int fesetenv(const fenv_t *envp)
{
	fenv_t env;

	/* Keep the x87 instruction pointers the unit has now. */
	__asm__ volatile("fnstenv %0" : "=m"(env));
	env.control_word = envp->control_word;
	env.status_word = (unsigned short)((env.status_word & ~FE_ALL_EXCEPT) |
					   (envp->status_word & FE_ALL_EXCEPT));
	__asm__ volatile("fldenv %0" : : "m"(env));
	set_mxcsr(envp->mxcsr);
	return 0;
}

/* Save the environment, clear the flags and mask every exception. */
int feholdexcept(fenv_t *envp)
{
	fenv_t quiet;

	fegetenv(envp);
	quiet = *envp;
	quiet.control_word |= FE_ALL_EXCEPT;
	quiet.status_word &= (unsigned short)~FE_ALL_EXCEPT;
	quiet.mxcsr = (quiet.mxcsr | (FE_ALL_EXCEPT << 7)) & ~(unsigned int)FE_ALL_EXCEPT;
	fesetenv(&quiet);
	return 0;
}

/* Install *envp, then raise again what was raised in between. */
int feupdateenv(const fenv_t *envp)
{
	int raised = fetestexcept(FE_ALL_EXCEPT);

	fesetenv(envp);
	feraiseexcept(raised);
	return 0;
}
