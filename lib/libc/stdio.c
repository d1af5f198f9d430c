/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The stream core: buffers, reading, writing, pushback, positions and
 * flushing. Opening and closing are in stdio_open.c, lines in
 * stdio_line.c, formatted output in stdio_printf.c, commands in
 * stdio_popen.c.
 */
#include "stdio_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Weak: a program that only prints does not link malloc for the sake of
 * streams it never makes (fopen links it); without malloc a stream that
 * would allocate its buffer works unbuffered. */
#pragma weak malloc
#pragma weak free

/* Static, so printing needs no malloc (programs that move the break
 * themselves print too), and small: every program that prints carries it
 * in its .bss, and a line-buffered stream writes at each newline anyway. */
#define STD_BUFSIZ 1024

static unsigned char in_buf[STD_BUFSIZ], out_buf[STD_BUFSIZ];
/* stdin is line-buffered: reading it first flushes line-buffered output
 * (a prompt shows before the program waits), as glibc does on a terminal. */
static FILE in = {.fd = STDIN_FILENO,
		  .flags = F_READ | F_STATIC,
		  .bufmode = _IOLBF,
		  .buf = in_buf,
		  .size = STD_BUFSIZ};
static FILE out = {.fd = STDOUT_FILENO,
		   .flags = F_WRITE | F_STATIC,
		   .bufmode = _IOLBF,
		   .buf = out_buf,
		   .size = STD_BUFSIZ};
static FILE err = {.fd = STDERR_FILENO,
		   .flags = F_WRITE | F_STATIC,
		   .bufmode = _IONBF,
		   .buf = &err.one,
		   .size = 1};
FILE *stdin = &in, *stdout = &out, *stderr = &err;
FILE *__stdio_list;

static int fail(FILE *f, int error)
{
	f->flags |= F_ERR;
	errno = error;
	return EOF;
}

void __stdio_set_buffer(FILE *f, char *buf, int mode, size_t size)
{
	if (f->flags & F_OWNBUF)
		free(f->buf);
	f->flags &= ~F_OWNBUF;
	f->bufmode = mode;
	if (mode == _IONBF)
		f->buf = &f->one, f->size = 1;
	else if (buf && size) /* a buffer of no size would be no buffer */
		f->buf = (unsigned char *)buf, f->size = size;
	else
		f->buf = 0, f->size = size ? size : BUFSIZ;
}

/* Allocated at first use, so a stream opened and closed costs no buffer;
 * without memory the stream works unbuffered. */
static void need_buffer(FILE *f)
{
	if (f->buf)
		return;
	f->buf = malloc ? malloc(f->size) : 0;
	if (f->buf)
		f->flags |= F_OWNBUF;
	else
		f->buf = &f->one, f->size = 1;
}

static int write_all(FILE *f, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t w = write(f->fd, p, n);
		if (w <= 0)
			return fail(f, w < 0 ? errno : EIO);
		p += w, n -= (size_t)w;
	}
	return 0;
}

int __stdio_flush_out(FILE *f)
{
	if (!(f->flags & F_WRITING))
		return 0;
	size_t n = f->len;
	f->len = 0;
	f->flags &= ~F_WRITING;
	if (f->flags & F_APPEND)
		lseek(f->fd, 0, SEEK_END); /* an fd from fdopen may lack O_APPEND */
	return write_all(f, f->buf, n);
}

static size_t read_ahead(const FILE *f)
{
	return f->flags & F_READING ? f->len - f->pos : 0;
}

/* Bytes the program has not taken but the fd has passed. */
static size_t unread(const FILE *f)
{
	return read_ahead(f) + f->nunget;
}

static void drop_input(FILE *f)
{
	f->pos = f->len = f->nunget = 0;
	f->flags &= ~F_READING;
}

/* Give the fd its offset back where the program is, then forget the
 * read-ahead; a pipe cannot go back, so there the bytes are kept. */
static int unread_input(FILE *f)
{
	size_t n = unread(f);

	if (n && lseek(f->fd, -(off_t)n, SEEK_CUR) < 0)
		return EOF;
	drop_input(f);
	return 0;
}

