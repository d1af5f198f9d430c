/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mkstemp and mkdtemp: the template's trailing XXXXXX become letters and
 * digits until open(O_CREAT | O_EXCL) or mkdir makes a name nobody had.
 * The letters come from the clock, the pid and a counter (nothing here
 * needs them to be secret, only different).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SUFFIX "XXXXXX"
#define SUFFIX_LEN 6
#define ATTEMPTS 1000

static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

static uint64_t next_name_bits(void)
{
	static uint64_t state;
	struct timespec ts = {0, 0};

	clock_gettime(CLOCK_MONOTONIC, &ts);
	state += (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ ((uint64_t)getpid() << 20);
	state = state * 6364136223846793005ull + 1442695040888963407ull;
	return state >> 16;
}

/* The XXXXXX at the end of template, or NULL (errno EINVAL). */
static char *suffix_of(char *template)
{
	size_t n = strlen(template);

	if (n < SUFFIX_LEN || strcmp(template + n - SUFFIX_LEN, SUFFIX)) {
		errno = EINVAL;
		return 0;
	}
	return template + n - SUFFIX_LEN;
}

static void fill(char *x)
{
	uint64_t bits = next_name_bits();

	for (int i = 0; i < SUFFIX_LEN; i++, bits /= sizeof letters - 1)
		x[i] = letters[bits % (sizeof letters - 1)];
}

/* make(template) until it does not fail with EEXIST: its result, or -1. */
static int try_names(char *template, int (*make)(const char *))
{
	char *x = suffix_of(template);

	if (!x)
		return -1;
	for (int i = 0; i < ATTEMPTS; i++) {
		fill(x);
		int r = make(template);
		if (r >= 0 || errno != EEXIST)
			return r;
	}
	return -1; /* errno is EEXIST */
}

static int make_file(const char *path)
{
	return open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
}

static int make_dir(const char *path)
{
	return mkdir(path, 0700);
}

int mkstemp(char *template)
{
	return try_names(template, make_file);
}

char *mkdtemp(char *template)
{
	return try_names(template, make_dir) < 0 ? 0 : template;
}
