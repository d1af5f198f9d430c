/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char line[1024];
	size_t used = 0;

	for (int i = 1; i < argc; i++) {
		size_t n = strlen(argv[i]);
		if (used + n + 2 > sizeof line)
			break;
		if (i > 1)
			line[used++] = ' ';
		memcpy(line + used, argv[i], n);
		used += n;
	}
	line[used++] = '\n';
	return write(STDOUT_FILENO, line, used) == (ssize_t)used ? 0 : 1;
}
