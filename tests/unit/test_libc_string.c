/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/string on the host against the host libc's functions of the same
 * names: random buffers at every small alignment and length, with guard
 * bytes around what is written, and overlapping moves both ways.
 */
#include "libc_names.h"
#include <string/string.h>
#define LIBC_NAMES_UNDO
#include "libc_names.h"

#include <stdint.h>
#include <string.h>

#include "check.h"

#define BUF 1024
#define GUARD 0x5a

static uint64_t rng = 0x243f6a8885a308d3ull;

static unsigned char random_byte(void)
{
	return (unsigned char)(check_random(&rng) >> 24);
}

static void randomize(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = random_byte();
}

/* Bytes from a small alphabet, so searches and comparisons often match. */
static void random_text(char *p, size_t n, const char *alphabet)
{
	size_t k = strlen(alphabet);

	for (size_t i = 0; i < n; i++)
		p[i] = alphabet[random_byte() % k];
	p[n] = '\0';
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* Lengths around the 8-byte steps memcpy and memset take. */
static const size_t lengths[] = {0,  1,	 2,  7,	 8,   9,   15,	16,  17,  31,  32,
				 33, 63, 64, 65, 100, 255, 256, 257, 511, 512, 777};

#define NLENGTHS (sizeof lengths / sizeof lengths[0])

static void copy_and_set(void)
{
	static unsigned char src[BUF], a[BUF], b[BUF];
	static const int values[] = {0, 0xff, 0x41, -1, 0x180, -200};
	int copy_ok = 1, set_ok = 1;

	for (size_t l = 0; l < NLENGTHS; l++)
		for (size_t d = 0; d < 16; d++)
			for (size_t s = 0; s < 16; s++) {
				size_t n = lengths[l];
				randomize(src, BUF);
				memset(a, GUARD, BUF);
				memset(b, GUARD, BUF);
				copy_ok &= chappe_memcpy(a + d, src + s, n) == a + d;
				memcpy(b + d, src + s, n);
				copy_ok &= !memcmp(a, b, BUF);
			}
	for (size_t l = 0; l < NLENGTHS; l++)
		for (size_t d = 0; d < 16; d++)
			for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
				size_t n = lengths[l];
				memset(a, GUARD, BUF);
				memset(b, GUARD, BUF);
				set_ok &= chappe_memset(a + d, values[v], n) == a + d;
				memset(b + d, values[v], n);
				set_ok &= !memcmp(a, b, BUF);
			}
	CHECK(copy_ok);
	CHECK(set_ok);
}

/* Every shift of a block within one buffer, forwards and backwards. */
static void moves(void)
{
	static unsigned char a[BUF], b[BUF];
	int ok = 1;

	for (size_t l = 0; l < NLENGTHS && lengths[l] <= 300; l++)
		for (int shift = -40; shift <= 40; shift++) {
			size_t n = lengths[l], from = 400;
			size_t to = (size_t)((long)from + shift);
			randomize(a, BUF);
			memcpy(b, a, BUF);
			ok &= chappe_memmove(a + to, a + from, n) == a + to;
			memmove(b + to, b + from, n);
			ok &= !memcmp(a, b, BUF);
		}
	CHECK(ok);
	/* A move down from above sets the direction flag; the caller and
	 * the compiler's code after it need it clear again. */
	unsigned long flags;
	chappe_memmove(a + 1, a, 100);
	__asm__ volatile("pushfq; popq %0" : "=r"(flags) : : "memory");
	CHECK(!(flags & (1ul << 10)));
}

static void compare_and_search(void)
{
	static unsigned char a[300], b[300];
	int cmp_ok = 1, chr_ok = 1;

	for (int round = 0; round < 4000; round++) {
		size_t n = random_byte() % 300;
		randomize(a, n);
		memcpy(b, a, n);
		/* Differ at one place (often a byte >= 0x80: unsigned order). */
		if (n && round % 4)
			b[random_byte() % n] = random_byte();
		size_t m = n ? random_byte() % (n + 1) : 0;
		cmp_ok &= sign(chappe_memcmp(a, b, n)) == sign(memcmp(a, b, n));
		cmp_ok &= sign(chappe_memcmp(a, b, m)) == sign(memcmp(a, b, m));
		int c = random_byte() | (round % 3 ? 0 : 0x100);
		chr_ok &= chappe_memchr(a, c, n) == memchr(a, c, n);
	}
	CHECK(cmp_ok);
	CHECK(chr_ok);
	CHECK(chappe_memcmp("a", "b", 0) == 0 && chappe_memchr("abc", 'a', 0) == 0);
}

