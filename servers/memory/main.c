/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memory server (SYS_ID_MEMORY) owns address-space policy. fork: the
 * child shares every user page with the parent copy-on-write; the kernel
 * charges the child for all of them first (no overcommit, so a fork that
 * cannot be honoured fails with ENOMEM instead of a process dying later).
 * The kernel supplies the primitives: proc_fork, vm_clone, proc_start.
 * mmap, munmap and mprotect are mmap.c's.
 */
#include "memory.h"

#include <abi/errno.h>
#include <abi/vm.h>
#include <abi/syscalls.h>
#include <chappe/syscall.h>
#include <io/io_client.h>
#include <libserver/server.h>

static int64_t fail(long child, int64_t err)
{
	sys_proc_abort(child);
	return err;
}

static int64_t memory_fork(const struct bc_msg *m)
{
	long child, err;

	child = sys_proc_fork(m->sender);
	if (child < 0)
		return child;
	err = sys_vm_clone(m->sender, child, VM_CLONE_COW);
	if (err)
		return fail(child, err);
	err = io_fork((int)m->sender, (int)child); /* fds and the working directory */
	if (err)
		return fail(child, err);
	sys_proc_start(child);
	return child;
}

/* break(new_end): move the heap's end. The kernel checks and rounds the
 * address, charges the growth whole (ENOMEM up front when it is not there)
 * and maps it a step a call. */
static int64_t memory_break(const struct bc_msg *m)
{
	int64_t r;

	do
		r = sys_vm_heap(m->sender, (long)m->arg[0]);
	while (r == 1);
	return r ? -ENOMEM : 0;
}

static const server_op memory_ops[SYS_mmap + 1] = {
    [SYS_fork] = memory_fork,	      [SYS_break] = memory_break, [SYS_munmap] = memory_munmap,
    [SYS_mprotect] = memory_mprotect, [SYS_mmap] = memory_mmap,
};

static const struct server memory_server = {"memory", SYS_ID_MEMORY, memory_ops, SYS_mmap + 1, 0,
					    0};

int main(void)
{
	return server_run(&memory_server);
}
