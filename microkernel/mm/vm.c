/* SPDX-License-Identifier: BSD-2-Clause */
#include <mm/vm.h>

#include <abi/errno.h>
#include <arch/x86_64/cpu.h>
#include <core/panic.h>
#include <string/string.h>
#include <mm/frame.h>
#include <mm/kvm.h>
#include <mm/layout.h>
#include <mm/vm_region.h>

#define PAGE 4096ULL

int vm_space_init(struct vm_space *s)
{
	uint64_t *kernel = kvm_pt_ops.table(0, kvm_root()), *mine;

	*s = (struct vm_space){.root = frame_alloc()};
	if (!s->root)
		return -ENOMEM;
	/* The kernel half is shared as is: the boot guard rails proved no
	 * entry there carries USER, and kernel entries never change later. */
	mine = kvm_pt_ops.table(0, s->root);
	memset(mine, 0, PML4_KERNEL_FIRST * sizeof *mine);
	memcpy(mine + PML4_KERNEL_FIRST, kernel + PML4_KERNEL_FIRST,
	       (PT_ENTRIES - PML4_KERNEL_FIRST) * sizeof *mine);
	return 0;
}

static int (*stack_grower)(struct vm_space *s, uint64_t page);

void vm_set_stack_grower(int (*grow)(struct vm_space *s, uint64_t page))
{
	stack_grower = grow;
}

void vm_set_stack_limit(struct vm_space *s, uint64_t bytes)
{
	if (bytes > USER_STACK_MAX)
		bytes = USER_STACK_MAX;
	if (bytes < USER_STACK_PAGES * PAGE)
		bytes = USER_STACK_PAGES * PAGE;
	s->stack_floor = USER_TOP - (bytes & ~(PAGE - 1));
}

int vm_stack_fault(struct vm_space *s, uint64_t va)
{
	if (!s->stack_floor || va < s->stack_floor || va >= USER_TOP || !stack_grower)
		return -EFAULT;
	return stack_grower(s, va & ~(PAGE - 1));
}

/* Index of the first entry at or after i that holds something (PT_ENTRIES
 * if none): present, or a PROT_NONE page's frame. Page tables are mostly
 * empty: test four entries a step. */
#define PTE_HOLDS (PTE_P | PTE_NONE)
static unsigned next_present(const uint64_t *t, unsigned i, unsigned end)
{
	while (i + 4 <= end && !((t[i] | t[i + 1] | t[i + 2] | t[i + 3]) & PTE_HOLDS))
		i += 4;
	while (i < end && !(t[i] & PTE_HOLDS))
		i++;
	return i;
}

static void free_tree(uint64_t table, unsigned level)
{
	uint64_t *t = kvm_pt_ops.table(0, table);

	for (unsigned i = next_present(t, 0, PT_ENTRIES); i < PT_ENTRIES;
	     i = next_present(t, i + 1, PT_ENTRIES)) {
		if (level > 0)
			free_tree(t[i] & PTE_ADDR_MASK, level - 1);
		else if (!(t[i] & PTE_PINNED))
			frame_free(t[i] & PTE_ADDR_MASK);
	}
	frame_free(table);
}

/* The caller must not be running on this space (CR3 elsewhere). */
void vm_space_destroy(struct vm_space *s)
{
	uint64_t *pml4 = kvm_pt_ops.table(0, s->root);

	for (unsigned i = next_present(pml4, 0, PML4_KERNEL_FIRST); i < PML4_KERNEL_FIRST;
	     i = next_present(pml4, i + 1, PML4_KERNEL_FIRST))
		free_tree(pml4[i] & PTE_ADDR_MASK, 2);
	frame_free(s->root);
	s->root = 0;
	s->user_pages = 0;
	vm_space_changed(s);
}

uint64_t vm_prot_flags(unsigned prot)
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
		if (pa &&
		    pt_map(&kvm_pt_ops, s->root, va + off, pa, vm_prot_flags(prot), PT_PAGE_4K)) {
			frame_free(pa); /* no tables, or the page was mapped already */
			pa = 0;
		}
		if (!pa) {
			vm_free_range(s, va, off); /* exactly the pages this call mapped */
			return -ENOMEM;
		}
		s->user_pages++;
	}
	return 0;
}

