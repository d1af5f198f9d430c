/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Handles and the requests on them. A handle reads the file as it was when
 * opened (its hash); writes rebuild the whole file (at most 1 MiB) as new
 * blocks and move the root, so every write is a new snapshot.
 */
#include "dagfs.h"

#include <abi/errno.h>
#include <abi/stat.h>
#include <abi/syscalls.h>
#include <libserver/server.h>
#include <libserver/table.h>
#include <string.h>

#define HANDLES_PER_CHUNK 128
#define IO_CHUNK 4096
#define READ_MAX (64u * 1024)

struct handle {
	uint32_t pid; /* 0: free */
	int flags;
	int is_dir;
	int snapshot;
	uint8_t hash[DAGFS_HASH_SIZE];
	uint64_t size, offset;
	char path[DAGFS_PATH_MAX]; /* where writes go */
};

/* Open handles of all clients: the table grows from dagfs's heap as it is
 * used, so a few processes at their RLIMIT_NOFILE cannot exhaust it. */
static struct handle first_handles[HANDLES_PER_CHUNK];
static struct table handles = TABLE_INIT(first_handles, HANDLES_PER_CHUNK);
static uint8_t chunk[IO_CHUNK];
static uint8_t whole[DAGFS_WRITE_FILE_MAX];

/*
 * Path `which` (0 or 1) of a request: dagfs's own ops pass (pointer, length)
 * pairs; the POSIX calls routed here pass NUL-terminated strings.
 */
static int msg_path(const struct bc_msg *m, unsigned which, struct dfs_path *p)
{
	char text[DAGFS_PATH_MAX];
	int64_t n;

	/* A server opening on a client's behalf names the client (io's open). */
	uint32_t cwd = m->opcode == DAGFS_OP_OPEN && (m->flags & BC_FLAG_FROM_SERVER) && m->arg[3]
			   ? (uint32_t)m->arg[3]
			   : m->sender;

	if (m->opcode >= DAGFS_OP_BASE)
		return dfs_path_parse(m->sender, cwd, m->arg[2 * which], m->arg[2 * which + 1], p);
	n = server_copy_string(m->sender, m->arg[which], text, sizeof text);
	if (n < 0)
		return n == -E2BIG ? -ENAMETOOLONG : (int)n;
	return dfs_path_text(m->sender, text, p);
}

static void drop_handle(struct handle *h, unsigned i)
{
	h->pid = 0;
	table_drop(&handles, i);
}

static struct handle *handle_of(const struct bc_msg *m)
{
	struct handle *h =
	    m->arg[0] < table_size(&handles) ? table_at(&handles, (unsigned)m->arg[0]) : 0;

	return h && h->pid == m->sender ? h : 0;
}

void dfs_close_all(uint32_t pid)
{
	/* Downwards: a drop may free the chunks above i, never those below. */
	for (unsigned i = table_size(&handles); i-- > 0;) {
		struct handle *h = table_at(&handles, i);
		if (h && h->pid == pid)
			drop_handle(h, i);
	}
}

static int is_dir(const struct dagfs_entry *e)
{
	return (e->mode & DAGFS_MODE_TYPE) == DAGFS_MODE_DIR;
}

static int new_handle(uint32_t pid, int flags, const struct dagfs_entry *e,
		      const struct dfs_path *p)
{
	for (unsigned i = 0;; i++) {
		if (i == table_size(&handles) && table_grow(&handles))
			return -ENFILE;
		struct handle *h = table_at(&handles, i);
		if (h->pid)
			continue;
		*h = (struct handle){pid, flags, is_dir(e), p->snapshot, {0}, e->size, 0, {0}};
		table_take(&handles, i);
		memcpy(h->hash, e->hash, DAGFS_HASH_SIZE);
		dfs_path_string(p, h->path);
		return (int)i;
	}
}

static int file_entry(struct dagfs_entry *e, const uint8_t hash[DAGFS_HASH_SIZE], uint64_t size)
{
	*e = (struct dagfs_entry){.mode = DAGFS_MODE_FILE | 0644, .size = size};
	memcpy(e->hash, hash, DAGFS_HASH_SIZE);
	return 0;
}

