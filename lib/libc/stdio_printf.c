/* SPDX-License-Identifier: BSD-2-Clause */
/* Formatted output on streams, fds and buffers, by lib/fmt's engine. */
#include "stdio_impl.h"

#include <fmt/fmt.h>

#define CHUNK 1024

/* An unbuffered stream gets its output in chunks, so one call is one
 * write(2) for output up to CHUNK bytes (a line on stderr stays whole). */
struct sink {
	FILE *f;
	int failed;
	size_t n;
	char chunk[CHUNK];
};

static void sink_out(struct sink *s)
{
	if (s->n && fwrite(s->chunk, 1, s->n, s->f) != s->n)
		s->failed = 1;
	s->n = 0;
}

static void sink_put(void *ctx, const char *p, size_t n)
{
	struct sink *s = ctx;

	if (s->f->bufmode != _IONBF) {
		if (n && fwrite(p, 1, n, s->f) != n)
			s->failed = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (s->n == CHUNK)
			sink_out(s);
		s->chunk[s->n++] = p[i];
	}
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct sink s = {.f = f};
	size_t n = fmt_vformat(sink_put, &s, fmt, ap);

	sink_out(&s);
	return s.failed ? EOF : (int)n;
}

/* A stream of its own for the call: nothing lingers in a buffer. */
int vdprintf(int fd, const char *fmt, va_list ap)
{
	FILE f = {.fd = fd, .flags = F_WRITE | F_STATIC, .bufmode = _IONBF, .size = 1};

	f.buf = &f.one;
	return vfprintf(&f, fmt, ap);
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return (int)fmt_vsnprintf(buf, SIZE_MAX, fmt, ap);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return (int)fmt_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
