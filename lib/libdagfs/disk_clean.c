/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cleaning the on-disk log (libdagfs/disk.h, docs/dagfs.md "Space"), as a
 * log-structured filesystem does. The caller marks what it still wants;
 * the chunks at the tail are read and their marked blocks put again at the
 * head; the next commit moves the tail past them. Until that commit's root
 * record is on the disk the old chunks stay where they are and the old
 * record still names them, so a crash finds the filesystem before or
 * after, whole.
 */
#include <libdagfs/disk.h>

#include <abi/errno.h>
#include <string.h>

#include "disk_internal.h"
#include "internal.h"

void dagfs_disk_mark_begin(struct dagfs_disk *d)
{
	for (uint64_t i = 0; i < d->index_slots; i++)
		d->index[i].mark = 0;
	d->todo_count = 0;
	d->marked_bytes = 0;
}

/* Each slot enters the work list once: it holds index_slots entries. */
void dagfs_disk_mark(struct dagfs_disk *d, const uint8_t hash[DAGFS_HASH_SIZE])
{
	struct dagfs_disk_slot *s = disk_find(d, hash);

	if (!s || !disk_holds(s) || s->mark)
		return; /* not on the disk (the caller's), or marked already */
	s->mark = 1;
	d->marked_bytes += s->len;
	if (s->type != DAGFS_DATA)
		d->todo[d->todo_count++] = (uint32_t)(s - d->index);
}

void dagfs_disk_mark_kept(struct dagfs_disk *d, unsigned keep)
{
	for (unsigned i = 0; i < DAGFS_ROOT_SLOTS; i++)
		if (d->ring_seq[i] && d->ring_seq[i] + keep > d->committed.seq)
			dagfs_disk_mark(d, d->ring_root[i]);
}

static int mark_children(struct dagfs_disk *d, uint8_t type, const uint8_t *bytes, uint32_t len)
{
	struct dagfs_entry e;
	struct dagfs_node n;

	if (type == DAGFS_DIR) {
		if (dagfs_dir_check(bytes, len))
			return -EIO;
		for (uint32_t i = 0, count = dagfs_dir_count(bytes); i < count; i++) {
			dagfs_dir_entry(bytes, i, &e);
			dagfs_disk_mark(d, e.hash);
		}
		return 0;
	}
	if (dagfs_node_parse(bytes, len, &n))
		return -EIO;
	for (uint32_t i = 0; i < n.count; i++)
		dagfs_disk_mark(d, n.hashes + (size_t)i * DAGFS_HASH_SIZE);
	return 0;
}

/* A node that does not check hides what it reaches: nothing may go. */
int dagfs_disk_mark_finish(struct dagfs_disk *d)
{
	while (d->todo_count) {
		const struct dagfs_disk_slot *s = &d->index[d->todo[--d->todo_count]];
		const uint8_t *bytes;
		uint8_t type;
		uint32_t len;
		int err = disk_get(d, s->hash, &type, &bytes, &len);
		if (!err)
			err = mark_children(d, type, bytes, len);
		if (err)
			return err;
	}
	return 0;
}

/* The block of entry e in the chunk at `at` that cleaning must move. */
static struct dagfs_disk_slot *to_move(struct dagfs_disk *d, const struct dagfs_chunk_entry *e,
				       uint64_t at)
{
	struct dagfs_disk_slot *s = disk_find(d, e->hash);

	return s && disk_holds(s) && s->page == at + 1 && s->offset == e->offset && s->mark &&
		       !s->corrupt
		   ? s
		   : 0;
}

/* A block no kept root reaches: its slot stays for the probing. */
static void drop(struct dagfs_disk *d, struct dagfs_disk_slot *s)
{
	if (s->line) {
		d->lines[s->line - 1].slot = 0;
		s->line = 0;
	}
	s->page = DEAD_PAGE;
	d->dead++;
}

/* The marked blocks of the chunk at `at` put again; the index's copy of
 * every other one there (the index may name a newer copy) goes. */
