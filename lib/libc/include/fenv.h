/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * C99 <fenv.h> for x86-64: every call acts on both the SSE unit (MXCSR),
 * which double and float arithmetic use, and the x87 unit, which long
 * double arithmetic (and libm's internals) use. The values are the
 * hardware's bits, as in glibc.
 */
#pragma once

#define FE_INVALID 0x01
#define FE_DENORMAL 0x02 /* x86's extra one; not in FE_ALL_EXCEPT */
#define FE_DIVBYZERO 0x04
#define FE_OVERFLOW 0x08
#define FE_UNDERFLOW 0x10
#define FE_INEXACT 0x20
#define FE_ALL_EXCEPT (FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW | FE_INEXACT)

/* The x87 control word's rounding field; MXCSR's is the same shifted by 3. */
#define FE_TONEAREST 0x000
#define FE_DOWNWARD 0x400
#define FE_UPWARD 0x800
#define FE_TOWARDZERO 0xc00

typedef unsigned short fexcept_t;

/* The x87 environment as fnstenv stores it, then MXCSR. */
typedef struct {
	unsigned short control_word;
	unsigned short unused1;
	unsigned short status_word;
	unsigned short unused2;
	unsigned short tags;
	unsigned short unused3;
	unsigned int eip;
	unsigned short cs_selector;
	unsigned int opcode : 11;
	unsigned int unused4 : 5;
	unsigned int data_offset;
	unsigned short data_selector;
	unsigned short unused5;
	unsigned int mxcsr;
} fenv_t;

/* The state a program starts with: round to nearest, no exception
 * raised, none trapping. */
extern const fenv_t __fe_dfl_env;
#define FE_DFL_ENV (&__fe_dfl_env)

int feclearexcept(int excepts);
int fegetexceptflag(fexcept_t *flagp, int excepts);
int feraiseexcept(int excepts);
int fesetexceptflag(const fexcept_t *flagp, int excepts);
int fetestexcept(int excepts);
int fegetround(void);
int fesetround(int round);
int fegetenv(fenv_t *envp);
int feholdexcept(fenv_t *envp);
int fesetenv(const fenv_t *envp);
int feupdateenv(const fenv_t *envp);
