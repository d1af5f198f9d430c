/* SPDX-License-Identifier: BSD-2-Clause */
/* Lines in and out: fgets, getline, getdelim, puts, perror. */
#include "stdio_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define LINE_FIRST 120 /* getdelim's first allocation, as glibc's */

/* At most size - 1 bytes, up to and with a newline. size 1 gives "" (as
 * glibc); NULL at end of file before any byte, or on a read error. */
char *fgets(char *s, int size, FILE *f)
{
	int i = 0, c = 0;
	unsigned had_error = f->flags & F_ERR;

	if (size <= 0)
		return 0;
	f->flags &= ~F_ERR; /* to see whether this call failed */
	while (i < size - 1 && (c = fgetc(f)) != EOF) {
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	s[i] = '\0';
	int failed = ferror(f);
	f->flags |= had_error;
	return (i || size == 1) && !failed ? s : 0;
}

static int grow(char **line, size_t *cap, size_t need)
{
	size_t n = *cap * 2 > need ? *cap * 2 : need;
	char *p = realloc(*line, n);

	if (!p) {
		errno = ENOMEM;
		return -1;
	}
	*line = p, *cap = n;
	return 0;
}

/* A stream with its error indicator set gives -1 at once (as glibc). */
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f)
{
	size_t n = 0;

	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	if (ferror(f))
		return -1;
	if (!*line)
		*cap = 0;
	if (*cap == 0 && grow(line, cap, LINE_FIRST))
		return -1;
	for (int c; (c = fgetc(f)) != EOF;) {
		if (n + 2 > *cap && grow(line, cap, n + 2))
			return -1;
		(*line)[n++] = (char)c;
		if (c == (unsigned char)delim)
			break;
	}
	if (!n)
		return -1;
	(*line)[n] = '\0';
	return (ssize_t)n;
}

ssize_t getline(char **line, size_t *cap, FILE *f)
{
	return getdelim(line, cap, '\n', f);
}

int puts(const char *s)
{
	return fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF ? EOF : 0;
}

void perror(const char *what)
{
	const char *msg = strerror(errno);

	if (what && *what)
		fprintf(stderr, "%s: %s\n", what, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
