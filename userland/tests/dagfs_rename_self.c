/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rename(x, x) is success and changes nothing, however x is spelled
 * (POSIX: old and new name the same file); a directory moved into its own
 * subtree is EINVAL. dagfs once stored x again and then removed it.
 */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <dagfs/dagfs_client.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEXT "same file, same bytes"

static const char *spellings[][2] = {
    {"/tmp/s", "/tmp/s"},  {"/tmp/./s", "/tmp/s"},	{"//tmp/s", "/tmp/s"},
    {"/tmp/s", "/tmp//s"}, {"/tmp/s", "/tmp/../tmp/s"}, {"/tmp/s/.", "/tmp/s"},
};

static long put(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long n = fd < 0 ? fd : write(fd, TEXT, strlen(TEXT));

	close(fd);
	return n;
}

/* 1 if path is still the file put() wrote. */
static int intact(const char *path)
{
	struct stat st;
	char buf[64] = {0};
	int fd = open(path, O_RDONLY);
	long n = fd < 0 ? fd : read(fd, buf, sizeof buf - 1);

	close(fd);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && n == (long)strlen(TEXT) &&
	       !strcmp(buf, TEXT);
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void file_to_itself(void)
{
	char what[96];

	for (unsigned i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
		EXPECT("write /tmp/s", put("/tmp/s"), strlen(TEXT));
		snprintf(what, sizeof what, "rename(%s, %s)", spellings[i][0], spellings[i][1]);
		EXPECT(what, sys_rename((long)spellings[i][0], (long)spellings[i][1]), 0);
		snprintf(what, sizeof what, "/tmp/s intact after rename(%s, %s)", spellings[i][0],
			 spellings[i][1]);
		EXPECT(what, intact("/tmp/s"), 1);
	}
	EXPECT("dagfs_rename(/tmp/s, /tmp/./s)", dagfs_rename("/tmp/s", "/tmp/./s"), 0);
	EXPECT("/tmp/s intact after dagfs_rename", intact("/tmp/s"), 1);
	EXPECT("chdir /tmp", chdir("/tmp"), 0);
	EXPECT("rename(s, s) in /tmp", sys_rename((long)"s", (long)"s"), 0);
	EXPECT("rename(s, /tmp/s) in /tmp", sys_rename((long)"s", (long)"/tmp/s"), 0);
	EXPECT("rename(./s, ../tmp/s) in /tmp", sys_rename((long)"./s", (long)"../tmp/s"), 0);
	EXPECT("/tmp/s intact after the relative renames", intact("/tmp/s"), 1);
	EXPECT("chdir /", chdir("/"), 0);
}

static void dirs_to_themselves(void)
{
	EXPECT("mkdir /tmp/d", sys_mkdir((long)"/tmp/d", 0755), 0);
	EXPECT("rename(/tmp/d, /tmp/d)", sys_rename((long)"/tmp/d", (long)"/tmp/d"), 0);
	EXPECT("rename(/tmp/d/, //tmp/./d)", sys_rename((long)"/tmp/d/", (long)"//tmp/./d"), 0);
	EXPECT("empty /tmp/d still a directory", is_dir("/tmp/d"), 1);
	EXPECT("mkdir /tmp/full", sys_mkdir((long)"/tmp/full", 0755), 0);
	EXPECT("a file in /tmp/full", put("/tmp/full/f"), strlen(TEXT));
	EXPECT("rename(/tmp/full, /tmp/full)", sys_rename((long)"/tmp/full", (long)"/tmp/full"), 0);
	EXPECT("/tmp/full/f intact", intact("/tmp/full/f"), 1);
}

static void into_own_subtree(void)
{
	EXPECT("mkdir /tmp/d/sub", sys_mkdir((long)"/tmp/d/sub", 0755), 0);
	EXPECT("rename(/tmp/d, /tmp/d/sub/x)", sys_rename((long)"/tmp/d", (long)"/tmp/d/sub/x"),
	       -EINVAL);
	EXPECT("rename(/tmp/d, /tmp/d/x)", sys_rename((long)"/tmp/d", (long)"/tmp/d/x"), -EINVAL);
	EXPECT("chdir /tmp", chdir("/tmp"), 0);
	EXPECT("rename(d, ./d/sub/y) in /tmp", sys_rename((long)"d", (long)"./d/sub/y"), -EINVAL);
	EXPECT("chdir /", chdir("/"), 0);
	EXPECT("/tmp/d/sub still there", is_dir("/tmp/d/sub"), 1);
	EXPECT("rename(/tmp/d/sub, /tmp/d2) still works",
	       sys_rename((long)"/tmp/d/sub", (long)"/tmp/d2"), 0);
	EXPECT("/tmp/d2 is the moved directory", is_dir("/tmp/d2"), 1);
}

int main(void)
{
	check_start("dagfs_rename_self");
	file_to_itself();
	dirs_to_themselves();
	into_own_subtree();
	return check_finish();
}
