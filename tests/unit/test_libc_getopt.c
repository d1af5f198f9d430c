/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/getopt.c on the host against glibc's getopt told to be POSIX's
 * (a leading '+': no reordering): random argument vectors of grouped
 * letters, attached and separate arguments, unknown letters, "--", "-"
 * and operands, under several option strings. Every call must give the
 * same letter, optarg, optind and (on an error) optopt; with opterr set,
 * the same message on stderr.
 */
#include "libc_names.h"
int getopt(int argc, char *const argv[], const char *optstring);
extern char *optarg;
extern int optind, opterr, optopt;
#define LIBC_NAMES_UNDO
#include "libc_names.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static uint64_t rng = 0x3707344a4093822ull;

static const char *const pool[] = {"-a",  "-b",	  "-bX", "-ab",	 "-ba", "-c",	"-cval", "--",
				   "-",	  "file", "-x",	 "-abc", "-ac", "-:",	"-?",	 "-b-c",
				   "-cb", "-aab", "--a", "val",	 "-c-", "-bca", "-aaa"};
#define NPOOL (sizeof pool / sizeof *pool)
static const char *const optstrings[] = {"+ab:c", "+:ab:c", "+abc:", "+:c:a", "+a"};
#define NOPT (sizeof optstrings / sizeof *optstrings)

struct step {
	int c, optind, optopt;
	const char *optarg;
};

static int reported;

static int same_step(const struct step *x, const struct step *y)
{
	return x->c == y->c && x->optind == y->optind &&
	       (x->c != '?' && x->c != ':' ? 1 : x->optopt == y->optopt) &&
	       (!x->optarg ? !y->optarg : y->optarg && x->optarg == y->optarg);
}

/* The whole scan of argv by both; 1 if every step is the same. */
static int same_scan(int argc, char **argv, const char *opts, int restart_with)
{
	struct step mine, theirs;

	chappe_optind = restart_with, optind = 0;
	chappe_opterr = opterr = 0;
	for (int n = 0; n < 40; n++) {
		mine.c = chappe_getopt(argc, argv, opts);
		mine.optind = chappe_optind, mine.optopt = chappe_optopt,
		mine.optarg = chappe_optarg;
		theirs.c = getopt(argc, argv, opts);
		theirs.optind = optind, theirs.optopt = optopt, theirs.optarg = optarg;
		if (!same_step(&mine, &theirs)) {
			if (reported++ < 10) {
				fprintf(stderr, "  %s step %d: %d/%d optind %d/%d:", opts, n,
					mine.c, theirs.c, mine.optind, theirs.optind);
				for (int i = 0; i < argc; i++)
					fprintf(stderr, " %s", argv[i]);
				fprintf(stderr, "\n");
			}
			return 0;
		}
		if (mine.c < 0)
			return 1;
	}
	return 1;
}

static void scans(void)
{
	char *argv[10], copies[10][8];
	int ok = 1;

	for (int round = 0; round < 100000; round++) {
		int argc = 1 + (int)(check_random(&rng) % 8);
		argv[0] = "prog";
		for (int i = 1; i < argc; i++) {
			/* glibc may hand out pointers into argv: give each its own. */
			snprintf(copies[i], sizeof copies[i], "%s",
				 pool[check_random(&rng) % NPOOL]);
			argv[i] = copies[i];
		}
		argv[argc] = 0;
		ok &= same_scan(argc, argv, optstrings[round % NOPT], round % 2);
	}
	CHECK(ok);
}

/* What one scan writes on stderr with opterr set. */
static void scan_messages(int argc, char **argv, const char *opts, int mine, char *out, size_t size)
{
	FILE *f = tmpfile();
	int saved = dup(2);

	fflush(stderr);
	dup2(fileno(f), 2);
	chappe_optind = 1, optind = 0;
	chappe_opterr = opterr = 1;
	while ((mine ? chappe_getopt(argc, argv, opts) : getopt(argc, argv, opts)) != -1)
		;
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	size_t n = fread(out, 1, size - 1, f);
	out[n] = '\0';
	fclose(f);
}

static void messages(void)
{
	char *argv[] = {"prog", "-x", "-a", "-b", 0};
	char mine[256], theirs[256];

	scan_messages(4, argv, "+ab:", 1, mine, sizeof mine);
	scan_messages(4, argv, "+ab:", 0, theirs, sizeof theirs);
	CHECK(!strcmp(mine, theirs) && strstr(mine, "invalid option -- 'x'") &&
	      strstr(mine, "option requires an argument -- 'b'"));
	/* A leading ':' keeps getopt quiet. */
	scan_messages(4, argv, ":ab:", 1, mine, sizeof mine);
	CHECK(mine[0] == '\0');
}

int main(void)
{
	scans();
	messages();
	return check_summary("unit_libc_getopt");
}