static void strings(void)
{
	static const char *alphabets[] = {"ab", "abc\x80\xff", "xyz0123"};
	char a[200], b[200], needle[8];
	int ok[6] = {1, 1, 1, 1, 1, 1};

	for (int round = 0; round < 6000; round++) {
		const char *alpha = alphabets[round % 3];
		random_text(a, random_byte() % 100, alpha);
		random_text(b, random_byte() % 100, alpha);
		random_text(needle, random_byte() % 4, alpha);
		if (round % 5 == 0)
			memcpy(b, a, strlen(a) + 1); /* equal strings too */
		size_t n = random_byte() % 110;
		int c = round % 7 == 0 ? 0 : (unsigned char)alpha[random_byte() % strlen(alpha)];
		ok[0] &= chappe_strlen(a) == strlen(a);
		ok[1] &= sign(chappe_strcmp(a, b)) == sign(strcmp(a, b));
		ok[2] &= sign(chappe_strncmp(a, b, n)) == sign(strncmp(a, b, n));
		ok[3] &= chappe_strchr(a, c) == strchr(a, c);
		ok[4] &= chappe_strrchr(a, c) == strrchr(a, c);
		ok[5] &= chappe_strstr(a, needle) == strstr(a, needle);
	}
	for (int i = 0; i < 6; i++)
		CHECK(ok[i]);
	CHECK(chappe_strstr("", "") && !chappe_strstr("", "a") && !chappe_strstr("ab", "abc"));
	CHECK(chappe_strncmp("abc", "abd", 2) == 0 && chappe_strncmp("abc", "abd", 0) == 0);
	/* strchr looks at (char)c, so a value above 0xff finds its low byte. */
	CHECK(chappe_strchr("abc", 'b' + 0x100) == strchr("abc", 'b' + 0x100));
}

static void copy_and_append(void)
{
	char a[300], b[300], s[120], t[120];
	int ok = 1;

	for (int round = 0; round < 2000; round++) {
		random_text(s, random_byte() % 100, "abc\x80");
		random_text(t, random_byte() % 100, "xyz");
		memset(a, GUARD, sizeof a);
		memset(b, GUARD, sizeof b);
		ok &= chappe_strcpy(a + 1, s) == a + 1;
		strcpy(b + 1, s);
		ok &= !memcmp(a, b, sizeof a);
		ok &= chappe_strcat(a + 1, t) == a + 1;
		strcat(b + 1, t);
		ok &= !memcmp(a, b, sizeof a);
	}
	CHECK(ok);
}

/* Token by token against the host's strtok_r, on copies of the same text,
 * with a delimiter set that changes between calls. */
static void tokens(void)
{
	char a[120], b[120];
	int ok = 1;

	for (int round = 0; round < 3000; round++) {
		random_text(a, random_byte() % 100, round % 2 ? "a, \t" : "ab,,;");
		memcpy(b, a, sizeof a);
		char *sa = 0, *sb = 0, *ta = chappe_strtok_r(a, ", ", &sa),
		     *tb = strtok_r(b, ", ", &sb);
		for (;;) {
			ok &= (ta ? ta - a : -1) == (tb ? tb - b : -1) && !memcmp(a, b, sizeof a);
			if (!ta || !tb)
				break;
			const char *delim = random_byte() % 2 ? ", \t" : ";";
			ta = chappe_strtok_r(0, delim, &sa);
			tb = strtok_r(0, delim, &sb);
		}
	}
	CHECK(ok);
	char s[] = "  one  two ", *save = s;
	CHECK(!strcmp(chappe_strtok_r(0, " ", &save), "one")); /* starts from *save */
	CHECK(!strcmp(chappe_strtok_r(0, " ", &save), "two"));
	CHECK(!chappe_strtok_r(0, " ", &save) && !chappe_strtok_r(0, " ", &save));
}

int main(void)
{
	copy_and_set();
	tokens();
	moves();
	compare_and_search();
	strings();
	copy_and_append();
	return check_summary("test_libc_string");
}
