/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/proc.h>

#include <abi/errno.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/gdt.h>
#include <arch/x86_64/percpu.h>
#include <bc/bc.h>
#include <core/console.h>
#include <core/kconfig.h>
#include <core/sched.h>
#include <string/string.h>
#include <elf/elf64.h>
#include <mm/kvm.h>

#define USER_RFLAGS 0x202 /* IF set, reserved bit 1 */
#define AT_NULL 0

void trap_return(void); /* entry.S */

static struct proc procs[PROC_MAX];
static int last_pid;
static int test_pid;

struct proc *proc_slot(int i)
{
	return &procs[i];
}

/* A pid always lives in slot pid % PROC_MAX, so lookup is one probe. */
struct proc *proc_by_pid(int pid)
{
	struct proc *p = pid > 0 ? &procs[pid % PROC_MAX] : 0;

	return p && p->state != PROC_STATE_FREE && p->pid == pid ? p : 0;
}

unsigned proc_count(void)
{
	unsigned n = 0;

	for (int i = 0; i < PROC_MAX; i++)
		n += procs[i].state != PROC_STATE_FREE;
	return n;
}

void proc_set_test(int pid)
{
	test_pid = pid;
}

static struct proc *proc_alloc(void)
{
	for (int i = 0; i < PROC_MAX; i++) {
		if (procs[i].state != PROC_STATE_FREE)
			continue;
		memset(&procs[i], 0, sizeof procs[i]);
		/* The next pid above the last one that maps to slot i. */
		int pid = last_pid + 1;
		pid += ((i - pid % PROC_MAX) + PROC_MAX) % PROC_MAX;
		procs[i].pid = last_pid = pid;
		procs[i].state = PROC_STATE_STOPPED; /* not runnable until built */
		return &procs[i];
	}
	return 0;
}

static unsigned segment_prot(uint32_t pf)
{
	return VM_READ | (pf & PF_W ? VM_WRITE : 0) | (pf & PF_X ? VM_EXEC : 0);
}

static long load_segments(struct proc *p, const uint8_t *elf, const struct elf_image *img)
{
	for (unsigned i = 0; i < img->nsegments; i++) {
		const struct elf_segment *s = &img->segments[i];
		uint64_t start = s->vaddr & ~0xfffULL;
		uint64_t end = (s->vaddr + s->memsz + 0xfff) & ~0xfffULL;
		long err = vm_alloc(&p->vm, start, end - start, segment_prot(s->flags));
		if (!err)
			err = vm_poke(&p->vm, s->vaddr, elf + s->offset, s->filesz);
		if (err)
			return err;
	}
	return 0;
}

/* System V initial stack: argc, argv[], NULL, envp[] (empty), NULL, auxv AT_NULL. */
static long build_stack(struct proc *p, uint64_t *sp_out)
{
	uint64_t top = USER_TOP, name_at, sp;
	size_t len = strlen(p->name) + 1;
	uint64_t words[6];
	long err = vm_alloc(&p->vm, top - USER_STACK_PAGES * 4096ULL, USER_STACK_PAGES * 4096ULL,
			    VM_READ | VM_WRITE);

	if (err)
		return err;
	name_at = (top - len) & ~15ULL;
	sp = name_at - sizeof words;
	words[0] = 1, words[1] = name_at, words[2] = 0; /* argc, argv */
	words[3] = 0;					/* envp */
	words[4] = AT_NULL, words[5] = 0;		/* auxv */
	err = vm_poke(&p->vm, name_at, p->name, len);
	if (!err)
		err = vm_poke(&p->vm, sp, words, sizeof words);
	*sp_out = sp;
	return err;
}

/* First run: switch_context pops six registers and returns into trap_return. */
static void build_kernel_stack(struct proc *p, uint64_t entry, uint64_t sp)
{
	uint64_t *switch_frame;

	p->tf = (struct trap_frame *)(p->kstack.top - sizeof(struct trap_frame));
	memset(p->tf, 0, sizeof *p->tf);
	p->tf->rip = entry;
	p->tf->cs = GDT_USER_CODE | 3;
	p->tf->ss = GDT_USER_DATA | 3;
	p->tf->rflags = USER_RFLAGS;
	p->tf->rsp = sp;
	switch_frame = (uint64_t *)p->tf - 7;
	memset(switch_frame, 0, 6 * sizeof(uint64_t));
	switch_frame[6] = (uint64_t)trap_return;
	p->ksp = (uint64_t)switch_frame;
}

static void proc_release(struct proc *p)
{
	if (p->vm.root)
		vm_space_destroy(&p->vm);
	if (p->kstack.top)
		kstack_free(&p->kstack);
	p->state = PROC_STATE_FREE;
}

static int proc_build(struct proc *p, const void *elf, uint64_t size, const char **why)
{
	struct elf_image img;
	uint64_t sp;

	if (elf_check(elf, size, USER_BASE, USER_TOP - USER_STACK_PAGES * 4096ULL, &img, why))
		return -ENOEXEC;
	*why = "out of memory";
	if (kstack_alloc(&p->kstack) || vm_space_init(&p->vm))
		return -ENOMEM;
	if (load_segments(p, elf, &img) || build_stack(p, &sp))
		return -ENOMEM;
	build_kernel_stack(p, img.entry, sp);
	return 0;
}

struct proc *proc_spawn(const char *name, const void *elf, uint64_t size, unsigned caps,
			const char **why)
{
	struct proc *p = proc_alloc();

	if (!p) {
		*why = "process table full";
		return 0;
	}
	size_t n = strlen(name);
	memcpy(p->name, name, n < PROC_NAME_MAX - 1 ? n : PROC_NAME_MAX - 1);
	p->caps = caps;
	if (proc_build(p, elf, size, why)) {
		proc_release(p);
		return 0;
	}
	sched_make_runnable(p);
	return p;
}

/* OpenBSD wait status: exit code in bits 8..15, or the signal in bits 0..6. */
static void finish(struct proc *p, int wait_status)
{
	bc_proc_exit(p);
	write_cr3(kvm_root()); /* off the tables we are about to free */
	vm_space_destroy(&p->vm);
	p->exit_status = wait_status;
	p->state = PROC_STATE_ZOMBIE;
	if (p->pid == test_pid) {
		kprintf("proc: test program %s (pid %d) ended, wait status 0x%x\n", p->name, p->pid,
			wait_status);
		qemu_exit(wait_status == 0 ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
	}
	sched_reap_later(p);
	sched_exit_current();
}

void proc_exit(int status)
{
	finish(current_proc(), (status & 0xff) << 8);
	__builtin_unreachable();
}

void proc_kill_current(const char *why, int signal)
{
	struct proc *p = current_proc();

	kprintf_color(CONSOLE_RED, "user fault: pid %d (%s) killed: %s\n", p->pid, p->name, why);
	finish(p, signal & 0x7f);
	__builtin_unreachable();
}
