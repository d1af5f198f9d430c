/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/guard.h>

#include <core/console.h>
#include <core/panic.h>
#include <mm/kstack.h>
#include <mm/kvm.h>
#include <mm/layout.h>

static void walk(const uint64_t *table, unsigned level, int kernel_half, struct guard_report *r)
{
	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		uint64_t e = table[i];
		if (!(e & PTE_P))
			continue;
		if (kernel_half && (e & PTE_U))
			r->kernel_user_entries++;
		if (level == 0 || (e & PTE_PS)) {
			r->leaves++;
			if ((e & PTE_W) && !(e & PTE_NX))
				r->wx_pages += pt_level_size(level) / 4096;
			continue;
		}
		walk(kvm_pt_ops.table(0, e & PTE_ADDR_MASK), level - 1, kernel_half, r);
	}
}

static void check_stack(const struct kstack *ks, void *ctx)
{
	struct guard_report *r = ctx;
	unsigned level;

	r->stacks++;
	if (pt_lookup(&kvm_pt_ops, kvm_root(), ks->guard, &level))
		r->guards_mapped++;
}

void guard_check(uint64_t root, struct guard_report *r)
{
	const uint64_t *pml4 = kvm_pt_ops.table(0, root);

	*r = (struct guard_report){0};
	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		if (!(pml4[i] & PTE_P))
			continue;
		int kernel_half = i >= PML4_KERNEL_FIRST;
		r->kernel_pml4_entries += kernel_half;
		if (kernel_half && (pml4[i] & PTE_U))
			r->kernel_user_entries++;
		walk(kvm_pt_ops.table(0, pml4[i] & PTE_ADDR_MASK), 2, kernel_half, r);
	}
	kstack_for_each(check_stack, r);
}

int guard_report_clean(const struct guard_report *r)
{
	return r->kernel_user_entries == 0 && r->wx_pages == 0 && r->guards_mapped == 0 &&
	       r->stacks > 0;
}

void guard_enforce(void)
{
	struct guard_report r;

	guard_check(kvm_root(), &r);
	kprintf("guard: %lu kernel PML4 entries, %lu with USER; %lu leaf mappings, %lu W+X pages; "
		"%lu kernel stacks, %lu guard pages mapped\n",
		r.kernel_pml4_entries, r.kernel_user_entries, r.leaves, r.wx_pages, r.stacks,
		r.guards_mapped);
	if (!guard_report_clean(&r))
		panic("guard rails violated");
	kprintf("guard rails: ok\n");
}
