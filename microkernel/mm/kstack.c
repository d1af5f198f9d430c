/* SPDX-License-Identifier: BSD-2-Clause */
#include <mm/kstack.h>

#include <arch/x86_64/cpu.h>
#include <mm/frame.h>
#include <mm/kvm.h>
#include <mm/layout.h>

static uint64_t slot_used[KERNEL_STACK_SLOTS / 64];

static struct kstack slot_stack(unsigned slot)
{
	uint64_t base = KERNEL_STACK_BASE + slot * KERNEL_STACK_SLOT;

	return (struct kstack){base, base + KERNEL_STACK_SLOT};
}

static int slot_take(void)
{
	for (unsigned w = 0; w < KERNEL_STACK_SLOTS / 64; w++) {
		if (slot_used[w] == ~0ULL)
			continue;
		unsigned b = (unsigned)__builtin_ctzll(~slot_used[w]);
		slot_used[w] |= 1ULL << b;
		return (int)(w * 64 + b);
	}
	return -1;
}

static void unmap_pages(uint64_t from, uint64_t to)
{
	for (uint64_t va = from; va < to; va += 4096) {
		uint64_t pte = pt_unmap(&kvm_pt_ops, kvm_root(), va);
		if (pte & PTE_P) {
			invlpg(va);
			frame_free(pte & PTE_ADDR_MASK);
		}
	}
}

int kstack_alloc(struct kstack *out)
{
	int slot = slot_take();

	if (slot < 0)
		return -1;
	*out = slot_stack((unsigned)slot);
	/* Not zeroed: a kernel stack is never visible to user code, and every
	 * frame built on it is written before it is read. */
	for (uint64_t va = out->guard + 4096; va < out->top; va += 4096) {
		uint64_t pa = frame_alloc();
		if (!pa ||
		    pt_map(&kvm_pt_ops, kvm_root(), va, pa, PTE_W | PTE_NX | PTE_G, PT_PAGE_4K)) {
			if (pa)
				frame_free(pa);
			kstack_free(out);
			return -1;
		}
	}
	return 0;
}

void kstack_free(const struct kstack *ks)
{
	unsigned slot = (unsigned)((ks->guard - KERNEL_STACK_BASE) / KERNEL_STACK_SLOT);

	unmap_pages(ks->guard + 4096, ks->top);
	slot_used[slot / 64] &= ~(1ULL << (slot % 64));
}

void kstack_for_each(void (*fn)(const struct kstack *ks, void *ctx), void *ctx)
{
	for (unsigned slot = 0; slot < KERNEL_STACK_SLOTS; slot++) {
		if (slot_used[slot / 64] & (1ULL << (slot % 64))) {
			struct kstack ks = slot_stack(slot);
			fn(&ks, ctx);
		}
	}
}

int kstack_guard_hit(uint64_t va, struct kstack *out)
{
	if (va < KERNEL_STACK_BASE ||
	    va >= KERNEL_STACK_BASE + KERNEL_STACK_SLOTS * KERNEL_STACK_SLOT)
		return 0;
	unsigned slot = (unsigned)((va - KERNEL_STACK_BASE) / KERNEL_STACK_SLOT);
	*out = slot_stack(slot);
	return va < out->guard + 4096 && (slot_used[slot / 64] >> (slot % 64)) & 1;
}
