/* SPDX-License-Identifier: BSD-2-Clause */
/* The POSIX path calls the Brain Controller routes to dagfs. */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <dagfs/dagfs_client.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	struct stat st;
	struct dagfs_stat ds;

	check_start("posix_paths");
	EXPECT("stat /etc/motd", stat("/etc/motd", &st), 0);
	EXPECT("a regular file", S_ISREG(st.st_mode), 1);
	EXPECT("same size dagfs reports", (dagfs_stat("/etc/motd", &ds), st.st_size),
	       (long)ds.size);
	EXPECT("mkdir /tmp/p", mkdir("/tmp/p", 0755), 0);
	EXPECT("chdir /tmp", chdir("/tmp"), 0);
	EXPECT("relative stat p", stat("p", &st), 0);
	EXPECT("a directory", S_ISDIR(st.st_mode), 1);
	EXPECT("rename p q", rename("p", "q"), 0);
	EXPECT("p is gone", (stat("p", &st), errno), ENOENT);
	EXPECT("rmdir q", rmdir("q"), 0);
	EXPECT("unlink a directory", (unlink("/etc"), errno), EPERM);
	EXPECT("chdir to a file", (chdir("/etc/motd"), errno), ENOTDIR);
	EXPECT("bad path pointer", sys_stat(0x10, (long)&st), -EFAULT);
	EXPECT("bad stat buffer", sys_stat((long)"/etc", 0x10), -EFAULT);
	memset((void *)0x00007fffffffffc0, 'A', 64); /* no NUL before the end of user space */
	EXPECT("unterminated path", sys_mkdir(0x00007fffffffffc0, 0), -EFAULT);
	return check_finish();
}
