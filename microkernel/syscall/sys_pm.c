/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Process-management primitives for the memory and exec servers. Only the
 * server capability reaches them (SERVER in the syscall list, checked at
 * dispatch); a server may act only on a client blocked on it (bc_client_of)
 * or on a child it is building itself, else -ESRCH.
 */
#include <syscall/syscall.h>

#include <abi/errno.h>
#include <abi/vm.h>
#include <arch/x86_64/percpu.h>
#include <bc/bc.h>
#include <core/bootarc.h>
#include <core/proc.h>
#include <string/string.h>

#define STAGE_COPY_MAX (1u << 20)

/* The client a server named, or 0 (with *err set). */
static struct proc *client(uint64_t pid, int64_t *err)
{
	*err = -ESRCH;
	return bc_client_of(current_proc(), (int)pid);
}

/* A child this server is still building. */
static struct proc *built(uint64_t pid, int64_t *err)
{
	struct proc *me = current_proc(), *c = proc_by_pid((int)pid);

	*err = -ESRCH;
	if (!c || c->builder != me->pid || c->state != PROC_STATE_STOPPED)
		return 0;
	return c;
}

/* proc_fork(parent): a stopped child with the parent's registers. */
int64_t ksys_proc_fork(struct trap_frame *tf)
{
	int64_t err;
	struct proc *parent = client(tf->rdi, &err), *c;

	if (!parent)
		return err;
	c = proc_fork_shell(parent, current_proc()->pid, &err);
	return c ? c->pid : err;
}

/* vm_clone(src, dst, mode): share src's user pages with dst copy-on-write. */
int64_t ksys_vm_clone(struct trap_frame *tf)
{
	int64_t err;
	struct proc *src = client(tf->rdi, &err), *dst;

	if (!src)
		return err;
	dst = built(tf->rsi, &err);
	if (!dst)
		return err;
	if (tf->rdx != VM_CLONE_COW)
		return -EINVAL;
	return proc_clone_memory(dst, src);
}

int64_t ksys_proc_start(struct trap_frame *tf)
{
	int64_t err;
	struct proc *c = built(tf->rdi, &err);

	if (!c)
		return err;
	proc_start(c);
	return 0;
}

int64_t ksys_proc_abort(struct trap_frame *tf)
{
	int64_t err;
	struct proc *c = built(tf->rdi, &err);

	if (!c)
		return err;
	proc_abort(c);
	return 0;
}

/* vm_stage(pid, pages): an empty address space to build the client's next
 * image in, charged for the pages it will map (ENOMEM before any work). */
int64_t ksys_vm_stage(struct trap_frame *tf)
{
	int64_t err;
	struct proc *c = client(tf->rdi, &err);

	return c ? proc_stage_begin(c, tf->rsi) : err;
}

/* vm_stage_map(pid, va, len, prot): zeroed pages in the staged image, at
 * most PROC_MAP_STEP bytes a call so no call runs long. */
int64_t ksys_vm_stage_map(struct trap_frame *tf)
{
	int64_t err;
	struct proc *c = client(tf->rdi, &err);

	if (!c)
		return err;
	if (tf->r10 & ~(uint64_t)(VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXEC))
		return -EINVAL;
	return proc_stage_map(c, tf->rsi, tf->rdx, (unsigned)tf->r10);
}

/* vm_stage_write(pid, va, my_src, len): fill staged pages, read-only ones too. */
int64_t ksys_vm_stage_write(struct trap_frame *tf)
{
	int64_t err;
	struct proc *c = client(tf->rdi, &err);

	if (!c)
		return err;
	if (!c->stage.root || tf->r10 > STAGE_COPY_MAX)
		return -EINVAL;
	return vm_poke_across(&c->stage, tf->rsi, &current_proc()->vm, tf->rdx, tf->r10);
}

/* proc_exec_commit(pid, entry, sp, name): the staged image becomes the process. */
int64_t ksys_proc_exec_commit(struct trap_frame *tf)
{
	int64_t err;
	struct proc *c = client(tf->rdi, &err);
	char name[PROC_NAME_MAX];

	if (!c)
		return err;
	if (vm_copy_string(&current_proc()->vm, name, tf->r10, sizeof name) < 0)
		return -EINVAL;
	if (tf->rsi >= USER_TOP || tf->rdx >= USER_TOP)
		return -EINVAL;
	return proc_exec_commit(c, tf->rsi, tf->rdx, name);
}

static int64_t archive_entry(uint64_t name_user, const void **data, uint64_t *size)
{
	struct proc *me = current_proc();
	char name[48];
	long n;

	n = vm_copy_string(&me->vm, name, name_user, sizeof name);
	if (n < 0)
		return n;
	return bootarc_find(name, data, size) ? -ENOENT : 0;
}

/* bootarc_stat(name): the size of a boot-archive file. */
int64_t ksys_bootarc_stat(struct trap_frame *tf)
{
	const void *data;
	uint64_t size;
	int64_t err = archive_entry(tf->rdi, &data, &size);

	return err ? err : (int64_t)size;
}

/* bootarc_read(name, offset, buf, len): bytes read. */
int64_t ksys_bootarc_read(struct trap_frame *tf)
{
	const void *data;
	uint64_t size, off = tf->rsi, n = tf->r10;
	int64_t err = archive_entry(tf->rdi, &data, &size);

	if (err)
		return err;
	if (off > size)
		return -EINVAL;
	if (n > size - off)
		n = size - off;
	if (n > STAGE_COPY_MAX)
		n = STAGE_COPY_MAX;
	err = vm_copy_out(&current_proc()->vm, tf->rdx, (const char *)data + off, n);
	return err ? err : (int64_t)n;
}

/* vm_heap(pid, new_end): move a client's break (the memory server's policy
 * decided it may); 1 while growth is still being mapped: call again. */
int64_t ksys_vm_heap(struct trap_frame *tf)
{
	int64_t err;
	struct proc *c = client(tf->rdi, &err);

	return c ? proc_break(c, tf->rsi) : err;
}

/* break(new_end) is the memory server's, except for the servers the kernel
 * started: their heaps must not wait on another server, or a cycle forms
 * (memory asks io to copy fds for a fork, io asks dagfs to open a file,
 * dagfs asks memory for heap). Theirs moves here, with the same charge and
 * the same answers as the memory server gives. */
int64_t ksys_break(struct trap_frame *tf)
{
	struct proc *p = current_proc();
	int64_t r;

	if (!(p->caps & CAP_SERVER))
		return bc_pass_syscall(SYS_ID_MEMORY, tf);
	do
		r = proc_break(p, tf->rdi);
	while (r == 1);
	return r;
}
