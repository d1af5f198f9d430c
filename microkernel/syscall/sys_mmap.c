/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mmap's primitives for the memory server (docs/memory.md), which decides
 * where and what and calls these on a client blocked on it. Every page is
 * charged before it is mapped and given back when unmapped; the kernel
 * only checks what keeps the system whole: the range in the mmap area, no
 * page both writable and executable, no region over another.
 */
#include <syscall/syscall.h>

#include <abi/errno.h>
#include <abi/vm.h>
#include <bc/bc.h>
#include <core/proc.h>
#include <arch/x86_64/percpu.h>
#include <mm/vm_region.h>

#define PAGE 4096ULL
#define PROT_BITS (VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXEC)

static struct proc *client(uint64_t pid)
{
	return bc_client_of(current_proc(), (int)pid);
}

/* [va, va + len): whole pages of the mmap area, len > 0. */
static int in_area(uint64_t va, uint64_t len)
{
	return !((va | len) & (PAGE - 1)) && len && va >= CHAPPE_MMAP_BASE &&
	       va < CHAPPE_MMAP_TOP && len <= CHAPPE_MMAP_TOP - va;
}

static int prot_ok(uint64_t prot)
{
	return !(prot & ~(uint64_t)PROT_BITS) &&
	       (prot & (VM_PROT_WRITE | VM_PROT_EXEC)) != (VM_PROT_WRITE | VM_PROT_EXEC);
}

/* The page tables of p's regions: charged with its first one. */
static int64_t tables_charge(struct proc *p)
{
	if (p->vm.tables_charged)
		return 0;
	if (proc_charge(p, VM_REGION_TABLES))
		return -ENOMEM;
	p->vm.tables_charged = 1;
	return 0;
}

/* ... and given back when the last one goes. */
static void tables_release(struct proc *p)
{
	if (!p->vm.tables_charged || p->vm.nregions)
		return;
	proc_uncharge(p, VM_REGION_TABLES);
	p->vm.tables_charged = 0;
}

/* Could p's charge grow by pages (and its tables)? Asked once before a
 * long mmap, so it fails at once instead of after mapping most of it. */
static int64_t charge_check(struct proc *p, uint64_t pages)
{
	if (!p->vm.tables_charged)
		pages += VM_REGION_TABLES;
	if (proc_charge(p, pages))
		return -ENOMEM;
	proc_uncharge(p, pages);
	return 0;
}

/* vm_map(pid, va, len, flags, src, n): fresh pages of a region, the first
 * n bytes from the server's src; at most PROC_MAP_STEP bytes a call. With
 * VM_MAP_CHECK only the charge is asked about, for any len. */
int64_t ksys_vm_map(struct trap_frame *tf)
{
	struct proc *c = client(tf->rdi);
	uint64_t va = tf->rsi, len = tf->rdx, flags = tf->r10, n = tf->r9;
	int64_t err;

	if (!c)
		return -ESRCH;
	if (!in_area(va, len) || !prot_ok(flags & ~(uint64_t)(VM_MAP_SHARED | VM_MAP_CHECK)))
		return -EINVAL;
	if (flags & VM_MAP_CHECK)
		return charge_check(c, len / PAGE);
	if (len > PROC_MAP_STEP || n > len)
		return -EINVAL;
	if (tables_charge(c) || proc_charge(c, len / PAGE)) {
		tables_release(c);
		return -ENOMEM;
	}
	err = vm_region_map(&c->vm, va, len, (unsigned)(flags & PROT_BITS),
			    (flags & VM_MAP_SHARED) != 0, &current_proc()->vm, tf->r8, n);
	if (err) {
		proc_uncharge(c, len / PAGE);
		tables_release(c);
	}
	return err;
}

/* vm_unmap(pid, va, len): the regions' pages there go, and their charge. */
int64_t ksys_vm_unmap(struct trap_frame *tf)
{
	struct proc *c = client(tf->rdi);
	int64_t freed;

	if (!c)
		return -ESRCH;
	if (!in_area(tf->rsi, tf->rdx))
		return -EINVAL;
	freed = vm_region_unmap(&c->vm, tf->rsi, tf->rsi + tf->rdx);
	if (freed < 0)
		return freed;
	proc_uncharge(c, (uint64_t)freed);
	tables_release(c);
	return 0;
}

/* vm_protect(pid, va, len, prot): at once (docs/memory.md, TLB). */
int64_t ksys_vm_protect(struct trap_frame *tf)
{
	struct proc *c = client(tf->rdi);

	if (!c)
		return -ESRCH;
	if (!in_area(tf->rsi, tf->rdx) || !prot_ok(tf->r10))
		return -EINVAL;
	return vm_region_protect(&c->vm, tf->rsi, tf->rsi + tf->rdx, (unsigned)tf->r10);
}

/* vm_regions(pid, buf, max): the client's regions into the server's buf
 * (struct chappe_vm_region each, at most max): how many there are. */
int64_t ksys_vm_regions(struct trap_frame *tf)
{
	struct proc *c = client(tf->rdi);
	struct chappe_vm_region out[VM_REGIONS_MAX];
	uint64_t max = tf->rdx < VM_REGIONS_MAX ? tf->rdx : VM_REGIONS_MAX;
	unsigned n;

	if (!c)
		return -ESRCH;
	n = vm_regions_list(&c->vm, out, (unsigned)max);
	if (vm_copy_out(&current_proc()->vm, tf->rsi, out, (n < max ? n : max) * sizeof out[0]))
		return -EFAULT;
	return n;
}
