/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * malloc over break(2): one heap of chunks with boundary tags, coalesced
 * with both neighbours on free, and the free top of the heap handed back to
 * the system, so a program that frees everything ends with the heap it
 * began with.
 *
 * Free chunks sit in segregated lists (TLSF, two-level segregated fit):
 * one list per 16 bytes below 128, then eight lists per power of two, and
 * two bitmaps saying which lists hold chunks. Every call does a bounded
 * amount of work, however many chunks the heap holds (docs/libc.md).
 *
 * Chunk: size_t head = size (multiple of 16, header included) | flags.
 * A free chunk also holds list links after its head and its size in its
 * last word (the footer a following chunk uses to find it).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <malloc.h>
#include <unistd.h>

#define IN_USE 1
#define PREV_IN_USE 2
#define FLAGS 15
#define HEAD 16 /* header, keeps payloads 16-aligned */
#define MIN_CHUNK 48
#define GROW (64 * 1024)
#define TRIM (128 * 1024)

/* Size classes: below LINEAR_LIMIT one list per 16 bytes; above it
 * 2^SL_BITS lists per power of two, so a class is at most 1/8 wide. */
#define SL_BITS 3
#define SL_COUNT (1 << SL_BITS)
#define FL_SHIFT 7 /* log2 of LINEAR_LIMIT */
#define LINEAR_LIMIT (1 << FL_SHIFT)
#define FL_COUNT (64 - FL_SHIFT + 1)

struct chunk {
	size_t head;
	size_t pad;
	struct chunk *next, *prev; /* free chunks only */
};

struct bin {
	int fl, sl;
};

static char *heap_start, *heap_top;
static int top_prev_in_use = 1; /* flag the next chunk grown at heap_top gets */
static struct chunk *bins[FL_COUNT][SL_COUNT];
static uint64_t fl_map;		 /* bit f: some list in bins[f] holds a chunk */
static uint8_t sl_map[FL_COUNT]; /* bit s: bins[f][s] holds a chunk */

/* A test (tests/unit/libc_malloc.c) counts the list operations. */
#ifdef MALLOC_COUNT_STEPS
static unsigned long malloc_steps;
#define STEP() (malloc_steps++)
#else
#define STEP() ((void)0)
#endif

static size_t size_of(const struct chunk *c)
{
	return c->head & ~(size_t)FLAGS;
}

static struct chunk *after(const struct chunk *c)
{
	return (struct chunk *)((char *)c + size_of(c));
}

static struct chunk *chunk_of(void *p)
{
	return (struct chunk *)((char *)p - HEAD);
}

static void set_footer(struct chunk *c)
{
	((size_t *)after(c))[-1] = size_of(c);
}

static int log2_floor(size_t n)
{
	return 63 - __builtin_clzll(n);
}

static struct bin bin_of(size_t size)
{
	if (size < LINEAR_LIMIT)
		return (struct bin){0, (int)(size / 16)};
	int l = log2_floor(size);
	return (struct bin){l - FL_SHIFT + 1, (int)(size >> (l - SL_BITS)) - SL_COUNT};
}

static void link_free(struct chunk *c)
{
	struct bin b = bin_of(size_of(c));
	struct chunk **head = &bins[b.fl][b.sl];

	STEP();
	c->prev = 0;
	c->next = *head;
	if (*head)
		(*head)->prev = c;
	*head = c;
	fl_map |= 1ull << b.fl;
	sl_map[b.fl] |= (uint8_t)(1u << b.sl);
}

/* Before c's size changes: its size says which list holds it. */
static void unlink_free(struct chunk *c)
{
	struct bin b = bin_of(size_of(c));

	STEP();
	if (c->next)
		c->next->prev = c->prev;
	if (c->prev)
		c->prev->next = c->next;
	else if (!(bins[b.fl][b.sl] = c->next)) {
		sl_map[b.fl] &= (uint8_t) ~(1u << b.sl);
		if (!sl_map[b.fl])
			fl_map &= ~(1ull << b.fl);
	}
}

/* The head of need's own list when it fits (so an exact fit is found),
 * else the first chunk of the first list above whose every chunk fits. */
