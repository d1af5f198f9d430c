/* SPDX-License-Identifier: BSD-2-Clause */
/* io as the POSIX fd layer: dagfs files, dup/dup2, pipes, fork sharing. */
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define PIPED 10000

static int pipe_through_a_child(void)
{
	int p[2], status;
	static char buf[PIPED + 16];
	long total = 0, n;

	if (pipe(p))
		return -1;
	pid_t child = fork();
	if (child == 0) {
		close(p[0]);
		for (int i = 0; i < PIPED; i++)
			buf[i] = (char)(i % 251);
		exit(write(p[1], buf, PIPED) == PIPED ? 0 : 1);
	}
	close(p[1]);
	memset(buf, 0, sizeof buf);
	while ((n = read(p[0], buf + total, sizeof buf - (size_t)total)) > 0)
		total += n;
	close(p[0]);
	waitpid(child, &status, 0);
	for (int i = 0; i < PIPED; i++)
		if (buf[i] != (char)(i % 251))
			return -2;
	return status == 0 ? (int)total : -3;
}

int main(void)
{
	char buf[128];
	struct stat st;
	int p[2], status;

	check_start("fd_layer");
	int fd = open("/etc/motd", O_RDONLY);
	EXPECT("open /etc/motd is fd 3", fd, 3);
	EXPECT("fstat", fstat(fd, &st), 0);
	EXPECT("read it all", read(fd, buf, sizeof buf), st.st_size);
	EXPECT("it is the motd", strncmp(buf, "Welcome to Chapp-E", 18), 0);
	EXPECT("lseek back", lseek(fd, 8, SEEK_SET), 8);
	pid_t child = fork();
	if (child == 0)
		exit(read(fd, buf, 3) == 3 ? 0 : 1); /* moves the shared offset */
	waitpid(child, &status, 0);
	EXPECT("a child shares the offset", (read(fd, buf, 2), strncmp(buf, "Ch", 2)), 0);
	EXPECT("dup2 onto fd 9", dup2(fd, 9), 9);
	EXPECT("close the original", close(fd), 0);
	EXPECT("fd 9 still open", lseek(9, 0, SEEK_SET), 0);
	EXPECT("closed fd", (read(fd, buf, 1), errno), EBADF);
	close(9);
	int w = open("/tmp/out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	EXPECT("write a new file", write(w, "abc\n", 4), 4);
	close(w);
	EXPECT("relative open after chdir", (chdir("/tmp"), fd = open("out", O_RDONLY), fd >= 0),
	       1);
	EXPECT("read it back", (memset(buf, 0, 8), read(fd, buf, 8)), 4);
	EXPECT("same bytes", strcmp(buf, "abc\n"), 0);
	close(fd);
	EXPECT("10000 bytes through a pipe from a child", pipe_through_a_child(), PIPED);
	EXPECT("pipe", pipe(p), 0);
	close(p[0]);
	EXPECT("write with no reader", (write(p[1], "x", 1), errno), EPIPE);
	EXPECT("lseek on a pipe", (lseek(p[1], 0, SEEK_SET), errno), ESPIPE);
	close(p[1]);
	EXPECT("open a missing file", (open("/nope", O_RDONLY), errno), ENOENT);
	EXPECT("dup of a bad fd", (dup(77), errno), EBADF);
	return check_finish();
}