/* The 4 KiB leaf for va, read straight through the direct map (this is
 * every syscall's hot path: no indirect calls). User memory is never mapped
 * with large pages, so a PS entry on the way means "not user memory". */
uint64_t *vm_leaf_slot(const struct vm_space *s, uint64_t va)
{
	uint64_t e = s->root | PTE_P;

	for (int level = 3; level >= 1; level--) {
		e = *((uint64_t *)phys_to_virt(e & PTE_ADDR_MASK) + pt_index(va, (unsigned)level));
		if (!(e & PTE_P) || (e & PTE_PS))
			return 0;
	}
	return (uint64_t *)phys_to_virt(e & PTE_ADDR_MASK) + pt_index(va, 0);
}

static uint64_t *user_pte(const struct vm_space *s, uint64_t va)
{
	uint64_t *slot = vm_leaf_slot(s, va);

	return slot && (*slot & PTE_P) ? slot : 0;
}

static uint64_t user_leaf(const struct vm_space *s, uint64_t va)
{
	uint64_t *e = user_pte(s, va);

	return e ? *e : 0;
}

static uint64_t cached_leaf(const struct vm_space *s, uint64_t va)
{
	struct vm_space *w = (struct vm_space *)s; /* the cache is not the space */
	uint64_t page = va & ~(PAGE - 1), e;

	for (unsigned i = 0; i < 2; i++)
		if (w->last[i].page == page && w->last[i].gen == s->gen)
			return w->last[i].pte;
	e = user_leaf(s, va);
	if (e & PTE_IOMEM)
		return 0; /* not RAM, never cached: no copy goes through it */
	if (e & PTE_U) {
		w->last[w->last_next] = (struct vm_lookup_cache){page, e, s->gen};
		w->last_next ^= 1;
	}
	return e;
}

int vm_cow_break(struct vm_space *s, uint64_t va)
{
	uint64_t *e = user_pte(s, va & ~(PAGE - 1)), old, fresh;

	if (!e || !(*e & PTE_U) || !(*e & PTE_COW))
		return -EFAULT;
	old = *e & PTE_ADDR_MASK;
	if (frame_refs(old) == 1) { /* the other owners are gone: just take it */
		*e = (*e | PTE_W) & ~PTE_COW;
	} else {
		fresh = frame_alloc();
		if (!fresh)
			return -ENOMEM;
		memcpy(phys_to_virt(fresh), phys_to_virt(old), PAGE);
		*e = (*e & ~(PTE_ADDR_MASK | PTE_COW)) | fresh | PTE_W;
		frame_free(old);
	}
	vm_space_changed(s); /* the cached entry is stale either way */
	if ((read_cr3() & PTE_ADDR_MASK) == s->root)
		invlpg(va);
	return 0;
}

/* Page tables left with no entry go back too, at every level up to (not
 * including) the root, so a heap that grew and shrank costs nothing. */
static void release_empty_pt(struct vm_space *s, uint64_t va)
{
	uint64_t e = s->root | PTE_P, *slot[4];

	for (int level = 3; level >= 1; level--) {
		slot[level] =
		    (uint64_t *)phys_to_virt(e & PTE_ADDR_MASK) + pt_index(va, (unsigned)level);
		e = *slot[level];
		if (!(e & PTE_P) || (e & PTE_PS))
			return;
	}
	for (int level = 1; level <= 3; level++) {
		uint64_t table = *slot[level] & PTE_ADDR_MASK;
		if (next_present(phys_to_virt(table), 0, PT_ENTRIES) < PT_ENTRIES)
			return;
		*slot[level] = 0;
		frame_free(table);
	}
}

void vm_release_tables(struct vm_space *s, uint64_t va, uint64_t len)
{
	for (uint64_t t = va & ~((PAGE << 9) - 1); t < va + len; t += PAGE << 9)
		release_empty_pt(s, t);
	vm_space_changed(s);
}

static void clear_leaf(const struct vm_space *s, uint64_t *e, uint64_t va)
{
	*e = 0;
	if ((read_cr3() & PTE_ADDR_MASK) == s->root)
		invlpg(va);
}

void vm_free_range(struct vm_space *s, uint64_t va, uint64_t len)
{
	for (uint64_t p = va; p < va + len; p += PAGE) {
		uint64_t *e = user_pte(s, p);
		if (!e || !(*e & PTE_U) || (*e & PTE_PINNED))
			continue;
		frame_free(*e & PTE_ADDR_MASK);
		clear_leaf(s, e, p);
		s->user_pages--;
	}
	vm_release_tables(s, va, len);
}

