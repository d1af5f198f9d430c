/* SPDX-License-Identifier: BSD-2-Clause */
/* Inside the dagfs server. */
#pragma once

#include <stdint.h>

#include <libdagfs/dagfs.h>
#include <libserver/server.h>

#include "dagfs_protocol.h"

#define DFS_DEPTH_MAX 64

/* A parsed, normalized path: components, and the root they start from. */
struct dfs_path {
	uint8_t root[DAGFS_HASH_SIZE];
	int snapshot; /* root named by "@hash": read-only */
	unsigned n;
	const char *comp[DFS_DEPTH_MAX];
	uint8_t len[DFS_DEPTH_MAX];
	char buf[DAGFS_PATH_MAX]; /* the components live here */
};

/* ---- store.c: image blocks (checked on first use) + blocks written since */
extern struct dagfs_store dfs_store;
extern uint8_t dfs_root[DAGFS_HASH_SIZE]; /* the current root DIR */
/* Changes whenever blocks of the write area move (reclamation): a pointer
 * to a block kept from an earlier epoch must not be used. */
extern unsigned dfs_store_epoch;
void dfs_store_init(void);
/* A block of the given type: 0, -EIO (corrupt or wrong type), -ENOENT. */
int dfs_block(const uint8_t hash[DAGFS_HASH_SIZE], uint8_t type, const uint8_t **bytes,
	      uint32_t *len);
/* 1 if a put failed for lack of room since the last call (and forget it). */
int dfs_out_of_room(void);
/* Reclamation: begin, dfs_keep every root still needed, end frees the rest
 * of the write area. No pointer into the area may be held across it. */
void dfs_reclaim_begin(void);
void dfs_keep(const uint8_t hash[DAGFS_HASH_SIZE]);
void dfs_reclaim_end(void);
/* From now on (NULL: no more) the walk hands every block it reaches that
 * is not in the area to below. */
void dfs_reach_below(void (*below)(const uint8_t hash[DAGFS_HASH_SIZE]));
void dfs_space(struct dagfs_space *out);
/* A block found corrupt, said once on the console. */
void dfs_report_corrupt(const uint8_t hash[DAGFS_HASH_SIZE]);
/* Moving blocks to the disk: each one with the hash it is stored under. */
typedef int (*dfs_put_hashed)(const uint8_t hash[DAGFS_HASH_SIZE], uint8_t type, const void *bytes,
			      uint32_t len);
/* Every block of the area marked by dfs_keep (after dfs_reclaim_begin) to
 * put, in the order stored: 0 or put's first error. */
int dfs_area_write_back(dfs_put_hashed put);
/* 1 when no block marked is a DATA block: the changes are to directories
 * and file trees (deletions, renames), which take little room. */
int dfs_area_adds_no_data(void);
/* Empty the area: its live blocks are in the layer below now. */
void dfs_area_clear(void);
/* Every block of the boot image to put (a fresh disk's first tree). */
int dfs_image_write_back(dfs_put_hashed put);
/* Serve from `below` (under the area and the image) from now on, with an
 * empty area; not writable: every put is -EROFS. */
void dfs_store_lower(const struct dagfs_store *below, int writable);
/* Every put -EROFS from now on (no disk to keep what is written). */
void dfs_store_read_only(void);

/* ---- disk.c: the data partition under the store ------------------------------ */
/* Find the boot disk's data partition and serve from it (DAGFS_OP_ATTACH). */
int64_t dfs_op_attach(const struct bc_msg *m);
/* 1 when the data partition is under the store (writes are committed). */
int dfs_disk_attached(void);
/* Make the current root durable: 0 at once when it is already, or there is
 * no disk. */
int dfs_disk_sync(void);
/* The root may have moved: commit within DFS_COMMIT_MS. */
void dfs_disk_changed(void);
/* The alarm dfs_disk_changed set came due. */
void dfs_disk_alarm(void);
/* Commit, and clean the whole log (DAGFS_OP_SPACE's reclaim). */
int dfs_disk_reclaim(void);
/* The disk's figures into out (zeros without one). */
void dfs_disk_space(struct dagfs_space *out);
#define DFS_COMMIT_MS 5000

