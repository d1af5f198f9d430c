/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * User address spaces. Each has its own PML4: the lower half is the
 * process's, the upper half is a copy of the kernel's entries (never USER).
 * The kernel never dereferences a user pointer: every access walks the
 * tables, checks the USER (and WRITE) bits page by page, and copies through
 * the direct map. A range is validated whole before a byte moves. Device
 * memory mapped into a space (PTE_IOMEM) is not RAM and not in the direct
 * map: copies to or from it fail with -EFAULT.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <abi/errno.h>
#include <abi/layout.h>
#include <abi/vm.h>

/* The kernel's names for the user layout of abi/layout.h. */
#define USER_TOP CHAPPE_USER_TOP
#define USER_BASE CHAPPE_USER_BASE
#define USER_STACK_PAGES CHAPPE_STACK_PAGES
#define USER_STACK_DEFAULT CHAPPE_STACK_DEFAULT
#define USER_STACK_MAX CHAPPE_STACK_MAX
#define USER_HEAP_BASE CHAPPE_HEAP_BASE
#define USER_HEAP_MAX CHAPPE_HEAP_MAX

enum vm_prot {
	VM_READ = 1,
	VM_WRITE = 2,
	VM_EXEC = 4,
};

/*
 * The last user pages the kernel translated (two: a server's receive and
 * answer buffers), so the message path does not walk four levels for a
 * buffer it used a moment ago. Valid only while
 * `gen` matches the space's: anything that removes a mapping or takes
 * away a permission must call vm_space_changed().
 */
struct vm_lookup_cache {
	uint64_t page; /* user virtual page, 0 = empty */
	uint64_t pte;  /* its leaf entry */
	uint64_t gen;
};

/* A mapped region of the mmap area (mm/vm_region.c): every page in it is
 * mapped (PTE_NONE ones too) and none outside it is. */
struct vm_region {
	uint64_t start, end;
	uint32_t prot;	 /* enum vm_prot bits, 0: PROT_NONE */
	uint32_t shared; /* its pages carry PTE_SHARED */
};

struct vm_space {
	uint64_t root;	     /* physical address of the PML4 */
	uint64_t user_pages; /* frames mapped in the lower half */
	uint64_t gen;	     /* bumped on every unmap or permission cut */
	struct vm_lookup_cache last[2];
	unsigned last_next;	 /* which entry the next miss replaces */
	uint64_t stack_floor;	 /* lowest page the stack may grow to; 0: it does not grow */
	unsigned nregions;	 /* regions[0..nregions), sorted, never overlapping */
	unsigned tables_charged; /* VM_REGION_TABLES charged for the regions' page tables */
	struct vm_region regions[VM_REGIONS_MAX];
};

static inline void vm_space_changed(struct vm_space *s)
{
	s->gen++;
}

int vm_space_init(struct vm_space *s);

/* Let s's stack grow down to USER_TOP - bytes (capped at USER_STACK_MAX). */
void vm_set_stack_limit(struct vm_space *s, uint64_t bytes);
/* Who maps a page of stack when it is first touched (core/proc.c, which
 * charges it): 0, or -ENOMEM with nothing mapped. */
void vm_set_stack_grower(int (*grow)(struct vm_space *s, uint64_t page));
/* A not-present page at va: map it if it is stack that may grow. 0 when
 * it is now mapped, -ENOMEM when it may but cannot, -EFAULT otherwise. */
int vm_stack_fault(struct vm_space *s, uint64_t va);
void vm_space_destroy(struct vm_space *s);

/* Map fresh zeroed frames over [va, va + len): 0, -EINVAL, or -ENOMEM (out
 * of frames, or a page there is mapped already) with nothing left mapped. */
long vm_alloc(struct vm_space *s, uint64_t va, uint64_t len, unsigned prot);
/* Unmap [va, va + len) (page aligned), dropping the frames. */
void vm_free_range(struct vm_space *s, uint64_t va, uint64_t len);

/* Map physical [pa, pa + len) at va for a driver (mm/devmem.c): PTE_PINNED,
 * user, never executable, with flags' PTE_W, caching and PTE_IOMEM bits.
 * Not counted in user_pages, never shared by fork, not freed by
 * vm_free_range or vm_space_destroy. 0, -EINVAL, or -ENOMEM with nothing
 * mapped. */
long vm_map_pinned(struct vm_space *s, uint64_t va, uint64_t pa, uint64_t len, uint64_t flags);
/* Unmap the pinned pages in [va, va + len); their frames are the caller's. */
void vm_unmap_pinned(struct vm_space *s, uint64_t va, uint64_t len);

/* 1 when [va, va + len) is user memory with the given access, else 0. */
int vm_range_ok(const struct vm_space *s, uint64_t va, uint64_t len, int write);

/* Copies between kernel memory and a user space: 0 or -EFAULT. */
long vm_copy_in(const struct vm_space *s, void *dst, uint64_t src, uint64_t len);
/* From the running process's own memory, through its page tables (no
 * walk): 0, or -EFAULT also for memory not mapped yet (a stack page not
 * grown to): callers then try vm_copy_in, which maps what may be. */
long vm_read_own(void *dst, uint64_t src, uint64_t len);
/* The 24 bytes at src of the running process's memory, when they lie in
 * one page: 0, else -EFAULT (nothing read). Inline: every small write
 * comes here (bc.c). */
static inline long vm_read_own_words(uint64_t out[3], uint64_t src)
{
	if (src - USER_BASE > USER_TOP - USER_BASE - 24 || (src & 4095) > 4096 - 24)
		return -EFAULT;
	long err;

	/* A call that touches only %rax %rcx %rdx (uaccess.S): the caller
	 * needs to save nothing else around it. */
	__asm__ volatile("call uaccess_read3"
			 : "=a"(err), "+D"(out), "+S"(src)
			 :
			 : "rcx", "rdx", "cc", "memory");
	return err;
}
/* vm_copy_in that also insists the source is writable (it will be answered into). */
long vm_copy_in_checked(const struct vm_space *s, void *dst, uint64_t src, uint64_t len,
			int writable);
long vm_copy_out(const struct vm_space *s, uint64_t dst, const void *src, uint64_t len);

/* Write into mapped user pages whatever their protection (loading a program). */
long vm_poke(const struct vm_space *s, uint64_t dst, const void *src, uint64_t len);

/* Copy between two user spaces (privileged copies): 0 or -EFAULT. */
long vm_copy_across(const struct vm_space *to, uint64_t dst, const struct vm_space *from,
		    uint64_t src, uint64_t len);

/* Share every user page of src with dst (empty) copy-on-write. 0 or -ENOMEM
 * (dst then holds part of the copy; destroying it undoes everything). */
long vm_clone_cow(struct vm_space *dst, struct vm_space *src);

/* Give s its own copy of the copy-on-write page at va: 0, -EFAULT (not a
 * copy-on-write page) or -ENOMEM. */
int vm_cow_break(struct vm_space *s, uint64_t va);

/* vm_copy_across into mapped pages whatever their protection (exec staging). */
long vm_poke_across(const struct vm_space *to, uint64_t dst, const struct vm_space *from,
		    uint64_t src, uint64_t len);

/* Load a NUL-terminated string of at most max bytes: length, -EFAULT or -ENAMETOOLONG. */
long vm_copy_string(const struct vm_space *s, char *dst, uint64_t src, uint64_t max);