long vm_map_pinned(struct vm_space *s, uint64_t va, uint64_t pa, uint64_t len, uint64_t flags)
{
	uint64_t f =
	    PTE_U | PTE_NX | PTE_PINNED | (flags & (PTE_W | PTE_PWT | PTE_PCD | PTE_IOMEM));

	if ((va | pa | len) & (PAGE - 1) || !user_range(va, len))
		return -EINVAL;
	for (uint64_t off = 0; off < len; off += PAGE)
		if (pt_map(&kvm_pt_ops, s->root, va + off, pa + off, f, PT_PAGE_4K)) {
			vm_unmap_pinned(s, va, off);
			return -ENOMEM;
		}
	return 0;
}

void vm_unmap_pinned(struct vm_space *s, uint64_t va, uint64_t len)
{
	for (uint64_t p = va; p < va + len; p += PAGE) {
		uint64_t *e = user_pte(s, p);
		if (e && (*e & PTE_PINNED))
			clear_leaf(s, e, p);
	}
	vm_release_tables(s, va, len);
}

/* Physical address behind user va, or 0 when the page is not accessible.
 * A kernel write into a copy-on-write page takes its private copy first. */
static uint64_t user_phys(const struct vm_space *s, uint64_t va, int write)
{
	uint64_t e = cached_leaf(s, va);

	if (write && (e & PTE_COW) && vm_cow_break((struct vm_space *)s, va) == 0)
		e = cached_leaf(s, va);
	if (!(e & PTE_U) || (write && !(e & PTE_W)))
		return 0;
	return (e & PTE_ADDR_MASK) | (va & (PAGE - 1));
}

/* A buffer on stack not touched yet: mapped now. Only the checked path
 * (every copy falls back to it when its one-page lookup fails) does this,
 * so the message path's lookups stay as short as they were. */
static int grown(const struct vm_space *s, uint64_t va, int write)
{
	return vm_stack_fault((struct vm_space *)s, va) == 0 && user_phys(s, va, write);
}

