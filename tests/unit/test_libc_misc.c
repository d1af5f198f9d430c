/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc locale.c, assert.c (and <assert.h>) and system.c on the host,
 * against glibc: setlocale's answers for every category and name,
 * localeconv's C values field by field; a failed assert's message, byte
 * for byte glibc's, and the process ending as abort ends it; NDEBUG; and
 * system's wait status for commands that exit, fail and are killed.
 */
#include "libc_names.h"
#include "../../lib/libc/include/assert.h"
int system(const char *command);
char *setlocale(int category, const char *locale);
extern char **environ;
extern char *__progname;
#define LIBC_NAMES_UNDO
#include "libc_names.h"

#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

struct lconv *chappe_localeconv(void);
char *chappe_progname; /* crt0.S keeps argv[0] there on Chapp-E */
__attribute__((noreturn)) void __assert_fail(const char *expr, const char *file, unsigned line,
					     const char *func); /* glibc's, as <assert.h> has it */

static void locales(void)
{
	static const int categories[] = {LC_ALL,     LC_COLLATE, LC_CTYPE,   LC_MONETARY,
					 LC_NUMERIC, LC_TIME,	 LC_MESSAGES};
	static const char *const c_names[] = {"C", "POSIX", ""};
	static const char *const others[] = {"en_US.UTF-8", "c", "de_DE", "C.UTF-8x", " C"};

	for (size_t c = 0; c < sizeof categories / sizeof *categories; c++) {
		int cat = categories[c];
		CHECK(!strcmp(chappe_setlocale(cat, 0), "C"));
		for (size_t n = 0; n < sizeof c_names / sizeof *c_names; n++)
			CHECK(!strcmp(chappe_setlocale(cat, c_names[n]), "C"));
		for (size_t n = 0; n < sizeof others / sizeof *others; n++)
			CHECK(chappe_setlocale(cat, others[n]) == 0);
	}
	CHECK(chappe_setlocale(-1, "C") == 0 && chappe_setlocale(99, "C") == 0);
	/* glibc in its C locale (a program's until it calls setlocale). */
	const struct lconv *m = chappe_localeconv(), *g = localeconv();
	const char *const mine[] = {m->decimal_point,	  m->thousands_sep,   m->grouping,
				    m->int_curr_symbol,	  m->currency_symbol, m->mon_decimal_point,
				    m->mon_thousands_sep, m->mon_grouping,    m->positive_sign,
				    m->negative_sign};
	const char *const glibc[] = {g->decimal_point,	   g->thousands_sep,   g->grouping,
				     g->int_curr_symbol,   g->currency_symbol, g->mon_decimal_point,
				     g->mon_thousands_sep, g->mon_grouping,    g->positive_sign,
				     g->negative_sign};
	for (size_t i = 0; i < sizeof mine / sizeof *mine; i++)
		CHECK(!strcmp(mine[i], glibc[i]));
	const char *mc = &m->int_frac_digits, *gc = &g->int_frac_digits;
	for (const char *end = &m->int_n_sign_posn; mc <= end; mc++, gc++)
		CHECK(*mc == *gc && *mc == CHAR_MAX);
}

/* What a child writes to stderr, and how it ends. */
static int stderr_of(void (*child)(void), char *out, size_t size)
{
	int p[2], status;

	CHECK(pipe(p) == 0);
	fflush(0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 2);
		close(p[0]), close(p[1]);
		child();
		_exit(0);
	}
	close(p[1]);
	size_t n = 0;
	for (ssize_t r; n < size - 1 && (r = read(p[0], out + n, size - 1 - n)) > 0;)
		n += (size_t)r;
	out[n] = '\0';
	close(p[0]);
	waitpid(pid, &status, 0);
	return status;
}

static void mine_fails(void)
{
	chappe_progname = "/some/dir/prog";
	chappe_assert_fail("x == 1", "dir/file.c", 1234, "some_function");
}

static void glibcs_fails(void)
{
	program_invocation_short_name = "prog"; /* glibc's __progname */
	__assert_fail("x == 1", "dir/file.c", 1234, "some_function");
}

/* From here on, <assert.h>'s macro calls the function it calls on Chapp-E. */
#define __assert_fail chappe_assert_fail

static void through_the_macro(void)
{
	int x = 2;

	chappe_progname = "prog";
	assert(x == 1);
}
static const int macro_line = __LINE__ - 2;

#define NDEBUG
#include "../../lib/libc/include/assert.h"

static int evaluated;

static void with_ndebug(void)
{
	assert(evaluated++ == 99);
}

#undef NDEBUG
#include "../../lib/libc/include/assert.h"

static void asserts(void)
{
	char mine[256], glibc[256];

	int st = stderr_of(mine_fails, mine, sizeof mine);
	stderr_of(glibcs_fails, glibc, sizeof glibc);
	CHECK(!strcmp(mine, glibc));
	CHECK(!strcmp(mine, "prog: dir/file.c:1234: some_function: Assertion `x == 1' failed.\n"));
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT); /* chappe_abort raises it */
	stderr_of(through_the_macro, mine, sizeof mine);
	snprintf(glibc, sizeof glibc,
		 "prog: %s:%d: through_the_macro: Assertion `x == 1' failed.\n", __FILE__,
		 macro_line);
	if (strcmp(mine, glibc))
		fprintf(stderr, "  got \"%s\", want \"%s\"\n", mine, glibc);
	CHECK(!strcmp(mine, glibc));
	with_ndebug();
	CHECK(evaluated == 0);
	st = stderr_of(with_ndebug, mine, sizeof mine); /* assert is the real one again */
	CHECK(evaluated == 0 && mine[0] == '\0' && WEXITSTATUS(st) == 0);
}

static void commands(void)
{
	static const char *const cmds[] = {"true",
					   "false",
					   "exit 3",
					   "exit 255",
					   "kill -9 $$",
					   "kill -15 $$",
					   "no_such_command_here 2>/dev/null",
					   "test \"$HOME\" = /home/x"};

	chappe_environ = environ;
	setenv("HOME", "/home/x", 1); /* system passes environ on */
	chappe_environ = environ;
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
		int mine = chappe_system(cmds[i]), theirs = system(cmds[i]);
		if (mine != theirs)
			fprintf(stderr, "  system(\"%s\"): %#x, glibc %#x\n", cmds[i], mine,
				theirs);
		CHECK(mine == theirs);
	}
	CHECK(chappe_system(0) != 0);
	CHECK(WEXITSTATUS(chappe_system("exit 3")) == 3);
}

int main(void)
{
	locales();
	asserts();
	commands();
	return check_summary("unit_libc_misc");
}
