/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test=devmem: what no user program can see, the page-table entries
 * mmio_map and dma_alloc make. A stand-in process claims the framebuffer,
 * maps it uncached and write-combining and allocates a DMA buffer; each
 * leaf must carry the right PAT bits, USER, WRITE and NX and the
 * not-the-space's marks; a fork's copy of the space has none of them; and
 * once all is released every frame is back.
 */
#include <mm/devmem.h>

#include <abi/device.h>
#include <core/console.h>
#include <core/proc.h>
#include <dev/dev.h>
#include <mm/frame.h>
#include <mm/kvm.h>

#define PAGE 4096ULL
#define PTE_PAT_4K (1ULL << 7)
#define CACHE_BITS (PTE_PWT | PTE_PCD | PTE_PAT_4K)
#define PHYS_OUT_VA 0x10000ULL

static struct proc probe = {.pid = 1, .caps = CAP_SERVER, .charge_cap = UINT64_MAX};

static uint64_t leaf(const struct vm_space *s, int64_t va)
{
	unsigned level;

	return va > 0 ? pt_lookup(&kvm_pt_ops, s->root, (uint64_t)va, &level) : 0;
}

/* Does the leaf at va hold exactly want among the bits in mask? */
static int expect_bits(const char *what, int64_t va, uint64_t mask, uint64_t want)
{
	uint64_t e = leaf(&probe.vm, va);
	int ok = e && (e & mask) == want;

	kprintf("devmem selftest: %s: %s (entry 0x%lx)\n", what, ok ? "yes" : "NO", e);
	return !ok;
}

static int expect_unshared(int64_t uc, int64_t wc, int64_t dma)
{
	struct vm_space child;
	int shared;

	if (vm_space_init(&child))
		return 1;
	vm_clone_cow(&child, &probe.vm);
	shared =
	    leaf(&child, uc) || leaf(&child, wc) || leaf(&child, dma) || !leaf(&child, PHYS_OUT_VA);
	kprintf("devmem selftest: fork's copy has none of them, the ordinary page: %s\n",
		shared ? "NO" : "yes");
	vm_space_destroy(&child);
	return shared;
}

static int check_mappings(uint64_t fb)
{
	const uint64_t user_rw_nx = PTE_U | PTE_W | PTE_NX, marks = PTE_PINNED | PTE_IOMEM;
	int64_t uc = devmem_mmio_map(&probe, fb, PAGE, DEV_MAP_UNCACHED);
	int64_t wc = devmem_mmio_map(&probe, fb, PAGE, DEV_MAP_WRITE_COMBINING);
	int64_t dma = devmem_dma_alloc(&probe, PAGE, PHYS_OUT_VA);
	int bad = 0;

	bad |= expect_bits("uncached map: PCD|PWT", uc, CACHE_BITS, PTE_CACHE_UC);
	bad |= expect_bits("write-combining map: PWT alone", wc, CACHE_BITS, PTE_CACHE_WC);
	bad |= expect_bits("DMA buffer: write-back", dma, CACHE_BITS, 0);
	bad |= expect_bits("device maps: user, writable, NX", uc, user_rw_nx, user_rw_nx) |
	       expect_bits("device maps: pinned, not RAM", wc, marks, marks);
	bad |= expect_bits("DMA buffer: user, writable, NX, pinned, RAM", dma, user_rw_nx | marks,
			   user_rw_nx | PTE_PINNED);
	return bad | expect_unshared(uc, wc, dma);
}

int devmem_selftest(void)
{
	struct dev_match fb = {.vendor = DEV_ANY_ID, .device = DEV_ANY_ID, .name = "fb"};
	uint64_t before = frame_free_count();
	int64_t index;
	int bad;

	if (vm_space_init(&probe.vm) || vm_alloc(&probe.vm, PHYS_OUT_VA, PAGE, VM_READ | VM_WRITE))
		return 1;
	index = dev_claim(&probe, &fb);
	if (index < 0) {
		kprintf("devmem selftest: no framebuffer to claim (%ld)\n", index);
		return 1;
	}
	bad = check_mappings(dev_get((unsigned)index)->region[0].base);
	devmem_release(&probe);
	dev_proc_exit(&probe);
	vm_space_destroy(&probe.vm);
	kprintf("devmem selftest: free frames before %lu, after %lu\n", before, frame_free_count());
	return bad || frame_free_count() != before;
}
