/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/stdlib.c on the host against glibc: strtol, strtoul and atoi on
 * many strings in many bases (value, end pointer and errno), qsort on
 * random arrays of several element sizes, getenv on one environment, and
 * exit's order of atexit handlers, stdio flush and _exit.
 */
#include "libc_names.h"
#include "../../lib/libc/include/stdlib.h"
#define LIBC_NAMES_UNDO
#include "libc_names.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

extern char **environ; /* the host's; strict C11 headers leave it out */

/* lib/libc declares these where it uses them, not in a header. */
void chappe_libc_run_atexit(void);
void chappe_libc_flush_all(void);

static int reported;

static void report(const char *fn, const char *s, int base, int errno_before)
{
	if (reported++ < 20)
		fprintf(stderr, "  %s(\"%s\", %d) with errno %d before differs from the host's\n",
			fn, s, base, errno_before);
}

/* Same value, end and errno as the host, from the same errno before. */
static int same_strtol(const char *s, int base, int errno_before)
{
	char *end_c, *end_h;
	errno = errno_before;
	long c = chappe_strtol(s, &end_c, base);
	int errno_c = errno;
	errno = errno_before;
	long h = strtol(s, &end_h, base);
	int same = c == h && end_c == end_h && errno_c == errno && chappe_strtol(s, 0, base) == h;

	if (!same)
		report("strtol", s, base, errno_before);
	return same;
}

static int same_strtoul(const char *s, int base, int errno_before)
{
	char *end_c, *end_h;
	errno = errno_before;
	unsigned long c = chappe_strtoul(s, &end_c, base);
	int errno_c = errno;
	errno = errno_before;
	unsigned long h = strtoul(s, &end_h, base);
	int same = c == h && end_c == end_h && errno_c == errno && chappe_strtoul(s, 0, base) == h;

	if (!same)
		report("strtoul", s, base, errno_before);
	return same;
}

static const int bases[] = {0, 2, 8, 10, 16, 36};
#define NBASES (sizeof bases / sizeof bases[0])
/* An earlier failure may have left ERANGE behind; a success must not
 * mistake it for its own. */
static const int errnos[] = {0, ERANGE, EINVAL};
#define NERRNOS (sizeof errnos / sizeof errnos[0])

static int same_everywhere(const char *s)
{
	int same = 1;

	for (size_t b = 0; b < NBASES; b++)
		for (size_t e = 0; e < NERRNOS; e++) {
			same &= same_strtol(s, bases[b], errnos[e]);
			same &= same_strtoul(s, bases[b], errnos[e]);
		}
	if (chappe_atoi(s) != atoi(s)) {
		report("atoi", s, 10, 0);
		same = 0;
	}
	return same;
}

/* Each part of a number in turn, from leading space to what follows it,
 * around digits that reach the limits of long and unsigned long and pass
 * them. */
static void numbers_by_parts(void)
{
	static const char *spaces[] = {"", " ", "\t\n\v\f\r "};
	static const char *signs[] = {"", "+", "-", "+-", "--"};
	static const char *prefixes[] = {"", "0", "0x", "0X", "00x", "x"};
	/* clang-format off */
	static const char *bodies[] = {
	    "", "0", "1", "7", "8", "9", "19", "a", "f", "g", "z", "Z", "fF", "777", "1234567890",
	    /* LONG_MAX, LONG_MAX + 1, ULONG_MAX, ULONG_MAX + 1 and more in base 10 */
	    "9223372036854775807", "9223372036854775808", "9223372036854775809",
	    "18446744073709551615", "18446744073709551616", "99999999999999999999999",
	    /* ...in base 16, 8 and 36 */
	    "7fffffffffffffff", "8000000000000000", "ffffffffffffffff", "10000000000000000",
	    "777777777777777777777", "1000000000000000000000", "1777777777777777777777",
	    "2000000000000000000000",
	    "1y2p0ij32e8e7", "1y2p0ij32e8e8", "3w5e11264sgsf", "3w5e11264sgsg",
	    /* ...in base 2 */
	    "111111111111111111111111111111111111111111111111111111111111111",
	    "1000000000000000000000000000000000000000000000000000000000000000",
	    "1111111111111111111111111111111111111111111111111111111111111111",
	    "10000000000000000000000000000000000000000000000000000000000000000",
	};
	/* clang-format on */
	static const char *tails[] = {"", " 5", "g", "9", "-", "\x80"};
	char s[128];
	int same = 1;

	for (size_t a = 0; a < sizeof spaces / sizeof *spaces; a++)
		for (size_t b = 0; b < sizeof signs / sizeof *signs; b++)
			for (size_t c = 0; c < sizeof prefixes / sizeof *prefixes; c++)
				for (size_t d = 0; d < sizeof bodies / sizeof *bodies; d++)
					for (size_t e = 0; e < sizeof tails / sizeof *tails; e++) {
						snprintf(s, sizeof s, "%s%s%s%s%s", spaces[a],
							 signs[b], prefixes[c], bodies[d],
							 tails[e]);
						same &= same_everywhere(s);
					}
	CHECK(same);
}

