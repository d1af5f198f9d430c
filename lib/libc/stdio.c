/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <fmt/fmt.h>

static char in_buf[BUFSIZ], out_buf[BUFSIZ], err_buf[BUFSIZ];
static FILE in = {STDIN_FILENO, 2, 0, 0, 0, 0, 0, 0, in_buf};
static FILE out = {STDOUT_FILENO, 1, 0, 0, 0, out_buf, 0, 0, 0};
static FILE err = {STDERR_FILENO, 0, 0, 0, 0, err_buf, 0, 0, 0};
FILE *stdin = &in, *stdout = &out, *stderr = &err;

int fflush(FILE *f)
{
	size_t off = 0;

	while (off < f->wused) {
		ssize_t n = write(f->fd, f->wbuf + off, f->wused - off);
		if (n <= 0) {
			f->err = 1;
			f->wused = 0;
			return EOF;
		}
		off += (size_t)n;
	}
	f->wused = 0;
	return 0;
}

void __libc_flush_all(void)
{
	fflush(stdout);
	fflush(stderr);
}

/* Append to the stream's buffer; the mode says when it goes out. */
static void stream_put(void *ctx, const char *p, size_t n)
{
	FILE *f = ctx;

	for (size_t i = 0; i < n; i++) {
		if (f->wused == BUFSIZ)
			fflush(f);
		f->wbuf[f->wused++] = p[i];
		if (f->mode == 1 && p[i] == '\n')
			fflush(f);
	}
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	size_t n = fmt_vformat(stream_put, f, fmt, ap);

	if (f->mode == 0)
		fflush(f); /* one write per call, even unbuffered */
	return f->err ? EOF : (int)n;
}

/* dprintf: an unbuffered stream of its own for the call, so one dprintf is
 * one write (for output up to BUFSIZ) and nothing lingers in a buffer. */
int vdprintf(int fd, const char *fmt, va_list ap)
{
	char buf[BUFSIZ];
	FILE f = {.fd = fd, .mode = 0, .wbuf = buf};

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

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	stream_put(f, &ch, 1);
	if (f->mode == 0)
		fflush(f);
	return f->err ? EOF : (unsigned char)c;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *s, FILE *f)
{
	stream_put(f, s, strlen(s));
	if (f->mode == 0)
		fflush(f);
	return f->err ? EOF : 0;
}

int fgetc(FILE *f)
{
	if (f == stdin)
		fflush(stdout); /* a prompt shows before we wait */
	if (f->rpos == f->rlen) {
		ssize_t n = read(f->fd, f->rbuf, BUFSIZ);
		if (n <= 0) {
			f->eof = n == 0, f->err = n < 0;
			return EOF;
		}
		f->rpos = 0, f->rlen = (size_t)n;
	}
	return (unsigned char)f->rbuf[f->rpos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

/* One byte back in front of the unread ones: a byte was read before it (or
 * the buffer is empty), so there is always room for the one C promises. */
int ungetc(int c, FILE *f)
{
	if (c == EOF || !f->rbuf)
		return EOF;
	if (f->rpos == f->rlen)
		f->rpos = f->rlen = 1;
	if (f->rpos == 0)
		return EOF;
	f->rbuf[--f->rpos] = (char)c;
	f->eof = 0;
	return (unsigned char)c;
}

char *fgets(char *s, int size, FILE *f)
{
	int i = 0, c = 0;

	if (size <= 0)
		return 0;
	while (i < size - 1 && (c = fgetc(f)) != EOF) {
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	s[i] = '\0';
	return i ? s : 0;
}

int feof(FILE *f)
{
	return f->eof;
}

int ferror(FILE *f)
{
	return f->err;
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
	return fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF ? EOF : 0;
}
