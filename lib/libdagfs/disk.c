/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dagfs on a disk: the log of chunks and the ring of root records
 * (libdagfs/disk.h, docs/dagfs.md). The commit order is the whole of the
 * crash safety: a commit's chunks, a flush, its root record, a flush. A
 * root record names only pages flushed before it was written, and a torn
 * or missing one fails its self hash, so the one before it wins.
 */
#include <libdagfs/disk.h>

#include <abi/errno.h>
#include <crypto/sha256.h>
#include <string.h>

#define VERSION 1

static void self_hash(const void *rec, size_t size, size_t field, uint8_t out[DAGFS_HASH_SIZE])
{
	uint8_t copy[DAGFS_PAGE];

	memcpy(copy, rec, size);
	memset(copy + field, 0, DAGFS_HASH_SIZE);
	sha256(copy, size, out);
}

/* ---- the index ------------------------------------------------------------- */

static uint64_t slot_of(const struct dagfs_disk *d, const uint8_t *hash)
{
	uint64_t h;

	memcpy(&h, hash, sizeof h); /* a SHA-256 is as uniform as a table needs */
	return h & (d->index_slots - 1);
}

static struct dagfs_disk_slot *find(struct dagfs_disk *d, const uint8_t *hash)
{
	for (uint64_t i = slot_of(d, hash), n = 0; n < d->index_slots; n++) {
		struct dagfs_disk_slot *s = &d->index[(i + n) & (d->index_slots - 1)];
		if (!s->page || !memcmp(s->hash, hash, DAGFS_HASH_SIZE))
			return s;
	}
	return 0;
}

/* Remember where a block is: 0, or -ENOMEM when the table is 3/4 full. */
static int remember(struct dagfs_disk *d, const struct dagfs_chunk_entry *e, uint64_t data_page)
{
	struct dagfs_disk_slot *s = find(d, e->hash);

	if (s && s->page)
		return 0; /* stored twice (an older commit's copy): either serves */
	if (!s || (d->index_used + 1) * 4 > d->index_slots * 3)
		return -ENOMEM;
	*s = (struct dagfs_disk_slot){
	    .page = data_page, .offset = e->offset, .len = e->len, .type = e->type};
	memcpy(s->hash, e->hash, DAGFS_HASH_SIZE);
	d->index_used++;
	return 0;
}

/* ---- root records ------------------------------------------------------------ */

static int root_valid(const struct dagfs_root_record *r, uint64_t pages)
{
	uint8_t h[DAGFS_HASH_SIZE];

	if (memcmp(r->magic, DAGFS_ROOT_MAGIC, 8) || r->version != VERSION || r->pages != pages ||
	    r->log_head < DAGFS_LOG_FIRST || r->log_head > pages || !r->seq)
		return 0;
	self_hash(r, sizeof *r, offsetof(struct dagfs_root_record, self_hash), h);
	return !memcmp(h, r->self_hash, DAGFS_HASH_SIZE);
}

static int write_root(struct dagfs_disk *d, const struct dagfs_root_record *r)
{
	uint8_t page[DAGFS_PAGE] = {0};
	int err;

	memcpy(page, r, sizeof *r);
	if ((err = d->dev.write(d->dev.ctx, r->seq % DAGFS_ROOT_SLOTS, page, 1)))
		return err;
	return d->dev.flush(d->dev.ctx);
}

/* The newest valid record in the ring into *out: 0, or -ENOENT. A record
 * of another filesystem (an fs_id not the newest's) is not ours. */
static int newest_root(struct dagfs_disk *d, struct dagfs_root_record *out)
{
	uint8_t page[DAGFS_PAGE];
	int found = 0;

	for (unsigned i = 0; i < DAGFS_ROOT_SLOTS; i++) {
		const struct dagfs_root_record *r = (const void *)page;
		if (d->dev.read(d->dev.ctx, i, page, 1) || !root_valid(r, d->dev.pages) ||
		    r->seq % DAGFS_ROOT_SLOTS != i)
			continue;
		if (!found || r->seq > out->seq)
			*out = *r;
		found = 1;
	}
	return found ? 0 : -ENOENT;
}

/* ---- chunks ------------------------------------------------------------------ */

static uint32_t chunk_pages(uint32_t bytes)
{
	return 1 + (bytes + DAGFS_PAGE - 1) / DAGFS_PAGE;
}

