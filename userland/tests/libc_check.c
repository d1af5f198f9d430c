/* SPDX-License-Identifier: BSD-2-Clause */
/* libc beyond printf: qsort, getenv, atexit, ctype, FILE streams. */
#include "check.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void second(void)
{
	printf("libc_check: atexit ran second-registered first\n");
}

static void first(void)
{
	printf("libc_check: atexit ran first-registered last\n");
}

/* A child reads two lines through stdin (a pipe) with fgets. */
static int fgets_from_pipe(void)
{
	int p[2], status = -1;

	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		char a[32], b[32];
		dup2(p[0], 0);
		close(p[0]), close(p[1]);
		int ok = fgets(a, sizeof a, stdin) && fgets(b, sizeof b, stdin) &&
			 !strcmp(a, "line one\n") && !strcmp(b, "line two\n") &&
			 !fgets(a, sizeof a, stdin);
		exit(ok ? 0 : 1);
	}
	close(p[0]);
	write(p[1], "line one\nline two\n", 18);
	close(p[1]);
	waitpid(pid, &status, 0);
	return status;
}

int main(void)
{
	int v[] = {5, -3, 99, 0, 7, 7, -100, 42};
	char *w[] = {"pear", "apple", "fig", "banana"};
	static char *env[] = {"HOME=/tmp", "SHELL=/bin/sh", 0};

	check_start("libc_check");
	qsort(v, 8, sizeof v[0], by_int);
	EXPECT("qsort ints", v[0] == -100 && v[1] == -3 && v[2] == 0 && v[4] == 7 && v[7] == 99, 1);
	qsort(w, 4, sizeof w[0], by_str);
	EXPECT("qsort strings", !strcmp(w[0], "apple") && !strcmp(w[3], "pear"), 1);
	environ = env;
	EXPECT("getenv HOME", getenv("HOME") && !strcmp(getenv("HOME"), "/tmp"), 1);
	EXPECT("getenv missing", getenv("HOM") == 0, 1);
	EXPECT("ctype",
	       isdigit('7') && !isdigit('a') && isspace('\t') && toupper('q') == 'Q' &&
		   ispunct('!') && !ispunct('a') && isxdigit('F'),
	       1);
	EXPECT("strtol hex", strtol("0x1f", 0, 0), 31);
	EXPECT("strtol negative", strtol("  -42z", 0, 10), -42);
	EXPECT("fgets through a pipe", fgets_from_pipe(), 0);
	EXPECT("fputs", fputs("libc_check: fputs line\n", stdout), 0);
	fprintf(stderr, "libc_check: to stderr\n");
	atexit(first);
	atexit(second);
	return check_finish(); /* exit runs the handlers, then flushes */
}
