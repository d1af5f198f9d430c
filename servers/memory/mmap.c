/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mmap, munmap, mprotect (docs/memory.md). The memory server checks the
 * arguments, chooses where a mapping goes and what fills it; the kernel's
 * vm_map, vm_unmap, vm_protect and vm_regions keep the page tables, the
 * region table and the charge. A mapping the server places starts a page
 * past every other one, so an unmapped guard page always follows each.
 * W^X: a mapping both writable and executable is refused with ENOTSUP, as
 * OpenBSD does.
 */
#include "memory.h"

#include <abi/errno.h>
#include <abi/layout.h>
#include <abi/mman.h>
#include <abi/vm.h>
#include <chappe/syscall.h>
#include <io/io_client.h>

#define PAGE 4096ULL
#define AREA (CHAPPE_MMAP_TOP - CHAPPE_MMAP_BASE)
#define ANON_STEP (1ULL << 20)	 /* the most vm_map maps a call */
#define FILE_STEP (64ULL * 1024) /* the most one read of io moves */
#define MAP_KNOWN (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANON)
#define PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)

_Static_assert(PROT_READ == VM_PROT_READ && PROT_WRITE == VM_PROT_WRITE &&
		   PROT_EXEC == VM_PROT_EXEC,
	       "PROT_* are vm_map's protections");

struct mmap_req {
	uint32_t pid;
	int fd;
	unsigned prot, flags;
	uint64_t addr, len, pos;
};

static _Alignas(4096) unsigned char file_bytes[FILE_STEP];

static int in_area(uint64_t va, uint64_t len)
{
	return va >= CHAPPE_MMAP_BASE && va < CHAPPE_MMAP_TOP && len <= CHAPPE_MMAP_TOP - va;
}

/* Protection bits: EINVAL for unknown ones, ENOTSUP for write and exec. */
static int64_t prot_check(uint64_t prot)
{
	if (prot & ~(uint64_t)PROT_ALL)
		return -EINVAL;
	return (prot & (PROT_WRITE | PROT_EXEC)) == (PROT_WRITE | PROT_EXEC) ? -ENOTSUP : 0;
}

/* OpenBSD's answers: EINVAL for a zero length, unknown flags, neither or
 * both of SHARED and PRIVATE, an unaligned MAP_FIXED address or file
 * offset, or an anonymous mapping with an fd; ENODEV for a shared file
 * mapping (files are mapped as private copies only); ENOMEM when the
 * length passes the area. The length is rounded up to whole pages. */
static int64_t check_args(struct mmap_req *r)
{
	int64_t err = prot_check(r->prot);

	if (!r->len || r->flags & ~(unsigned)MAP_KNOWN ||
	    !(r->flags & MAP_SHARED) == !(r->flags & MAP_PRIVATE))
		return -EINVAL;
	if (err)
		return err;
	if ((r->flags & MAP_FIXED) && (r->addr & (PAGE - 1)))
		return -EINVAL;
	if (r->flags & MAP_ANON ? r->fd != -1 : (r->pos & (PAGE - 1)) != 0)
		return -EINVAL;
	if (!(r->flags & MAP_ANON) && (r->flags & MAP_SHARED))
		return -ENODEV;
	if (r->len > AREA)
		return -ENOMEM;
	r->len = (r->len + PAGE - 1) & ~(PAGE - 1);
	return 0;
}

/* The lowest address in the area with len free and a page free on each
 * side of it; 0 when there is none. */
static uint64_t place(uint32_t pid, uint64_t len)
{
	struct chappe_vm_region r[VM_REGIONS_MAX];
	long n = sys_vm_regions(pid, (long)r, VM_REGIONS_MAX);
	uint64_t at = CHAPPE_MMAP_BASE + PAGE;

	for (long i = 0; i < n && i < VM_REGIONS_MAX; i++) {
		if (at + len + PAGE <= r[i].start)
			break;
		if (r[i].end + PAGE > at)
			at = r[i].end + PAGE;
	}
	return in_area(at, len + PAGE) ? at : 0;
}

