/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The VFS requests on paths: open, stat, mkdir, rmdir, unlink, rename.
 * Every change is copy-on-write and moves the root (path.c's dfs_set).
 */
#include "dagfs.h"

#include <abi/errno.h>
#include <string.h>

int dfs_is_dir(const struct dagfs_entry *e)
{
	return (e->mode & DAGFS_MODE_TYPE) == DAGFS_MODE_DIR;
}

uint64_t dfs_ino(const uint8_t hash[DAGFS_HASH_SIZE])
{
	uint64_t ino;

	memcpy(&ino, hash, sizeof ino);
	return ino;
}

void dfs_file_entry(struct dagfs_entry *e, const uint8_t hash[DAGFS_HASH_SIZE], uint64_t size)
{
	*e = (struct dagfs_entry){.mode = DAGFS_MODE_FILE | 0644, .size = size};
	memcpy(e->hash, hash, DAGFS_HASH_SIZE);
}

/* A new empty file at p (O_CREAT) or an existing one emptied (O_TRUNC). */
static int make_empty(const struct dfs_path *p, struct dagfs_entry *e)
{
	uint8_t hash[DAGFS_HASH_SIZE];
	int err = dagfs_file_store(&dfs_store, 0, 0, hash);

	if (!err)
		dfs_file_entry(e, hash, 0);
	return err ? err : dfs_set(p, e);
}

/* What open's flags make of the entry lookup found (or did not: err). */
static int open_entry(const struct dfs_path *p, int flags, int err, struct dagfs_entry *e)
{
	int writing = (flags & DAGFS_O_ACCMODE) != DAGFS_O_RDONLY;

	if (err == -ENOENT && (flags & DAGFS_O_CREAT))
		return make_empty(p, e);
	if (err)
		return err;
	if ((flags & DAGFS_O_CREAT) && (flags & DAGFS_O_EXCL))
		return -EEXIST;
	if (dfs_is_dir(e) && writing)
		return -EISDIR;
	if (!dfs_is_dir(e) && (flags & DAGFS_O_DIRECTORY))
		return -ENOTDIR;
	if (writing && p->snapshot)
		return -EROFS;
	if (writing && (flags & DAGFS_O_TRUNC))
		return make_empty(p, e);
	return 0;
}

int64_t dfs_op_open(const struct bc_msg *m)
{
	struct dagfs_entry e;
	struct dfs_path p;
	int flags = (int)VFS_PATH_EXTRA(m->arg[0]);
	int err = dfs_msg_path(m, &p), h;

	if (err)
		return err;
	err = open_entry(&p, flags, dfs_resolve(&p, &e), &e);
	if (err)
		return err;
	h = dfs_handle_new(m->sender, flags, &e, &p);
	return h < 0 ? h : dfs_answer((uint64_t)h, e.mode, e.size, dfs_ino(e.hash));
}

int64_t dfs_op_stat(const struct bc_msg *m)
{
	struct dagfs_entry e;
	struct dfs_path p;
	int err = dfs_msg_path(m, &p);

	if (!err)
		err = dfs_resolve(&p, &e);
	return err ? err : dfs_answer(0, e.mode, e.size, dfs_ino(e.hash));
}

int64_t dfs_op_mkdir(const struct bc_msg *m)
{
	struct dagfs_entry e;
	struct dfs_path p;
	int err = dfs_msg_path(m, &p);

	if (err)
		return err; /* a path that names nothing creates nothing */
	err = dfs_resolve(&p, &e);
	if (err == 0)
		return -EEXIST;
	if (err != -ENOENT)
		return err;
	e = (struct dagfs_entry){.mode = DAGFS_MODE_DIR | 0755, .size = 0};
	err = dfs_empty_dir(e.hash);
	return err ? err : dfs_set(&p, &e);
}

static int parse_and_resolve(const struct bc_msg *m, struct dfs_path *p, struct dagfs_entry *e)
{
	int err = dfs_msg_path(m, p);

	return err ? err : dfs_resolve(p, e);
}

int64_t dfs_op_unlink(const struct bc_msg *m)
{
	struct dagfs_entry e;
	struct dfs_path p;
	int err = parse_and_resolve(m, &p, &e);

	if (err)
		return err;
	return dfs_is_dir(&e) ? -EPERM : dfs_set(&p, 0);
}

int64_t dfs_op_rmdir(const struct bc_msg *m)
{
	struct dagfs_entry e;
	struct dfs_path p;
	int err = parse_and_resolve(m, &p, &e);

	if (err)
		return err;
	if (!dfs_is_dir(&e))
		return -ENOTDIR;
	if (e.size)
		return -ENOTEMPTY;
	return dfs_set(&p, 0);
}

/* The first n components of a and b are the same names. */
static int same_prefix(const struct dfs_path *a, const struct dfs_path *b, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (a->len[i] != b->len[i] || memcmp(a->comp[i], b->comp[i], a->len[i]))
			return 0;
	return 1;
}

/* `to` lies inside `from` (a directory moved into itself)? */
static int inside(const struct dfs_path *from, const struct dfs_path *to)
{
	return to->n > from->n && same_prefix(from, to, from->n);
}

/* Normalized paths in the same root: the same file (there are no links). */
static int same_file(const struct dfs_path *a, const struct dfs_path *b)
{
	return a->n == b->n && same_prefix(a, b, a->n);
}

/* Both changes or neither: a failed removal must not leave two names. */
static int move(const struct dfs_path *from, const struct dfs_path *to, const struct dagfs_entry *e)
{
	uint8_t before[DAGFS_HASH_SIZE];
	int err;

	memcpy(before, dfs_root, DAGFS_HASH_SIZE);
	err = dfs_set(to, e);
	if (!err)
		err = dfs_set(from, 0);
	if (err)
		memcpy(dfs_root, before, DAGFS_HASH_SIZE);
	return err;
}

int64_t dfs_op_rename(const struct bc_msg *m)
{
	struct dagfs_entry from, to;
	struct dfs_path a, b;
	int err = dfs_msg_rename_path(m, 0, &a);

	if (!err)
		err = dfs_resolve(&a, &from); /* the old name's errors come first */
	if (!err)
		err = dfs_msg_rename_path(m, 1, &b);
	if (err)
		return err;
	if (a.snapshot || b.snapshot)
		return -EROFS;
	if (same_file(&a, &b))
		return 0; /* POSIX: renaming a file to itself changes nothing */
	err = dfs_resolve(&b, &to);
	if (!err && dfs_is_dir(&to) != dfs_is_dir(&from))
		return dfs_is_dir(&to) ? -EISDIR : -ENOTDIR;
	if (!err && dfs_is_dir(&to) && to.size)
		return -ENOTEMPTY;
	if (err && err != -ENOENT)
		return err;
	if (dfs_is_dir(&from) && inside(&a, &b))
		return -EINVAL;
	return move(&a, &b, &from);
}