/* A chunk directory from disk, whole and ours, inside the committed log. */
static int chunk_valid(const struct dagfs_disk *d, const struct dagfs_chunk_dir *c, uint64_t at,
		       uint64_t head)
{
	uint8_t h[DAGFS_HASH_SIZE];

	if (memcmp(c->magic, DAGFS_CHUNK_MAGIC, 8) || memcmp(c->fs_id, d->committed.fs_id, 16) ||
	    c->seq > d->committed.seq || c->pages < 2 || c->pages > 1 + DAGFS_CHUNK_DATA_PAGES ||
	    c->pages > head - at || c->count == 0 || c->count > DAGFS_CHUNK_ENTRIES)
		return 0;
	self_hash(c, DAGFS_PAGE, offsetof(struct dagfs_chunk_dir, self_hash), h);
	if (memcmp(h, c->self_hash, DAGFS_HASH_SIZE))
		return 0;
	for (uint32_t i = 0; i < c->count; i++) {
		const struct dagfs_chunk_entry *e = &c->entry[i];
		if (!e->len || e->len > DAGFS_BLOCK_MAX || e->type < DAGFS_DATA ||
		    e->type > DAGFS_DIR ||
		    (uint64_t)e->offset + e->len > (uint64_t)(c->pages - 1) * DAGFS_PAGE)
			return 0;
	}
	return 1;
}

/* Every chunk of the committed log into the index. A chunk that does not
 * check ends the scan (what lies past it cannot be found): d->damaged. */
static int scan_log(struct dagfs_disk *d)
{
	uint8_t page[DAGFS_PAGE];
	const struct dagfs_chunk_dir *c = (const void *)page;
	uint64_t at = DAGFS_LOG_FIRST, head = d->committed.log_head;
	int err;

	while (at < head) {
		if ((err = d->dev.read(d->dev.ctx, at, page, 1)))
			return err;
		if (!chunk_valid(d, c, at, head)) {
			d->damaged = 1;
			break;
		}
		for (uint32_t i = 0; i < c->count; i++)
			if ((err = remember(d, &c->entry[i], at + 1)))
				return err;
		at += c->pages;
	}
	return 0;
}

static void chunk_reset(struct dagfs_disk *d)
{
	memset(d->chunk, 0, DAGFS_PAGE);
	d->chunk_bytes = 0;
}

/* The chunk being filled, to its place in the log (not yet committed). */
static int chunk_write(struct dagfs_disk *d)
{
	struct dagfs_chunk_dir *c = d->chunk;
	uint32_t pages = chunk_pages(d->chunk_bytes);
	int err;

	if (!c->count)
		return 0;
	if (pages > d->dev.pages - d->log_next)
		return -ENOSPC;
	memcpy(c->magic, DAGFS_CHUNK_MAGIC, 8);
	c->seq = d->committed.seq + 1;
	memcpy(c->fs_id, d->committed.fs_id, 16);
	c->pages = pages;
	self_hash(c, DAGFS_PAGE, offsetof(struct dagfs_chunk_dir, self_hash), c->self_hash);
	memset(d->chunk_data + d->chunk_bytes, 0, (pages - 1) * DAGFS_PAGE - d->chunk_bytes);
	if ((err = d->dev.write(d->dev.ctx, d->log_next, c, 1)) ||
	    (err = d->dev.write(d->dev.ctx, d->log_next + 1, d->chunk_data, pages - 1)))
		return err;
	for (uint32_t i = 0; i < c->count; i++)
		find(d, c->entry[i].hash)->page = d->log_next + 1; /* pending: now on disk */
	d->log_next += pages;
	chunk_reset(d);
	return 0;
}

/* ---- the store ------------------------------------------------------------------ */

#define PENDING_PAGE UINT64_MAX /* in the chunk being filled, not on disk yet */

static int disk_put(void *ctx, uint8_t type, const void *bytes, uint32_t len,
		    uint8_t out[DAGFS_HASH_SIZE])
{
	struct dagfs_disk *d = ctx;
	struct dagfs_chunk_entry e = {.offset = d->chunk_bytes, .len = (uint16_t)len, .type = type};
	struct dagfs_disk_slot *s;
	int err;

	if (!len || len > DAGFS_BLOCK_MAX)
		return -EINVAL;
	dagfs_hash(type, bytes, len, out);
	s = find(d, out);
	if (s && s->page)
		return 0; /* there already */
	if (d->chunk->count == DAGFS_CHUNK_ENTRIES ||
	    d->chunk_bytes + len > DAGFS_CHUNK_DATA_PAGES * DAGFS_PAGE) {
		if ((err = chunk_write(d)))
			return err;
		e.offset = 0;
	}
	memcpy(e.hash, out, DAGFS_HASH_SIZE);
	if ((err = remember(d, &e, PENDING_PAGE)))
		return err;
	memcpy(d->chunk_data + e.offset, bytes, len);
	d->chunk->entry[d->chunk->count++] = e;
	d->chunk_bytes = e.offset + len;
	return 0;
}

