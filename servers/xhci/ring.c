/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The driver's DMA memory and its producer rings. Everything the
 * controller reads or writes (contexts, rings, buffers) is a page of one
 * pool, taken once at start and given out page by page, so a device that
 * goes takes its pages back to the pool rather than holding one of the
 * process's 32 device-window slots each. A ring is one page of TRBs whose
 * last is a link back to the first, with the toggle bit: the controller
 * flips its cycle bit there, and so does the producer.
 */
#include "xhci.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <stdlib.h>
#include <string.h>

#define POOL_PAGES 256 /* 1 MiB */

static uint8_t *pool;
static uint64_t pool_phys;
static uint8_t page_used[POOL_PAGES];
static unsigned pages_used, rings_used;

int xhci_pool_init(void)
{
	long a = sys_dma_alloc(POOL_PAGES * PAGE, (long)&pool_phys);

	if (a < 0)
		return (int)a;
	pool = (uint8_t *)a;
	return 0;
}

void *xhci_page_alloc(uint64_t *phys)
{
	for (unsigned i = 0; i < POOL_PAGES; i++)
		if (!page_used[i]) {
			page_used[i] = 1;
			pages_used++;
			memset(pool + i * PAGE, 0, PAGE);
			*phys = pool_phys + i * PAGE;
			return pool + i * PAGE;
		}
	return 0;
}

void xhci_page_free(void *page)
{
	if (!page)
		return;
	uint8_t *used = &page_used[((uint8_t *)page - pool) / PAGE];
	pages_used -= *used;
	*used = 0;
}

unsigned xhci_pages_used(void)
{
	return pages_used;
}

unsigned xhci_rings_used(void)
{
	return rings_used;
}

struct xhci_ring *xhci_ring_new(void)
{
	struct xhci_ring *r = calloc(1, sizeof *r);

	if (!r)
		return 0;
	if (!(r->trb = xhci_page_alloc(&r->phys))) {
		free(r);
		return 0;
	}
	r->cycle = TRB_CYCLE;
	rings_used++;
	r->trb[RING_TRBS - 1] =
	    (struct xhci_trb){.param = r->phys, .control = TRB_TYPE(TRB_LINK) | TRB_TOGGLE};
	return r;
}

void xhci_ring_free(struct xhci_ring *r)
{
	if (!r)
		return;
	xhci_page_free(r->trb);
	free(r);
	rings_used--;
}

/* The link's cycle bit is handed over last, as any TRB's is. */
static void pass_link(struct xhci_ring *r)
{
	struct xhci_trb *link = &r->trb[RING_TRBS - 1];

	link->control = (link->control & ~TRB_CYCLE) | r->cycle;
	r->enq = 0;
	r->cycle ^= TRB_CYCLE;
}

uint64_t xhci_ring_put(struct xhci_ring *r, const struct xhci_trb *t, xhci_callback cb, void *ctx)
{
	unsigned i = r->enq;
	struct xhci_trb *slot = &r->trb[i];

	slot->param = t->param;
	slot->status = t->status;
	r->cb[i] = cb, r->ctx[i] = ctx;
	__sync_synchronize(); /* the TRB whole before its cycle bit says it is ours */
	slot->control = (t->control & ~TRB_CYCLE) | r->cycle;
	if (++r->enq == RING_TRBS - 1) {
		__sync_synchronize();
		pass_link(r);
	}
	return r->phys + i * sizeof(struct xhci_trb);
}

void xhci_ring_complete(struct xhci_ring *r, uint64_t phys, const struct xhci_done *d)
{
	uint64_t off = phys - r->phys;

	/* A pointer the device made up must not pick a callback. */
	if (phys < r->phys || off >= (RING_TRBS - 1) * sizeof(struct xhci_trb) || off % 16)
		return;
	unsigned i = (unsigned)(off / 16);
	xhci_callback cb = r->cb[i];
	void *ctx = r->ctx[i];
	r->cb[i] = 0, r->ctx[i] = 0;
	if (cb)
		cb(ctx, d);
}

void xhci_ring_forget(struct xhci_ring *r, const void *ctx)
{
	for (unsigned i = 0; i < RING_TRBS; i++)
		if (r->ctx[i] == ctx)
			r->cb[i] = 0, r->ctx[i] = 0;
}
