/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/env.c on the host: random setenv, unsetenv and putenv calls
 * against a model (a small table of names and values), checked through
 * chappe_getenv and the shape of chappe_environ after every call; the
 * errors POSIX names; and no leak: setting one name many times keeps the
 * number of live blocks where it was.
 */
#include "libc_names.h"
#include "../../lib/libc/include/stdlib.h"
#define LIBC_NAMES_UNDO
#include "libc_names.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "host_alloc.h"

#define NAMES 6
static const char *const names[NAMES] = {"A", "AB", "PATH", "HOME", "X1", "A_"};
static char model[NAMES][64]; /* "" is unset */
static char put_strings[NAMES][80];

static uint64_t rng = 0x452821e638d01377ull;

static unsigned below(unsigned n)
{
	return (unsigned)(check_random(&rng) >> 11) % n;
}

/* environ holds each set name once, as NAME=value, and nothing else. */
static int environ_matches_model(void)
{
	int count = 0, ok = 1;

	for (char **e = chappe_environ; e && *e; e++)
		count++;
	for (int i = 0; i < NAMES; i++) {
		const char *v = chappe_getenv(names[i]);
		ok &= model[i][0] ? v && !strcmp(v, model[i] + 1) : !v;
		count -= model[i][0] != 0;
	}
	return ok && count == 0;
}

static void against_model(void)
{
	static char *start[] = {"HOME=/", "A=1", 0};
	int ok = 1;

	chappe_environ = start;
	strcpy(model[3], "=/"), strcpy(model[0], "=1");
	for (int round = 0; round < 20000; round++) {
		/* First unsetenv("A"), which start holds. */
		int i = round ? (int)below(NAMES) : 0, op = round ? (int)below(3) : 1;
		char value[40];
		snprintf(value, sizeof value, "v%u", below(1000));
		if (op == 0) {
			int overwrite = (int)below(2);
			ok &= chappe_setenv(names[i], value, overwrite) == 0;
			if (overwrite || !model[i][0])
				snprintf(model[i], sizeof model[i], "=%s", value);
		} else if (op == 1) {
			ok &= chappe_unsetenv(names[i]) == 0;
			model[i][0] = '\0';
		} else {
			/* putenv keeps the caller's string itself. */
			snprintf(put_strings[i], sizeof put_strings[i], "%s=%s", names[i], value);
			ok &= chappe_putenv(put_strings[i]) == 0 &&
			      chappe_getenv(names[i]) == put_strings[i] + strlen(names[i]) + 1;
			snprintf(model[i], sizeof model[i], "=%s", value);
		}
		ok &= environ_matches_model();
	}
	CHECK(ok);
	/* The array the program gave is copied, never written. */
	CHECK(!strcmp(start[0], "HOME=/") && !strcmp(start[1], "A=1") && !start[2]);
}

static void errors(void)
{
	errno = 0;
	CHECK(chappe_setenv("", "x", 1) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(chappe_setenv("A=B", "x", 1) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(chappe_setenv(0, "x", 1) == -1 && errno == EINVAL);
	errno = 0;
	CHECK(chappe_unsetenv("") == -1 && errno == EINVAL);
	errno = 0;
	CHECK(chappe_putenv("NOEQUALS") == -1 && errno == EINVAL);
	CHECK(chappe_unsetenv("NEVER_SET") == 0);
	/* A value with '=' in it is a value. */
	CHECK(chappe_setenv("EQ", "a=b", 1) == 0 && !strcmp(chappe_getenv("EQ"), "a=b"));
	CHECK(chappe_unsetenv("EQ") == 0 && !chappe_getenv("EQ"));
}

/* A name twice in an array a program made: unsetenv takes both. */
static void duplicates_go_together(void)
{
	static char *env[] = {"D=1", "E=2", "D=3", 0};

	chappe_environ = env;
	CHECK(chappe_unsetenv("D") == 0 && !chappe_getenv("D") && !strcmp(chappe_getenv("E"), "2"));
	CHECK(chappe_environ != env && !strcmp(env[0], "D=1") && !strcmp(env[2], "D=3"));
}

static void no_leak(void)
{
	char value[32];

	CHECK(chappe_setenv("LEAK", "first", 1) == 0);
	long live = host_alloc_live;
	for (int i = 0; i < 10000; i++) {
		snprintf(value, sizeof value, "%d", i);
		CHECK(chappe_setenv("LEAK", value, 1) == 0);
	}
	CHECK(host_alloc_live == live && !strcmp(chappe_getenv("LEAK"), "9999"));
	CHECK(chappe_unsetenv("LEAK") == 0 && host_alloc_live == live - 1);
	/* A putenv over a string setenv made frees that string too. */
	static char put[] = "P=1";
	CHECK(chappe_setenv("P", "0", 1) == 0);
	live = host_alloc_live;
	CHECK(chappe_putenv(put) == 0 && host_alloc_live == live - 1);
}

int main(void)
{
	against_model();
	errors();
	duplicates_go_together();
	no_leak();
	return check_summary("unit_libc_env");
}