/* ---- snapshot.c: roots kept for the processes that asked ---------------- */
int dfs_snapshot_keep(uint32_t pid, const uint8_t root[DAGFS_HASH_SIZE]);
int dfs_snapshot_release(uint32_t pid, const uint8_t root[DAGFS_HASH_SIZE]);
void dfs_snapshot_forget(uint32_t pid);
void dfs_snapshot_mark(void);

/* ---- path.c ------------------------------------------------------------- */
/* An absolute path (a request's or a handle's): components from the current
 * root, or from the snapshot its first component "@<hash>" names. */
int dfs_path_parse_abs(const char *path, struct dfs_path *p);
/* The entry the whole path names (the root itself for n == 0); its name
 * is not set. */
int dfs_resolve(const struct dfs_path *p, struct dagfs_entry *out);
/* Replace (or with `e` NULL remove) the last component's entry in the current
 * root; every directory above gets a new block and dfs_root a new hash. */
int dfs_set(const struct dfs_path *p, const struct dagfs_entry *e);
/* Render the path as "/a/b" into out (size DAGFS_PATH_MAX). */
void dfs_path_string(const struct dfs_path *p, char *out);
int dfs_empty_dir(uint8_t out[DAGFS_HASH_SIZE]);

/* ---- resolved.c: what (root, path) named, kept (a root's tree never changes) */
/* 1 with *out (no name) if p was resolved before, else 0. */
int dfs_resolved_find(const struct dfs_path *p, struct dagfs_entry *out);
void dfs_resolved_keep(const struct dfs_path *p, const struct dagfs_entry *e);
/* Reclamation: forget everything. */
void dfs_resolved_forget(void);

/* ---- msg.c: the parts of a VFS request (<abi/vfs.h>) ---------------------- */
/* The request's path (in the message or the sender's memory), parsed. */
int dfs_msg_path(const struct bc_msg *m, struct dfs_path *p);
/* rename's path `which` (0 from, 1 to), always by address. */
int dfs_msg_rename_path(const struct bc_msg *m, unsigned which, struct dfs_path *p);
/* Whose buffer a data request's address is in. */
uint32_t dfs_data_peer(const struct bc_msg *m);
/* A handler's answer of four words (a0 the result the handler returns). */
int64_t dfs_answer(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3);
uint64_t dfs_ino(const uint8_t hash[DAGFS_HASH_SIZE]);

/* ---- names.c: requests on paths ----------------------------------------- */
int64_t dfs_op_open(const struct bc_msg *m);
int64_t dfs_op_stat(const struct bc_msg *m);
int64_t dfs_op_mkdir(const struct bc_msg *m);
int64_t dfs_op_rmdir(const struct bc_msg *m);
int64_t dfs_op_unlink(const struct bc_msg *m);
int64_t dfs_op_rename(const struct bc_msg *m);
int dfs_is_dir(const struct dagfs_entry *e);
/* A file entry for content hash, size bytes. */
void dfs_file_entry(struct dagfs_entry *e, const uint8_t hash[DAGFS_HASH_SIZE], uint64_t size);

/* ---- ops.c: handles and the requests on them ----------------------------- */
/* A new handle of the sender's on entry e at path p: its number, or -ENFILE. */
int dfs_handle_new(uint32_t pid, int flags, const struct dagfs_entry *e, const struct dfs_path *p);
int64_t dfs_op_close(const struct bc_msg *m);
extern const server_op dfs_ops[VFS_OP_COUNT];
void dfs_close_all(uint32_t pid);
/* Free every block of the write area that nothing still reaches. */
void dfs_reclaim(void);
/* Mark (dfs_keep) everything still reached: the live root, kept snapshots,
 * open handles. */
void dfs_mark_live(void);