static void flush_line_buffered(void)
{
	if (out.bufmode == _IOLBF)
		__stdio_flush_out(&out);
	for (FILE *f = __stdio_list; f; f = f->next)
		if (f->bufmode == _IOLBF)
			__stdio_flush_out(f);
}

static int to_read(FILE *f)
{
	if (!(f->flags & F_READ))
		return fail(f, EBADF);
	return __stdio_flush_out(f);
}

/* Read into p (at most n): what read(2) gave, or 0 at end or error with
 * the indicator set. The end-of-file indicator is sticky, as in C11. */
static size_t read_raw(FILE *f, unsigned char *p, size_t n)
{
	if (f->flags & F_EOF)
		return 0;
	if (f == stdin || f->bufmode != _IOFBF)
		flush_line_buffered();
	ssize_t got = read(f->fd, p, n);
	if (got <= 0) {
		f->flags |= got == 0 ? F_EOF : F_ERR;
		return 0;
	}
	return (size_t)got;
}

static int refill(FILE *f)
{
	need_buffer(f);
	f->pos = 0;
	f->len = read_raw(f, f->buf, f->size);
	if (!f->len)
		return EOF;
	f->flags |= F_READING;
	return 0;
}

int fgetc(FILE *f)
{
	if (f->nunget)
		return f->unget[--f->nunget];
	if (read_ahead(f))
		return f->buf[f->pos++];
	if (to_read(f) || refill(f))
		return EOF;
	return f->buf[f->pos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

int getc_unlocked(FILE *f)
{
	return fgetc(f);
}

int getchar_unlocked(void)
{
	return fgetc(stdin);
}

int ungetc(int c, FILE *f)
{
	if (c == EOF || to_read(f) || f->nunget == UNGET_MAX)
		return EOF;
	f->unget[f->nunget++] = (unsigned char)c;
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}

/* Up to n bytes from what is pushed back or buffered, without reading. */
static size_t take_buffered(FILE *f, unsigned char *p, size_t n)
{
	size_t got = 0;

	while (got < n && f->nunget)
		p[got++] = f->unget[--f->nunget];
	size_t k = read_ahead(f) < n - got ? read_ahead(f) : n - got;
	if (k)
		memcpy(p + got, f->buf + f->pos, k), f->pos += k;
	return got + k;
}

size_t fread(void *ptr, size_t size, size_t n, FILE *f)
{
	unsigned char *p = ptr;
	size_t want = size * n, got;

	if (!want || (n && want / n != size))
		return 0;
	got = take_buffered(f, p, want);
	if (got < want && to_read(f))
		return got / size;
	while (got < want) {
		need_buffer(f);
		size_t k;
		if (want - got >= f->size) /* large reads skip the buffer */
			k = read_raw(f, p + got, want - got);
		else
			k = refill(f) ? 0 : take_buffered(f, p + got, want - got);
		if (!k)
			break;
		got += k;
	}
	return got / size;
}

/* An update stream that was reading goes back to where the program is. */
static int to_write(FILE *f)
{
	if (!(f->flags & F_WRITE))
		return fail(f, EBADF);
	if (f->flags & F_READING || f->nunget) {
		unread_input(f);
		drop_input(f);
	}
	need_buffer(f);
	return 0;
}

static size_t put_bytes(FILE *f, const void *ptr, size_t n)
{
	const unsigned char *p = ptr;

	if (!n || to_write(f))
		return 0;
	if (n > f->size - f->len) {
		if (__stdio_flush_out(f))
			return 0;
		if (n >= f->size)
			return write_all(f, p, n) ? 0 : n;
	}
	memcpy(f->buf + f->len, p, n);
	f->len += n;
	f->flags |= F_WRITING;
	if ((f->bufmode == _IOLBF && memchr(p, '\n', n)) || f->len == f->size)
		if (__stdio_flush_out(f))
			return 0;
	return n;
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	size_t want = size * n;

	if (!want || want / n != size)
		return 0;
	return put_bytes(f, p, want) / size;
}

int fputc(int c, FILE *f)
{
	unsigned char ch = (unsigned char)c;

	return put_bytes(f, &ch, 1) ? ch : EOF;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int putc_unlocked(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar_unlocked(int c)
{
	return fputc(c, stdout);
}

void flockfile(FILE *f)
{
	(void)f;
}

int ftrylockfile(FILE *f)
{
	(void)f;
	return 0;
}

void funlockfile(FILE *f)
{
	(void)f;
}

int fputs(const char *s, FILE *f)
{
	size_t n = strlen(s);

	return !n || put_bytes(f, s, n) ? 0 : EOF;
}

static void flush_all(void)
{
	__stdio_flush_out(&out);
	__stdio_flush_out(&err);
	for (FILE *f = __stdio_list; f; f = f->next)
		__stdio_flush_out(f);
}

/* Output goes out; input gives the fd back its place (POSIX 2008). */
int fflush(FILE *f)
{
	if (!f) {
		flush_all();
		return 0;
	}
	if (f->flags & F_WRITING)
		return __stdio_flush_out(f);
	if (f->flags & F_READING || f->nunget)
		unread_input(f);
	return 0;
}

/* At exit: everything written goes out, and tmpfile's files go away (a
 * dagfs file written through an fd after its unlink would come back). */
void __stdio_forget_tmpname(FILE *f)
{
	if (f->tmpname[0] && f->tmp_owner == getpid())
		unlink(f->tmpname);
	f->tmpname[0] = '\0';
}

void __libc_flush_all(void)
{
	flush_all();
	for (FILE *f = __stdio_list; f; f = f->next)
		if (f->tmpname[0])
			close(f->fd), __stdio_forget_tmpname(f);
}

int fseeko(FILE *f, off_t offset, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
		errno = EINVAL;
		return -1;
	}
	if (__stdio_flush_out(f))
		return -1;
	if (whence == SEEK_CUR)
		offset -= (off_t)unread(f);
	f->nunget = 0; /* gone even if the seek fails, as in glibc */
	if (lseek(f->fd, offset, whence) < 0)
		return -1;
	drop_input(f);
	f->flags &= ~F_EOF;
	return 0;
}

int fseek(FILE *f, long offset, int whence)
{
	return fseeko(f, offset, whence);
}

/* The fd's offset, less what is read ahead or pushed back, plus what waits
 * to be written (which, appending, lands at the end). */
off_t ftello(FILE *f)
{
	int at_end = (f->flags & F_APPEND) && (f->flags & F_WRITING);
	off_t at = lseek(f->fd, 0, at_end ? SEEK_END : SEEK_CUR);

	if (at < 0)
		return -1;
	if (f->flags & F_WRITING)
		return at + (off_t)f->len;
	if ((off_t)unread(f) > at) {
		errno = EINVAL; /* pushed back in front of the first byte */
		return -1;
	}
	return at - (off_t)unread(f);
}

long ftell(FILE *f)
{
	return ftello(f);
}

void rewind(FILE *f)
{
	fseeko(f, 0, SEEK_SET);
	f->flags &= ~F_ERR;
}

int fgetpos(FILE *f, fpos_t *pos)
{
	off_t at = ftello(f);

	if (at < 0)
		return -1;
	pos->offset = at;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, pos->offset, SEEK_SET);
}

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
		errno = EINVAL;
		return -1;
	}
	fflush(f);
	drop_input(f);
	__stdio_set_buffer(f, buf, mode, size);
	return 0;
}

void setbuf(FILE *f, char *buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void setlinebuf(FILE *f)
{
	setvbuf(f, 0, _IOLBF, 0);
}

int feof(FILE *f)
{
	return !!(f->flags & F_EOF);
}

int ferror(FILE *f)
{
	return !!(f->flags & F_ERR);
}

void clearerr(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}

int fileno(FILE *f)
{
	if (f->fd < 0)
		errno = EBADF;
	return f->fd < 0 ? -1 : f->fd;
}
