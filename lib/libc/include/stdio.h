/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * FILE streams over fds (docs/libc.md, "stdio"): stdin and stdout are
 * line-buffered, stderr unbuffered, other streams fully buffered (BUFSIZ).
 * dprintf and snprintf write straight to an fd or a buffer.
 */
#pragma once

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define EOF (-1)
#define BUFSIZ 8192

typedef struct chappe_file FILE;

extern FILE *stdin, *stdout, *stderr;

int fflush(FILE *f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(__printf__, 2, 3)));
int vfprintf(FILE *f, const char *fmt, va_list ap);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *s, int size, FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
int printf(const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(__printf__, 2, 3)));
int vdprintf(int fd, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(__printf__, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int puts(const char *s);
int rename(const char *from, const char *to);

/* Streams on files, pipes and commands; positions; buffering. */
typedef int64_t off_t;
typedef long ssize_t;
typedef struct {
	off_t offset;
} fpos_t;

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2
#define FOPEN_MAX 16	  /* streams are a list: the limit is RLIMIT_NOFILE's */
#define FILENAME_MAX 1024 /* PATH_MAX */
#define L_tmpnam 32	  /* "/tmp/tmp.<pid>.<n>" with room to spare */
#define TMP_MAX 238328	  /* names tmpfile tries before giving up */
#define P_tmpdir "/tmp"

FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *path, const char *mode, FILE *f);
FILE *tmpfile(void);
int fclose(FILE *f);
int fileno(FILE *f);
size_t fread(void *p, size_t size, size_t n, FILE *f);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);
int fseek(FILE *f, long offset, int whence);
int fseeko(FILE *f, off_t offset, int whence);
long ftell(FILE *f);
off_t ftello(FILE *f);
void rewind(FILE *f);
int fgetpos(FILE *f, fpos_t *pos);
int fsetpos(FILE *f, const fpos_t *pos);
int setvbuf(FILE *f, char *buf, int mode, size_t size);
void setbuf(FILE *f, char *buf);
void setlinebuf(FILE *f);
void clearerr(FILE *f);
ssize_t getline(char **line, size_t *cap, FILE *f);
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f);
int remove(const char *path);
void perror(const char *what);
FILE *popen(const char *command, const char *mode);
int pclose(FILE *f);
char *tmpnam(char *name);
int vprintf(const char *fmt, va_list ap);
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(__printf__, 2, 3)));
int vsprintf(char *buf, const char *fmt, va_list ap);
/* POSIX's locking: a process has one thread, so they lock nothing. */
void flockfile(FILE *f);
int ftrylockfile(FILE *f);
void funlockfile(FILE *f);
int getc_unlocked(FILE *f);
int getchar_unlocked(void);
int putc_unlocked(int c, FILE *f);
int putchar_unlocked(int c);

/* The scanf family (scanf.c): d i u o x X p a e f g (and capitals), c s
 * [set] [^set] n %%, * and widths, lengths hh h l ll j z t L. */
int scanf(const char *fmt, ...) __attribute__((format(__scanf__, 1, 2)));
int sscanf(const char *s, const char *fmt, ...) __attribute__((format(__scanf__, 2, 3)));
int fscanf(FILE *f, const char *fmt, ...) __attribute__((format(__scanf__, 2, 3)));
int vscanf(const char *fmt, va_list ap);
int vsscanf(const char *s, const char *fmt, va_list ap);
int vfscanf(FILE *f, const char *fmt, va_list ap);
