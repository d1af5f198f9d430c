/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The string routines only programs use (the kernel's are in lib/string).
 * The C locale is the only one, so collation is byte order and case is
 * ASCII's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t strnlen(const char *s, size_t max)
{
	const char *end = memchr(s, 0, max);

	return end ? (size_t)(end - s) : max;
}

/* A 256-bit set of the bytes in chars (the terminator is never in it). */
static void byte_set(const char *chars, uint64_t set[4])
{
	set[0] = set[1] = set[2] = set[3] = 0;
	for (const unsigned char *c = (const unsigned char *)chars; *c; c++)
		set[*c / 64] |= 1ull << (*c % 64);
}

static int in_set(const uint64_t set[4], unsigned char c)
{
	return (set[c / 64] >> (c % 64)) & 1;
}

/* The length of s's first run of bytes that are (want 1) or are not (want
 * 0) in chars. */
static size_t span(const char *s, const char *chars, int want)
{
	uint64_t set[4];
	size_t n = 0;

	byte_set(chars, set);
	while (s[n] && in_set(set, (unsigned char)s[n]) == want)
		n++;
	return n;
}

size_t strspn(const char *s, const char *accept)
{
	return span(s, accept, 1);
}

size_t strcspn(const char *s, const char *reject)
{
	return span(s, reject, 0);
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : 0;
}

int strcoll(const char *a, const char *b)
{
	return strcmp(a, b);
}

size_t strxfrm(char *restrict d, const char *restrict s, size_t n)
{
	size_t len = strlen(s);

	if (len < n)
		memcpy(d, s, len + 1);
	return len;
}

char *strncat(char *restrict d, const char *restrict s, size_t n)
{
	char *end = d + strlen(d);
	size_t len = strnlen(s, n);

	memcpy(end, s, len);
	end[len] = '\0';
	return d;
}

char *stpncpy(char *restrict d, const char *restrict s, size_t n)
{
	size_t len = strnlen(s, n);

	memcpy(d, s, len);
	memset(d + len, 0, n - len);
	return d + len;
}

char *strncpy(char *restrict d, const char *restrict s, size_t n)
{
	stpncpy(d, s, n);
	return d;
}

char *stpcpy(char *restrict d, const char *restrict s)
{
	size_t len = strlen(s);

	memcpy(d, s, len + 1);
	return d + len;
}

char *strtok(char *restrict s, const char *restrict delim)
{
	static char *save;

	return strtok_r(s, delim, &save);
}

char *strndup(const char *s, size_t max)
{
	size_t len = strnlen(s, max);
	char *d = malloc(len + 1);

	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

char *strdup(const char *s)
{
	return strndup(s, SIZE_MAX);
}

size_t strlcpy(char *restrict d, const char *restrict s, size_t size)
{
	size_t len = strlen(s);

	if (size) {
		size_t n = len < size ? len : size - 1;
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return len;
}

size_t strlcat(char *restrict d, const char *restrict s, size_t size)
{
	size_t used = strnlen(d, size);

	/* No terminator within size: nothing can be appended. */
	if (used == size)
		return size + strlen(s);
	return used + strlcpy(d + used, s, size - used);
}

void *memmem(const void *hay, size_t hay_len, const void *needle, size_t needle_len)
{
	const unsigned char *h = hay;

	if (!needle_len)
		return (void *)h;
	for (size_t i = 0; i + needle_len <= hay_len; i++)
		if (h[i] == *(const unsigned char *)needle && !memcmp(h + i, needle, needle_len))
			return (void *)(h + i);
	return 0;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	while (n--)
		if (p[n] == (unsigned char)c)
			return (void *)(p + n);
	return 0;
}

static int ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int x = ascii_lower((unsigned char)*a), y = ascii_lower((unsigned char)*b);
		if (x != y || !x)
			return x - y;
	}
	return 0;
}

int strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, SIZE_MAX);
}

char *strcasestr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return (char *)hay;
	return n ? 0 : (char *)hay;
}

void bzero(void *p, size_t n)
{
	memset(p, 0, n);
}

void bcopy(const void *src, void *dst, size_t n)
{
	memmove(dst, src, n);
}

int ffsll(long long v)
{
	return v ? __builtin_ctzll((unsigned long long)v) + 1 : 0;
}

int ffsl(long v)
{
	return ffsll(v);
}

int ffs(int v)
{
	return ffsll((unsigned)v);
}
