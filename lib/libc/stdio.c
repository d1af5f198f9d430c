/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <fmt/fmt.h>

/* Output is gathered per call, so one printf is one write. */
struct fd_sink {
	int fd;
	size_t used;
	char buf[256];
};

static void fd_flush(struct fd_sink *s)
{
	size_t off = 0;

	while (off < s->used) {
		ssize_t n = write(s->fd, s->buf + off, s->used - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	s->used = 0;
}

static void fd_put(void *ctx, const char *p, size_t n)
{
	struct fd_sink *s = ctx;

	for (size_t i = 0; i < n; i++) {
		if (s->used == sizeof s->buf)
			fd_flush(s);
		s->buf[s->used++] = p[i];
	}
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	struct fd_sink s = {.fd = fd, .used = 0};
	size_t n = fmt_vformat(fd_put, &s, fmt, ap);

	fd_flush(&s);
	return (int)n;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vdprintf(STDOUT_FILENO, fmt, ap);
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

int puts(const char *s)
{
	return dprintf(STDOUT_FILENO, "%s\n", s);
}
