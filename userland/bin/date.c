/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * date [-u] [-d @SECONDS] [+FORMAT]: the time as date prints it in the C
 * locale ("Tue Dec  1 15:20:03 UTC 2026"), or as FORMAT says (strftime).
 * Local time is UTC (docs/libc.md), so -u changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_FORMAT "%a %b %e %H:%M:%S %Z %Y"

static int usage(void)
{
	fprintf(stderr, "usage: date [-u] [-d @SECONDS] [+FORMAT]\n");
	return 1;
}

/* "@1583020790": seconds since 1970, as GNU date reads them. */
static int parse_seconds(const char *s, time_t *t)
{
	char *end;

	if (s[0] != '@' || !s[1])
		return -1;
	*t = (time_t)strtol(s + 1, &end, 10);
	return *end ? -1 : 0;
}

static int show(time_t t, const char *format)
{
	static char buf[1024];
	struct tm tm;

	if (!localtime_r(&t, &tm)) {
		fprintf(stderr, "date: time %ld is out of range\n", (long)t);
		return 1;
	}
	/* strftime's 0 is also an empty result: "+" prints an empty line. */
	size_t n = strftime(buf, sizeof buf, format, &tm);
	if (!n && *format) {
		fprintf(stderr, "date: the format gives more than %zu bytes\n", sizeof buf - 1);
		return 1;
	}
	printf("%s\n", buf);
	return 0;
}

int main(int argc, char **argv)
{
	const char *format = DEFAULT_FORMAT;
	time_t t = time(0);

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-u"))
			continue;
		if (!strcmp(argv[i], "-d") && i + 1 < argc) {
			if (parse_seconds(argv[++i], &t))
				return usage();
		} else if (argv[i][0] == '+' && i == argc - 1) {
			format = argv[i] + 1;
		} else {
			return usage();
		}
	}
	return show(t, format);
}
