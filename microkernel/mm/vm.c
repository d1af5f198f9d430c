/* SPDX-License-Identifier: BSD-2-Clause */
#include <mm/vm.h>

#include <abi/errno.h>
#include <core/panic.h>
#include <string/string.h>
#include <mm/frame.h>
#include <mm/kvm.h>
#include <mm/layout.h>

#define PAGE 4096ULL

int vm_space_init(struct vm_space *s)
{
	uint64_t *kernel = kvm_pt_ops.table(0, kvm_root()), *mine;

	*s = (struct vm_space){.root = frame_alloc_zeroed()};
	if (!s->root)
		return -ENOMEM;
	mine = kvm_pt_ops.table(0, s->root);
	for (unsigned i = PML4_KERNEL_FIRST; i < PT_ENTRIES; i++) {
		if (kernel[i] & PTE_U)
			panic("vm: kernel PML4 entry %u has the USER bit", i);
		mine[i] = kernel[i];
	}
	return 0;
}

static void free_tree(uint64_t table, unsigned level)
{
	uint64_t *t = kvm_pt_ops.table(0, table);

	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		if (!(t[i] & PTE_P))
			continue;
		if (level > 0)
			free_tree(t[i] & PTE_ADDR_MASK, level - 1);
		else
			frame_free(t[i] & PTE_ADDR_MASK);
	}
	frame_free(table);
}

/* The caller must not be running on this space (CR3 elsewhere). */
void vm_space_destroy(struct vm_space *s)
{
	uint64_t *pml4 = kvm_pt_ops.table(0, s->root);

	for (unsigned i = 0; i < PML4_KERNEL_FIRST; i++)
		if (pml4[i] & PTE_P)
			free_tree(pml4[i] & PTE_ADDR_MASK, 2);
	frame_free(s->root);
	s->root = 0;
	s->user_pages = 0;
	vm_space_changed(s);
}

static uint64_t prot_flags(unsigned prot)
{
	uint64_t f = PTE_U;

	if (prot & VM_WRITE)
		f |= PTE_W;
	if (!(prot & VM_EXEC))
		f |= PTE_NX;
	return f;
}

static int user_range(uint64_t va, uint64_t len)
{
	return va >= USER_BASE && va < USER_TOP && len <= USER_TOP - va;
}

long vm_alloc(struct vm_space *s, uint64_t va, uint64_t len, unsigned prot)
{
	if ((va | len) & (PAGE - 1) || !user_range(va, len) || (prot & VM_WRITE && prot & VM_EXEC))
		return -EINVAL;
	for (uint64_t off = 0; off < len; off += PAGE) {
		uint64_t pa = frame_alloc_zeroed();
		if (!pa)
			return -ENOMEM;
		if (pt_map(&kvm_pt_ops, s->root, va + off, pa, prot_flags(prot), PT_PAGE_4K)) {
			frame_free(pa);
			return -ENOMEM;
		}
		s->user_pages++;
	}
	return 0;
}

/* The 4 KiB leaf for va, read straight through the direct map (this is
 * every syscall's hot path: no indirect calls). User memory is never mapped
 * with large pages, so a PS entry on the way means "not user memory". */
static uint64_t user_leaf(const struct vm_space *s, uint64_t va)
{
	uint64_t e = s->root | PTE_P;

	for (int level = 3; level >= 0; level--) {
		e = ((const uint64_t *)phys_to_virt(e &
						    PTE_ADDR_MASK))[pt_index(va, (unsigned)level)];
		if (!(e & PTE_P) || (level > 0 && (e & PTE_PS)))
			return 0;
	}
	return e;
}

static uint64_t cached_leaf(const struct vm_space *s, uint64_t va)
{
	struct vm_lookup_cache *c = (struct vm_lookup_cache *)&s->last;
	uint64_t page = va & ~(PAGE - 1), e;

	if (c->page == page && c->gen == s->gen)
		return c->pte;
	e = user_leaf(s, va);
	if (e & PTE_U)
		*c = (struct vm_lookup_cache){page, e, s->gen};
	return e;
}

