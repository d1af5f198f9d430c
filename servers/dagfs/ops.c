/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Handles and the requests on them. A handle reads the file as it was when
 * opened (its hash); its size changes only by writes and truncations
 * through it, which answer the new size: the sender (io) always knows it.
 * Reads and writes are positional (the offset is the sender's). A write
 * or truncation stores anew only the blocks on the paths to the bytes it
 * changes (copy-on-write, lib/libdagfs/change.c) and moves the root, so
 * every write is a new snapshot.
 */
#include "dagfs.h"

#include <abi/errno.h>
#include <libserver/server.h>
#include <libserver/table.h>
#include <string.h>

#define HANDLES_PER_CHUNK 128
#define DIRENT_CHUNK 4096

struct handle {
	uint32_t pid; /* 0: free; else the sender that opened it */
	int flags;
	uint32_t mode;
	int snapshot;
	uint8_t hash[DAGFS_HASH_SIZE];
	uint64_t size;
	/* The last data block a read met: the next read of its bytes (the
	 * common case, a file read in order or at one offset) needs no walk
	 * of the file's tree. Valid in its store epoch only. */
	const uint8_t *block;
	uint64_t block_base;
	uint32_t block_len;
	unsigned block_epoch;
	char path[DAGFS_PATH_MAX]; /* where writes go */
};

/* Open handles of all clients: the table grows from dagfs's heap as it is
 * used, so a few processes at their RLIMIT_NOFILE cannot exhaust it. */
static struct handle first_handles[HANDLES_PER_CHUNK];
static struct table handles = TABLE_INIT(first_handles, HANDLES_PER_CHUNK);
static uint8_t dirents[DIRENT_CHUNK];

static void drop_handle(struct handle *h, unsigned i)
{
	h->pid = 0;
	table_drop(&handles, i);
}

/* The sender's own handle arg[0]: no process reaches another's. */
static struct handle *handle_of(const struct bc_msg *m)
{
	struct handle *h =
	    m->arg[0] < table_size(&handles) ? table_at(&handles, (unsigned)m->arg[0]) : 0;

	return h && h->pid == m->sender ? h : 0;
}

static int is_dir_handle(const struct handle *h)
{
	return (h->mode & DAGFS_MODE_TYPE) == DAGFS_MODE_DIR;
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

int dfs_handle_new(uint32_t pid, int flags, const struct dagfs_entry *e, const struct dfs_path *p)
{
	for (unsigned i = 0;; i++) {
		if (i == table_size(&handles) && table_grow(&handles))
			return -ENFILE;
		struct handle *h = table_at(&handles, i);
		if (h->pid)
			continue;
		/* Field by field: a literal would clear the 1 KiB path first. */
		h->pid = pid, h->flags = flags, h->mode = e->mode;
		h->snapshot = p->snapshot, h->size = e->size, h->block = 0;
		table_take(&handles, i);
		memcpy(h->hash, e->hash, DAGFS_HASH_SIZE);
		dfs_path_string(p, h->path);
		return (int)i;
	}
}

int64_t dfs_op_close(const struct bc_msg *m)
{
	struct handle *h = handle_of(m);

	if (!h)
		return -EBADF;
	drop_handle(h, (unsigned)m->arg[0]);
	return 0;
}

/* Where a read's pieces go: straight from the store to the peer's buffer,
 * in the answer's own kernel trip when they fit its list. */
struct read_to {
	uint32_t peer;
	uint64_t dst;
	struct handle *h;
};

static int copy_piece(void *ctx, uint64_t at, const uint8_t *bytes, size_t n)
{
	const struct read_to *to = ctx;

	if (server_answer_copy(to->dst + at, bytes, n) == 0)
		return 0;
	return server_copy_to(to->peer, to->dst + at, bytes, n) ? -EFAULT : 0;
}

static void keep_block(void *ctx, uint64_t base, const uint8_t *block, uint32_t len)
{
	struct handle *h = ((const struct read_to *)ctx)->h;

	h->block = block, h->block_base = base, h->block_len = len;
	h->block_epoch = dfs_store_epoch;
}

/* [off, off + n) inside the block the handle kept: one piece, no walk. */
static int from_kept_block(const struct handle *h, uint64_t off, uint64_t n)
{
	return h->block && h->block_epoch == dfs_store_epoch && off >= h->block_base &&
	       n <= h->block_len && off - h->block_base <= h->block_len - n;
}

static int64_t op_read(const struct bc_msg *m)
{
	struct handle *h = handle_of(m);
	struct read_to to = {dfs_data_peer(m), m->arg[3], h};
	uint64_t off = m->arg[1], want = m->arg[2] < VFS_IO_MAX ? m->arg[2] : VFS_IO_MAX;

	if (!h || (h->flags & DAGFS_O_ACCMODE) == DAGFS_O_WRONLY)
		return -EBADF;
	if (is_dir_handle(h))
		return -EISDIR;
	if (off < h->size && want > h->size - off)
		want = h->size - off;
	if (off < h->size && from_kept_block(h, off, want)) {
		int err = copy_piece(&to, 0, h->block + (off - h->block_base), want);
		return err ? err : (int64_t)want;
	}
	return dagfs_file_visit_seen(&dfs_store, h->hash, off, want, copy_piece, keep_block, &to);
}

/* The handle's file is now the tree at hash, of size bytes: stored at its path. */
static int set_content(struct handle *h, const uint8_t hash[DAGFS_HASH_SIZE], uint64_t size)
{
	struct dagfs_entry e;
	struct dfs_path where;
	int err = dfs_path_parse_abs(h->path, &where);

	if (!err)
		err = dfs_set(&where, (dfs_file_entry(&e, hash, size), &e));
	if (err)
		return err;
	memcpy(h->hash, hash, DAGFS_HASH_SIZE);
	h->size = size;
	h->block = 0; /* it was the old content's */
	return 0;
}

static struct handle *writable(const struct bc_msg *m)
{
	struct handle *h = handle_of(m);

	return h && (h->flags & DAGFS_O_ACCMODE) != DAGFS_O_RDONLY ? h : 0;
}

/* Where a write's bytes come from: the peer's buffer, copied in VFS_IO_MAX
 * at a time as the library asks for them (in order, a block at most). */
struct write_from {
	uint32_t peer;
	uint64_t src, n;
	uint64_t staged_at, staged_n; /* the peer's bytes [at, at + n) in staged */
};

static uint8_t staged[VFS_IO_MAX];

static int from_peer(void *ctx, uint64_t at, void *buf, size_t n)
{
	struct write_from *w = ctx;

	if (at < w->staged_at || at + n > w->staged_at + w->staged_n) {
		w->staged_at = at;
		w->staged_n = w->n - at < VFS_IO_MAX ? w->n - at : VFS_IO_MAX;
		if (server_copy_from(w->peer, staged, w->src + at, w->staged_n))
			return -EFAULT;
	}
	memcpy(buf, staged + (at - w->staged_at), n);
	return 0;
}

/* [off, off + n) replaced by the peer's bytes, copy-on-write of the blocks
 * on the way (dagfs_file_write_from): the answer says the new size. */
static int64_t op_write(const struct bc_msg *m)
{
	struct handle *h = writable(m);
	uint64_t off = m->arg[1], n = m->arg[2], size;
	struct write_from from = {dfs_data_peer(m), m->arg[3], n, 0, 0};
	uint8_t hash[DAGFS_HASH_SIZE];
	int err;

	if (!h)
		return -EBADF;
	if ((int64_t)n < 0 || (int64_t)off < 0)
		return -EINVAL;
	if (n == 0)
		return dfs_answer(0, h->size, dfs_ino(h->hash), 0);
	err = dagfs_file_write_from(&dfs_store, h->hash, h->size, off, n, from_peer, &from, hash,
				    &size);
	if (!err)
		err = set_content(h, hash, size);
	return err ? err : dfs_answer(n, h->size, dfs_ino(h->hash), 0);
}

static int64_t op_truncate(const struct bc_msg *m)
{
	struct handle *h = writable(m);
	uint64_t len = m->arg[1];
	uint8_t hash[DAGFS_HASH_SIZE];
	int err;

	if (!h)
		return -EBADF;
	if ((int64_t)len < 0)
		return -EINVAL;
	err = dagfs_file_truncate(&dfs_store, h->hash, h->size, len, hash);
	if (!err)
		err = set_content(h, hash, len);
	return err ? err : dfs_answer(0, h->size, dfs_ino(h->hash), 0);
}

static int64_t op_fstat(const struct bc_msg *m)
{
	struct handle *h = handle_of(m);

	return h ? dfs_answer(0, h->mode, h->size, dfs_ino(h->hash)) : -EBADF;
}

static uint32_t record(uint8_t *out, const struct dagfs_entry *e, int64_t next)
{
	struct vfs_dirent r = {0};
	uint32_t len = (uint32_t)((sizeof r + e->name_len + 1 + 7) & ~7u);

	r.d_fileno = dfs_ino(e->hash);
	r.d_off = next;
	r.d_reclen = (uint16_t)len;
	r.d_type = dfs_is_dir(e) ? VFS_DT_DIR : VFS_DT_REG;
	r.d_namlen = e->name_len;
	memset(out, 0, len);
	memcpy(out, &r, sizeof r);
	memcpy(out + sizeof r, e->name, e->name_len);
	return len;
}

/* As many whole records from entry `cookie` on as fit in room. */
static int64_t fill_dirents(const uint8_t *bytes, uint64_t *cookie, uint64_t room)
{
	uint32_t used = 0, n = dagfs_dir_count(bytes);

	for (; *cookie < n; ++*cookie) {
		struct dagfs_entry e;
		dagfs_dir_entry(bytes, (uint32_t)*cookie, &e);
		uint32_t need = (uint32_t)((sizeof(struct vfs_dirent) + e.name_len + 8) & ~7u);
		if (used + need > room)
			break;
		used += record(dirents + used, &e, (int64_t)*cookie + 1);
	}
	if (used == 0 && *cookie < n)
		return -EINVAL; /* buffer too small for the next record */
	return used;
}

static int64_t op_getdents(const struct bc_msg *m)
{
	struct handle *h = handle_of(m);
	const uint8_t *bytes;
	uint32_t blen;
	uint64_t cookie = m->arg[1], room = m->arg[2] < DIRENT_CHUNK ? m->arg[2] : DIRENT_CHUNK;

	if (!h)
		return -EBADF;
	if (!is_dir_handle(h))
		return -ENOTDIR;
	int err = dfs_block(h->hash, DAGFS_DIR, &bytes, &blen);
	int64_t used = err ? err : fill_dirents(bytes, &cookie, room);
	if (used < 0)
		return used;
	if (server_copy_to(dfs_data_peer(m), m->arg[3], dirents, (size_t)used))
		return -EFAULT;
	return dfs_answer((uint64_t)used, cookie, 0, 0);
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
void dfs_mark_live(void)
{
	dfs_reclaim_begin();
	dfs_keep(dfs_root);
	dfs_snapshot_mark();
	for (unsigned i = 0; i < table_size(&handles); i++) {
		const struct handle *h = table_at(&handles, i);
		if (h->pid)
			dfs_keep(h->hash);
	}
}

void dfs_reclaim(void)
{
	dfs_resolved_forget();
	dfs_mark_live();
	dfs_reclaim_end();
}

static int64_t op_space(const struct bc_msg *m)
{
	struct dagfs_space space;

	if (m->arg[1] & ~(uint64_t)DAGFS_SPACE_RECLAIM)
		return -EINVAL;
	if (m->arg[1] & DAGFS_SPACE_RECLAIM) {
		dfs_reclaim();
		dfs_disk_reclaim();
	}
	dfs_space(&space);
	return server_copy_to(m->sender, m->arg[0], &space, sizeof space) ? -EFAULT : 0;
}

/*
 * Requests that store blocks. When the write area is full, a commit runs
 * between two attempts of a request when a disk is under it (moving the
 * live blocks down and emptying the area: compacting the area first
 * would move the same bytes twice), else (or when the commit fails)
 * reclamation compacts the area: a
 * request that fails changes nothing (the root moves only at its end), and
 * in between no block is held only by a request's own variables.
 */
static int64_t with_room(server_op op, const struct bc_msg *m)
{
	int64_t r;

	dfs_out_of_room();
	r = op(m);
	if (r == -ENOSPC && dfs_disk_attached() && dfs_out_of_room() && dfs_disk_sync() == 0)
		r = op(m);
	if (r == -ENOSPC && dfs_out_of_room()) {
		dfs_reclaim();
		r = op(m);
	}
	dfs_disk_changed();
	return r;
}

static int64_t op_sync(const struct bc_msg *m)
{
	if (m->arg[0] != VFS_SYNC_ALL && !handle_of(m))
		return -EBADF;
	return dfs_disk_sync(); /* one commit makes every handle's writes durable */
}

#define WITH_ROOM(op)                                                                              \
	static int64_t op##_with_room(const struct bc_msg *m)                                      \
	{                                                                                          \
		return with_room(op, m);                                                           \
	}
WITH_ROOM(dfs_op_open)
WITH_ROOM(op_write)
WITH_ROOM(op_truncate)
WITH_ROOM(dfs_op_mkdir)
WITH_ROOM(dfs_op_unlink)
WITH_ROOM(dfs_op_rmdir)
WITH_ROOM(dfs_op_rename)

const server_op dfs_ops[VFS_OP_COUNT] = {
    [VFS_OP_OPEN] = dfs_op_open_with_room,
    [VFS_OP_CLOSE] = dfs_op_close,
    [VFS_OP_STAT] = dfs_op_stat,
    [VFS_OP_FSTAT] = op_fstat,
    [VFS_OP_MKDIR] = dfs_op_mkdir_with_room,
    [VFS_OP_RMDIR] = dfs_op_rmdir_with_room,
    [VFS_OP_UNLINK] = dfs_op_unlink_with_room,
    [VFS_OP_RENAME] = dfs_op_rename_with_room,
    [VFS_OP_TRUNCATE] = op_truncate_with_room,
    [VFS_OP_READ] = op_read,
    [VFS_OP_WRITE] = op_write_with_room,
    [VFS_OP_GETDENTS] = op_getdents,
    [DAGFS_OP_SNAPSHOT] = op_snapshot,
    [DAGFS_OP_RELEASE] = op_release,
    [DAGFS_OP_SPACE] = op_space,
    [DAGFS_OP_ATTACH] = dfs_op_attach,
    [VFS_OP_SYNC] = op_sync,
};
