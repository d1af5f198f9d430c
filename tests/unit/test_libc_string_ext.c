/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/string_ext.c and strerror.c on the host against glibc: random
 * strings from small alphabets (so that sets and needles match often) at
 * every small alignment, guard bytes around what is written; strlcpy and
 * strlcat against their definition (glibc 2.36 has neither); strerror
 * for every errno lib/abi/errno.h defines, strerror_r and strsignal.
 */
#include "libc_names.h"
#include "../../lib/libc/include/string.h"
#define LIBC_NAMES_UNDO
#include "libc_names.h"

#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"

/* Truncating copies are what is under test here. */
#pragma GCC diagnostic ignored "-Wstringop-truncation"

#define GUARD 0x5a

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static unsigned random_below(unsigned n)
{
	return (unsigned)(check_random(&rng) >> 20) % n;
}

static void random_text(char *p, size_t n, const char *alphabet)
{
	size_t k = strlen(alphabet);

	for (size_t i = 0; i < n; i++)
		p[i] = alphabet[random_below((unsigned)k)];
	p[n] = '\0';
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static const char *const alphabets[] = {"ab", "abc\x80\xff", "xyz0123", "aAbB,; "};
#define NALPHA (sizeof alphabets / sizeof alphabets[0])

/* Functions that only look: the same answer as glibc's. */
static void searches(void)
{
	char s[130], set[8], needle[6];
	int ok[10] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

	for (int round = 0; round < 40000; round++) {
		const char *alpha = alphabets[round % NALPHA];
		size_t off = round % 16; /* alignments of the string */
		random_text(s + off, random_below(100), alpha);
		random_text(set, random_below(5), alpha);
		random_text(needle, random_below(4), alpha);
		const char *p = s + off;
		size_t len = strlen(p), max = random_below(110);
		int c = round % 9 == 0 ? 0 : (unsigned char)alpha[random_below(strlen(alpha))];
		if (round % 11 == 0)
			c |= 0x100; /* only the low byte counts */
		ok[0] &= chappe_strnlen(p, max) == strnlen(p, max);
		ok[1] &= chappe_strspn(p, set) == strspn(p, set);
		ok[2] &= chappe_strcspn(p, set) == strcspn(p, set);
		ok[3] &= chappe_strpbrk(p, set) == strpbrk(p, set);
		ok[4] &= chappe_memmem(p, len, needle, strlen(needle)) ==
			 memmem(p, len, needle, strlen(needle));
		ok[5] &= chappe_memmem(p, max < len ? max : len, needle, strlen(needle)) ==
			 memmem(p, max < len ? max : len, needle, strlen(needle));
		ok[6] &= chappe_memrchr(p, c, len + 1) == memrchr(p, c, len + 1);
		ok[7] &= chappe_strcasestr(p, needle) == strcasestr(p, needle);
		ok[8] &= sign(chappe_strcasecmp(p, needle)) == sign(strcasecmp(p, needle)) &&
			 sign(chappe_strncasecmp(p, needle, max % 5)) ==
			     sign(strncasecmp(p, needle, max % 5));
		ok[9] &= sign(chappe_strcoll(p, set)) == sign(strcoll(p, set));
	}
	for (int i = 0; i < 10; i++)
		CHECK(ok[i]);
	CHECK(chappe_strcasecmp("HeLLo", "hello") == 0 && chappe_strcasecmp("a", "B") < 0);
	CHECK(chappe_memmem("abc", 3, "", 0) == (void *)"abc" || chappe_memmem("x", 1, "", 0));
	CHECK(chappe_memrchr("abc", 'a', 0) == 0);
}

/* Functions that write: the same bytes (guards included) and result. */
static void copies(void)
{
	char a[300], b[300], s[130], t[130];
	int ok[6] = {1, 1, 1, 1, 1, 1};

	for (int round = 0; round < 20000; round++) {
		const char *alpha = alphabets[round % NALPHA];
		size_t d = round % 16, n = random_below(120);
		random_text(s, random_below(110), alpha);
		random_text(t, random_below(110), alpha);
		memset(a, GUARD, sizeof a), memset(b, GUARD, sizeof b);
		ok[0] &= chappe_strncpy(a + d, s, n) == a + d;
		strncpy(b + d, s, n);
		ok[0] &= !memcmp(a, b, sizeof a);
		ok[1] &= chappe_stpncpy(a + d, t, n) - a == stpncpy(b + d, t, n) - b;
		ok[1] &= !memcmp(a, b, sizeof a);
		ok[2] &= chappe_stpcpy(a + d, s) - a == stpcpy(b + d, s) - b;
		ok[2] &= !memcmp(a, b, sizeof a);
		ok[3] &= chappe_strncat(a + d, t, n) == a + d;
		strncat(b + d, t, n);
		ok[3] &= !memcmp(a, b, sizeof a);
		memset(a, GUARD, sizeof a), memset(b, GUARD, sizeof b);
		size_t x = chappe_strxfrm(a, s, n), y = strxfrm(b, s, n);
		ok[4] &= x == y && (x >= n || !memcmp(a, b, sizeof a));
		char *dup = chappe_strdup(s), *ndup = chappe_strndup(s, n);
		ok[5] &= dup && !strcmp(dup, s) && ndup && strlen(ndup) == strnlen(s, n) &&
			 !strncmp(ndup, s, n);
		free(dup), free(ndup);
	}
	for (int i = 0; i < 6; i++)
		CHECK(ok[i]);
}

/* strlcpy and strlcat by their definition: the result is the length they
 * tried to make, d holds as much as fits in size - 1 bytes, terminated. */
static void bsd_copies(void)
{
	char a[300], want[300], s[130], t[130];
	int ok = 1;

	for (int round = 0; round < 20000; round++) {
		size_t size = random_below(140);
		random_text(s, random_below(120), "ab\x80");
		random_text(t, random_below(120), "xy");
		memset(a, GUARD, sizeof a), memset(want, GUARD, sizeof want);
		if (size) {
			snprintf(want, size, "%s", s);
		}
		ok &= chappe_strlcpy(a, s, size) == strlen(s) && !memcmp(a, want, sizeof a);
		/* Append to what is there (unterminated within size when s
		 * filled it and size is 0 for the second part). */
		size_t before = size ? strlen(want) : 0, total = size ? size : 0;
		size_t r = chappe_strlcat(a, t, total);
		if (size)
			snprintf(want, size, "%s%s", s, t);
		ok &= r == (size ? before + strlen(t) : strlen(t)) && !memcmp(a, want, sizeof a);
	}
	CHECK(ok);
	char full[4] = {'a', 'b', 'c', 'd'}; /* no terminator within size */
	CHECK(chappe_strlcat(full, "xyz", 4) == 7 && !memcmp(full, "abcd", 4));
}

static void tokens_and_bits(void)
{
	char a[120], b[120];
	int ok = 1;

	for (int round = 0; round < 3000; round++) {
		random_text(a, random_below(100), "ab,; ");
		memcpy(b, a, sizeof a);
		char *ta = chappe_strtok(a, ",; "), *tb = strtok(b, ",; ");
		for (;;) {
			ok &= (ta ? ta - a : -1) == (tb ? tb - b : -1) && !memcmp(a, b, sizeof a);
			if (!ta || !tb)
				break;
			ta = chappe_strtok(0, ";"), tb = strtok(0, ";");
		}
	}
	CHECK(ok);
	int bits_ok = 1;
	for (int i = 0; i < 10000; i++) {
		long long v = (long long)check_random(&rng) >> random_below(64);
		bits_ok &= chappe_ffs((int)v) == ffs((int)v) &&
			   chappe_ffsl((long)v) == ffsl((long)v) && chappe_ffsll(v) == ffsll(v);
	}
	CHECK(bits_ok && chappe_ffs(0) == 0 && chappe_ffs(INT_MIN) == 32 &&
	      chappe_ffsll(LLONG_MIN) == 64);
	memset(a, 1, sizeof a);
	chappe_bzero(a + 3, 50);
	CHECK(a[2] == 1 && a[3] == 0 && a[52] == 0 && a[53] == 1);
	memcpy(a, "0123456789", 11);
	chappe_bcopy(a, a + 2, 8); /* overlapping, as memmove */
	CHECK(!memcmp(a, "0101234567", 10));
}

/* Every "#define ENAME N" in lib/abi/errno.h has its own message. */
static void every_errno_has_a_message(void)
{
	char line[200], name[64];
	int n, seen = 0;
	FILE *f = fopen(SOURCE_ROOT "/lib/abi/errno.h", "r");
	CHECK(f != 0);
	if (!f)
		return;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "#define %63s %d", name, &n) == 2 && name[0] == 'E') {
			seen++;
			const char *m = chappe_strerror(n);
			if (!strcmp(m, "Unknown error"))
				fprintf(stderr, "  %s (%d) has no message\n", name, n);
			CHECK(strcmp(m, "Unknown error") != 0);
		}
	fclose(f);
	CHECK(seen >= 33);
}

