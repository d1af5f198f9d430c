/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/malloc.c, built for the host under chappe_ names over the sbrk
 * the test supplies, and a walk of its heap for the test: the boundary tags
 * are the allocator's own bookkeeping, so only code beside it can read them.
 */
#include <stdint.h>
#include <stdio.h>

#include "libc_names.h"

/* The test's (a strict C11 <unistd.h> leaves sbrk out). */
void *sbrk(intptr_t incr);

#include "../../lib/libc/malloc.c"

int chappe_heap_check(void);

static int broken(const char *what, const void *where)
{
	fprintf(stderr, "heap: %s at %p\n", what, where);
	return -1;
}

static int check_chunk(const struct chunk *c, int prev_used)
{
	size_t size = size_of(c);

	if (size < MIN_CHUNK || size % 16 || size > (size_t)(heap_top - (char *)c))
		return broken("bad chunk size", c);
	if (!(c->head & PREV_IN_USE) != !prev_used)
		return broken("PREV_IN_USE disagrees with the chunk before", c);
	if (c->head & IN_USE)
		return 0;
	if (!prev_used)
		return broken("two free chunks side by side", c);
	if (((size_t *)after(c))[-1] != size)
		return broken("footer disagrees with the head", c);
	return 0;
}

/* Chunks tile the heap, flags and footers agree with the neighbours, no
 * two free chunks touch, and the free list holds exactly the free chunks in
 * address order. Returns the number of chunks in use, or -1. */
int chappe_heap_check(void)
{
	const struct chunk *f = free_list, *listed_prev = 0;
	int used = 0, prev_used = 1;

	if (heap_top != (char *)sbrk(0) && heap_start)
		return broken("heap top is not the break", heap_top);
	for (char *p = heap_start; p && p < heap_top; p += size_of((struct chunk *)p)) {
		const struct chunk *c = (const struct chunk *)p;
		if (check_chunk(c, prev_used))
			return -1;
		prev_used = !!(c->head & IN_USE);
		used += prev_used;
		if (prev_used)
			continue;
		if (c != f || c->prev != listed_prev)
			return broken("free chunk not where the free list has it", c);
		listed_prev = f;
		f = f->next;
	}
	if (f)
		return broken("free list entry outside the heap walk", f);
	if (!top_prev_in_use != !prev_used)
		return broken("top_prev_in_use disagrees with the last chunk", heap_top);
	return used;
}
