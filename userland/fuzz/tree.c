/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Snapshots of a directory tree as the POSIX calls see it: every entry's
 * path, type and size, a file's SHA-256 and a directory's list of names.
 * Two snapshots of the same tree must be equal entry by entry.
 */
#include "tree.h"

#include "fuzz.h"

#include <chappe/syscall.h>
#include <crypto/sha256.h>
#include <dagfs/dagfs_protocol.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static unsigned char io_buf[4096];

/* The SHA-256 of what the fd reads, or -errno. */
static long hash_fd(int fd, uint8_t out[32])
{
	struct sha256 s;
	long n;

	sha256_init(&s);
	while ((n = sys_read(fd, (long)io_buf, sizeof io_buf)) > 0)
		sha256_update(&s, io_buf, (size_t)n);
	sha256_final(&s, out);
	return n;
}

/* A directory's names and types, hashed; the children walked after. */
static long hash_listing(int fd, uint8_t out[32], char names[][TREE_NAME_MAX], int *count)
{
	struct sha256 s;
	long n;

	sha256_init(&s);
	*count = 0;
	while ((n = sys_getdents(fd, (long)io_buf, sizeof io_buf)) > 0)
		for (long at = 0; at < n;) {
			const struct vfs_dirent *r = (const void *)(io_buf + at);
			sha256_update(&s, &r->d_type, 1);
			sha256_update(&s, r->d_name, strlen(r->d_name) + 1);
			if (*count < TREE_FANOUT_MAX)
				snprintf(names[(*count)++], TREE_NAME_MAX, "%s", r->d_name);
			at += r->d_reclen;
		}
	sha256_final(&s, out);
	return n;
}

static void walk(struct tree *t, const char *path);

static void walk_children(struct tree *t, const char *path, char names[][TREE_NAME_MAX], int n)
{
	char child[TREE_PATH_MAX];

	for (int i = 0; i < n; i++) {
		snprintf(child, sizeof child, "%s/%s", path, names[i]);
		walk(t, child);
	}
}

static void walk(struct tree *t, const char *path)
{
	char names[TREE_FANOUT_MAX][TREE_NAME_MAX];
	struct stat st;
	struct tree_node *e;
	int count = 0;

	if (t->count == TREE_NODES_MAX)
		return;
	e = &t->node[t->count++];
	memset(e, 0, sizeof *e);
	snprintf(e->path, sizeof e->path, "%s", path);
	e->err = sys_stat((long)path, (long)&st);
	if (e->err)
		return;
	e->mode = st.st_mode, e->size = st.st_size;
	long fd = sys_open((long)path, O_RDONLY | (S_ISDIR(st.st_mode) ? O_DIRECTORY : 0), 0);
	if (fd < 0) {
		e->err = fd;
		return;
	}
	e->err = S_ISDIR(st.st_mode) ? hash_listing((int)fd, e->hash, names, &count)
				     : hash_fd((int)fd, e->hash);
	sys_close(fd);
	walk_children(t, path, names, count);
}

void tree_snapshot(struct tree *t, const char *root)
{
	t->count = 0;
	walk(t, root);
}

static const struct tree_node *find(const struct tree *t, const char *path)
{
	for (int i = 0; i < t->count; i++)
		if (!strcmp(t->node[i].path, path))
			return &t->node[i];
	return 0;
}

static const char *kind(const struct tree_node *e)
{
	return e->err ? "missing" : S_ISDIR(e->mode) ? "a directory" : "a file";
}

/* "a file of 44 bytes", "a directory of 4 entries" */
static void describe(char *out, size_t n, const struct tree_node *e)
{
	snprintf(out, n, "%s of %ld %s", kind(e), (long)e->size,
		 S_ISDIR(e->mode) ? "entries" : "bytes");
}

/* The first difference a node shows, or 0. */
static const char *differs(const struct tree_node *a, const struct tree_node *b)
{
	if (!b)
		return "is gone";
	if (a->err != b->err || (a->mode & S_IFMT) != (b->mode & S_IFMT))
		return "changed type";
	if (a->size != b->size)
		return "changed size";
	if (memcmp(a->hash, b->hash, sizeof a->hash))
		return S_ISDIR(a->mode) ? "has other entries" : "has other content";
	return 0;
}

int tree_compare(const char *what, const struct tree *before, const struct tree *after)
{
	int bad = 0;

	for (int i = 0; i < before->count; i++) {
		const struct tree_node *a = &before->node[i], *b = find(after, a->path);
		const char *why = differs(a, b);
		char was[48], now[48] = "missing";
		describe(was, sizeof was, a);
		if (b)
			describe(now, sizeof now, b);
		if (why && bad++ < 8)
			fuzz_fail("paths", "%s: %s %s (was %s, now %s)", what, a->path, why, was,
				  now);
	}
	for (int i = 0; i < after->count; i++)
		if (!find(before, after->node[i].path) && bad++ < 8)
			fuzz_fail("paths", "%s: %s appeared", what, after->node[i].path);
	return bad;
}
