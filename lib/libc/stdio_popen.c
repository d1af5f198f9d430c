/* SPDX-License-Identifier: BSD-2-Clause */
/* Commands as streams: popen runs /bin/sh -c COMMAND on a pipe. */
#include "stdio_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHELL "/bin/sh"

/* In the child: the pipe's far end becomes stdin or stdout, and no other
 * popen stream's pipe stays open in it (POSIX asks that of popen). */
static void __attribute__((noreturn)) run_shell(const char *command, int mine, int end, int to)
{
	char *argv[] = {"sh", "-c", (char *)command, 0};

	close(mine);
	for (FILE *f = __stdio_list; f; f = f->next)
		if (f->pid)
			close(f->fd);
	if (end != to)
		dup2(end, to), close(end);
	execve(SHELL, argv, environ);
	_exit(127);
}

FILE *popen(const char *command, const char *mode)
{
	int p[2];

	if ((mode[0] != 'r' && mode[0] != 'w') || (mode[1] && strcmp(mode + 1, "e"))) {
		errno = EINVAL;
		return 0;
	}
	int reading = mode[0] == 'r';
	if (pipe(p) < 0)
		return 0;
	int mine = p[reading ? 0 : 1], theirs = p[reading ? 1 : 0];
	FILE *f = __stdio_new(mine, reading ? F_READ : F_WRITE);
	pid_t pid = f ? fork() : -1;
	if (pid == 0)
		run_shell(command, mine, theirs, reading ? STDOUT_FILENO : STDIN_FILENO);
	int error = f ? errno : ENOMEM;
	close(theirs);
	if (pid < 0) {
		f ? fclose(f) : close(mine);
		errno = error;
		return 0;
	}
	f->pid = pid;
	return f;
}

/* The command's wait status once it ends; -1 with ECHILD for a stream
 * popen did not make. */
int pclose(FILE *f)
{
	pid_t pid = f->pid;
	int status;

	if (!pid) {
		errno = ECHILD;
		return -1;
	}
	fclose(f);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}
