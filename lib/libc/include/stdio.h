/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * FILE streams over fds: stdout is line-buffered, stderr unbuffered, stdin
 * read in blocks. dprintf and snprintf write straight to an fd or a buffer.
 */
#pragma once

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)
#define BUFSIZ 1024

typedef struct chappe_file {
	int fd;
	int mode; /* 0 unbuffered, 1 line, 2 full */
	int eof, err;
	size_t wused;
	char *wbuf; /* BUFSIZ bytes each, apart so they stay in .bss */
	size_t rpos, rlen;
	char *rbuf;
} FILE;

extern FILE *stdin, *stdout, *stderr;

int fflush(FILE *f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vfprintf(FILE *f, const char *fmt, va_list ap);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *s, int size, FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vdprintf(int fd, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int puts(const char *s);
int rename(const char *from, const char *to);
