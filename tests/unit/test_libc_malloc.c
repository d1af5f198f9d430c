/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/malloc.c on the host, over an sbrk on a static arena that acts
 * like the memory server's break(2). Its heap is one global, so each part
 * frees what it took and checks the break is back where it began.
 */
#include "libc_names.h"
#include "../../lib/libc/include/stdlib.h"
/* lib/libc/include/malloc.h's (it would bring the host's <stdlib.h>). */
void *memalign(size_t align, size_t n);
size_t malloc_usable_size(void *p);
#define LIBC_NAMES_UNDO
#include "libc_names.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "check.h"

int chappe_heap_check(void);		 /* libc_malloc.c: chunks in use, or -1 */
unsigned long chappe_malloc_steps(void); /* libc_malloc.c: list operations so far */

#define ARENA (32u << 20)
#define JUNK 0xa5
#define PAGE 4096

static _Alignas(PAGE) unsigned char arena[ARENA];
static size_t brk_off, brk_limit = ARENA, high_water;
static int shrunk_below_start, written_above_break;

/* Memory above the break is not the heap's: it must still hold the junk
 * the shim left there when it next becomes the heap's. */
static void expect_junk(size_t from, size_t to)
{
	for (size_t i = from; i < to && i < ARENA; i++)
		if (arena[i] != JUNK) {
			written_above_break++;
			return;
		}
}

/* Byte-exact break, ENOMEM outside [arena, arena + brk_limit] like the
 * memory server; memory handed out holds junk, not zeroes, as a reused
 * page may. */
void *chappe_sbrk(intptr_t incr)
{
	size_t old = brk_off;

	if (incr < 0 && (uintptr_t)0 - (uintptr_t)incr > old) {
		shrunk_below_start++; /* gave back more than it ever took */
		errno = ENOMEM;
		return (void *)-1;
	}
	if (incr > 0 && (uintptr_t)incr > brk_limit - old) {
		errno = ENOMEM;
		return (void *)-1;
	}
	brk_off = old + (size_t)incr;
	if (incr > 0)
		expect_junk(old, brk_off + PAGE);
	else
		memset(arena + brk_off, JUNK, old - brk_off);
	if (brk_off > high_water)
		high_water = brk_off;
	return arena + old;
}

static size_t heap_size(void)
{
	return brk_off;
}

static int aligned(const void *p)
{
	return (uintptr_t)p % 16 == 0;
}

static int in_arena(const void *p, size_t n)
{
	const unsigned char *b = p;

	return b >= arena && b <= arena + brk_off && n <= (size_t)(arena + brk_off - b);
}

static void first_and_last(void)
{
	CHECK(heap_size() == 0 && chappe_heap_check() == 0);
	char *p = chappe_malloc(1);
	CHECK(p && aligned(p) && in_arena(p, 1) && heap_size() > 0);
	CHECK(chappe_heap_check() == 1);
	chappe_free(0);
	CHECK(chappe_heap_check() == 1);
	chappe_free(p);
	CHECK(heap_size() == 0 && chappe_heap_check() == 0);
}

static void alignment(void)
{
	enum { N = 700 };
	static unsigned char *p[N];
	int ok = 1;

	for (size_t n = 0; n < N; n++) {
		p[n] = chappe_malloc(n * 7);
		ok &= p[n] && aligned(p[n]) && in_arena(p[n], n * 7);
		if (p[n])
			memset(p[n], (int)n, n * 7);
	}
	CHECK(ok);
	CHECK(chappe_heap_check() == N);
	/* Free every third, then the rest, so frees land beside free chunks
	 * on either side; every block must still hold what was written. */
	for (int pass = 0; pass < 3; pass++)
		for (size_t n = (size_t)pass; n < N; n += 3) {
			for (size_t i = 0; p[n] && i < n * 7; i++)
				ok &= p[n][i] == (unsigned char)n;
			chappe_free(p[n]);
		}
	CHECK(ok);
	CHECK(heap_size() == 0 && chappe_heap_check() == 0);
}

/* Three neighbours freed in every order must end as one chunk that an
 * allocation of their joint size fills exactly. */
