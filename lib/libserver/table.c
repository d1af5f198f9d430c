/* SPDX-License-Identifier: BSD-2-Clause */
#include <libserver/table.h>

#include <abi/errno.h>
#include <stdlib.h>
#include <string.h>

int table_grow(struct table *t)
{
	size_t bytes = t->entry_size * t->per_chunk;
	void *c = t->chunks < TABLE_CHUNKS_MAX ? malloc(bytes) : 0;

	if (!c)
		return -ENFILE;
	memset(c, 0, bytes);
	t->chunk[t->chunks++] = c;
	return 0;
}

void table_take(struct table *t, unsigned i)
{
	t->used[i >> t->shift]++;
}

void table_drop(struct table *t, unsigned i)
{
	t->used[i >> t->shift]--;
	while (t->chunks > 1 && t->used[t->chunks - 1] == 0)
		free(t->chunk[--t->chunks]); /* the first chunk is static */
}
