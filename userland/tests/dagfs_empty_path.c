/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The empty path names nothing: every path call given "" is ENOENT and acts
 * on nothing, even right after another process's request named a victim
 * (dagfs once kept the last request's parsed path and mkdir("") reused it).
 */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <dagfs/dagfs_client.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define VICTIM "/tmp/victim.txt"
#define TEXT "the victim's bytes"

/* Another process names the victim in the request just before ours. */
static void child_stats(const char *path)
{
	struct stat st;
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		exit(stat(path, &st) == 0 ? 0 : 1);
	waitpid(pid, &status, 0);
}

static long empty_call(int which)
{
	struct stat st;

	switch (which) {
	case 0:
		return sys_stat((long)"", (long)&st);
	case 1:
		return sys_open((long)"", O_RDONLY, 0);
	case 2:
		return sys_open((long)"", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	case 3:
		return sys_chdir((long)"");
	case 4:
		return sys_mkdir((long)"", 0755);
	case 5:
		return sys_rmdir((long)"");
	case 6:
		return sys_unlink((long)"");
	case 7:
		return sys_rename((long)"", (long)"/tmp/moved");
	case 8:
		return sys_rename((long)VICTIM, (long)"");
	case 9:
		return dagfs_mkdir("");
	case 10:
		return dagfs_unlink("");
	default:
		return dagfs_open("", DAGFS_O_WRONLY | DAGFS_O_CREAT | DAGFS_O_TRUNC);
	}
}

static const char *call_names[] = {
    "stat(\"\")",	 "open(\"\")",	       "open(\"\", O_CREAT|O_TRUNC)",
    "chdir(\"\")",	 "mkdir(\"\")",	       "rmdir(\"\")",
    "unlink(\"\")",	 "rename(\"\", x)",    "rename(x, \"\")",
    "dagfs_mkdir(\"\")", "dagfs_unlink(\"\")", "dagfs_open(\"\", O_CREAT)"};

static long put_victim(void)
{
	int fd = open(VICTIM, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long n = fd < 0 ? fd : write(fd, TEXT, strlen(TEXT));

	close(fd);
	return n;
}

static int victim_intact(void)
{
	struct stat st;
	char buf[64] = {0};
	int fd = open(VICTIM, O_RDONLY);
	long n = fd < 0 ? fd : read(fd, buf, sizeof buf - 1);

	close(fd);
	return stat(VICTIM, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == (long)strlen(TEXT) &&
	       n == (long)strlen(TEXT) && !strcmp(buf, TEXT);
}

int main(void)
{
	struct stat st;
	char what[96];

	check_start("dagfs_empty_path");
	for (int i = 0; i < (int)(sizeof call_names / sizeof call_names[0]); i++) {
		snprintf(what, sizeof what, "victim written before %s", call_names[i]);
		EXPECT(what, put_victim(), strlen(TEXT));
		child_stats(VICTIM);
		snprintf(what, sizeof what, "after a stat of the victim, %s", call_names[i]);
		EXPECT(what, empty_call(i), -ENOENT);
		snprintf(what, sizeof what, "victim intact after %s", call_names[i]);
		EXPECT(what, victim_intact(), 1);
	}
	child_stats("/bin");
	EXPECT("after a stat of /bin, mkdir(\"\")", sys_mkdir((long)"", 0755), -ENOENT);
	EXPECT("/bin still a directory", stat("/bin", &st) == 0 && S_ISDIR(st.st_mode), 1);
	EXPECT("/bin/true still there", stat("/bin/true", &st), 0);
	EXPECT("nothing moved to /tmp/moved", sys_stat((long)"/tmp/moved", (long)&st), -ENOENT);
	EXPECT("the working directory is still /", (getcwd(what, sizeof what), strcmp(what, "/")),
	       0);
	return check_finish();
}
