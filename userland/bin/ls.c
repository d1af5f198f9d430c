/* SPDX-License-Identifier: BSD-2-Clause */
/* ls [-l] [DIR...]: names in a directory; -l adds type, mode and size. */
#include <abi/stat.h>
#include <chappe/syscall.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct dirent_rec { /* OpenBSD struct dirent, as getdents returns it */
	uint64_t d_fileno;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	uint8_t d_namlen;
	uint8_t d_padding[4];
	char d_name[];
};

static void show(const char *dir, const char *name, int longform)
{
	char path[1024];
	struct stat st;

	if (!longform) {
		printf("%s\n", name);
		return;
	}
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (stat(path, &st) < 0) {
		printf("?????????? %8s %s\n", "?", name);
		return;
	}
	printf("%c%04o %8ld %s\n", S_ISDIR(st.st_mode) ? 'd' : '-', st.st_mode & 07777,
	       (long)st.st_size, name);
}

static int list(const char *dir, int longform)
{
	static char buf[4096];
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	long n;

	if (fd < 0) {
		dprintf(2, "ls: %s: cannot open (errno %d)\n", dir, errno);
		return 1;
	}
	while ((n = sys_getdents(fd, (long)buf, sizeof buf)) > 0)
		for (long at = 0; at < n;) {
			struct dirent_rec *r = (struct dirent_rec *)(buf + at);
			show(dir, r->d_name, longform);
			at += r->d_reclen;
		}
	close(fd);
	return n < 0;
}

int main(int argc, char **argv)
{
	int longform = argc > 1 && !strcmp(argv[1], "-l"), first = 1 + longform, bad = 0;

	if (first >= argc)
		return list(".", longform);
	for (int i = first; i < argc; i++)
		bad |= list(argv[i], longform);
	return bad;
}
