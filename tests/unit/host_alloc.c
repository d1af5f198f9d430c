/* SPDX-License-Identifier: BSD-2-Clause */
/* See host_alloc.h. */
#include "host_alloc.h"

#include <stdlib.h>

long host_alloc_live;

void *chappe_malloc(size_t n);
void chappe_free(void *p);
void *chappe_realloc(void *p, size_t n);
void *chappe_calloc(size_t n, size_t size);

void *chappe_malloc(size_t n)
{
	void *p = malloc(n);

	host_alloc_live += p != 0;
	return p;
}

void chappe_free(void *p)
{
	host_alloc_live -= p != 0;
	free(p);
}

void *chappe_realloc(void *p, size_t n)
{
	void *q = realloc(p, n);

	host_alloc_live += (q != 0) - (p != 0 && q != 0);
	return q;
}

void *chappe_calloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	host_alloc_live += p != 0;
	return p;
}