/* Physical address behind user va, or 0 when the page is not accessible. */
static uint64_t user_phys(const struct vm_space *s, uint64_t va, int write)
{
	uint64_t e = cached_leaf(s, va);

	if (!(e & PTE_U) || (write && !(e & PTE_W)))
		return 0;
	return (e & PTE_ADDR_MASK) | (va & (PAGE - 1));
}

int vm_range_ok(const struct vm_space *s, uint64_t va, uint64_t len, int write)
{
	if (!user_range(va, len))
		return 0;
	for (uint64_t p = va & ~(PAGE - 1); p < va + len; p += PAGE)
		if (!user_phys(s, p, write))
			return 0;
	return 1;
}

/* Bytes from va to the end of its page, capped at left. */
static uint64_t chunk(uint64_t va, uint64_t left)
{
	uint64_t room = PAGE - (va & (PAGE - 1));

	return room < left ? room : left;
}

/* Within one page (every message, most buffers) one walk both checks and
 * locates; longer ranges are checked whole before anything moves. */
static uint64_t single_page(const struct vm_space *s, uint64_t va, uint64_t len, int write)
{
	if (len == 0 || !user_range(va, len) || chunk(va, len) != len)
		return 0;
	return user_phys(s, va, write);
}

long vm_copy_in(const struct vm_space *s, void *dst, uint64_t src, uint64_t len)
{
	return vm_copy_in_checked(s, dst, src, len, 0);
}

long vm_copy_in_checked(const struct vm_space *s, void *dst, uint64_t src, uint64_t len,
			int writable)
{
	uint64_t pa = single_page(s, src, len, writable);

	if (pa) {
		memcpy(dst, phys_to_virt(pa), len);
		return 0;
	}
	if (!vm_range_ok(s, src, len, writable))
		return -EFAULT;
	for (uint64_t done = 0, n; done < len; done += n) {
		n = chunk(src + done, len - done);
		memcpy((char *)dst + done, phys_to_virt(user_phys(s, src + done, 0)), n);
	}
	return 0;
}

static long copy_out(const struct vm_space *s, uint64_t dst, const void *src, uint64_t len,
		     int need_write)
{
	uint64_t pa = single_page(s, dst, len, need_write);

	if (pa) {
		memcpy(phys_to_virt(pa), src, len);
		return 0;
	}
	if (!vm_range_ok(s, dst, len, need_write))
		return -EFAULT;
	for (uint64_t done = 0, n; done < len; done += n) {
		n = chunk(dst + done, len - done);
		memcpy(phys_to_virt(user_phys(s, dst + done, need_write)), (const char *)src + done,
		       n);
	}
	return 0;
}

long vm_copy_out(const struct vm_space *s, uint64_t dst, const void *src, uint64_t len)
{
	return copy_out(s, dst, src, len, 1);
}

long vm_poke(const struct vm_space *s, uint64_t dst, const void *src, uint64_t len)
{
	return copy_out(s, dst, src, len, 0);
}

long vm_copy_across(const struct vm_space *to, uint64_t dst, const struct vm_space *from,
		    uint64_t src, uint64_t len)
{
	if (!vm_range_ok(from, src, len, 0) || !vm_range_ok(to, dst, len, 1))
		return -EFAULT;
	for (uint64_t done = 0, n; done < len; done += n) {
		n = chunk(src + done, len - done);
		uint64_t m = chunk(dst + done, n);
		n = m < n ? m : n;
		memmove(phys_to_virt(user_phys(to, dst + done, 1)),
			phys_to_virt(user_phys(from, src + done, 0)), n);
	}
	return 0;
}

long vm_copy_string(const struct vm_space *s, char *dst, uint64_t src, uint64_t max)
{
	for (uint64_t i = 0; i < max; i++) {
		uint64_t pa = user_range(src + i, 1) ? user_phys(s, src + i, 0) : 0;
		if (!pa)
			return -EFAULT;
		dst[i] = *(const char *)phys_to_virt(pa);
		if (dst[i] == '\0')
			return (long)i;
	}
	return -ENAMETOOLONG;
}
