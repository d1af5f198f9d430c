/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * POSIX getopt: options end at the first argument that is not one (no
 * reordering, as glibc's does with a leading '+' or POSIXLY_CORRECT), at
 * "--" (skipped) or at "-". A leading ':' in optstring asks for ':' on a
 * missing argument and no messages; a leading '+' is accepted and means
 * nothing more. Setting optind to 0 starts a new scan (so does 1, unless
 * the last scan stopped inside a group of letters like -abc).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;

static int scan_optind; /* the optind the position below belongs to */
static int scan_pos;	/* the next option letter within argv[optind] */

static void complain(const char *argv0, const char *why, int c)
{
	fprintf(stderr, "%s: %s -- '%c'\n", argv0, why, c);
}

/* The option letter at the current position (its index in argv[optind]
 * in *at), stepping past it; -1 when the options have ended. */
static int next_letter(int argc, char *const argv[], int *at)
{
	if (optind != scan_optind || scan_pos == 0) {
		if (optind >= argc || !argv[optind] || argv[optind][0] != '-' || !argv[optind][1])
			return -1;
		if (!strcmp(argv[optind], "--")) {
			optind++;
			return -1;
		}
		scan_optind = optind;
		scan_pos = 1;
	}
	*at = scan_pos;
	int c = (unsigned char)argv[optind][scan_pos++];
	if (!argv[optind][scan_pos]) {
		optind++;
		scan_pos = 0;
	}
	scan_optind = optind;
	return c;
}

/* Letter c's argument: the rest of argv[arg] after index at, or the next
 * argument. c, or the error getopt returns when there is none. */
static int take_argument(int argc, char *const argv[], int arg, int at, int c, int quiet)
{
	if (optind == arg) {
		optarg = argv[optind] + at + 1;
		optind++;
		scan_pos = 0;
	} else if (optind < argc) {
		optarg = argv[optind++];
	} else {
		optopt = c;
		if (opterr && !quiet)
			complain(argv[0], "option requires an argument", c);
		return quiet ? ':' : '?';
	}
	scan_optind = optind;
	return c;
}

int getopt(int argc, char *const argv[], const char *optstring)
{
	if (*optstring == '+')
		optstring++;
	int quiet = *optstring == ':';
	if (optind == 0) {
		optind = 1;
		scan_pos = 0;
	}
	int arg = optind, at = 0;
	int c = next_letter(argc, argv, &at);

	optarg = 0;
	if (c < 0)
		return -1;
	const char *spec = c == ':' ? 0 : strchr(optstring + quiet, c);
	if (!spec) {
		optopt = c;
		if (opterr && !quiet)
			complain(argv[0], "invalid option", c);
		return '?';
	}
	return spec[1] == ':' ? take_argument(argc, argv, arg, at, c, quiet) : c;
}
