/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A server's system-wide table (open files, pipes, handles) that grows in
 * chunks from the server's heap as it is used, so its size follows memory
 * instead of a constant a few processes can exhaust. Entries never move:
 * a pointer to one stays valid while it is in use. A chunk on the heap goes
 * back once it and every chunk after it are unused, so exhausting a table
 * leaves no memory behind.
 */
#pragma once

#include <stddef.h>

#define TABLE_CHUNKS_MAX 256

struct table {
	size_t entry_size;
	unsigned per_chunk; /* a power of two */
	unsigned shift;	    /* log2(per_chunk): the lookup is a shift, not a division */
	unsigned chunks;
	unsigned used[TABLE_CHUNKS_MAX]; /* entries in use, per chunk */
	void *chunk[TABLE_CHUNKS_MAX];
};

/* first: a static array of per entries, so the table works before the
 * server has a heap (io starts before the memory server answers). */
#define TABLE_INIT(first, per)                                                                     \
	{                                                                                          \
		.entry_size = sizeof((first)[0]), .per_chunk = (per), .shift = __builtin_ctz(per), \
		.chunks = 1, .chunk = {                                                            \
			(first)                                                                    \
		}                                                                                  \
	}

/* Entry i, or 0 past what has been allocated. */
static inline void *table_at(const struct table *t, unsigned i)
{
	unsigned c = i >> t->shift;

	return c < t->chunks
		   ? (char *)t->chunk[c] + (size_t)(i & (t->per_chunk - 1)) * t->entry_size
		   : 0;
}

static inline unsigned table_size(const struct table *t)
{
	return t->chunks * t->per_chunk;
}

/* One more zeroed chunk: 0, or -ENFILE when memory (or the chunk list) is
 * exhausted. */
int table_grow(struct table *t);
/* Entry i is in use now / is free again (the caller cleared it). */
void table_take(struct table *t, unsigned i);
void table_drop(struct table *t, unsigned i);
