/* SPDX-License-Identifier: BSD-2-Clause */
/* List / and /etc from the shipped image and print /etc/motd. */
#include "check.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
#include <dagfs/dagfs_client.h>
#include <string.h>

static int list(const char *path)
{
	static char buf[4096];
	int h = dagfs_open(path, DAGFS_O_RDONLY | DAGFS_O_DIRECTORY), names = 0;
	int64_t n;

	if (h < 0)
		return h;
	while ((n = dagfs_getdents(h, buf, sizeof buf)) > 0) {
		for (int64_t at = 0; at < n;) {
			struct vfs_dirent *r = (struct vfs_dirent *)(buf + at);
			printf("dagfs_ls_cat: %s %c %s\n", path,
			       r->d_type == DAGFS_DT_DIR ? 'd' : '-', r->d_name);
			at += r->d_reclen;
			names++;
		}
	}
	dagfs_close(h);
	return n < 0 ? (int)n : names;
}

/* The library computes lengths with strlen; this goes around it (a path
 * longer than VFS_INLINE_PATH travels by address). */
static long raw_stat(uint64_t path, uint64_t len)
{
	struct bc_msg m = {
	    .sys_id = SYS_ID_DAGFS, .msg_type = MSG_TYPE_COMMAND, .opcode = VFS_OP_STAT};

	m.arg[0] = VFS_PATH_WORD(len, 0), m.arg[1] = path;
	return sys_bc_call((long)&m);
}

int main(void)
{
	static char text[512];
	struct dagfs_stat st;

	check_start("dagfs_ls_cat");
	EXPECT("entries in / (bin, etc, sbin, test, tmp, usr)", list("/"), 6);
	EXPECT("entries in /etc (at least 2)", list("/etc") >= 2, 1);
	EXPECT("stat /etc/motd", dagfs_stat("/etc/motd", &st), 0);
	int h = dagfs_open("/etc/motd", DAGFS_O_RDONLY);
	EXPECT("open /etc/motd", h >= 0, 1);
	int64_t n = dagfs_read(h, text, sizeof text - 1);
	EXPECT("read all of it", n, (long)st.size);
	text[n > 0 ? n : 0] = '\0';
	printf("dagfs_ls_cat: motd: %s", text);
	EXPECT("read at the end", dagfs_read(h, text, 16), 0);
	EXPECT("close", dagfs_close(h), 0);
	EXPECT("closed handle", dagfs_read(h, text, 1), -EBADF);
	EXPECT("missing file", dagfs_open("/etc/nope", DAGFS_O_RDONLY), -ENOENT);
	EXPECT("file as a directory", dagfs_open("/etc/motd/x", DAGFS_O_RDONLY), -ENOTDIR);
	/* dagfs knows no working directory: io resolves relative paths. */
	EXPECT("a relative path", dagfs_stat("motd", &st), -EINVAL);
	EXPECT("dot-dot", dagfs_stat("/etc/../bin/echo", &st), 0);
	EXPECT("bad path pointer", raw_stat(0x10, 40), -EFAULT);
	EXPECT("path too long", raw_stat((uint64_t) "/etc", 5000), -ENAMETOOLONG);
	return check_finish();
}
