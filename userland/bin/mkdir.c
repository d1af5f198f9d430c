/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	int bad = 0;

	for (int i = 1; i < argc; i++) {
		if (mkdir(argv[i], 0755) < 0) {
			dprintf(2, "mkdir: %s: errno %d\n", argv[i], errno);
			bad = 1;
		}
	}
	return bad;
}