static struct chunk *find_free(size_t need)
{
	struct bin b = bin_of(need);
	struct chunk *c = bins[b.fl][b.sl];

	STEP();
	if (c && size_of(c) >= need)
		return c;
	if (need >= LINEAR_LIMIT)
		need += ((size_t)1 << (log2_floor(need) - SL_BITS)) - 1;
	b = bin_of(need);
	unsigned sl = sl_map[b.fl] & (~0u << b.sl);
	if (!sl) {
		uint64_t fl = fl_map & (~0ull << (b.fl + 1));
		if (!fl)
			return 0;
		b.fl = __builtin_ctzll(fl);
		sl = sl_map[b.fl];
	}
	return bins[b.fl][__builtin_ctz(sl)];
}

/* Tell the chunk after c (or the top) whether c is in use. */
static void mark_next_prev(struct chunk *c, int in_use)
{
	struct chunk *n = after(c);

	if ((char *)n == heap_top)
		top_prev_in_use = in_use;
	else if (in_use)
		n->head |= PREV_IN_USE;
	else
		n->head &= ~(size_t)PREV_IN_USE;
}

/* The free top of the heap goes back to the system once it is large (all
 * of it when the whole heap is free), down to the GROW boundary above the
 * last chunk in use: the heap is then as big as what is in use makes it,
 * whatever came and went in between (a server's frames are back where
 * they were once it frees what it took). */
static void trim(struct chunk *c)
{
	if (!c || (char *)after(c) != heap_top)
		return;
	size_t at = (size_t)((char *)c - heap_start);
	size_t keep = (at + GROW - 1) / GROW * GROW - at;

	if (keep && keep < MIN_CHUNK)
		keep += GROW;
	if (keep >= size_of(c) || size_of(c) - keep < (keep ? TRIM : 1))
		return;
	size_t give = size_of(c) - keep;
	unlink_free(c);
	heap_top -= give;
	sbrk(-(intptr_t)give);
	if (!keep) {
		top_prev_in_use = 1;
		return;
	}
	c->head = keep | (c->head & PREV_IN_USE);
	set_footer(c);
	link_free(c);
	top_prev_in_use = 0;
}

/* Free chunk c (not listed yet): merge with free neighbours, list it. */
static struct chunk *coalesce(struct chunk *c)
{
	struct chunk *n = after(c);

	if ((char *)n < heap_top && !(n->head & IN_USE)) {
		unlink_free(n);
		c->head += size_of(n);
	}
	if (!(c->head & PREV_IN_USE)) {
		struct chunk *p = (struct chunk *)((char *)c - ((size_t *)c)[-1]);
		unlink_free(p);
		p->head += size_of(c);
		c = p;
	}
	c->head &= ~(size_t)IN_USE;
	set_footer(c);
	mark_next_prev(c, 0);
	link_free(c);
	return c;
}

/* More heap at the top; the free chunk that ends there now, or 0. */
static struct chunk *grow(size_t need)
{
	/* sbrk's increment is signed: past INTPTR_MAX it would ask to shrink. */
	if (need > INTPTR_MAX - GROW)
		return 0;
	size_t n = (need + GROW - 1) / GROW * GROW;
	char *old = sbrk((intptr_t)n);

	if (old == (char *)-1)
		return 0;
	if (!heap_start)
		heap_start = heap_top = old;
	struct chunk *c = (struct chunk *)heap_top;
	c->head = n | (top_prev_in_use ? PREV_IN_USE : 0);
	heap_top += n;
	return coalesce(c);
}

/* Cut chunk c (in use, not listed) to `need` bytes. A tail big enough to
 * be a chunk is freed; it is returned so the caller may trim it. */
static struct chunk *split(struct chunk *c, size_t need)
{
	size_t have = size_of(c);

	if (have - need < MIN_CHUNK) {
		mark_next_prev(c, 1);
		return 0;
	}
	struct chunk *rest = (struct chunk *)((char *)c + need);
	c->head = need | (c->head & FLAGS);
	rest->head = (have - need) | PREV_IN_USE;
	return coalesce(rest);
}

