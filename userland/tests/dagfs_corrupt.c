/* SPDX-License-Identifier: BSD-2-Clause */
/* The runner flipped a byte in /etc/corrupt-me's data block: EIO for that file only. */
#include "check.h"

#include <abi/errno.h>
#include <dagfs/dagfs_client.h>

int main(void)
{
	char buf[512];

	check_start("dagfs_corrupt");
	int h = dagfs_open("/etc/corrupt-me", DAGFS_O_RDONLY);
	EXPECT("open works (the directory is sound)", h >= 0, 1);
	EXPECT("reading the damaged file", dagfs_read(h, buf, sizeof buf), -EIO);
	EXPECT("and again", (dagfs_lseek(h, 0, DAGFS_SEEK_SET), dagfs_read(h, buf, sizeof buf)),
	       -EIO);
	int m = dagfs_open("/etc/motd", DAGFS_O_RDONLY);
	EXPECT("another file still reads", dagfs_read(m, buf, sizeof buf) > 0, 1);
	EXPECT("the server is still up", dagfs_close(m), 0);
	return check_finish();
}
