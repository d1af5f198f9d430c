/* SPDX-License-Identifier: BSD-2-Clause */
/* The programs in /bin, run with fork + execve, stdout caught through a pipe. */
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char out[8192];

/* Run argv; its output lands in out[]; returns the wait status. */
static int run(char *const argv[])
{
	int p[2], status = -1;
	long used = 0, n;

	if (pipe(p))
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execv(argv[0], argv);
		exit(127);
	}
	close(p[1]);
	while ((n = read(p[0], out + used, sizeof out - 1 - (size_t)used)) > 0)
		used += n;
	out[used] = '\0';
	close(p[0]);
	waitpid(pid, &status, 0);
	return status;
}

#define RUN(...) run((char *const[]){__VA_ARGS__, 0})

static void kill_command(void)
{
	char pid_text[16];
	int status = -1;
	pid_t sleeper = fork();

	if (sleeper == 0) {
		const struct timespec long_nap = {100, 0};
		nanosleep(&long_nap, 0);
		_exit(0);
	}
	snprintf(pid_text, sizeof pid_text, "%d", sleeper);
	EXPECT("kill -KILL a sleeping child", RUN("/bin/kill", "-KILL", pid_text), 0);
	EXPECT("it ended with SIGKILL", waitpid(sleeper, &status, 0) == sleeper && status == 9, 1);
	EXPECT("kill 1 is refused", WEXITSTATUS(RUN("/bin/kill", "1")), 1);
	EXPECT("kill -BOGUS 1: usage", WEXITSTATUS(RUN("/bin/kill", "-BOGUS", "1")), 2);
}

int main(void)
{
	check_start("coreutils");
	EXPECT("echo", (RUN("/bin/echo", "hi", "there"), strcmp(out, "hi there\n")), 0);
	EXPECT("cat /etc/motd",
	       (RUN("/bin/cat", "/etc/motd"), strncmp(out, "Welcome to Chapp-E", 18)), 0);
	EXPECT("ls /etc names motd", (RUN("/bin/ls", "/etc"), strstr(out, "motd\n") != 0), 1);
	EXPECT("ls -l shows a file's size",
	       (RUN("/bin/ls", "-l", "/etc"), strstr(out, "-0644       89 motd") != 0), 1);
	EXPECT("mkdir /tmp/made", RUN("/bin/mkdir", "/tmp/made"), 0);
	EXPECT("ls /tmp shows it",
	       (RUN("/bin/ls", "-l", "/tmp"), strstr(out, "d0755        0 made") != 0), 1);
	EXPECT("rm -d /tmp/made", RUN("/bin/rm", "-d", "/tmp/made"), 0);
	EXPECT("gone", (RUN("/bin/ls", "/tmp"), strstr(out, "made") == 0), 1);
	EXPECT("rm of a missing file fails", WEXITSTATUS(RUN("/bin/rm", "/tmp/none")), 1);
	EXPECT("uname", (RUN("/bin/uname"), strcmp(out, "Chapp-E\n")), 0);
	EXPECT("true", RUN("/bin/true"), 0);
	EXPECT("false", WEXITSTATUS(RUN("/bin/false")), 1);
	EXPECT("ps lists init as pid 1",
	       (RUN("/bin/ps"), strstr(out, "    1     0 ") != 0 && strstr(out, " init\n") != 0),
	       1);
	EXPECT("ps lists itself", strstr(out, " ps\n") != 0, 1);
	EXPECT("bcstat lists io", (RUN("/bin/bcstat"), strstr(out, "0x01 ready  io") != 0), 1);
	EXPECT("bcstat lists dagfs", strstr(out, "0x0d ready  dagfs") != 0, 1);
	printf("%s", out);
	kill_command();
	return check_finish();
}
