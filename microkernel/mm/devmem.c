/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A process's mappings are a table of slots, one per mapping, kept per
 * process slot like the device table's allowances. Device memory is mapped
 * PTE_IOMEM (the kernel never copies through it) and uncached or
 * write-combining; a DMA buffer is ordinary write-back RAM (x86 DMA is
 * cache-coherent), charged to the process like any page it holds.
 */
#include <mm/devmem.h>

#include <abi/device.h>
#include <abi/errno.h>
#include <abi/layout.h>
#include <core/proc.h>
#include <dev/dev.h>
#include <mm/frame.h>
#include <mm/kvm.h>
#include <string/string.h>

#define PAGE 4096ULL

_Static_assert(CHAPPE_DEVICE_TOP <= USER_TOP - USER_STACK_MAX, "device window below the stack");
_Static_assert(DEV_MAP_MAX < CHAPPE_DEVICE_SLOT && DMA_ALLOC_MAX < CHAPPE_DEVICE_SLOT,
	       "a guard gap after every mapping");

enum map_kind {
	MAP_NONE = 0,
	MAP_MMIO,
	MAP_DMA,
};

struct devmem_map {
	uint64_t phys;
	uint32_t pages;
	uint32_t kind; /* enum map_kind */
};

struct devmem_space {
	int pid; /* 0: unused */
	uint64_t dma_pages;
	struct devmem_map map[CHAPPE_DEVICE_SLOTS];
};

static struct devmem_space spaces[PROC_MAX];

static uint64_t slot_va(unsigned i)
{
	return CHAPPE_DEVICE_BASE + i * CHAPPE_DEVICE_SLOT;
}

static struct devmem_space *space_of(const struct proc *p)
{
	struct devmem_space *s = &spaces[p->pid % PROC_MAX];

	return s->pid && s->pid == p->pid ? s : 0;
}

/* p's table, made on its first mapping (a dead process's was cleared). */
static struct devmem_space *space_for(const struct proc *p)
{
	struct devmem_space *s = space_of(p);

	if (!s) {
		s = &spaces[p->pid % PROC_MAX];
		memset(s, 0, sizeof *s);
		s->pid = p->pid;
	}
	return s;
}

static int free_slot(const struct devmem_space *s)
{
	for (int i = 0; i < CHAPPE_DEVICE_SLOTS; i++)
		if (s->map[i].kind == MAP_NONE)
			return i;
	return -1;
}

/* Map pages frames at phys into a free slot: the user address or -ENOMEM. */
static int64_t place(struct proc *p, enum map_kind kind, uint64_t phys, uint64_t pages,
		     uint64_t flags)
{
	struct devmem_space *s = space_for(p);
	int i = free_slot(s);

	if (i < 0 || vm_map_pinned(&p->vm, slot_va((unsigned)i), phys, pages * PAGE, flags))
		return -ENOMEM;
	s->map[i] = (struct devmem_map){phys, (uint32_t)pages, kind};
	return (int64_t)slot_va((unsigned)i);
}

static void free_frames(uint64_t phys, uint64_t pages)
{
	for (uint64_t k = 0; k < pages; k++)
		frame_free(phys + k * PAGE);
}

static void unplace(struct proc *p, struct devmem_space *s, unsigned i)
{
	struct devmem_map *m = &s->map[i];

	vm_unmap_pinned(&p->vm, slot_va(i), m->pages * PAGE);
	if (m->kind == MAP_DMA) {
		free_frames(m->phys, m->pages);
		proc_uncharge(p, m->pages);
		s->dma_pages -= m->pages;
	}
	m->kind = MAP_NONE;
}

static uint64_t cache_bits(uint64_t flags)
{
	return flags & DEV_MAP_WRITE_COMBINING ? PTE_CACHE_WC : PTE_CACHE_UC;
}

int64_t devmem_mmio_map(struct proc *p, uint64_t phys, uint64_t len, uint64_t flags)
{
	struct dev_region r;

	if ((phys | len) & (PAGE - 1) || len == 0 || len > DEV_MAP_MAX ||
	    flags & ~(uint64_t)DEV_MAP_WRITE_COMBINING)
		return -EINVAL;
	if (dev_owned_region(p, DEV_REGION_MEM, phys, len, &r))
		return -EPERM; /* RAM, the kernel, nobody's or another's device */
	if ((flags & DEV_MAP_WRITE_COMBINING) && !(r.flags & DEV_REGION_PREFETCH))
		return -EINVAL; /* registers must not be combined or reordered */
	return place(p, MAP_MMIO, phys, len / PAGE, PTE_W | PTE_IOMEM | cache_bits(flags));
}

/* Zeroed contiguous frames, charged to p: their address, or 0. */
static uint64_t dma_frames(struct proc *p, uint64_t pages)
{
	uint64_t pa;

	if (proc_charge(p, pages))
		return 0;
	pa = frame_alloc_run(pages);
	if (!pa) {
		proc_uncharge(p, pages);
		return 0;
	}
	memset(phys_to_virt(pa), 0, pages * PAGE);
	return pa;
}

static int64_t dma_check(const struct proc *p, uint64_t len, uint64_t phys_out, uint64_t *pages)
{
	const struct devmem_space *s = space_of(p);
	uint64_t held = s ? s->dma_pages : 0;

	if (!dev_owns_any(p))
		return -EPERM;
	if (len == 0 || len > DMA_ALLOC_MAX)
		return -EINVAL;
	if (!vm_range_ok(&p->vm, phys_out, sizeof(uint64_t), 1))
		return -EFAULT;
	*pages = (len + PAGE - 1) / PAGE;
	return (held + *pages) * PAGE > DMA_HELD_MAX ? -ENOMEM : 0;
}

int64_t devmem_dma_alloc(struct proc *p, uint64_t len, uint64_t phys_out)
{
	uint64_t pages, pa;
	int64_t va = dma_check(p, len, phys_out, &pages);

	if (va)
		return va;
	pa = dma_frames(p, pages);
	if (!pa)
		return -ENOMEM;
	va = place(p, MAP_DMA, pa, pages, PTE_W);
	if (va < 0) {
		free_frames(pa, pages);
		proc_uncharge(p, pages);
		return va;
	}
	space_of(p)->dma_pages += pages;
	if (vm_copy_out(&p->vm, phys_out, &pa, sizeof pa)) {
		devmem_dma_free(p, (uint64_t)va);
		return -EFAULT;
	}
	return va;
}

int64_t devmem_dma_free(struct proc *p, uint64_t addr)
{
	struct devmem_space *s = space_of(p);
	uint64_t i = (addr - CHAPPE_DEVICE_BASE) / CHAPPE_DEVICE_SLOT;

	if (!s || addr < CHAPPE_DEVICE_BASE || i >= CHAPPE_DEVICE_SLOTS || addr != slot_va(i) ||
	    s->map[i].kind != MAP_DMA)
		return -EINVAL;
	unplace(p, s, (unsigned)i);
	return 0;
}

void devmem_release(struct proc *p)
{
	struct devmem_space *s = space_of(p);

	if (!s)
		return;
	for (unsigned i = 0; i < CHAPPE_DEVICE_SLOTS; i++)
		if (s->map[i].kind != MAP_NONE)
			unplace(p, s, i);
	s->pid = 0;
}