static void coalescing(void)
{
	static const int orders[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
					 {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};

	for (int o = 0; o < 6; o++) {
		char *b[3], *guard;
		for (int i = 0; i < 3; i++)
			b[i] = chappe_malloc(100 + 40 * (size_t)i);
		guard = chappe_malloc(100);
		CHECK(b[0] < b[1] && b[1] < b[2] && b[2] < guard);
		for (int i = 0; i < 3; i++) {
			chappe_free(b[orders[o][i]]);
			CHECK(chappe_heap_check() == 3 - i);
		}
		/* The three chunks' bytes minus one 16-byte header. */
		char *all = chappe_malloc((size_t)(guard - b[0]) - 16);
		CHECK(all == b[0]);
		chappe_free(all);
		chappe_free(guard);
		CHECK(heap_size() == 0);
	}
}

static void trimming(void)
{
	char *small = chappe_malloc(100);
	size_t one_grow = heap_size();
	char *big = chappe_malloc(1 << 20);

	CHECK(big && heap_size() > one_grow + (1 << 20));
	chappe_free(big);
	/* A large free top goes back to the system, down to the size the heap
	 * had before (the GROW boundary above what is in use)... */
	CHECK(heap_size() == one_grow && chappe_heap_check() == 1);
	char *a = chappe_malloc(1000);
	size_t with_a = heap_size();
	chappe_free(a);
	/* ...a small one stays for the next allocation. */
	CHECK(heap_size() == with_a && chappe_heap_check() == 1);
	chappe_free(small);
	CHECK(heap_size() == 0);
}

static int holds(const unsigned char *p, size_t n, unsigned char seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i))
			return 0;
	return 1;
}

static void fill(unsigned char *p, size_t n, unsigned char seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i);
}

static void reallocation(void)
{
	static const size_t sizes[] = {10, 100, 1000, 5000, 100000, 300000, 3, 0};
	unsigned char *p = chappe_realloc(0, 10);
	size_t have = 10;

	CHECK(p && chappe_heap_check() == 1);
	fill(p, have, 7);
	for (int i = 0; sizes[i]; i++) {
		/* A neighbour, freed after the move, for the old chunk to merge with. */
		void *pin = chappe_malloc(32);
		unsigned char *q = chappe_realloc(p, sizes[i]);
		size_t keep = sizes[i] < have ? sizes[i] : have;
		CHECK(q && aligned(q) && holds(q, keep, 7));
		fill(q, sizes[i], 7);
		p = q, have = sizes[i];
		chappe_free(pin);
	}
	/* Refused growth leaves the block as it was. */
	brk_limit = brk_off;
	errno = 0;
	CHECK(!chappe_realloc(p, 1 << 20) && errno == ENOMEM && holds(p, have, 7));
	brk_limit = ARENA;
	CHECK(!chappe_realloc(p, 0) && chappe_heap_check() == 0);
	CHECK(heap_size() == 0);
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void zeroing(void)
{
	unsigned char *dirty = chappe_malloc(4000);
	void *pin = chappe_malloc(16);

	memset(dirty, 0xff, 4000);
	chappe_free(dirty);
	unsigned char *reused = chappe_calloc(1000, 4);
	CHECK(reused == dirty && all_zero(reused, 4000));
	unsigned char *fresh = chappe_calloc(10000, 30);
	CHECK(fresh && all_zero(fresh, 300000));
	errno = 0;
	CHECK(!chappe_calloc(SIZE_MAX / 2 + 1, 2) && errno == ENOMEM);
	errno = 0;
	CHECK(!chappe_calloc(SIZE_MAX, SIZE_MAX) && errno == ENOMEM);
	chappe_free(fresh);
	chappe_free(reused);
	chappe_free(pin);
	CHECK(heap_size() == 0);
}

static void out_of_memory(void)
{
	static const size_t huge[] = {
	    SIZE_MAX,	       SIZE_MAX - 15,	    SIZE_MAX / 2 + 1, SIZE_MAX / 2,
	    SIZE_MAX / 2 - 40, PTRDIFF_MAX - 70000, (size_t)1 << 62,  ARENA,
	};
	unsigned char *keep = chappe_malloc(500);

	fill(keep, 500, 3);
	for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++) {
		errno = 0;
		CHECK(!chappe_malloc(huge[i]) && errno == ENOMEM);
	}
	CHECK(shrunk_below_start == 0);
	/* The system refuses to grow at all: the heap is left as it was. */
	brk_limit = brk_off;
	errno = 0;
	CHECK(!chappe_malloc(1 << 16) && errno == ENOMEM);
	brk_limit = ARENA;
	CHECK(holds(keep, 500, 3) && chappe_heap_check() == 1);
	chappe_free(keep);
	CHECK(heap_size() == 0);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
	return check_random(&rng);
}

static size_t random_size(void)
{
	uint64_t r = next() % 100;

	if (r < 70)
		return next() % 257;
	if (r < 95)
		return next() % 8192;
	return next() % 200000; /* enough to grow the heap and trim it again */
}