/* The file's next bytes for one step, or the step's zeroes (n = 0). */
static int64_t step_bytes(const struct mmap_req *r, uint64_t off, uint64_t n)
{
	if (r->flags & MAP_ANON)
		return 0;
	return io_map_read(r->pid, r->fd, file_bytes, n, r->pos + off);
}

/* Map and fill [va, va + len) a step a call; on a failure whatever this
 * mapped goes again. */
static int64_t fill(const struct mmap_req *r, uint64_t va)
{
	long flags = (long)r->prot | (r->flags & MAP_SHARED ? VM_MAP_SHARED : 0);
	uint64_t step = r->flags & MAP_ANON ? ANON_STEP : FILE_STEP;

	for (uint64_t off = 0; off < r->len; off += step) {
		uint64_t n = r->len - off < step ? r->len - off : step;
		int64_t got = step_bytes(r, off, n), err = got;
		if (got >= 0)
			err = sys_vm_map(r->pid, (long)(va + off), (long)n, flags, (long)file_bytes,
					 got);
		if (err < 0) {
			if (off)
				sys_vm_unmap(r->pid, (long)va, (long)off);
			return err;
		}
	}
	return 0;
}

/* Where the mapping goes: MAP_FIXED's address (none outside the mmap
 * area: the image, heap, stack and device window are never replaced), or
 * one the server picks; 0 when there is none. */
static uint64_t where(const struct mmap_req *r)
{
	if (!(r->flags & MAP_FIXED))
		return place(r->pid, r->len);
	return in_area(r->addr, r->len) ? r->addr : 0;
}

/* What can fail is asked first: the charge for all of it and the fd, so a
 * refused MAP_FIXED leaves the old mapping alone. */
static int64_t precheck(const struct mmap_req *r, uint64_t va)
{
	int64_t err = sys_vm_map(r->pid, (long)va, (long)r->len, VM_MAP_CHECK, 0, 0);

	return err ? err : step_bytes(r, 0, 0);
}

/* mmap(addr, len, prot, flags, fd, pos): the address, or -errno. Without
 * MAP_FIXED the address is only a hint, and not followed. */
int64_t memory_mmap(const struct bc_msg *m)
{
	struct mmap_req r = {
	    m->sender, (int)m->arg[4], (unsigned)m->arg[2], (unsigned)m->arg[3], m->arg[0],
	    m->arg[1], m->arg[5]};
	int64_t err = check_args(&r);
	uint64_t va = err ? 0 : where(&r);

	if (err || !va)
		return err ? err : -ENOMEM;
	err = precheck(&r, va);
	if (!err && (r.flags & MAP_FIXED))
		err = sys_vm_unmap(r.pid, (long)va, (long)r.len);
	if (!err)
		err = fill(&r, va);
	return err ? err : (int64_t)va;
}

/* A range of whole pages in the area, len rounded up: 0 or -EINVAL. */
static int64_t page_range(uint64_t addr, uint64_t *len)
{
	if (addr & (PAGE - 1) || *len > AREA)
		return -EINVAL;
	*len = (*len + PAGE - 1) & ~(PAGE - 1);
	return 0;
}

/* munmap(addr, len): EINVAL for an unaligned address, a zero length or a
 * range outside the mmap area; pages there not mapped are no error. */
int64_t memory_munmap(const struct bc_msg *m)
{
	uint64_t addr = m->arg[0], len = m->arg[1];

	if (!len || page_range(addr, &len) || !in_area(addr, len))
		return -EINVAL;
	return sys_vm_unmap(m->sender, (long)addr, (long)len);
}

/* mprotect(addr, len, prot): EINVAL for an unaligned address or unknown
 * bits, ENOTSUP for write and exec, ENOMEM when the range is not all
 * mapped in the mmap area (the image, heap and stack keep theirs). */
int64_t memory_mprotect(const struct bc_msg *m)
{
	uint64_t addr = m->arg[0], len = m->arg[1];
	int64_t err = prot_check(m->arg[2]);

	if (addr & (PAGE - 1))
		return -EINVAL;
	if (err)
		return err;
	if (!len)
		return 0;
	if (page_range(addr, &len) || !in_area(addr, len))
		return -ENOMEM;
	return sys_vm_protect(m->sender, (long)addr, (long)len, (long)m->arg[2]);
}