static int clean_chunk(struct dagfs_disk *d, const struct dagfs_chunk_dir *c, uint64_t at)
{
	for (uint32_t i = 0; i < c->count; i++) {
		const struct dagfs_chunk_entry *e = &c->entry[i];
		struct dagfs_disk_slot *s = disk_find(d, e->hash), *move = to_move(d, e, at);
		const uint8_t *bytes;
		uint8_t type;
		uint32_t len;
		if (!move) {
			if (s && disk_holds(s) && s->page == at + 1 && s->offset == e->offset)
				drop(d, s); /* the index's copy, and no kept root reaches it */
			continue;
		}
		int err = disk_get(d, e->hash, &type, &bytes, &len);
		if (!err)
			err = disk_append(d, move, e->hash, type, bytes, len, 1);
		if (err)
			return err;
		d->relocated_blocks++;
	}
	return 0;
}

static uint64_t span(const struct dagfs_disk *d)
{
	return d->dev.pages - DAGFS_LOG_FIRST;
}

/* Free pages once the tail is the clean tail: the gap to the head, less
 * the chunk being filled and the page always kept. */
static uint64_t free_after_commit(const struct dagfs_disk *d)
{
	uint64_t tail = d->clean_tail, head = d->log_next;
	uint64_t used = head >= tail ? head - tail : span(d) - (tail - head);
	uint64_t pending = d->chunk->count ? 1 + (d->chunk_bytes + DAGFS_PAGE - 1) / DAGFS_PAGE : 0;

	return span(d) - used > pending + 1 ? span(d) - used - pending - 1 : 0;
}

/* Free pages now, between the head and the committed tail. */
static uint64_t room_now(const struct dagfs_disk *d)
{
	uint64_t tail = d->committed.log_tail, head = d->log_next;
	uint64_t used = head >= tail ? head - tail : span(d) - (tail - head);

	return span(d) - used - 1;
}

/* Room to move chunk c's marked blocks before the commit frees anything:
 * the chunk being filled written out, theirs (two directories if they
 * split), and a filler if the head may have to wrap first; and half the
 * reserve left, for the small commit (files deleted) that may be what
 * frees space on a full disk. A chunk with nothing to move needs none. */
static int room_to_move(struct dagfs_disk *d, const struct dagfs_chunk_dir *c, uint64_t at)
{
	uint64_t live = 0;

	for (uint32_t i = 0; i < c->count; i++)
		live += to_move(d, &c->entry[i], at) ? c->entry[i].len : 0;
	if (!live)
		return 1;
	uint64_t filling = d->chunk->count ? 1 + (d->chunk_bytes + DAGFS_PAGE - 1) / DAGFS_PAGE : 0;
	uint64_t need = filling + 2 + (live + DAGFS_PAGE - 1) / DAGFS_PAGE + 1;
	uint64_t to_end = d->dev.pages - d->log_next;

	if (d->log_next >= d->committed.log_tail && to_end < need)
		need += to_end;
	return room_now(d) >= need + 1 + disk_reserve(d) / 2;
}

uint64_t dagfs_disk_reclaimable(const struct dagfs_disk *d)
{
	uint64_t live = (d->marked_bytes + DAGFS_PAGE - 1) / DAGFS_PAGE,
		 log = dagfs_disk_log_pages(d);

	return log > live ? log - live : 0;
}

int dagfs_disk_clean(struct dagfs_disk *d, uint64_t want)
{
	struct dagfs_chunk_dir *c = (void *)d->clean_page;
	int err, kind;

	while (d->clean_tail != d->committed.log_head && free_after_commit(d) < want) {
		uint64_t at = d->clean_tail;
		if ((err = d->dev.read(d->dev.ctx, at, c, 1)))
			return err;
		if ((kind = disk_chunk_at(d, c, at)) == DISK_CHUNK_BAD)
			return -EIO;
		if (kind == DISK_CHUNK_BLOCKS && !room_to_move(d, c, at))
			break;
		if (kind == DISK_CHUNK_BLOCKS && (err = clean_chunk(d, c, at)))
			return err;
		d->clean_tail = disk_after(d, at, c->pages);
		d->cleaned_pages += c->pages;
	}
	return free_after_commit(d) >= want ? 0 : -ENOSPC;
}
