/* SPDX-License-Identifier: BSD-2-Clause */
/* libc beyond printf: qsort, getenv, atexit, ctype, FILE streams; and
 * floating point (SSE and x87 in user code) through printf, strtod, sscanf. */
#include "check.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
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

/* Shows the text, then 0 when it is the text wanted. */
static int differs(const char *what, const char *got, const char *want)
{
	printf("libc_check: %s gave [%s]\n", what, got);
	return strcmp(got, want) != 0;
}

static int printf_floats(void)
{
	char b[200];
	double zero = 0.0; /* computed at run time: an SSE division */

	snprintf(b, sizeof b, "%5.2f|%e|%.14g|%a|%.17g|%g|%G|%+.3e|%08.3f|%f|%.0f|%.0f", 3.14159,
		 1e100, 0.1, 1.0, 0.1, 1e-5, 1.0 / zero, -2.5e-300, -1.5, -zero, 0.5, 1.5);
	return differs("printf doubles", b,
		       " 3.14|1.000000e+100|0.1|0x1p+0|0.10000000000000001|1e-05|INF|-2.500e-300|"
		       "-001.500|-0.000000|0|2");
}

static int printf_exact(void)
{
	char b[200];

	snprintf(b, sizeof b, "%.40f|%.20Lg|%La|%.3Le", 0.1, 0.1L, 1.0L, 1e4000L);
	return differs("printf exact and long double", b,
		       "0.1000000000000000055511151231257827021182|0.1|0x8p-3|1.000e+4000");
}

static uint64_t bits_of(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof u);
	return u;
}

/* Correct rounding where it is hard, hex input, the end, ERANGE. */
static int strtod_cases(void)
{
	static const char huge[] = "1e400x";
	char *end;
	int wrong = 0;

	wrong |= bits_of(strtod("0.1", 0)) != 0x3fb999999999999aull;
	wrong |= bits_of(strtod("2.2250738585072011e-308", 0)) != 0xfffffffffffffull;
	wrong |= strtod("0x1.8p1", 0) != 3.0 || strtof("1.5", 0) != 1.5f || atof("-2.5e3") != -2500;
	errno = 0;
	double h = strtod(huge, &end);
	wrong |= h != 1.0 / 0.0 || errno != ERANGE || end != huge + 5;
	wrong |= strtold("0.1", 0) != 0.1L;
	return wrong;
}

static int sscanf_cases(void)
{
	double d = 0, a = 0;
	int i = 0, n = 0;
	char word[8] = "";
	int r = sscanf("3.25 -7 abc 0x1p-2 rest", "%lf %d %7s %la%n", &d, &i, word, &a, &n);

	printf("libc_check: sscanf gave %d: %g %d %s %g %d\n", r, d, i, word, a, n);
	return r != 4 || d != 3.25 || i != -7 || strcmp(word, "abc") || a != 0.25 || n != 18;
}

/* fscanf on a file: the character that ended a number is pushed back. */
static int fscanf_file(void)
{
	FILE *f = fopen("/tmp/fscanf_check", "w+");
	int i = 0, r;
	double d = 0;

	if (!f)
		return -1;
	fputs("12 3.5e+x rest", f);
	rewind(f);
	r = fscanf(f, "%d %lf", &i, &d);
	int c = fgetc(f);
	fclose(f);
	remove("/tmp/fscanf_check");
	printf("libc_check: fscanf gave %d: %d %g, then '%c'\n", r, i, d, c);
	return r != 2 || i != 12 || d != 3.5 || c != 'x';
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
	EXPECT("printf doubles", printf_floats(), 0);
	EXPECT("printf exact and long double", printf_exact(), 0);
	EXPECT("strtod cases", strtod_cases(), 0);
	EXPECT("sscanf cases", sscanf_cases(), 0);
	EXPECT("fscanf from a file", fscanf_file(), 0);
	EXPECT("fputs", fputs("libc_check: fputs line\n", stdout), 0);
	fprintf(stderr, "libc_check: to stderr\n");
	atexit(first);
	atexit(second);
	return check_finish(); /* exit runs the handlers, then flushes */
}