/* A block the ring still holds, or -1. */
static int held_index(const struct dagfs_disk *d, const uint8_t *hash)
{
	for (unsigned i = 0; i < DAGFS_DISK_HELD; i++)
		if (d->held_len[i] && !memcmp(d->held_hash[i], hash, DAGFS_HASH_SIZE))
			return (int)i;
	return -1;
}

/* The block s names into the next buffer of the ring, its hash checked. */
static int load(struct dagfs_disk *d, const struct dagfs_disk_slot *s, unsigned i)
{
	uint8_t *buf = d->held + (size_t)i * 2 * DAGFS_PAGE;
	uint8_t h[DAGFS_HASH_SIZE];
	const uint8_t *src;
	int err;

	d->held_len[i] = 0;
	if (s->page == PENDING_PAGE) {
		src = d->chunk_data + s->offset;
	} else {
		uint64_t first = s->page + s->offset / DAGFS_PAGE;
		uint32_t pages =
		    (uint32_t)((s->offset % DAGFS_PAGE + s->len + DAGFS_PAGE - 1) / DAGFS_PAGE);
		if ((err = d->dev.read(d->dev.ctx, first, buf, pages)))
			return err;
		src = buf + s->offset % DAGFS_PAGE;
	}
	memmove(buf, src, s->len);
	dagfs_hash(s->type, buf, s->len, h);
	if (memcmp(h, s->hash, DAGFS_HASH_SIZE))
		return -EIO;
	memcpy(d->held_hash[i], s->hash, DAGFS_HASH_SIZE);
	d->held_type[i] = s->type;
	d->held_len[i] = s->len;
	return 0;
}

static int disk_get(void *ctx, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t *type,
		    const uint8_t **bytes, uint32_t *len)
{
	struct dagfs_disk *d = ctx;
	int i = held_index(d, hash);

	if (i < 0) {
		const struct dagfs_disk_slot *s = find(d, hash);
		int err;
		if (!s || !s->page)
			return -ENOENT;
		i = (int)d->held_next;
		d->held_next = (d->held_next + 1) % DAGFS_DISK_HELD;
		if ((err = load(d, s, (unsigned)i)))
			return err;
	}
	*type = d->held_type[i];
	*bytes = d->held + (size_t)i * 2 * DAGFS_PAGE;
	*len = d->held_len[i];
	return 0;
}

void dagfs_disk_store(struct dagfs_store *store, struct dagfs_disk *d)
{
	*store = (struct dagfs_store){disk_get, disk_put, d};
}

/* ---- open, commit, format ------------------------------------------------------------ */

static void start_empty(struct dagfs_disk *d)
{
	memset(d->index, 0, d->index_slots * sizeof d->index[0]);
	memset(d->held_len, 0, sizeof d->held_len);
	d->index_used = 0;
	d->held_next = 0;
	d->damaged = 0;
	chunk_reset(d);
}

int dagfs_disk_open(struct dagfs_disk *d)
{
	int err;

	start_empty(d);
	if ((err = newest_root(d, &d->committed)))
		return err;
	d->log_next = d->committed.log_head;
	return scan_log(d);
}

int dagfs_disk_commit(struct dagfs_disk *d, const uint8_t root[DAGFS_HASH_SIZE])
{
	struct dagfs_root_record r = d->committed;
	int err;

	if ((err = chunk_write(d)) || (err = d->dev.flush(d->dev.ctx)))
		return err;
	r.seq++;
	memcpy(r.root, root, DAGFS_HASH_SIZE);
	r.log_head = d->log_next;
	self_hash(&r, sizeof r, offsetof(struct dagfs_root_record, self_hash), r.self_hash);
	if ((err = write_root(d, &r)))
		return err;
	d->committed = r;
	return 0;
}

int dagfs_disk_format(struct dagfs_disk *d, const uint8_t fs_id[16])
{
	static const uint8_t no_tree[DAGFS_HASH_SIZE];
	uint8_t zero[DAGFS_PAGE] = {0};
	int err;

	if (d->dev.pages <= DAGFS_LOG_FIRST + 2)
		return -ENOSPC;
	for (unsigned i = 0; i < DAGFS_ROOT_SLOTS; i++)
		if ((err = d->dev.write(d->dev.ctx, i, zero, 1)))
			return err;
	if ((err = d->dev.flush(d->dev.ctx)))
		return err;
	start_empty(d);
	d->committed = (struct dagfs_root_record){
	    .version = VERSION, .pages = d->dev.pages, .log_head = DAGFS_LOG_FIRST};
	memcpy(d->committed.magic, DAGFS_ROOT_MAGIC, 8);
	memcpy(d->committed.fs_id, fs_id, 16);
	d->log_next = DAGFS_LOG_FIRST;
	return dagfs_disk_commit(d, no_tree);
}
