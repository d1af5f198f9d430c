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
