/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void __libc_run_atexit(void);
/* Weak: a program that never touches stdio does not link it (and fmt)
 * just to flush nothing at exit; that keeps /bin/true at one page of text. */
void __libc_flush_all(void) __attribute__((weak));

/* atexit handlers (last registered first), then stdio, then the kernel. */
void exit(int status)
{
	__libc_run_atexit();
	if (__libc_flush_all)
		__libc_flush_all();
	_exit(status);
}

/* SIGABRT: a handler may run (and longjmp away); if it returns, or the
 * signal is ignored, the default action ends the process all the same. */
void abort(void)
{
	sigset_t abrt;

	sigemptyset(&abrt);
	sigaddset(&abrt, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &abrt, 0);
	raise(SIGABRT);
	signal(SIGABRT, SIG_DFL);
	raise(SIGABRT);
	_exit(128 + SIGABRT); /* not reached */
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
	/* Only strtoul's own ERANGE means overflow, not one left from before. */
	int saved = errno;
	errno = 0;
	unsigned long v = strtoul(s, end, base);
	unsigned long limit = neg ? (unsigned long)LONG_MAX + 1 : (unsigned long)LONG_MAX;
	unsigned long mag = neg ? -v : v;

	if (errno == ERANGE || mag > limit) {
		errno = ERANGE;
		return neg ? LONG_MIN : LONG_MAX;
	}
	errno = saved;
	return (long)v;
}

int atoi(const char *s)
{
	return (int)strtol(s, 0, 10);
}

static void swap(char *a, char *b, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		char t = a[i];
		a[i] = b[i], b[i] = t;
	}
}

static void sift_down(char *base, size_t root, size_t n, size_t size,
		      int (*cmp)(const void *, const void *))
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap(base + root * size, base + child * size, size);
	}
}

/* Heapsort: O(n log n) always, no recursion, no allocation. */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	char *b = base;

	for (size_t i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp);
	for (size_t end = n; end-- > 1;) {
		swap(b, b + end * size, size);
		sift_down(b, 0, end, size, cmp);
	}
}

char **environ;

char *getenv(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return 0;
}

#define ATEXIT_MAX 32
static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;

int atexit(void (*fn)(void))
{
	if (nhandlers == ATEXIT_MAX)
		return -1;
	handlers[nhandlers++] = fn;
	return 0;
}

void __libc_run_atexit(void)
{
	while (nhandlers > 0)
		handlers[--nhandlers]();
}
