/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/malloc.c, built for the host under chappe_ names over the sbrk
 * the test supplies, and a walk of its heap for the test: the boundary tags
 * and size-class lists are the allocator's own bookkeeping, so only code
 * beside it can read them.
 */
#include <stdint.h>
#include <stdio.h>

#include "libc_names.h"

/* The test's (a strict C11 <unistd.h> leaves sbrk out). */
void *sbrk(intptr_t incr);

#define MALLOC_COUNT_STEPS

#include "../../lib/libc/malloc.c"

int chappe_heap_check(void);
unsigned long chappe_malloc_steps(void);

/* The free chunks the walk met, in address order (a 48-byte chunk each
 * at most, in the test's 32 MiB arena). */
#define MAX_FREE ((32u << 20) / MIN_CHUNK)
static const struct chunk *walked_free[MAX_FREE];
static size_t nwalked;

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

static int walked(const struct chunk *c)
{
	size_t lo = 0, hi = nwalked;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (walked_free[mid] == c)
			return 1;
		if (walked_free[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* One list: free chunks the walk met, of the list's class, linked both
 * ways. Returns how many it holds, or -1. */
static long check_list(int fl, int sl)
{
	const struct chunk *prev = 0;
	long n = 0;

	for (const struct chunk *c = bins[fl][sl]; c; prev = c, c = c->next, n++) {
		struct bin b = bin_of(size_of(c));
		if ((size_t)n >= nwalked || !walked(c))
			return broken("listed chunk is not a free chunk of the heap", c);
		if (c->prev != prev)
			return broken("list link back disagrees", c);
		if (b.fl != fl || b.sl != sl)
			return broken("chunk listed in another size class", c);
	}
	if (!n != !(sl_map[fl] & (1u << sl)))
		return broken("list bitmap disagrees with the list", &bins[fl][sl]);
	return n;
}

/* Every free chunk the walk met is in its size class's list, once. */
static int check_lists(void)
{
	size_t listed = 0;

	for (int fl = 0; fl < FL_COUNT; fl++) {
		if (!sl_map[fl] != !(fl_map & (1ull << fl)))
			return broken("first-level bitmap disagrees", &sl_map[fl]);
		for (int sl = 0; sl < SL_COUNT; sl++) {
			long n = check_list(fl, sl);
			if (n < 0)
				return -1;
			listed += (size_t)n;
		}
	}
	if (listed != nwalked)
		return broken("free chunks missing from the lists", heap_start);
	return 0;
}

/* Chunks tile the heap, flags and footers agree with the neighbours, no
 * two free chunks touch, and the lists hold exactly the free chunks, each
 * in its class. Returns the number of chunks in use, or -1. */
int chappe_heap_check(void)
{
	int used = 0, prev_used = 1;

	if (heap_top != (char *)sbrk(0) && heap_start)
		return broken("heap top is not the break", heap_top);
	nwalked = 0;
	for (char *p = heap_start; p && p < heap_top; p += size_of((struct chunk *)p)) {
		const struct chunk *c = (const struct chunk *)p;
		if (check_chunk(c, prev_used))
			return -1;
		prev_used = !!(c->head & IN_USE);
		used += prev_used;
		if (!prev_used && nwalked < MAX_FREE)
			walked_free[nwalked++] = c;
	}
	if (check_lists())
		return -1;
	if (!top_prev_in_use != !prev_used)
		return broken("top_prev_in_use disagrees with the last chunk", heap_top);
	return used;
}

/* List operations and searches so far: each call's work, whatever the
 * heap holds. */
unsigned long chappe_malloc_steps(void)
{
	return malloc_steps;
}
