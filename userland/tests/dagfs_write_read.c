/* SPDX-License-Identifier: BSD-2-Clause */
/* Create, write, read back, truncate, rename, unlink, mkdir, rmdir. */
#include "check.h"

#include <abi/errno.h>
#include <dagfs/dagfs_client.h>
#include <string.h>

static char big[20000], back[20000];

int main(void)
{
	struct dagfs_stat st;
	char buf[64];

	check_start("dagfs_write_read");
	EXPECT("mkdir /tmp/d", dagfs_mkdir("/tmp/d"), 0);
	EXPECT("mkdir again", dagfs_mkdir("/tmp/d"), -EEXIST);
	int h = dagfs_open("/tmp/d/f", DAGFS_O_RDWR | DAGFS_O_CREAT);
	EXPECT("create /tmp/d/f", h >= 0, 1);
	EXPECT("write 11 bytes", dagfs_write(h, "hello dagfs", 11), 11);
	EXPECT("seek to 0", dagfs_lseek(h, 0, DAGFS_SEEK_SET), 0);
	EXPECT("read them back", dagfs_read(h, buf, sizeof buf), 11);
	EXPECT("same bytes", memcmp(buf, "hello dagfs", 11), 0);
	for (unsigned i = 0; i < sizeof big; i++)
		big[i] = (char)(i * 7 + 3);
	EXPECT("seek to 5", dagfs_lseek(h, 5, DAGFS_SEEK_SET), 5);
	EXPECT("write 20000 bytes over the end", dagfs_write(h, big, sizeof big), sizeof big);
	EXPECT("fstat size", (dagfs_fstat(h, &st), (long)st.size), 20005);
	EXPECT("seek 5", dagfs_lseek(h, 5, DAGFS_SEEK_SET), 5);
	EXPECT("read 20000", dagfs_read(h, back, sizeof back), sizeof back);
	EXPECT("the long write reads back", memcmp(big, back, sizeof big), 0);
	EXPECT("ftruncate to 4", dagfs_ftruncate(h, 4), 0);
	EXPECT("stat after truncate", (dagfs_stat("/tmp/d/f", &st), (long)st.size), 4);
	EXPECT("close", dagfs_close(h), 0);
	EXPECT("rename", dagfs_rename("/tmp/d/f", "/tmp/g"), 0);
	EXPECT("old name gone", dagfs_stat("/tmp/d/f", &st), -ENOENT);
	EXPECT("new name there", (dagfs_stat("/tmp/g", &st), (long)st.size), 4);
	EXPECT("rmdir /tmp/d (now empty)", dagfs_rmdir("/tmp/d"), 0);
	EXPECT("rmdir /tmp (not empty)", dagfs_rmdir("/tmp"), -ENOTEMPTY);
	EXPECT("unlink a directory", dagfs_unlink("/etc"), -EPERM);
	EXPECT("unlink /tmp/g", dagfs_unlink("/tmp/g"), 0);
	EXPECT("gone", dagfs_stat("/tmp/g", &st), -ENOENT);
	EXPECT("create exclusive twice",
	       (dagfs_close(dagfs_open("/tmp/x", DAGFS_O_CREAT | DAGFS_O_WRONLY)),
		dagfs_open("/tmp/x", DAGFS_O_CREAT | DAGFS_O_EXCL | DAGFS_O_WRONLY)),
	       -EEXIST);
	EXPECT("write to a read-only handle", dagfs_write(dagfs_open("/etc/motd", 0), "x", 1),
	       -EBADF);
	EXPECT("open a directory for writing", dagfs_open("/etc", DAGFS_O_WRONLY), -EISDIR);
	EXPECT("move a directory into itself", dagfs_rename("/tmp", "/tmp/in"), -EINVAL);
	return check_finish();
}
