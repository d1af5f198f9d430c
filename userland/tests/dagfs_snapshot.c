/* SPDX-License-Identifier: BSD-2-Clause */
/* An old root still reads the old content after the file changed. */
#include "check.h"

#include <abi/errno.h>
#include <libdagfs/dagfs.h>
#include <dagfs/dagfs_client.h>
#include <string.h>

static int put(const char *path, const char *text)
{
	int h = dagfs_open(path, DAGFS_O_WRONLY | DAGFS_O_CREAT | DAGFS_O_TRUNC);
	int64_t n = dagfs_write(h, text, strlen(text));

	dagfs_close(h);
	return h < 0 ? h : (int)n;
}

static int64_t get(const char *path, char *buf, size_t size)
{
	int h = dagfs_open(path, DAGFS_O_RDONLY);
	int64_t n = h < 0 ? h : dagfs_read(h, buf, size - 1);

	dagfs_close(h);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

int main(void)
{
	uint8_t old[32], now[32];
	char path[128], hex[65], buf[64];

	check_start("dagfs_snapshot");
	EXPECT("write version one", put("/tmp/note", "version one"), 11);
	EXPECT("snapshot", dagfs_snapshot(old), 0);
	EXPECT("write version two", put("/tmp/note", "version two!"), 12);
	EXPECT("snapshot again", dagfs_snapshot(now), 0);
	EXPECT("the root moved", memcmp(old, now, 32) != 0, 1);
	dagfs_hash_hex(old, hex);
	snprintf(path, sizeof path, "/@%s/tmp/note", hex);
	printf("dagfs_snapshot: old root %s\n", hex);
	EXPECT("current content", (get("/tmp/note", buf, sizeof buf), strcmp(buf, "version two!")),
	       0);
	EXPECT("old root, old content", (get(path, buf, sizeof buf), strcmp(buf, "version one")),
	       0);
	EXPECT("snapshots are read-only", dagfs_open(path, DAGFS_O_WRONLY), -EROFS);
	snprintf(path, sizeof path, "/@%s/tmp/new", hex);
	EXPECT("no mkdir in a snapshot", dagfs_mkdir(path), -EROFS);
	EXPECT("a bogus root", dagfs_open("/@0000/tmp/note", 0), -ENOENT);
	return check_finish();
}
