/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Checks for user-mode test programs: each case prints what it got, and the
 * program ends with "NAME: k/n cases ok" and exit status 0 only if all held.
 */
#pragma once

#include <stdio.h>

static const char *check_prog = "test";
static int check_cases, check_failures;

static inline void check_start(const char *prog)
{
	check_prog = prog;
}

#define EXPECT(what, got, want) check_expect(what, (long)(got), (long)(want))

static inline void check_expect(const char *what, long got, long want)
{
	check_cases++;
	if (got == want) {
		printf("%s: %s = %ld ok\n", check_prog, what, got);
		return;
	}
	check_failures++;
	printf("%s: %s = %ld, expected %ld FAIL\n", check_prog, what, got, want);
}

static inline int check_finish(void)
{
	printf("%s: %d/%d cases ok\n", check_prog, check_cases - check_failures, check_cases);
	return check_failures != 0;
}

