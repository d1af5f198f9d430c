/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A failed assert: glibc's message, "prog: file:line: func: Assertion `e'
 * failed.", with prog the last component of argv[0] (crt0 keeps it in
 * __progname). Written with write(2) in one piece, so it needs no stdio.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char *__progname;

#define MESSAGE_MAX 1024

static void add(char *buf, const char *s)
{
	strlcat(buf, s, MESSAGE_MAX);
}

static void add_number(char *buf, unsigned n)
{
	char digits[12], *d = digits + sizeof digits;

	*--d = '\0';
	do
		*--d = (char)('0' + n % 10);
	while (n /= 10);
	add(buf, d);
}

void __assert_fail(const char *expr, const char *file, unsigned line, const char *func)
{
	char buf[MESSAGE_MAX] = "";
	const char *prog = __progname ? __progname : "";
	const char *slash = strrchr(prog, '/');

	add(buf, slash ? slash + 1 : prog);
	add(buf, *buf ? ": " : "");
	add(buf, file);
	add(buf, ":");
	add_number(buf, line);
	add(buf, ": ");
	add(buf, func);
	add(buf, ": Assertion `");
	add(buf, expr);
	add(buf, "' failed.\n");
	write(STDERR_FILENO, buf, strlen(buf));
	abort();
}
