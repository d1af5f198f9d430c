/* SPDX-License-Identifier: BSD-2-Clause */
/* cat [FILE...]: copy files (or stdin) to stdout. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int copy(int fd, const char *name)
{
	static char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) > 0)
		if (write(STDOUT_FILENO, buf, (size_t)n) != n)
			return 1;
	if (n < 0)
		dprintf(2, "cat: %s: read error (errno %d)\n", name, errno);
	return n < 0;
}

int main(int argc, char **argv)
{
	int bad = 0;

	if (argc < 2)
		return copy(STDIN_FILENO, "stdin");
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			dprintf(2, "cat: %s: cannot open (errno %d)\n", argv[i], errno);
			bad = 1;
			continue;
		}
		bad |= copy(fd, argv[i]);
		close(fd);
	}
	return bad;
}