int vm_range_ok(const struct vm_space *s, uint64_t va, uint64_t len, int write)
{
	if (!user_range(va, len))
		return 0;
	for (uint64_t p = va & ~(PAGE - 1); p < va + len; p += PAGE)
		if (!user_phys(s, p, write) && !grown(s, p, write))
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

long uaccess_read(void *dst, uint64_t user_src, uint64_t len); /* arch/x86_64/uaccess.S */

long vm_read_own(void *dst, uint64_t src, uint64_t len)
{
	return user_range(src, len) ? uaccess_read(dst, src, len) : -EFAULT;
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

long uaccess_write(uint64_t user_dst, const void *src, uint64_t len); /* arch/x86_64/uaccess.S */

enum { DIRECT_NONE, DIRECT_SRC, DIRECT_DST }; /* which side of a copy is the running process's */

/* One chunk that lies in one page of each walked side. The running
 * process's side is reached through its own page tables (no walk): the
 * source when it is the running process's, else the destination when it
 * is and the copy may write only what the process may (a poke walks). */
static long copy_chunk(const struct vm_space *to, uint64_t dst, const struct vm_space *from,
		       uint64_t src, uint64_t n, int need_write, int direct)
{
	uint64_t pa;

	if (direct == DIRECT_SRC) {
		pa = user_phys(to, dst, need_write);
		return pa ? uaccess_read(phys_to_virt(pa), src, n) : -EFAULT;
	}
	if (direct == DIRECT_DST) {
		pa = user_phys(from, src, 0);
		return pa ? uaccess_write(dst, phys_to_virt(pa), n) : -EFAULT;
	}
	uint64_t pd = user_phys(to, dst, need_write), ps = pd ? user_phys(from, src, 0) : 0;
	if (!ps)
		return -EFAULT;
	memmove(phys_to_virt(pd), phys_to_virt(ps), n);
	return 0;
}

/* Both ranges user memory: the copy in chunks each within a page of the
 * sides that are walked. */
static long copy_walking(const struct vm_space *to, uint64_t dst, const struct vm_space *from,
			 uint64_t src, uint64_t len, int need_write)
{
	uint64_t own = read_cr3();
	int direct = from->root == own		     ? DIRECT_SRC
		     : to->root == own && need_write ? DIRECT_DST
						     : DIRECT_NONE;

	for (uint64_t done = 0, n; done < len; done += n) {
		n = len - done;
		if (direct != DIRECT_SRC)
			n = chunk(src + done, n);
		if (direct != DIRECT_DST)
			n = chunk(dst + done, n);
		if (copy_chunk(to, dst + done, from, src + done, n, need_write, direct))
			return -EFAULT;
	}
	return 0;
}

/* At once when every page is there; else (a stack page not grown to yet,
 * a copy-on-write page the direct write met) the checked way, which maps
 * what may be and refuses the rest (the first attempt may have moved part
 * of it: a copy that fails leaves the destination undefined). */
static long copy_across(const struct vm_space *to, uint64_t dst, const struct vm_space *from,
			uint64_t src, uint64_t len, int need_write)
{
	if (!user_range(src, len) || !user_range(dst, len))
		return len ? -EFAULT : 0;
	if (copy_walking(to, dst, from, src, len, need_write) == 0)
		return 0;
	if (!vm_range_ok(from, src, len, 0) || !vm_range_ok(to, dst, len, need_write))
		return -EFAULT;
	return copy_walking(to, dst, from, src, len, need_write);
}

long vm_copy_across(const struct vm_space *to, uint64_t dst, const struct vm_space *from,
		    uint64_t src, uint64_t len)
{
	return copy_across(to, dst, from, src, len, 1);
}

long vm_poke_across(const struct vm_space *to, uint64_t dst, const struct vm_space *from,
		    uint64_t src, uint64_t len)
{
	return copy_across(to, dst, from, src, len, 0);
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

/* Share one user leaf copy-on-write: writable pages lose W in both spaces
 * (a MAP_SHARED page keeps it: both write the one frame). */
static uint64_t share_leaf(uint64_t *src)
{
	if ((*src & (PTE_W | PTE_SHARED)) == PTE_W)
		*src = (*src & ~PTE_W) | PTE_COW;
	frame_ref(*src & PTE_ADDR_MASK);
	return *src;
}

static long clone_level(uint64_t *dst, uint64_t *src, unsigned level, uint64_t *pages)
{
	for (unsigned i = next_present(src, 0, PT_ENTRIES); i < PT_ENTRIES;
	     i = next_present(src, i + 1, PT_ENTRIES)) {
		if (level == 0 && (src[i] & PTE_PINNED))
			continue; /* the child gets no device memory or DMA buffer */
		if (level == 0) {
			dst[i] = share_leaf(&src[i]);
			(*pages)++;
			continue;
		}
		if (!(dst[i] & PTE_P)) {
			uint64_t t = frame_alloc_zeroed();
			if (!t)
				return -ENOMEM;
			dst[i] = t | (src[i] & ~PTE_ADDR_MASK);
		}
		long err = clone_level(phys_to_virt(dst[i] & PTE_ADDR_MASK),
				       phys_to_virt(src[i] & PTE_ADDR_MASK), level - 1, pages);
		if (err)
			return err;
	}
	return 0;
}

long vm_clone_cow(struct vm_space *dst, struct vm_space *src)
{
	uint64_t *d = phys_to_virt(dst->root), *sp = phys_to_virt(src->root);
	uint64_t pages = 0;
	long err = 0;

	for (unsigned i = next_present(sp, 0, PML4_KERNEL_FIRST); i < PML4_KERNEL_FIRST && !err;
	     i = next_present(sp, i + 1, PML4_KERNEL_FIRST)) {
		if (!(d[i] & PTE_P)) {
			uint64_t t = frame_alloc_zeroed();
			if (!t) {
				err = -ENOMEM;
				break;
			}
			d[i] = t | (sp[i] & ~PTE_ADDR_MASK);
		}
		err = clone_level(phys_to_virt(d[i] & PTE_ADDR_MASK),
				  phys_to_virt(sp[i] & PTE_ADDR_MASK), 2, &pages);
	}
	dst->user_pages += pages;
	dst->stack_floor = src->stack_floor;
	vm_regions_clone(dst, src);
	vm_space_changed(src); /* its writable pages just became read-only */
	if ((read_cr3() & PTE_ADDR_MASK) == src->root)
		write_cr3(read_cr3());
	return err;
}
