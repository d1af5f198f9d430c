/* SPDX-License-Identifier: BSD-2-Clause */
/* A minimal check harness for host unit tests: count, report, fail. */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int checks_run, checks_failed;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		checks_run++;                                                                      \
		if (!(cond)) {                                                                     \
			checks_failed++;                                                           \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
		}                                                                                  \
	} while (0)

/* xorshift64: the same numbers on every run, so a failure replays. */
static inline uint64_t check_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

static inline int check_summary(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, checks_run, checks_failed);
	return checks_failed ? 1 : 0;
}
