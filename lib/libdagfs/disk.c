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
#include <crypto/crc32c.h>
#include <crypto/sha256.h>
#include <string.h>

#include "disk_internal.h"

void disk_self_hash(const void *rec, size_t size, size_t field, uint8_t out[DAGFS_HASH_SIZE])
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

	memcpy(&h, hash, sizeof h); /* a BLAKE2s digest is as uniform as a table needs */
	return h & (d->index_slots - 1);
}

/* The slot holding hash (a block there, or one cleaned away: DEAD_PAGE),
 * else the free slot where it would go; NULL when the table is full. */
struct dagfs_disk_slot *disk_find(struct dagfs_disk *d, const uint8_t *hash)
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
	struct dagfs_disk_slot *s = disk_find(d, e->hash);

	if (s && disk_holds(s))
		return 0; /* stored twice (an older commit's copy): either serves */
	if (!s || (!s->page && (d->index_used + 1) * 4 > d->index_slots * 3))
		return -ENOMEM;
	if (s->page == DEAD_PAGE)
		d->dead--; /* put again after it was cleaned away */
	else
		d->index_used++;
	*s = (struct dagfs_disk_slot){
	    .page = data_page, .offset = e->offset, .crc = e->crc, .len = e->len, .type = e->type};
	memcpy(s->hash, e->hash, DAGFS_HASH_SIZE);
	return 0;
}

/* ---- root records ------------------------------------------------------------ */

static int root_valid(const struct dagfs_root_record *r, uint64_t pages)
{
	uint8_t h[DAGFS_HASH_SIZE];

	if (memcmp(r->magic, DAGFS_ROOT_MAGIC, 8) || r->version != DAGFS_DISK_VERSION ||
	    r->pages != pages || r->log_head < DAGFS_LOG_FIRST || r->log_head >= pages ||
	    r->log_tail < DAGFS_LOG_FIRST || r->log_tail >= pages || !r->seq)
		return 0;
	disk_self_hash(r, sizeof *r, offsetof(struct dagfs_root_record, self_hash), h);
	return !memcmp(h, r->self_hash, DAGFS_HASH_SIZE);
}

