/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

void exit(int status)
{
	_exit(status);
}

void abort(void)
{
	_exit(134); /* as a shell reports SIGABRT */
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 32) >= 'a' && (c | 32) <= 'z')
		return (c | 32) - 'a' + 10;
	return 99;
}

/* base 0: 0x... hex, 0... octal, else decimal. */
static const char *number_start(const char *s, int *base)
{
	if ((*base == 0 || *base == 16) && s[0] == '0' && (s[1] | 32) == 'x' &&
	    digit_value(s[2]) < 16) {
		*base = 16;
		return s + 2;
	}
	if (*base == 0)
		*base = s[0] == '0' ? 8 : 10;
	return s;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	const char *p = s;
	unsigned long v = 0;
	int neg = 0, any = 0, overflow = 0;

	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	p = number_start(p, &base);
	for (int d; (d = digit_value(*p)) < base; p++, any = 1) {
		if (v > (~0UL - (unsigned long)d) / (unsigned long)base)
			overflow = 1;
		v = v * (unsigned long)base + (unsigned long)d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	if (overflow) {
		errno = ERANGE;
		return ~0UL;
	}
	return neg ? -v : v;
}

long strtol(const char *s, char **end, int base)
{
	const char *p = s;

	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	int neg = *p == '-';
	unsigned long v = strtoul(s, end, base);
	unsigned long limit = neg ? (unsigned long)LONG_MAX + 1 : (unsigned long)LONG_MAX;
	unsigned long mag = neg ? -v : v;

	if (errno == ERANGE || mag > limit) {
		errno = ERANGE;
		return neg ? LONG_MIN : LONG_MAX;
	}
	return (long)v;
}

int atoi(const char *s)
{
	return (int)strtol(s, 0, 10);
}