static void error_and_signal_text(void)
{
	char buf[64];

	CHECK(!strcmp(chappe_strerror(ENOENT), "No such file or directory"));
	CHECK(!strcmp(chappe_strerror(9999), "Unknown error"));
	CHECK(chappe_strerror_r(ENOENT, buf, sizeof buf) == 0 &&
	      !strcmp(buf, "No such file or directory"));
	CHECK(chappe_strerror_r(ENOENT, buf, 8) == ERANGE && !strcmp(buf, "No such"));
	CHECK(chappe_strerror_r(9999, buf, sizeof buf) == EINVAL &&
	      !strcmp(buf, "Unknown error: 9999"));
	CHECK(chappe_strerror_r(-3, buf, sizeof buf) == EINVAL &&
	      !strcmp(buf, "Unknown error: -3"));
	CHECK(chappe_strerror_r(EPERM, buf, 0) == ERANGE);
	CHECK(!strcmp(chappe_strsignal(11), "Segmentation fault"));
	CHECK(!strcmp(chappe_strsignal(15), "Terminated") &&
	      !strcmp(chappe_strsignal(9), "Killed"));
	CHECK(!strcmp(chappe_strsignal(3), "Quit") && !strcmp(chappe_strsignal(18), "Suspended"));
	CHECK(!strcmp(chappe_strsignal(33), "Unknown signal: 33"));
	CHECK(!strcmp(chappe_strsignal(-1), "Unknown signal: -1"));
}

int main(void)
{
	searches();
	copies();
	bsd_copies();
	tokens_and_bits();
	every_errno_has_a_message();
	error_and_signal_text();
	return check_summary("unit_libc_string_ext");
}
