/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * malloc over break(2): one heap of chunks with boundary tags, an
 * address-ordered free list, first fit, splitting, coalescing with both
 * neighbours on free, and the free top of the heap handed back to the
 * system, so a program that frees everything ends with the heap it began with.
 *
 * Chunk: size_t head = size (multiple of 16, header included) | flags.
 * A free chunk also holds list links after its head and its size in its
 * last word (the footer a following chunk uses to find it).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#define IN_USE 1
#define PREV_IN_USE 2
#define FLAGS 15
#define HEAD 16 /* header, keeps payloads 16-aligned */
#define MIN_CHUNK 48
#define GROW (64 * 1024)
#define TRIM (128 * 1024)

struct chunk {
	size_t head;
	size_t pad;
	struct chunk *next, *prev; /* free chunks only */
};

static char *heap_start, *heap_top;
static struct chunk *free_list;
static int top_prev_in_use = 1; /* flag the next chunk grown at heap_top gets */

static size_t size_of(const struct chunk *c)
{
	return c->head & ~(size_t)FLAGS;
}

static struct chunk *after(const struct chunk *c)
{
	return (struct chunk *)((char *)c + size_of(c));
}

static void set_footer(struct chunk *c)
{
	((size_t *)after(c))[-1] = size_of(c);
}

static void unlink_free(struct chunk *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		free_list = c->next;
	if (c->next)
		c->next->prev = c->prev;
}

/* Address order keeps the heap compact: first fit finds low chunks first. */
static void link_free(struct chunk *c)
{
	struct chunk **at = &free_list, *prev = 0;

	while (*at && *at < c)
		prev = *at, at = &(*at)->next;
	c->next = *at;
	c->prev = prev;
	if (*at)
		(*at)->prev = c;
	*at = c;
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

/* The free top of the heap goes back to the system: all of it when the
 * whole heap is free, else once it is large. */
static void trim(struct chunk *c)
{
	if ((char *)after(c) != heap_top || (size_of(c) < TRIM && (char *)c != heap_start))
		return;
	unlink_free(c);
	heap_top = (char *)c;
	top_prev_in_use = 1;
	sbrk(-(intptr_t)size_of(c));
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

static int grow(size_t need)
{
	/* sbrk's increment is signed: past INTPTR_MAX it would ask to shrink. */
	if (need > INTPTR_MAX - GROW)
		return -1;
	size_t n = (need + GROW - 1) / GROW * GROW;
	char *old = sbrk((intptr_t)n);

	if (old == (char *)-1)
		return -1;
	if (!heap_start)
		heap_start = heap_top = old;
	struct chunk *c = (struct chunk *)heap_top;
	c->head = n | (top_prev_in_use ? PREV_IN_USE : 0);
	heap_top += n;
	coalesce(c);
	return 0;
}

/* Take `need` bytes from the front of free chunk c. */
static void *take(struct chunk *c, size_t need)
{
	size_t have = size_of(c);

	unlink_free(c);
	if (have - need >= MIN_CHUNK) {
		struct chunk *rest = (struct chunk *)((char *)c + need);
		rest->head = (have - need) | PREV_IN_USE;
		set_footer(rest);
		link_free(rest);
		c->head = need | (c->head & PREV_IN_USE);
	}
	c->head |= IN_USE;
	mark_next_prev(c, 1);
	return (char *)c + HEAD;
}

static size_t chunk_size(size_t n)
{
	if (n > SIZE_MAX / 2)
		return 0;
	n = (n + HEAD + 15) & ~(size_t)15;
	return n < MIN_CHUNK ? MIN_CHUNK : n;
}

void *malloc(size_t n)
{
	size_t need = chunk_size(n);

	for (int tries = 0; need && tries < 2; tries++) {
		for (struct chunk *c = free_list; c; c = c->next)
			if (size_of(c) >= need)
				return take(c, need);
		if (grow(need))
			break;
	}
	errno = ENOMEM;
	return 0;
}

void free(void *p)
{
	if (!p)
		return;
	trim(coalesce((struct chunk *)((char *)p - HEAD)));
}

void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return 0;
	}
	void *p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	if (n == 0) {
		free(p);
		return 0;
	}
	struct chunk *c = (struct chunk *)((char *)p - HEAD);
	size_t have = size_of(c) - HEAD;
	if (n <= have)
		return p;
	void *q = malloc(n);
	if (q) {
		memcpy(q, p, have);
		free(p);
	}
	return q;
}
