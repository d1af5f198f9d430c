/* SPDX-License-Identifier: BSD-2-Clause */
/* rm FILE...; rm -d removes empty directories too. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int dirs = argc > 1 && !strcmp(argv[1], "-d"), bad = 0;

	for (int i = 1 + dirs; i < argc; i++) {
		int r = unlink(argv[i]);
		if (r < 0 && dirs && errno == EPERM)
			r = rmdir(argv[i]);
		if (r < 0) {
			dprintf(2, "rm: %s: errno %d\n", argv[i], errno);
			bad = 1;
		}
	}
	return bad;
}