static uint64_t rng = 0x13198a2e03707344ull;

static uint64_t next(void)
{
	return check_random(&rng);
}

/* Random strings over what a number is made of, in every base. */
static void numbers_at_random(void)
{
	static const char alphabet[] = " \t+-0123456789abcdefxyzXZ";
	char s[40];
	int same = 1;

	for (int round = 0; round < 20000; round++) {
		size_t n = next() % (sizeof s - 1);
		for (size_t i = 0; i < n; i++)
			s[i] = alphabet[next() % (sizeof alphabet - 1)];
		s[n] = '\0';
		int base = (int)(next() % 36) + 1;
		base = base == 1 ? 0 : base;
		same &= same_strtol(s, base, 0) & same_strtoul(s, base, ERANGE);
		same &= chappe_atoi(s) == atoi(s);
	}
	CHECK(same);
}

static void number_ends(void)
{
	char *end;
	const char *s = "  -0x";

	/* No digits: nothing converted, the end is the string itself. */
	CHECK(chappe_strtol(s, &end, 16) == 0 && end == s + 4);
	CHECK(chappe_strtol("  +", &end, 10) == 0 && *end == ' ');
	errno = 0;
	CHECK(chappe_strtol("-9223372036854775809", &end, 10) == LONG_MIN && errno == ERANGE &&
	      !*end);
	errno = ERANGE;
	CHECK(chappe_atoi("42") == 42);
}

static const unsigned char *watched;
static size_t watched_n, watched_size;
static long compares;
static int stray;

/* Everything Chapp-E's qsort passes its comparator must be an element of
 * the array being sorted. */
static void watch(const void *p)
{
	const unsigned char *e = p;

	if (!watched)
		return;
	if (e < watched || e >= watched + watched_n * watched_size ||
	    (size_t)(e - watched) % watched_size)
		stray++;
}

static size_t elem_size;

static int by_bytes(const void *a, const void *b)
{
	watch(a), watch(b), compares++;
	return memcmp(a, b, elem_size);
}

/* Only the first byte: many elements compare equal, and an unstable sort
 * may order them differently from the host's. */
static int by_key(const void *a, const void *b)
{
	watch(a), watch(b), compares++;
	return *(const unsigned char *)a - *(const unsigned char *)b;
}

static void fill(unsigned char *p, size_t n, size_t size, int pattern)
{
	for (size_t i = 0; i < n * size; i++)
		p[i] = (unsigned char)next();
	for (size_t i = 0; i < n; i++) {
		unsigned char *key = p + i * size;
		if (pattern == 0)
			*key %= 16;
		else if (pattern == 1)
			*key = (unsigned char)(i * 256 / n);
		else if (pattern == 2)
			*key = (unsigned char)(255 - i * 256 / n);
		else
			*key = 7;
	}
}

static void sort_watched(unsigned char *p, size_t n, size_t size,
			 int (*cmp)(const void *, const void *))
{
	watched = p, watched_n = n, watched_size = size, compares = 0;
	chappe_qsort(p, n, size, cmp);
	watched = 0;
}

static int log2_ceil(size_t n)
{
	int k = 0;

	while (((size_t)1 << k) < n)
		k++;
	return k;
}

/* Random, ascending, descending and all-equal keys. By whole bytes the
 * result is unique, so it must equal the host's; by key alone it must
 * have the host's keys in order and hold the same elements. */