/* Random malloc/calloc/realloc/free against a model of what each block
 * must hold. */
static void stress(void)
{
	enum { SLOTS = 256, OPS = 100000 };
	static struct {
		unsigned char *p;
		size_t n;
		unsigned char seed;
	} s[SLOTS];
	int live = 0, bad_data = 0, bad_heap = 0, no_memory = 0;

	for (int op = 1; op <= OPS; op++) {
		int k = (int)(next() % SLOTS);
		size_t n = random_size();
		unsigned char seed = (unsigned char)next();
		if (s[k].p && !holds(s[k].p, s[k].n, s[k].seed))
			bad_data++;
		if (s[k].p && next() % 2) {
			chappe_free(s[k].p);
			s[k].p = 0, live--;
			continue;
		}
		if (s[k].p) {
			unsigned char *q = chappe_realloc(s[k].p, n);
			size_t keep = n < s[k].n ? n : s[k].n;
			if (n && (!q || !holds(q, keep, s[k].seed)))
				bad_data++;
			s[k].p = q, live -= !q;
		} else if (next() % 4 == 0) {
			s[k].p = chappe_calloc(n, 1);
			if (s[k].p && !all_zero(s[k].p, n))
				bad_data++;
			live += !!s[k].p;
		} else {
			s[k].p = chappe_malloc(n);
			live += !!s[k].p;
		}
		no_memory += !s[k].p && n;
		if (s[k].p && (!aligned(s[k].p) || !in_arena(s[k].p, n)))
			bad_data++;
		if (s[k].p)
			fill(s[k].p, n, seed);
		s[k].n = n, s[k].seed = seed;
		if (op % 1000 == 0)
			bad_heap += chappe_heap_check() != live;
	}
	for (int k = 0; k < SLOTS; k++) {
		if (s[k].p && !holds(s[k].p, s[k].n, s[k].seed))
			bad_data++;
		chappe_free(s[k].p);
	}
	CHECK(bad_data == 0);
	CHECK(bad_heap == 0);
	CHECK(no_memory == 0);
	CHECK(heap_size() == 0 && chappe_heap_check() == 0);
}

/* Growing into the free chunk after it, or at the top of the heap, keeps
 * the block where it is; so does shrinking, which frees the tail. */
static void realloc_in_place(void)
{
	unsigned char *a = chappe_malloc(100), *b = chappe_malloc(1000), *c = chappe_malloc(100);

	fill(a, 100, 1);
	chappe_free(b);
	CHECK(chappe_realloc(a, 900) == a && holds(a, 100, 1) && chappe_heap_check() == 2);
	CHECK(chappe_malloc_usable_size(a) >= 900);
	fill(a, 900, 2);
	CHECK(chappe_realloc(a, 50) == a && holds(a, 50, 2) && chappe_heap_check() == 2);
	/* c ends the heap: it grows there, past what one grow step gives. */
	fill(c, 100, 3);
	CHECK(chappe_realloc(c, 300000) == c && holds(c, 100, 3) && chappe_heap_check() == 2);
	CHECK(chappe_malloc_usable_size(c) >= 300000);
	chappe_free(c);
	chappe_free(a);
	CHECK(heap_size() == 0 && chappe_heap_check() == 0);
}

static void aligned_allocation(void)
{
	enum { N = 64 };
	static unsigned char *p[N];
	int ok = 1;
	void *out = (void *)&out;

	for (size_t i = 0; i < N; i++) {
		size_t align = (size_t)16 << (i % 13), n = 1 + i * 37;
		if (i % 3 == 0)
			ok &= chappe_posix_memalign((void **)&p[i], align, n) == 0;
		else
			p[i] =
			    i % 3 == 1 ? chappe_aligned_alloc(align, n) : chappe_memalign(align, n);
		ok &= p[i] && (uintptr_t)p[i] % align == 0 && in_arena(p[i], n);
		ok &= chappe_malloc_usable_size(p[i]) >= n;
		if (p[i])
			fill(p[i], n, (unsigned char)i);
	}
	CHECK(ok);
	CHECK(chappe_heap_check() == N);
	for (size_t i = 0; i < N; i += 2) {
		ok &= holds(p[i], 1 + i * 37, (unsigned char)i);
		chappe_free(p[i]);
	}
	for (size_t i = 1; i < N; i += 2) {
		ok &= holds(p[i], 1 + i * 37, (unsigned char)i);
		chappe_free(p[i]);
	}
	CHECK(ok);
	CHECK(heap_size() == 0 && chappe_heap_check() == 0);
	static const size_t bad[] = {0, 3, 4, 24, 48};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(chappe_posix_memalign(&out, bad[i], 10) == EINVAL && out == (void *)&out);
	errno = 0;
	CHECK(!chappe_aligned_alloc(24, 10) && errno == EINVAL);
	errno = 0;
	CHECK(chappe_posix_memalign(&out, 64, SIZE_MAX - 100) == ENOMEM && errno == 0);
	CHECK(!chappe_aligned_alloc((size_t)1 << 62, 1) && errno == ENOMEM);
	CHECK(heap_size() == 0 && chappe_heap_check() == 0);
}