/* A new empty file at p (O_CREAT) or an existing one emptied (O_TRUNC). */
static int make_empty(const struct dfs_path *p, struct dagfs_entry *e)
{
	uint8_t hash[DAGFS_HASH_SIZE];
	int err = dagfs_file_store(&dfs_store, 0, 0, hash);

	if (!err)
		file_entry(e, hash, 0);
	return err ? err : dfs_set(p, e);
}

static int64_t op_open(const struct bc_msg *m)
{
	struct dagfs_entry e;
	struct dfs_path p;
	int flags = (int)m->arg[2], writing = (flags & DAGFS_O_ACCMODE) != DAGFS_O_RDONLY;
	int err = msg_path(m, 0, &p);

	if (err)
		return err;
	err = dfs_resolve(&p, &e);
	if (err == -ENOENT && (flags & DAGFS_O_CREAT))
		err = make_empty(&p, &e);
	else if (!err && (flags & DAGFS_O_CREAT) && (flags & DAGFS_O_EXCL))
		err = -EEXIST;
	else if (!err && is_dir(&e) && writing)
		err = -EISDIR;
	else if (!err && !is_dir(&e) && (flags & DAGFS_O_DIRECTORY))
		err = -ENOTDIR;
	else if (!err && writing && p.snapshot)
		err = -EROFS;
	else if (!err && writing && (flags & DAGFS_O_TRUNC))
		err = make_empty(&p, &e);
	return err ? err : new_handle(m->sender, flags, &e, &p);
}

static int64_t op_close(const struct bc_msg *m)
{
	struct handle *h = handle_of(m);

	if (!h)
		return -EBADF;
	drop_handle(h, (unsigned)m->arg[0]);
	return 0;
}

static int64_t op_read(const struct bc_msg *m)
{
	struct handle *h = handle_of(m);
	uint64_t want = m->arg[2] < READ_MAX ? m->arg[2] : READ_MAX, done = 0;

	if (!h || (h->flags & DAGFS_O_ACCMODE) == DAGFS_O_WRONLY)
		return -EBADF;
	if (h->is_dir)
		return -EISDIR;
	while (done < want) {
		uint64_t n = want - done < IO_CHUNK ? want - done : IO_CHUNK;
		int64_t got = dagfs_file_read(&dfs_store, h->hash, h->offset, chunk, n);
		if (got <= 0)
			return done ? (int64_t)done : got;
		if (server_copy_to(m->sender, m->arg[1] + done, chunk, (size_t)got))
			return done ? (int64_t)done : -EFAULT;
		h->offset += (uint64_t)got, done += (uint64_t)got;
	}
	return (int64_t)done;
}

/* The file with [off, off + n) replaced by the client's bytes, stored anew. */
static int64_t rewrite(struct handle *h, const struct bc_msg *m, uint64_t off, uint64_t n)
{
	uint64_t size = off + n > h->size ? off + n : h->size;
	uint8_t hash[DAGFS_HASH_SIZE];
	struct dagfs_entry e;
	struct dfs_path where;

	if (dagfs_file_read(&dfs_store, h->hash, 0, whole, h->size) != (int64_t)h->size)
		return -EIO;
	if (off > h->size)
		memset(whole + h->size, 0, off - h->size);
	if (server_copy_from(m->sender, whole + off, m->arg[1], n))
		return -EFAULT;
	int err = dagfs_file_store(&dfs_store, whole, size, hash);
	if (!err)
		err = dfs_path_parse_abs(h->path, &where);
	if (!err)
		err = dfs_set(&where, (file_entry(&e, hash, size), &e));
	if (err)
		return err;
	memcpy(h->hash, hash, DAGFS_HASH_SIZE);
	h->size = size;
	return (int64_t)n;
}

static int64_t op_write(const struct bc_msg *m)
{
	struct handle *h = handle_of(m);
	uint64_t n = m->arg[2];

	if (!h || (h->flags & DAGFS_O_ACCMODE) == DAGFS_O_RDONLY)
		return -EBADF;
	if ((int64_t)n < 0)
		return -EINVAL;
	uint64_t off = (h->flags & DAGFS_O_APPEND) ? h->size : h->offset;
	if (off > DAGFS_WRITE_FILE_MAX || n > DAGFS_WRITE_FILE_MAX - off)
		return -EFBIG;
	if (n == 0)
		return 0;
	int64_t r = rewrite(h, m, off, n);
	if (r > 0)
		h->offset = off + n;
	return r;
}

