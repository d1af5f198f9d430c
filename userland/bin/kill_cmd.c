/* SPDX-License-Identifier: BSD-2-Clause */
/* kill [-s NAME | -NAME | -N] pid...: end processes (default SIGTERM).
 * Also sh's builtin kill: a server may be killed only by a process that
 * started it, and a shell's children are the shell's, not a sibling's. */
#include "kill.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	int number;
} signals[] = {{"HUP", SIGHUP}, {"INT", SIGINT}, {"KILL", SIGKILL}, {"TERM", SIGTERM}};

/* A signal given as a number or a name (with or without SIG): it, or -1. */
static int parse_signal(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s && !*end)
		return n >= 0 && n < 32 ? (int)n : -1;
	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++)
		if (!strcmp(s, signals[i].name))
			return signals[i].number;
	return -1;
}

int kill_command(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (i < argc && !strcmp(argv[i], "-s") && i + 1 < argc)
		sig = parse_signal(argv[i + 1]), i += 2;
	else if (i < argc && argv[i][0] == '-' && argv[i][1])
		sig = parse_signal(argv[i] + 1), i++;
	if (sig < 0 || i == argc) {
		fprintf(stderr, "usage: kill [-s HUP|INT|KILL|TERM | -SIGNAL] pid...\n");
		return 2;
	}
	for (; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);
		if (*end || !*argv[i] || kill((pid_t)pid, sig) < 0) {
			fprintf(stderr, "kill: %s: %s\n", argv[i],
				*end || !*argv[i] ? "not a pid" : strerror(errno));
			status = 1;
		}
	}
	return status;
}