/* Issue 14's case: 160k blocks, every other one freed. Each free is a few
 * list operations (unlink the neighbours, link the merged chunk), never a
 * walk of the free chunks; the old address-ordered list took 539 s here. */
static void every_other_of_160k(void)
{
	enum { N = 160000 };
	static void *p[N];
	struct timespec t0, t1;

	for (size_t i = 0; i < N; i++)
		p[i] = chappe_malloc(16 + (i * 7919) % 112);
	CHECK(chappe_heap_check() == N);
	unsigned long before = chappe_malloc_steps();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t i = 0; i < N; i += 2)
		chappe_free(p[i]);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	unsigned long steps = chappe_malloc_steps() - before;
	printf("every other of 160k freed: %lu list steps, %.3f ms\n", steps,
	       (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	CHECK(steps <= 4ul * (N / 2));
	CHECK(chappe_heap_check() == N / 2);
	/* The holes take blocks of the sizes freed without the heap growing. */
	size_t size = heap_size();
	before = chappe_malloc_steps();
	for (size_t i = 0; i < N; i += 2)
		p[i] = chappe_malloc(16 + (i * 7919) % 112);
	CHECK(chappe_malloc_steps() - before <= 4ul * (N / 2));
	CHECK(heap_size() == size && chappe_heap_check() == N);
	for (size_t i = 0; i < N; i++)
		chappe_free(p[i]);
	CHECK(heap_size() == 0 && chappe_heap_check() == 0);
}

/* A deterministic churn over a working set, the heap checked every 50
 * operations; the heap never outgrows the peak of live bytes by more
 * than half again plus the grow and trim slack. */
static void churn(void)
{
	enum { SLOTS = 512, OPS = 200000 };
	static struct {
		unsigned char *p;
		size_t n;
	} s[SLOTS];
	size_t live = 0, peak_live = 0;
	int bad = 0, nlive = 0;

	high_water = brk_off;
	for (int op = 1; op <= OPS; op++) {
		int k = (int)(next() % SLOTS);
		size_t n = random_size();
		if (s[k].p) {
			bad += !holds(s[k].p, s[k].n, (unsigned char)k);
			live -= s[k].n;
		}
		if (s[k].p && next() % 3 == 0) {
			chappe_free(s[k].p);
			s[k].p = 0, s[k].n = 0, nlive--;
		} else if (s[k].p) {
			s[k].p = chappe_realloc(s[k].p, n + 1);
			bad += !s[k].p ||
			       !holds(s[k].p, s[k].n < n + 1 ? s[k].n : n + 1, (unsigned char)k);
		} else if (next() % 8 == 0) {
			s[k].p = chappe_aligned_alloc((size_t)64 << (next() % 6), n + 1), nlive++;
		} else {
			s[k].p = chappe_malloc(n + 1), nlive++;
		}
		if (s[k].p) {
			s[k].n = n + 1;
			fill(s[k].p, s[k].n, (unsigned char)k);
			live += s[k].n;
		}
		peak_live = live > peak_live ? live : peak_live;
		if (op % 50 == 0)
			bad += chappe_heap_check() != nlive;
	}
	printf("churn: peak live %zu bytes, peak heap %zu bytes\n", peak_live, high_water);
	CHECK(bad == 0);
	CHECK(high_water <= peak_live + peak_live * 3 / 4 + (512u << 10));
	for (int k = 0; k < SLOTS; k++)
		chappe_free(s[k].p);
	CHECK(heap_size() == 0 && chappe_heap_check() == 0);
}

int main(void)
{
	memset(arena, JUNK, sizeof arena);
	first_and_last();
	alignment();
	coalescing();
	trimming();
	reallocation();
	zeroing();
	out_of_memory();
	stress();
	realloc_in_place();
	aligned_allocation();
	every_other_of_160k();
	churn();
	expect_junk(brk_off, high_water + PAGE);
	CHECK(written_above_break == 0);
	CHECK(shrunk_below_start == 0);
	return check_summary("test_libc_malloc");
}
