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
void dfs_space(struct dagfs_space *out);

/* ---- snapshot.c: roots kept for the processes that asked ---------------- */
int dfs_snapshot_keep(uint32_t pid, const uint8_t root[DAGFS_HASH_SIZE]);
int dfs_snapshot_release(uint32_t pid, const uint8_t root[DAGFS_HASH_SIZE]);
void dfs_snapshot_forget(uint32_t pid);
void dfs_snapshot_mark(void);

/* ---- path.c ------------------------------------------------------------- */
/* Copy a path from pid; relative ones start at cwd_pid's directory. */
int dfs_path_parse(uint32_t pid, uint32_t cwd_pid, uint64_t user_path, uint64_t len,
		   struct dfs_path *p);
/* A path already in the server's memory, relative to pid's directory. */
int dfs_path_text(uint32_t pid, const char *text, struct dfs_path *p);
/* An absolute path the server itself holds (a handle's), in the current root. */
int dfs_path_parse_abs(const char *path, struct dfs_path *p);
/* The entry the whole path names (the root itself for n == 0). */
int dfs_resolve(const struct dfs_path *p, struct dagfs_entry *out);
/* Replace (or with `e` NULL remove) the last component's entry in the current
 * root; every directory above gets a new block and dfs_root a new hash. */
int dfs_set(const struct dfs_path *p, const struct dagfs_entry *e);
/* Render the path as "/a/b" into out (size DAGFS_PATH_MAX). */
void dfs_path_string(const struct dfs_path *p, char *out);
int dfs_chdir(uint32_t pid, const struct dfs_path *p);
void dfs_forget_cwd(uint32_t pid);
int dfs_fork_cwd(uint32_t parent, uint32_t child);
const char *dfs_cwd(uint32_t pid);
int dfs_empty_dir(uint8_t out[DAGFS_HASH_SIZE]);

/* ---- ops.c -------------------------------------------------------------- */
extern const server_op dfs_ops[DAGFS_OP_COUNT];
void dfs_close_all(uint32_t pid);
/* Free every block of the write area that nothing still reaches. */
void dfs_reclaim(void);