static int64_t op_lseek(const struct bc_msg *m)
{
	struct handle *h = handle_of(m);
	int64_t base, off = (int64_t)m->arg[1];

	if (!h)
		return -EBADF;
	switch (m->arg[2]) {
	case DAGFS_SEEK_SET:
		base = 0;
		break;
	case DAGFS_SEEK_CUR:
		base = (int64_t)h->offset;
		break;
	case DAGFS_SEEK_END:
		base = (int64_t)h->size;
		break;
	default:
		return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	h->offset = (uint64_t)(base + off);
	return base + off;
}

static int fill_stat(uint32_t pid, uint64_t out, const struct dagfs_entry *e)
{
	struct dagfs_stat st = {e->mode, 0, e->size, {0}};

	memcpy(st.hash, e->hash, DAGFS_HASH_SIZE);
	return server_copy_to(pid, out, &st, sizeof st) ? -EFAULT : 0;
}

static int64_t op_stat(const struct bc_msg *m)
{
	struct dagfs_entry e;
	struct dfs_path p;
	int err = msg_path(m, 0, &p);

	if (!err)
		err = dfs_resolve(&p, &e);
	return err ? err : fill_stat(m->sender, m->arg[2], &e);
}

static int64_t op_fstat(const struct bc_msg *m)
{
	struct handle *h = handle_of(m);
	struct dagfs_entry e = {0};

	if (!h)
		return -EBADF;
	e.mode = h->is_dir ? DAGFS_MODE_DIR | 0755 : DAGFS_MODE_FILE | 0644;
	e.size = h->size;
	memcpy(e.hash, h->hash, DAGFS_HASH_SIZE);
	return fill_stat(m->sender, m->arg[1], &e);
}

static uint32_t record(uint8_t *out, const struct dagfs_entry *e, int64_t next)
{
	struct dagfs_dirent_rec r = {0};
	uint32_t len = (uint32_t)((sizeof r + e->name_len + 1 + 7) & ~7u);

	memcpy(&r.d_fileno, e->hash, sizeof r.d_fileno);
	r.d_off = next;
	r.d_reclen = (uint16_t)len;
	r.d_type = (e->mode & DAGFS_MODE_TYPE) == DAGFS_MODE_DIR ? DAGFS_DT_DIR : DAGFS_DT_REG;
	r.d_namlen = e->name_len;
	memset(out, 0, len);
	memcpy(out, &r, sizeof r);
	memcpy(out + sizeof r, e->name, e->name_len);
	return len;
}

/* As many whole records as fit; the offset is an entry index. */
static int64_t op_getdents(const struct bc_msg *m)
{
	struct handle *h = handle_of(m);
	const uint8_t *bytes;
	uint32_t blen, used = 0;
	uint64_t room = m->arg[2] < IO_CHUNK ? m->arg[2] : IO_CHUNK;

	if (!h)
		return -EBADF;
	if (!h->is_dir)
		return -ENOTDIR;
	int err = dfs_block(h->hash, DAGFS_DIR, &bytes, &blen);
	if (err)
		return err;
	for (uint32_t n = dagfs_dir_count(bytes); h->offset < n; h->offset++) {
		struct dagfs_entry e;
		dagfs_dir_entry(bytes, (uint32_t)h->offset, &e);
		uint32_t need =
		    (uint32_t)((sizeof(struct dagfs_dirent_rec) + e.name_len + 8) & ~7u);
		if (used + need > room)
			break;
		used += record(chunk + used, &e, (int64_t)h->offset + 1);
	}
	if (used == 0 && h->offset < dagfs_dir_count(bytes))
		return -EINVAL; /* buffer too small for the next record */
	return server_copy_to(m->sender, m->arg[1], chunk, used) ? -EFAULT : (int64_t)used;
}

static int64_t op_mkdir(const struct bc_msg *m)
{
	struct dagfs_entry e;
	struct dfs_path p;
	int err = msg_path(m, 0, &p);

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

static int parse_and_resolve(const struct bc_msg *m, unsigned which, struct dfs_path *p,
			     struct dagfs_entry *e)
{
	int err = msg_path(m, which, p);

	return err ? err : dfs_resolve(p, e);
}

static int64_t op_unlink(const struct bc_msg *m)
{
	struct dagfs_entry e;
	struct dfs_path p;
	int err = parse_and_resolve(m, 0, &p, &e);

	if (err)
		return err;
	return is_dir(&e) ? -EPERM : dfs_set(&p, 0);
}

static int64_t op_rmdir(const struct bc_msg *m)
{
	struct dagfs_entry e;
	struct dfs_path p;
	int err = parse_and_resolve(m, 0, &p, &e);

	if (err)
		return err;
	if (!is_dir(&e))
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

static int64_t op_rename(const struct bc_msg *m)
{
	struct dagfs_entry from, to;
	struct dfs_path a, b;
	int err = parse_and_resolve(m, 0, &a, &from);

	if (!err)
		err = msg_path(m, 1, &b);
	if (err)
		return err;
	if (a.snapshot || b.snapshot)
		return -EROFS;
	if (same_file(&a, &b))
		return 0; /* POSIX: renaming a file to itself changes nothing */
	err = dfs_resolve(&b, &to);
	if (!err && is_dir(&to) != is_dir(&from))
		return is_dir(&to) ? -EISDIR : -ENOTDIR;
	if (!err && is_dir(&to) && to.size)
		return -ENOTEMPTY;
	if (err && err != -ENOENT)
		return err;
	if (is_dir(&from) && inside(&a, &b))
		return -EINVAL;
	return move(&a, &b, &from);
}

static int64_t op_ftruncate(const struct bc_msg *m)
{
	struct handle *h = handle_of(m);
	uint64_t len = m->arg[1];
	uint8_t hash[DAGFS_HASH_SIZE];
	struct dagfs_entry e;
	struct dfs_path where;

	if (!h || (h->flags & DAGFS_O_ACCMODE) == DAGFS_O_RDONLY)
		return -EBADF;
	if (len > DAGFS_WRITE_FILE_MAX)
		return -EFBIG;
	if (dagfs_file_read(&dfs_store, h->hash, 0, whole, h->size) != (int64_t)h->size)
		return -EIO;
	if (len > h->size)
		memset(whole + h->size, 0, len - h->size);
	int err = dagfs_file_store(&dfs_store, whole, len, hash);
	if (!err)
		err = dfs_path_parse_abs(h->path, &where);
	if (!err)
		err = dfs_set(&where, (file_entry(&e, hash, len), &e));
	if (!err) {
		memcpy(h->hash, hash, DAGFS_HASH_SIZE);
		h->size = len;
	}
	return err;
}

static int64_t op_chdir(const struct bc_msg *m)
{
	struct dfs_path p;
	int err = msg_path(m, 0, &p);

	return err ? err : dfs_chdir(m->sender, &p);
}

static int64_t op_snapshot(const struct bc_msg *m)
{
	uint8_t root[DAGFS_HASH_SIZE];
	int err;

	memcpy(root, dfs_root, DAGFS_HASH_SIZE);
	err = dfs_snapshot_keep(m->sender, root);
	if (!err && server_copy_to(m->sender, m->arg[0], root, DAGFS_HASH_SIZE)) {
		dfs_snapshot_release(m->sender, root);
		err = -EFAULT;
	}
	return err;
}

static int64_t op_release(const struct bc_msg *m)
{
	uint8_t root[DAGFS_HASH_SIZE];

	if (server_copy_from(m->sender, root, m->arg[0], DAGFS_HASH_SIZE))
		return -EFAULT;
	return dfs_snapshot_release(m->sender, root);
}

/* What reaches a block: the live root, kept snapshots, and open handles (a
 * file read after its unlink, a directory being listed). */
void dfs_reclaim(void)
{
	dfs_reclaim_begin();
	dfs_keep(dfs_root);
	dfs_snapshot_mark();
	for (unsigned i = 0; i < table_size(&handles); i++) {
		const struct handle *h = table_at(&handles, i);
		if (h->pid)
			dfs_keep(h->hash);
	}
	dfs_reclaim_end();
}

static int64_t op_space(const struct bc_msg *m)
{
	struct dagfs_space space;

	if (m->arg[1] & ~(uint64_t)DAGFS_SPACE_RECLAIM)
		return -EINVAL;
	if (m->arg[1] & DAGFS_SPACE_RECLAIM)
		dfs_reclaim();
	dfs_space(&space);
	return server_copy_to(m->sender, m->arg[0], &space, sizeof space) ? -EFAULT : 0;
}

/*
 * Requests that store blocks. Reclamation runs when the write area is
 * full, between two attempts of a request: a request that fails changes
 * nothing (the root moves only at its end), and in between no block is
 * held only by a request's own variables.
 */
static int64_t with_room(server_op op, const struct bc_msg *m)
{
	int64_t r;

	dfs_out_of_room();
	r = op(m);
	if (r == -ENOSPC && dfs_out_of_room()) {
		dfs_reclaim();
		r = op(m);
	}
	return r;
}

#define WITH_ROOM(op)                                                                              \
	static int64_t op##_with_room(const struct bc_msg *m)                                      \
	{                                                                                          \
		return with_room(op, m);                                                           \
	}
WITH_ROOM(op_open)
WITH_ROOM(op_write)
WITH_ROOM(op_ftruncate)
WITH_ROOM(op_mkdir)
WITH_ROOM(op_unlink)
WITH_ROOM(op_rmdir)
WITH_ROOM(op_rename)

_Static_assert(DAGFS_OP_BASE >= SYSCALL_POSIX_LIMIT, "dagfs's own opcodes collide with syscalls");

/* POSIX stat(path, struct stat *): OpenBSD's layout (<abi/stat.h>). */
static int64_t op_posix_stat(const struct bc_msg *m)
{
	struct dagfs_entry e;
	struct stat st = {0};
	struct dfs_path p;
	int err = msg_path(m, 0, &p);

	if (!err)
		err = dfs_resolve(&p, &e);
	if (err)
		return err;
	st.st_mode = e.mode;
	memcpy(&st.st_ino, e.hash, sizeof st.st_ino);
	st.st_nlink = 1;
	st.st_size = (int64_t)e.size;
	st.st_blksize = DAGFS_BLOCK_MAX;
	st.st_blocks = (int64_t)((e.size + 511) / 512);
	return server_copy_to(m->sender, m->arg[1], &st, sizeof st) ? -EFAULT : 0;
}

static int64_t op_fork(const struct bc_msg *m)
{
	if (!(m->flags & BC_FLAG_FROM_SERVER))
		return -EPERM;
	return dfs_fork_cwd((uint32_t)m->arg[0], (uint32_t)m->arg[1]);
}

/* __getcwd(buf, size): the caller's working directory, NUL-terminated. */
static int64_t op_getcwd(const struct bc_msg *m)
{
	const char *cwd = dfs_cwd(m->sender);
	size_t n = strlen(cwd) + 1;

	if (m->arg[1] < n)
		return -ERANGE;
	return server_copy_to(m->sender, m->arg[0], cwd, n) ? -EFAULT : 0;
}

const server_op dfs_ops[DAGFS_OP_COUNT] = {
    [SYS___getcwd] = op_getcwd,
    [DAGFS_OP_FORK] = op_fork,
    [SYS_unlink] = op_unlink_with_room,
    [SYS_chdir] = op_chdir,
    [SYS_stat] = op_posix_stat,
    [SYS_rename] = op_rename_with_room,
    [SYS_mkdir] = op_mkdir_with_room,
    [SYS_rmdir] = op_rmdir_with_room,
    [DAGFS_OP_OPEN] = op_open_with_room,
    [DAGFS_OP_CLOSE] = op_close,
    [DAGFS_OP_READ] = op_read,
    [DAGFS_OP_WRITE] = op_write_with_room,
    [DAGFS_OP_LSEEK] = op_lseek,
    [DAGFS_OP_STAT] = op_stat,
    [DAGFS_OP_FSTAT] = op_fstat,
    [DAGFS_OP_GETDENTS] = op_getdents,
    [DAGFS_OP_MKDIR] = op_mkdir_with_room,
    [DAGFS_OP_UNLINK] = op_unlink_with_room,
    [DAGFS_OP_RMDIR] = op_rmdir_with_room,
    [DAGFS_OP_RENAME] = op_rename_with_room,
    [DAGFS_OP_FTRUNCATE] = op_ftruncate_with_room,
    [DAGFS_OP_CHDIR] = op_chdir,
    [DAGFS_OP_SNAPSHOT] = op_snapshot,
    [DAGFS_OP_RELEASE] = op_release,
    [DAGFS_OP_SPACE] = op_space,
};