/* Take `need` bytes from the front of free chunk c. */
static struct chunk *take(struct chunk *c, size_t need)
{
	unlink_free(c);
	c->head |= IN_USE;
	split(c, need);
	return c;
}

static size_t chunk_size(size_t n)
{
	if (n > SIZE_MAX / 4)
		return 0;
	n = (n + HEAD + 15) & ~(size_t)15;
	return n < MIN_CHUNK ? MIN_CHUNK : n;
}

static void *no_memory(void)
{
	errno = ENOMEM;
	return 0;
}

/* A chunk of `need` bytes (chunk_size's), in use, or 0. */
static struct chunk *alloc_chunk(size_t need)
{
	struct chunk *c = need ? find_free(need) : 0;

	if (need && !c)
		c = grow(need);
	return c ? take(c, need) : 0;
}

static void release(struct chunk *c)
{
	trim(coalesce(c));
}

void *malloc(size_t n)
{
	struct chunk *c = alloc_chunk(chunk_size(n));

	return c ? (char *)c + HEAD : no_memory();
}

void free(void *p)
{
	if (p)
		release(chunk_of(p));
}

void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return no_memory();
	void *p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

/* The next chunk is at the top, or free and last: the heap grows there. */
static int ends_heap(struct chunk *c)
{
	struct chunk *n = after(c);

	return (char *)n == heap_top || (!(n->head & IN_USE) && (char *)after(n) == heap_top);
}

/* Chunk c (in use) grows to at least `need` by absorbing the free chunk
 * after it, grown first when it ends the heap. */
static int grow_in_place(struct chunk *c, size_t need)
{
	struct chunk *n = after(c);
	size_t have = size_of(c);
	int next_free = (char *)n < heap_top && !(n->head & IN_USE);

	if ((!next_free || have + size_of(n) < need) && ends_heap(c) && !grow(need - have))
		return 0;
	n = after(c);
	if ((char *)n == heap_top || (n->head & IN_USE) || have + size_of(n) < need)
		return 0;
	unlink_free(n);
	c->head += size_of(n);
	mark_next_prev(c, 1);
	return 1;
}

void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	if (n == 0) {
		free(p);
		return 0;
	}
	struct chunk *c = chunk_of(p);
	size_t need = chunk_size(n);
	if (!need)
		return no_memory();
	if (need <= size_of(c) || grow_in_place(c, need)) {
		trim(split(c, need));
		return p;
	}
	void *q = malloc(n);
	if (q) {
		memcpy(q, p, size_of(c) - HEAD);
		free(p);
	}
	return q;
}

/* Room for an aligned payload inside an ordinary chunk; the bytes before
 * it become a free chunk of their own, those after it too when they can. */
static void *aligned(size_t align, size_t n)
{
	size_t need = chunk_size(n);

	if (align <= HEAD)
		return malloc(n);
	if (!need || align > SIZE_MAX / 4)
		return no_memory();
	struct chunk *c = alloc_chunk(chunk_size(need + align + MIN_CHUNK));
	if (!c)
		return no_memory();
	uintptr_t p = (uintptr_t)c + HEAD, q = p;
	if (q % align) {
		q = (p + MIN_CHUNK + align - 1) & ~(uintptr_t)(align - 1);
		struct chunk *a = chunk_of((void *)q);
		size_t lead = q - p;
		a->head = (size_of(c) - lead) | IN_USE | PREV_IN_USE;
		c->head = lead | (c->head & FLAGS);
		release(c);
		c = a;
	}
	trim(split(c, need));
	return (void *)q;
}

static int power_of_two(size_t n)
{
	return n && !(n & (n - 1));
}

int posix_memalign(void **out, size_t align, size_t n)
{
	int saved = errno;

	if (!power_of_two(align) || align % sizeof(void *))
		return EINVAL;
	void *p = aligned(align, n);
	if (!p) {
		errno = saved;
		return ENOMEM;
	}
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
	if (!power_of_two(align)) {
		errno = EINVAL;
		return 0;
	}
	return aligned(align, n);
}

void *memalign(size_t align, size_t n)
{
	return aligned_alloc(align, n);
}

size_t malloc_usable_size(void *p)
{
	return p ? size_of(chunk_of(p)) - HEAD : 0;
}