static void sorting(void)
{
	static const size_t sizes[] = {1, 2, 3, 4, 7, 8, 12, 16, 24, 33, 64};
	static const size_t counts[] = {0, 1, 2, 3, 5, 16, 17, 100, 1000};
	int same = 1, keys = 1, elements = 1, bounded = 1;

	for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++)
		for (size_t ci = 0; ci < sizeof counts / sizeof *counts; ci++)
			for (int pattern = 0; pattern < 4; pattern++) {
				size_t size = sizes[si], n = counts[ci], bytes = size * n;
				unsigned char *in = malloc(bytes + 1), *c = malloc(bytes + 1),
					      *h = malloc(bytes + 1);
				fill(in, n, size, pattern);
				elem_size = size;

				memcpy(c, in, bytes), memcpy(h, in, bytes);
				sort_watched(c, n, size, by_bytes);
				qsort(h, n, size, by_bytes);
				same &= !memcmp(c, h, bytes);
				bounded &= compares <= 3 * (long)n * (log2_ceil(n) + 1);

				memcpy(c, in, bytes), memcpy(h, in, bytes);
				sort_watched(c, n, size, by_key);
				qsort(h, n, size, by_key);
				for (size_t i = 0; i < n; i++)
					keys &= c[i * size] == h[i * size];
				qsort(c, n, size, by_bytes);
				qsort(h, n, size, by_bytes);
				elements &= !memcmp(c, h, bytes);
				free(in), free(c), free(h);
			}
	CHECK(same);
	CHECK(keys);
	CHECK(elements);
	CHECK(bounded);
	CHECK(stray == 0);
}

static void environment(void)
{
	static char *env[] = {
	    "PATH=/bin", "PATHX=no", "HOME=/", "EMPTY=", "A=B=C", "X=1", "X=2", 0};
	static const char *names[] = {"PATH", "PAT", "PATHX", "PATH=", "HOME", "EMPTY", "A",
				      "A=B",  "X",   "NOPE",  "",      "P",    "PATHXY"};
	char **host_env = environ;
	int same = 1;

	chappe_environ = env;
	environ = env;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		same &= chappe_getenv(names[i]) == getenv(names[i]);
	environ = host_env;
	CHECK(same);
	CHECK(!strcmp(chappe_getenv("X"), "1") && !strcmp(chappe_getenv("A"), "B=C"));
	chappe_environ = 0;
	CHECK(!chappe_getenv("PATH"));
}

static char ran[64];
static int nran, exit_pipe = -1;

static void note(char c)
{
	if (exit_pipe >= 0)
		(void)!write(exit_pipe, &c, 1);
	else
		ran[nran++] = c;
}

static void handler_a(void)
{
	note('a');
}

static void handler_b(void)
{
	note('b');
}

static void handler_x(void)
{
	note('x');
}

/* What exit calls to flush stdio (lib/libc/stdio.c, not built here). */
void chappe_libc_flush_all(void)
{
	note('F');
}

static void handlers(void)
{
	int ok = chappe_atexit(handler_a) == 0 && chappe_atexit(handler_b) == 0;

	for (int i = 2; i < 32; i++)
		ok &= chappe_atexit(handler_x) == 0;
	CHECK(ok);
	CHECK(chappe_atexit(handler_a) != 0); /* the table is full */
	chappe_libc_run_atexit();
	CHECK(nran == 32 && ran[30] == 'b' && ran[31] == 'a' && ran[29] == 'x');
	nran = 0;
	chappe_libc_run_atexit();
	CHECK(nran == 0);
}

/* Runs child in a forked process; returns its wait status and what it
 * wrote down. */
static int in_child(void (*child)(void), char *out, size_t size)
{
	int fds[2], status = -1;

	if (pipe(fds))
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		exit_pipe = fds[1];
		child();
		_exit(99);
	}
	close(fds[1]);
	ssize_t n, got = 0;
	while ((n = read(fds[0], out + got, size - 1 - (size_t)got)) > 0)
		got += n;
	out[got] = '\0';
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void exit_7(void)
{
	chappe_atexit(handler_a);
	chappe_atexit(handler_b);
	chappe_exit(7);
}

static void aborting(void)
{
	chappe_atexit(handler_a);
	chappe_abort();
}

static void exiting(void)
{
	char out[16];
	int status = in_child(exit_7, out, sizeof out);

	/* Handlers last-registered first, then the flush, then the status. */
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7 && !strcmp(out, "baF"));
	status = in_child(aborting, out, sizeof out);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && !strcmp(out, ""));
}

int main(void)
{
	numbers_by_parts();
	numbers_at_random();
	number_ends();
	sorting();
	environment();
	handlers();
	exiting();
	return check_summary("test_libc_stdlib");
}
