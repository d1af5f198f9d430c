/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memory server (SYS_ID_MEMORY) owns address-space policy. fork: the
 * child shares every user page with the parent copy-on-write, after a check
 * that memory could hold a full private copy (no overcommit, so a fork
 * that cannot be honoured fails with ENOMEM instead of a child dying later).
 * The kernel supplies the primitives: proc_fork, vm_clone, proc_start.
 */
#include <abi/errno.h>
#include <abi/kstat.h>
#include <abi/syscalls.h>
#include <chappe/syscall.h>
#include <dagfs/dagfs_client.h>
#include <io/io_client.h>
#include <libserver/server.h>

/* Frames kept back for the kernel and the servers. */
#define MEMORY_RESERVE_FRAMES 256
/* Page tables and kernel stack of a new process, generously. */
#define FORK_OVERHEAD_FRAMES 16

static int64_t fail(long child, int64_t err)
{
	sys_proc_abort(child);
	return err;
}

static int enough_memory(uint32_t parent)
{
	struct chappe_kstat k;
	struct chappe_procinfo info;

	if (sys_kstat((long)&k) || sys_proc_info(parent, (long)&info))
		return 0;
	return k.free_frames >= info.user_pages + FORK_OVERHEAD_FRAMES + MEMORY_RESERVE_FRAMES;
}

static int64_t memory_fork(const struct bc_msg *m)
{
	long child, err;

	if (!enough_memory(m->sender))
		return -ENOMEM;
	child = sys_proc_fork(m->sender);
	if (child < 0)
		return child;
	err = sys_vm_clone(m->sender, child, VM_CLONE_COW);
	if (err)
		return fail(child, err);
	err = io_fork((int)m->sender, (int)child);
	if (err)
		return fail(child, err);
	dagfs_fork(m->sender, (uint32_t)child); /* the working directory; no dagfs, no cwd */
	sys_proc_start(child);
	return child;
}

/* break(new_end): move the heap's end. The kernel maps or unmaps the pages
 * (and fails cleanly when frames run out); the policy here keeps a reserve
 * for the kernel and the servers. */
static int64_t memory_break(const struct bc_msg *m)
{
	uint64_t end = (m->arg[0] + 4095) & ~4095ULL;
	struct chappe_kstat k;

	if (m->arg[0] < CHAPPE_HEAP_BASE || m->arg[0] > CHAPPE_HEAP_BASE + CHAPPE_HEAP_MAX)
		return -ENOMEM; /* OpenBSD answers an impossible break with ENOMEM */
	if (sys_kstat((long)&k) || k.free_frames < MEMORY_RESERVE_FRAMES)
		return -ENOMEM;
	return sys_vm_heap(m->sender, (long)end) ? -ENOMEM : 0;
}

static const server_op memory_ops[SYS_break + 1] = {
    [SYS_fork] = memory_fork,
    [SYS_break] = memory_break,
};

static const struct server memory_server = {"memory", SYS_ID_MEMORY, memory_ops, SYS_break + 1, 0,
					    0};

int main(void)
{
	return server_run(&memory_server);
}