static void remember_root(struct dagfs_disk *d, const struct dagfs_root_record *r)
{
	memcpy(d->ring_root[r->seq % DAGFS_ROOT_SLOTS], r->root, DAGFS_HASH_SIZE);
	d->ring_seq[r->seq % DAGFS_ROOT_SLOTS] = r->seq;
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

/* A record of another version of this format, whole: a disk this code
 * must not take for unformatted. */
static int other_version(const struct dagfs_root_record *r)
{
	uint8_t h[DAGFS_HASH_SIZE];

	if (memcmp(r->magic, DAGFS_ROOT_MAGIC, 8) || r->version == DAGFS_DISK_VERSION)
		return 0;
	disk_self_hash(r, sizeof *r, offsetof(struct dagfs_root_record, self_hash), h);
	return !memcmp(h, r->self_hash, DAGFS_HASH_SIZE);
}

/* The newest valid record in the ring into *out: 0, -ENOENT, or -EFTYPE
 * when a record of another version is all there is. A record of another
 * filesystem (an fs_id not the newest's) is not ours. A slot with a
 * record's magic that does not check goes into d->ring_bad. */
static int newest_root(struct dagfs_disk *d, struct dagfs_root_record *out)
{
	uint8_t page[DAGFS_PAGE];
	int found = 0, other = 0;

	d->ring_bad = 0;
	for (unsigned i = 0; i < DAGFS_ROOT_SLOTS; i++) {
		const struct dagfs_root_record *r = (const void *)page;
		if (d->dev.read(d->dev.ctx, i, page, 1))
			continue;
		if (!root_valid(r, d->dev.pages) || r->seq % DAGFS_ROOT_SLOTS != i) {
			if (other_version(r))
				other = 1;
			else if (!memcmp(r->magic, DAGFS_ROOT_MAGIC, 8))
				d->ring_bad |= 1u << i; /* torn, or damaged since */
			continue;
		}
		if (!found || r->seq > out->seq)
			*out = *r;
		found = 1;
		remember_root(d, r);
	}
	return found ? 0 : other ? -EFTYPE : -ENOENT;
}

/* ---- chunks ------------------------------------------------------------------ */

static uint32_t chunk_pages(uint32_t bytes)
{
	return 1 + (bytes + DAGFS_PAGE - 1) / DAGFS_PAGE;
}

/* The CRC of a chunk directory's page, its crc field taken as zero. */
static uint32_t dir_crc(const struct dagfs_chunk_dir *c)
{
	static const uint8_t zero[sizeof c->crc];
	const size_t at = offsetof(struct dagfs_chunk_dir, crc), past = at + sizeof c->crc;

	return crc32c(crc32c(crc32c(0, c, at), zero, sizeof zero), (const uint8_t *)c + past,
		      DAGFS_PAGE - past);
}

/* The checks every chunk directory read from disk passes: its own CRC,
 * ours, of a commit not newer than the record read. */
static int dir_sound(const struct dagfs_disk *d, const struct dagfs_chunk_dir *c)
{
	if (memcmp(c->magic, DAGFS_CHUNK_MAGIC, 8) || memcmp(c->fs_id, d->committed.fs_id, 16) ||
	    c->seq > d->committed.seq)
		return 0;
	return dir_crc(c) == c->crc;
}

/* Pages from `at` to where the committed log ends going forward: its head,
 * or the device's end when the log wraps past it. */
static uint64_t room_ahead(const struct dagfs_disk *d, uint64_t at)
{
	uint64_t head = d->committed.log_head;

	return head > at ? head - at : d->dev.pages - at;
}

int disk_chunk_at(const struct dagfs_disk *d, const struct dagfs_chunk_dir *c, uint64_t at)
{
	if (!dir_sound(d, c))
		return DISK_CHUNK_BAD;
	if (c->count == 0)
		return c->pages == d->dev.pages - at && c->pages <= room_ahead(d, at)
			   ? DISK_CHUNK_FILLER
			   : DISK_CHUNK_BAD;
	if (c->pages < 2 || c->pages > 1 + DAGFS_CHUNK_DATA_PAGES || c->pages > room_ahead(d, at) ||
	    c->count > DAGFS_CHUNK_ENTRIES)
		return DISK_CHUNK_BAD;
	for (uint32_t i = 0; i < c->count; i++) {
		const struct dagfs_chunk_entry *e = &c->entry[i];
		if (!e->len || e->len > DAGFS_BLOCK_MAX || e->type < DAGFS_DATA ||
		    e->type > DAGFS_DIR ||
		    (uint64_t)e->offset + e->len > (uint64_t)(c->pages - 1) * DAGFS_PAGE)
			return DISK_CHUNK_BAD;
	}
	return DISK_CHUNK_BLOCKS;
}

uint64_t disk_after(const struct dagfs_disk *d, uint64_t at, uint64_t pages)
{
	return at + pages == d->dev.pages ? DAGFS_LOG_FIRST : at + pages;
}

/* Every chunk of the committed log, tail to head, into the index. A chunk
 * that does not check ends the scan (what lies past it cannot be found):
 * d->damaged. */
static int scan_log(struct dagfs_disk *d)
{
	uint8_t page[DAGFS_PAGE];
	const struct dagfs_chunk_dir *c = (const void *)page;
	uint64_t at = d->committed.log_tail;
	int err, kind;

	while (at != d->committed.log_head) {
		if ((err = d->dev.read(d->dev.ctx, at, page, 1)))
			return err;
		if ((kind = disk_chunk_at(d, c, at)) == DISK_CHUNK_BAD) {
			d->damaged = 1;
			break;
		}
		for (uint32_t i = 0; kind == DISK_CHUNK_BLOCKS && i < c->count; i++)
			if ((err = remember(d, &c->entry[i], at + 1)))
				return err;
		at = disk_after(d, at, c->pages);
	}
	return 0;
}

static void chunk_reset(struct dagfs_disk *d)
{
	memset(d->chunk, 0, DAGFS_PAGE);
	d->chunk_bytes = 0;
}

static uint64_t log_span(const struct dagfs_disk *d)
{
	return d->dev.pages - DAGFS_LOG_FIRST;
}

/* Pages kept free for cleaning, which must put what it moves before the
 * commit that frees the space it came from. */
uint64_t disk_reserve(const struct dagfs_disk *d)
{
	uint64_t eighth = log_span(d) / 8;

	return CLEAN_ROOM < eighth ? CLEAN_ROOM : eighth;
}

/* Free pages between head and the committed tail, one always left so the
 * head never meets the tail from behind (head == tail: an empty log). */
static uint64_t gap(const struct dagfs_disk *d, uint64_t head)
{
	uint64_t tail = d->committed.log_tail;
	uint64_t used = head >= tail ? head - tail : log_span(d) - (tail - head);

	return log_span(d) - used - 1;
}

uint64_t dagfs_disk_log_pages(const struct dagfs_disk *d)
{
	return log_span(d) - 1 - gap(d, d->log_next);
}

uint64_t dagfs_disk_free_pages(const struct dagfs_disk *d)
{
	uint64_t g = gap(d, d->log_next), r = disk_reserve(d);

	return g > r ? g - r : 0;
}

/* Where a chunk of `pages` goes, keeping `keep` pages free after it: 0 and
 * *at (*filler: the device's end must be filled first), or -ENOSPC. */
static int place(const struct dagfs_disk *d, uint32_t pages, uint64_t keep, uint64_t *at,
		 int *filler)
{
	uint64_t head = d->log_next, tail = d->committed.log_tail;

	*filler = head >= tail && pages > d->dev.pages - head;
	*at = *filler ? DAGFS_LOG_FIRST : head;
	if (*filler && (tail == DAGFS_LOG_FIRST || head == DAGFS_LOG_FIRST))
		return -ENOSPC; /* the device's end is the tail's doorstep */
	if (*filler && gap(d, head) < d->dev.pages - head)
		return -ENOSPC;
	uint64_t left = gap(d, head) - (*filler ? d->dev.pages - head : 0);
	return pages + keep <= left ? 0 : -ENOSPC;
}

static int write_filler(struct dagfs_disk *d)
{
	uint8_t page[DAGFS_PAGE] = {0};
	struct dagfs_chunk_dir *f = (void *)page;

	memcpy(f->magic, DAGFS_CHUNK_MAGIC, 8);
	f->seq = d->committed.seq + 1;
	memcpy(f->fs_id, d->committed.fs_id, 16);
	f->pages = (uint32_t)(d->dev.pages - d->log_next);
	f->crc = dir_crc(f);
	return d->dev.write(d->dev.ctx, d->log_next, page, 1);
}

/* The chunk being filled, to its place in the log (not yet committed);
 * cleaning may use the reserve. */
int disk_chunk_write(struct dagfs_disk *d, int cleaning)
{
	struct dagfs_chunk_dir *c = d->chunk;
	uint32_t pages = chunk_pages(d->chunk_bytes);
	uint64_t at;
	int err, filler;

	if (!c->count)
		return 0;
	if ((err = place(d, pages, cleaning || d->use_reserve ? 0 : disk_reserve(d), &at, &filler)))
		return err;
	if (filler && (err = write_filler(d)))
		return err;
	memcpy(c->magic, DAGFS_CHUNK_MAGIC, 8);
	c->seq = d->committed.seq + 1;
	memcpy(c->fs_id, d->committed.fs_id, 16);
	c->pages = pages;
	c->crc = dir_crc(c);
	memset(disk_chunk_data(d) + d->chunk_bytes, 0, (pages - 1) * DAGFS_PAGE - d->chunk_bytes);
	if ((err = d->dev.write(d->dev.ctx, at, c, pages)))
		return err;
	for (uint32_t i = 0; i < c->count; i++)
		disk_find(d, c->entry[i].hash)->page = at + 1; /* pending: now on disk */
	d->log_next = disk_after(d, at, pages);
	d->ahead_dir = 0; /* the log moved on: the directory kept may be of pages reused */
	chunk_reset(d);
	return 0;
}

/* ---- the store ------------------------------------------------------------------ */

int disk_append(struct dagfs_disk *d, struct dagfs_disk_slot *s,
		const uint8_t hash[DAGFS_HASH_SIZE], uint8_t type, const void *bytes, uint32_t len,
		int cleaning)
{
	struct dagfs_chunk_entry e = {
	    .len = (uint16_t)len, .type = type, .crc = crc32c(0, bytes, len)};
	int err;

	if (d->chunk->count == DAGFS_CHUNK_ENTRIES ||
	    d->chunk_bytes + len > DAGFS_CHUNK_DATA_PAGES * DAGFS_PAGE)
		if ((err = disk_chunk_write(d, cleaning)))
			return err;
	e.offset = d->chunk_bytes;
	memcpy(e.hash, hash, DAGFS_HASH_SIZE);
	if (disk_holds(s) && !s->corrupt)
		s->page = PENDING_PAGE, s->offset = e.offset,
		s->crc = e.crc; /* moving: the cached copy stays */
	else if ((err = remember(d, &e, PENDING_PAGE)))
		return err;
	memcpy(disk_chunk_data(d) + e.offset, bytes, len);
	d->chunk->entry[d->chunk->count++] = e;
	d->chunk_bytes = e.offset + len;
	return 0;
}

int dagfs_disk_put_hashed(struct dagfs_disk *d, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t type,
			  const void *bytes, uint32_t len)
{
	struct dagfs_disk_slot *s;

	if (!len || len > DAGFS_BLOCK_MAX)
		return -EINVAL;
	s = disk_find(d, hash);
	if (s && disk_holds(s) && !s->corrupt)
		return 0;    /* there already */
	if (s && s->corrupt) /* a sound copy replaces the damaged one */
		s->page = DEAD_PAGE, s->corrupt = 0, d->dead++;
	return s ? disk_append(d, s, hash, type, bytes, len, 0) : -ENOMEM;
}

static int disk_put_hashed(void *ctx, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t type,
			   const void *bytes, uint32_t len)
{
	return dagfs_disk_put_hashed(ctx, hash, type, bytes, len);
}

static int disk_put(void *ctx, uint8_t type, const void *bytes, uint32_t len,
		    uint8_t out[DAGFS_HASH_SIZE])
{
	if (!len || len > DAGFS_BLOCK_MAX)
		return -EINVAL;
	dagfs_hash(type, bytes, len, out);
	return dagfs_disk_put_hashed(ctx, out, type, bytes, len);
}

/* ---- the cache: lines in LRU order, newest first ------------------------------- */

#define NO_LINE UINT32_MAX

static void lru_unlink(struct dagfs_disk *d, uint32_t i)
{
	const struct dagfs_disk_line *l = &d->lines[i];

	if (l->older != NO_LINE)
		d->lines[l->older].newer = l->newer;
	else
		d->oldest = l->newer;
	if (l->newer != NO_LINE)
		d->lines[l->newer].older = l->older;
	else
		d->newest = l->older;
}

static void lru_push_newest(struct dagfs_disk *d, uint32_t i)
{
	struct dagfs_disk_line *l = &d->lines[i];

	l->newer = NO_LINE;
	l->older = d->newest;
	if (d->newest != NO_LINE)
		d->lines[d->newest].newer = i;
	else
		d->oldest = i;
	d->newest = i;
}

static void cache_reset(struct dagfs_disk *d)
{
	d->newest = d->oldest = NO_LINE;
	for (uint32_t i = 0; i < d->cache_lines; i++) {
		d->lines[i].slot = 0;
		lru_push_newest(d, i);
	}
}

/* The block s names into buf (one page), checked: a block that does not
 * match is corrupt for good, a device error may pass. */
static int load(struct dagfs_disk *d, struct dagfs_disk_slot *s, uint8_t *buf)
{
	uint32_t in = s->offset % DAGFS_PAGE;
	int err;

	if (s->page == PENDING_PAGE) {
		memcpy(buf, disk_chunk_data(d) + s->offset, s->len);
	} else if (in + s->len <= DAGFS_PAGE) {
		if ((err = d->dev.read(d->dev.ctx, s->page + s->offset / DAGFS_PAGE, buf, 1)))
			return err;
		memmove(buf, buf + in, s->len);
	} else {
		if ((err =
			 d->dev.read(d->dev.ctx, s->page + s->offset / DAGFS_PAGE, d->scratch, 2)))
			return err;
		memcpy(buf, d->scratch + in, s->len);
	}
	if (crc32c(0, buf, s->len) == s->crc)
		return 0;
	if (d->on_corrupt)
		d->on_corrupt(s->hash);
	s->corrupt = 1;
	return -EIO;
}

/* The least recently used line, emptied. */
static uint32_t line_take(struct dagfs_disk *d)
{
	uint32_t i = d->oldest;
	struct dagfs_disk_line *l = &d->lines[i];

	if (l->slot) {
		d->index[l->slot - 1].line = 0;
		l->slot = 0;
		d->evictions++;
	}
	return i;
}

/* Line i holds s's block from now on, the newest. */
static void line_give(struct dagfs_disk *d, uint32_t i, struct dagfs_disk_slot *s)
{
	d->lines[i].slot = (uint64_t)(s - d->index) + 1;
	s->line = i + 1;
	lru_unlink(d, i);
	lru_push_newest(d, i);
}

/* s's block into the least recently used line. */
static int cache_fill(struct dagfs_disk *d, struct dagfs_disk_slot *s)
{
	uint32_t i = line_take(d);
	int err;

	d->misses++;
	if ((err = load(d, s, d->cache + (size_t)i * DAGFS_PAGE)))
		return err;
	line_give(d, i, s);
	return 0;
}

/* ---- read-ahead ---------------------------------------------------------------- */

/* The directory of the chunk whose data starts at page `data`, in
 * d->ahead's first page: the index says where each block is; the
 * directory only says which blocks lie next to each other, and each one
 * is checked against the index and its CRC, so it needs no check of its
 * own. */
static int ahead_dir(struct dagfs_disk *d, uint64_t data)
{
	int err;

	if (d->ahead_dir == data)
		return 0;
	d->ahead_dir = 0;
	if ((err = d->dev.read(d->dev.ctx, data - 1, d->ahead, 1)))
		return err;
	d->ahead_dir = data;
	return 0;
}

/* Entry e of the chunk at data as the index has it, not cached: its slot. */
static struct dagfs_disk_slot *ahead_slot(struct dagfs_disk *d, const struct dagfs_chunk_entry *e,
					  uint64_t data)
{
	struct dagfs_disk_slot *s = disk_find(d, e->hash);

	if (!s || !disk_holds(s) || s->page != data || s->offset != e->offset || s->len != e->len ||
	    s->line || s->corrupt)
		return 0;
	return s;
}

/* s's block, at byte `at` of the pages read ahead, into a line if it
 * checks (else the get that wants it loads it, and reports it). */
static void ahead_cache(struct dagfs_disk *d, struct dagfs_disk_slot *s, const uint8_t *at)
{
	uint32_t i;

	if (crc32c(0, at, s->len) != s->crc)
		return;
	i = line_take(d);
	memcpy(d->cache + (size_t)i * DAGFS_PAGE, at, s->len);
	line_give(d, i, s);
	d->ahead_blocks++;
}

/* The blocks of c lying whole in its data bytes [from, to), read into
 * d->ahead's pages from the second, cached. At most cache_lines -
 * DAGFS_DISK_HELD - 1 of them, so the blocks got last stay. Where the
 * last one taken ends. */
static uint64_t ahead_fill(struct dagfs_disk *d, const struct dagfs_chunk_dir *c, uint64_t data,
			   uint64_t from, uint64_t to)
{
	uint64_t room = d->cache_lines - DAGFS_DISK_HELD - 1, end = from;

	for (uint32_t i = 0; i < c->count && i < DAGFS_CHUNK_ENTRIES && room; i++) {
		const struct dagfs_chunk_entry *e = &c->entry[i];
		struct dagfs_disk_slot *s;
		if (e->offset < from || (uint64_t)e->offset + e->len > to ||
		    !(s = ahead_slot(d, e, data)))
			continue;
		ahead_cache(d, s, d->ahead + DAGFS_PAGE + (e->offset - from));
		room--;
		end = end > e->offset + e->len ? end : e->offset + e->len;
	}
	return end;
}

/* A sequential miss: s's page and those after it in its chunk read at
 * once, and their blocks cached. 0, or -errno of the read (the caller
 * then loads s alone). */
static int read_ahead(struct dagfs_disk *d, const struct dagfs_disk_slot *s)
{
	const struct dagfs_chunk_dir *c = (const void *)d->ahead;
	uint64_t first = s->offset / DAGFS_PAGE, pages;
	int err;

	if ((err = ahead_dir(d, s->page)))
		return err;
	pages = c->pages > 1 + first ? c->pages - 1 - first : 0;
	pages = pages < d->ahead_pages ? pages : d->ahead_pages;
	if (pages * DAGFS_PAGE < s->offset % DAGFS_PAGE + s->len ||
	    s->page + first + pages > d->dev.pages)
		return -EINVAL; /* the directory does not hold s: no read-ahead */
	if ((err =
		 d->dev.read(d->dev.ctx, s->page + first, d->ahead + DAGFS_PAGE, (uint32_t)pages)))
		return err;
	d->ahead_reads++;
	d->seq_end = ahead_fill(d, c, s->page, first * DAGFS_PAGE, (first + pages) * DAGFS_PAGE);
	return 0;
}

/* A miss right after the last one, in its chunk, reads ahead; s is then
 * cached unless its bytes did not match (the load that follows says so). */
static int sequential(struct dagfs_disk *d, const struct dagfs_disk_slot *s)
{
	int seq = s->page == d->seq_page && s->offset >= d->seq_end &&
		  s->offset <= d->seq_end + 2 * DAGFS_PAGE;

	d->seq_page = s->page;
	d->seq_end = s->offset + s->len;
	return seq && d->ahead && d->ahead_pages && s->page != PENDING_PAGE;
}

int disk_get(void *ctx, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t *type, const uint8_t **bytes,
	     uint32_t *len)
{
	struct dagfs_disk *d = ctx;
	struct dagfs_disk_slot *s = disk_find(d, hash);
	int err;

	if (!s || !disk_holds(s))
		return -ENOENT;
	if (s->corrupt)
		return -EIO;
	d->reads++;
	if (!s->line && sequential(d, s) && read_ahead(d, s) == 0 && s->line)
		d->misses++;
	if (!s->line && (err = cache_fill(d, s)))
		return err;
	lru_unlink(d, s->line - 1);
	lru_push_newest(d, s->line - 1);
	*type = s->type;
	*bytes = d->cache + (size_t)(s->line - 1) * DAGFS_PAGE;
	*len = s->len;
	return 0;
}

void dagfs_disk_store(struct dagfs_store *store, struct dagfs_disk *d)
{
	*store = (struct dagfs_store){disk_get, disk_put, d, disk_put_hashed};
}

/* ---- open, commit, format ------------------------------------------------------------ */

static void start_empty(struct dagfs_disk *d)
{
	memset(d->index, 0, d->index_slots * sizeof d->index[0]);
	cache_reset(d);
	d->index_used = 0;
	d->dead = 0;
	d->damaged = 0;
	d->ahead_dir = 0;
	chunk_reset(d);
}

int dagfs_disk_open(struct dagfs_disk *d)
{
	int err;

	start_empty(d);
	memset(d->ring_seq, 0, sizeof d->ring_seq);
	if ((err = newest_root(d, &d->committed)))
		return err;
	d->log_next = d->committed.log_head;
	d->clean_tail = d->committed.log_tail;
	return scan_log(d);
}

/* Cleaning left slots of blocks no longer on the disk: when they are many,
 * the index is built again from the log (nothing is pending right after
 * a commit). Every cache line goes with it. */
static int drop_dead_slots(struct dagfs_disk *d)
{
	if (d->dead * 4 < d->index_used)
		return 0;
	d->evictions += d->cache_lines;
	start_empty(d);
	return scan_log(d);
}

int dagfs_disk_commit(struct dagfs_disk *d, const uint8_t root[DAGFS_HASH_SIZE])
{
	struct dagfs_root_record r = d->committed;
	int err, cleaning = d->clean_tail != d->committed.log_tail;

	if ((err = disk_chunk_write(d, cleaning)) || (err = d->dev.flush(d->dev.ctx)))
		return err;
	r.seq++;
	memcpy(r.root, root, DAGFS_HASH_SIZE);
	r.log_head = d->log_next;
	r.log_tail = d->clean_tail;
	disk_self_hash(&r, sizeof r, offsetof(struct dagfs_root_record, self_hash), r.self_hash);
	if ((err = write_root(d, &r)))
		return err;
	d->committed = r;
	remember_root(d, &r);
	return cleaning ? drop_dead_slots(d) : 0;
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
	memset(d->ring_seq, 0, sizeof d->ring_seq);
	d->ring_bad = 0;
	d->committed = (struct dagfs_root_record){.version = DAGFS_DISK_VERSION,
						  .pages = d->dev.pages,
						  .log_head = DAGFS_LOG_FIRST,
						  .log_tail = DAGFS_LOG_FIRST};
	d->clean_tail = DAGFS_LOG_FIRST;
	memcpy(d->committed.magic, DAGFS_ROOT_MAGIC, 8);
	memcpy(d->committed.fs_id, fs_id, 16);
	d->log_next = DAGFS_LOG_FIRST;
	return dagfs_disk_commit(d, no_tree);
}
