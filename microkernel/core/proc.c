/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/proc.h>

#include <abi/errno.h>
#include <abi/wait.h>
#include <abi/signal.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/fpu.h>
#include <arch/x86_64/gdt.h>
#include <arch/x86_64/ioport.h>
#include <arch/x86_64/percpu.h>
#include <bc/bc.h>
#include <bc/irq.h>
#include <core/console.h>
#include <core/rlimit.h>
#include <core/kconfig.h>
#include <core/boot_programs.h>
#include <core/sched.h>
#include <dev/dev.h>
#include <string/string.h>
#include <elf/elf_load.h>
#include <mm/commit.h>
#include <mm/devmem.h>
#include <mm/kvm.h>
#include <mm/vm_region.h>

#define USER_RFLAGS 0x202 /* IF set, reserved bit 1 */
#define AT_NULL 0

void trap_return(void); /* entry.S */

/* The table; others reach it only through proc_by_pid and proc_slot. */
struct proc proc_table[PROC_MAX];
#define procs proc_table
static int last_pid;
static int test_pid;
static int init_pid;
static unsigned limit = PROC_MAX;
/* Killed processes not yet ended: lets the way back to ring 3 skip the
 * check with one load (proc_end_if_killed). Changed only here. */
unsigned proc_kills_pending;

void proc_set_limit(unsigned n)
{
	limit = n < 1 ? 1 : n > PROC_MAX ? PROC_MAX : n;
}

unsigned proc_limit(void)
{
	return limit;
}

int proc_is_init(const struct proc *p)
{
	return p->pid == init_pid;
}

void proc_set_init(int pid)
{
	init_pid = pid;
}

unsigned proc_zombies(void)
{
	unsigned n = 0;

	for (int i = 0; i < PROC_MAX; i++)
		n += procs[i].state == PROC_STATE_ZOMBIE;
	return n;
}

struct proc *proc_slot(int i)
{
	return &procs[i];
}

/* A pid always lives in slot pid % PROC_MAX, so lookup is one probe. */
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

/* The per-process cap new processes start with: BOOT.CFG proc_mem_limit
 * (MiB), else none but the system's limit. */
static uint64_t default_charge_cap(void)
{
	static uint64_t cap;
	uint64_t mib;

	if (cap)
		return cap;
	mib = kconfig_get_number("proc_mem_limit", 0);
	cap = mib && mib < UINT64_MAX >> 8 ? mib << 8 : UINT64_MAX; /* 256 pages a MiB */
	return cap;
}

/* Charge pages to one of p's accounts: within p's cap, then the system's. */
static int64_t charge_to(struct proc *p, uint64_t *account, uint64_t pages)
{
	if (pages > p->charge_cap || *account > p->charge_cap - pages || commit_take(pages))
		return -ENOMEM;
	*account += pages;
	return 0;
}

static void release_from(uint64_t *account, uint64_t pages)
{
	commit_give(pages);
	*account -= pages;
}

int64_t proc_charge(struct proc *p, uint64_t pages)
{
	return charge_to(p, &p->charge, pages);
}

void proc_uncharge(struct proc *p, uint64_t pages)
{
	release_from(&p->charge, pages);
}

/* A page of p's stack, first touched: charged like any page, so a stack
 * that outgrows the memory there is fails here, not a bystander later. */
static int grow_stack(struct vm_space *s, uint64_t page)
{
	struct proc *p = (struct proc *)((char *)s - offsetof(struct proc, vm));

	if (charge_to(p, &p->charge, 1))
		return -ENOMEM;
	if (vm_alloc(s, page, 4096, VM_READ | VM_WRITE)) {
		release_from(&p->charge, 1);
		return -ENOMEM;
	}
	return 0;
}

void proc_init(void)
{
	vm_set_stack_grower(grow_stack);
}

/* Pids count up; pid p lives in slot p % PROC_MAX, the next free one. */
static struct proc *proc_alloc(void)
{
	if (proc_count() >= limit)
		return 0;
	for (int k = 1; k <= PROC_MAX; k++) {
		int pid = last_pid + k;
		struct proc *p = &procs[pid % PROC_MAX];
		if (p->state != PROC_STATE_FREE || bc_exit_owed(pid % PROC_MAX))
			continue;
		memset(p, 0, sizeof *p);
		p->pid = last_pid = pid;
		p->heap_end = p->heap_goal = USER_HEAP_BASE;
		p->charge_cap = default_charge_cap();
		p->state = PROC_STATE_STOPPED; /* not runnable until built */
		return p;
	}
	return 0;
}

static void proc_set_name(struct proc *p, const char *name)
{
	size_t n = strlen(name);

	if (n > PROC_NAME_MAX - 1)
		n = PROC_NAME_MAX - 1;
	memcpy(p->name, name, n);
	p->name[n] = '\0';
}

static unsigned segment_prot(uint32_t pf)
{
	return VM_READ | (pf & PF_W ? VM_WRITE : 0) | (pf & PF_X ? VM_EXEC : 0);
}

/* lib/elf's image builder, on a new process's own address space. */
static long map_pages(void *ctx, uint64_t va, uint64_t len, uint32_t pf_flags)
{
	return vm_alloc(&((struct proc *)ctx)->vm, va, len, segment_prot(pf_flags));
}

static long write_bytes(void *ctx, uint64_t va, const void *src, uint64_t len)
{
	return vm_poke(&((struct proc *)ctx)->vm, va, src, len);
}

#define BOOT_ARGS_MAX 16

/* argv = the name, then the space-separated words of args. */
static unsigned split_args(char *strings, const char *name, const char *args, size_t *used,
			   uint32_t offsets[BOOT_ARGS_MAX])
{
	unsigned argc = 1;
	size_t at = strlen(name) + 1;

	memcpy(strings, name, at);
	offsets[0] = 0;
	for (const char *a = args ? args : ""; *a && argc < BOOT_ARGS_MAX;) {
		while (*a == ' ')
			a++;
		if (!*a)
			break;
		offsets[argc++] = (uint32_t)at;
		while (*a && *a != ' ')
			strings[at++] = *a++;
		strings[at++] = '\0';
	}
	*used = at;
	return argc;
}

/* The image of a program the kernel starts: its segments, then a stack
 * with argv and no environment, as execve would build it (lib/elf). */
static long build_image(struct proc *p, const uint8_t *elf, const struct elf_image *img,
			const char *args, uint64_t *sp_out)
{
	const struct elf_builder b = {p, map_pages, write_bytes};
	char strings[512];
	uint32_t offsets[BOOT_ARGS_MAX];
	uint64_t scratch[ELF_STACK_WORDS(BOOT_ARGS_MAX)];
	struct elf_args a = {strings, 0, offsets, 0, 0};
	long err = elf_load_segments(&b, elf, img);

	if (!err)
		err = vm_alloc(&p->vm, USER_TOP - USER_STACK_PAGES * 4096ULL,
			       USER_STACK_PAGES * 4096ULL, VM_READ | VM_WRITE);
	if (err)
		return err;
	a.argc = split_args(strings, p->name, args, &a.used, offsets);
	return elf_build_stack(&b, USER_TOP, &a, scratch, sp_out);
}

/* A fresh user register image: everything zero but where to start. */
static void reset_frame(struct trap_frame *tf, uint64_t entry, uint64_t sp)
{
	memset(tf, 0, sizeof *tf);
	tf->rip = entry;
	tf->cs = GDT_USER_CODE | 3;
	tf->ss = GDT_USER_DATA | 3;
	tf->rflags = USER_RFLAGS;
	tf->rsp = sp;
}

/* First run: switch_context pops six registers and returns into trap_return,
 * which leaves through the frame at the top of the kernel stack. */
static void build_kernel_stack(struct proc *p)
{
	uint64_t *switch_frame;

	p->tf = (struct trap_frame *)(p->kstack.top - sizeof(struct trap_frame));
	switch_frame = (uint64_t *)p->tf - 7;
	memset(switch_frame, 0, 6 * sizeof(uint64_t));
	switch_frame[6] = (uint64_t)trap_return;
	p->ksp = (uint64_t)switch_frame;
}

static void drop_fpu(struct proc *p)
{
	if (p->fpu)
		fpu_area_free(p->fpu);
	p->fpu = 0;
}

/* A kernel stack and a clean FPU state: what every process runs on. */
static int alloc_kernel_side(struct proc *p)
{
	if (kstack_alloc(&p->kstack))
		return -1;
	p->fpu = fpu_area_new();
	return p->fpu ? 0 : -1;
}

void proc_drop_stage(struct proc *p)
{
	if (p->stage.root)
		vm_space_destroy(&p->stage);
	release_from(&p->stage_charge, p->stage_charge);
}

/* Every answer comes here: the common case (no stage) is one test. */
/* The image and its charge go together. */
static void drop_image(struct proc *p)
{
	if (p->vm.root)
		vm_space_destroy(&p->vm);
	release_from(&p->charge, p->charge);
}

static void proc_release(struct proc *p)
{
	proc_drop_stage(p);
	drop_image(p);
	if (p->kstack.top)
		kstack_free(&p->kstack);
	p->kstack.top = 0;
	drop_fpu(p);
	p->state = PROC_STATE_FREE;
}

static int proc_build(struct proc *p, const void *elf, uint64_t size, const char *args,
		      const char **why)
{
	struct elf_image img;
	uint64_t sp;

	if (elf_check_user(elf, size, &img, why))
		return -ENOEXEC;
	*why = "out of memory";
	if (charge_to(p, &p->charge, elf_image_pages(&img) + USER_STACK_PAGES))
		return -ENOMEM;
	if (alloc_kernel_side(p) || vm_space_init(&p->vm))
		return -ENOMEM;
	if (build_image(p, elf, &img, args, &sp))
		return -ENOMEM;
	build_kernel_stack(p);
	reset_frame(p->tf, img.entry, sp);
	vm_set_stack_limit(&p->vm, p->rlim[RLIMIT_STACK].rlim_cur);
	return 0;
}

struct proc *proc_spawn(const char *name, const void *elf, uint64_t size, unsigned caps,
			const char *args, const char **why)
{
	struct proc *p = proc_alloc();

	if (!p) {
		*why = "process table full";
		return 0;
	}
	proc_set_name(p, name);
	p->caps = caps;
	p->detached = 1; /* started by the kernel: nobody waits for it */
	p->kernel_started = 1;
	p->pgid = p->sid = p->pid; /* each leads a session of its own */
	rlimit_defaults(p->rlim, limit);
	if (proc_build(p, elf, size, args, why)) {
		proc_release(p);
		return 0;
	}
	sched_make_runnable(p);
	return p;
}

void proc_wake_parent(struct proc *child)
{
	struct proc *parent = proc_by_pid(child->ppid);

	if (parent && parent->state == PROC_STATE_SLEEPING && parent->wait == WAIT_CHILD)
		sched_make_runnable(parent);
}

/* Orphans go to init, which reaps them; with no init they reap themselves. */
static void reparent_children(struct proc *p)
{
	struct proc *init = proc_by_pid(init_pid);
	int heir = init && init != p && init->state != PROC_STATE_ZOMBIE ? init_pid : 0;

	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *c = &procs[i];
		if (c->state == PROC_STATE_FREE || c->ppid != p->pid)
			continue;
		c->ppid = heir;
		c->detached = !heir;
		if (c->state != PROC_STATE_ZOMBIE)
			continue;
		if (heir)
			proc_wake_parent(c);
		else if (!c->kstack.top)
			c->state = PROC_STATE_FREE;
	}
}

/* OpenBSD wait status: exit code in bits 8..15, or the signal in bits 0..6. */
static void finish(struct proc *p, int wait_status)
{
	if (p->killed) {
		proc_kills_pending--; /* however it ends, it is not pending now */
		percpu0.exit_work.by.kill = proc_kills_pending != 0;
	}
	irq_proc_exit(p);
	ioport_proc_exit(p);
	devmem_release(p);
	dev_proc_exit(p); /* after its lines, ports, mappings: a claim let it have them */
	bc_proc_exit(p);
	write_cr3(kvm_root()); /* off the tables we are about to free */
	proc_drop_stage(p);
	drop_image(p);
	reparent_children(p);
	signal_proc_exit(p);
	signal_child_exited(p, wait_status);
	p->exit_status = wait_status;
	p->state = PROC_STATE_ZOMBIE;
	if (p->pid == init_pid)
		boot_programs_release(); /* it will never say it is ready */
	if (p->pid == test_pid) {
		kprintf("proc: test program %s (pid %d) ended, wait status 0x%x\n", p->name, p->pid,
			wait_status);
		console_drain_then_exit(wait_status == 0 ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
	}
	proc_wake_parent(p);
	sched_reap_later(p);
	sched_exit_current();
}

/* The scheduler freed p's kernel stack; a detached zombie is gone for good. */
void proc_stack_released(struct proc *p)
{
	p->kstack.top = 0;
	drop_fpu(p);
	if (p->detached)
		p->state = PROC_STATE_FREE;
}

void proc_exit(int status)
{
	finish(current_proc(), (status & 0xff) << 8);
	__builtin_unreachable();
}

void proc_exit_signalled(int sig)
{
	finish(current_proc(), sig & 0x7f);
	__builtin_unreachable();
}

void proc_kill_current(const char *why, int signal)
{
	struct proc *p = current_proc();

	kprintf_color(CONSOLE_RED, "user fault: pid %d (%s) killed: %s\n", p->pid, p->name, why);
	finish(p, signal & 0x7f);
	__builtin_unreachable();
}

struct proc *proc_fork_shell(struct proc *parent, int builder, int64_t *err)
{
	struct proc *c;

	*err = -EAGAIN;
	if (proc_count() >= parent->rlim[RLIMIT_NPROC].rlim_cur)
		return 0;
	c = proc_alloc();
	if (!c)
		return 0;
	*err = -ENOMEM;
	if (alloc_kernel_side(c) || vm_space_init(&c->vm)) {
		proc_release(c);
		return 0;
	}
	fpu_area_copy(c->fpu, parent->fpu); /* saved: the parent is blocked in fork */
	memcpy(c->name, parent->name, sizeof c->name);
	memcpy(c->rlim, parent->rlim, sizeof c->rlim);
	c->ppid = parent->pid;
	c->pgid = parent->pgid;
	c->sid = parent->sid;
	signal_fork(c, parent);
	c->caps = parent->caps & CAP_INHERITED;
	c->builder = builder;
	build_kernel_stack(c);
	*c->tf = *parent->tf;
	c->tf->rax = 0;				       /* the child's fork() returns 0 */
	c->heap_end = c->heap_goal = parent->heap_end; /* the pages come with vm_clone */
	c->charge_cap = parent->charge_cap;
	return c;
}

void proc_start(struct proc *p)
{
	p->builder = 0;
	sched_make_runnable(p);
}

void proc_abort(struct proc *p)
{
	proc_release(p);
}

/* The child pays for every page, and for the page tables of the
 * parent's mmap regions when the parent does (they come with the pages). */
int64_t proc_clone_memory(struct proc *dst, struct proc *src)
{
	uint64_t tables = src->vm.tables_charged ? VM_REGION_TABLES : 0;
	int64_t err = charge_to(dst, &dst->charge, src->vm.user_pages + tables);

	return err ? err : vm_clone_cow(&dst->vm, &src->vm);
}

int64_t proc_stage_begin(struct proc *p, uint64_t pages)
{
	int64_t err;

	proc_drop_stage(p);
	err = charge_to(p, &p->stage_charge, pages);
	if (!err && vm_space_init(&p->stage)) {
		release_from(&p->stage_charge, p->stage_charge);
		err = -ENOMEM;
	}
	return err;
}

int64_t proc_stage_map(struct proc *p, uint64_t va, uint64_t len, unsigned prot)
{
	if (!p->stage.root || len > PROC_MAP_STEP)
		return -EINVAL;
	if (len / 4096 > p->stage_charge - p->stage.user_pages)
		return -ENOMEM; /* more than the image was charged for */
	return vm_alloc(&p->stage, va, len, prot);
}

/* The staged image's charge becomes the process's, trimmed to what it mapped. */
static void adopt_stage_charge(struct proc *p)
{
	release_from(&p->charge, p->charge);
	release_from(&p->stage_charge, p->stage_charge - p->stage.user_pages);
	p->charge = p->stage_charge;
	p->stage_charge = 0;
}

int64_t proc_exec_commit(struct proc *p, uint64_t entry, uint64_t sp, const char *name)
{
	struct vm_space old = p->vm;

	if (!p->stage.root)
		return -EINVAL;
	devmem_release(p); /* its device window and DMA buffers were the old image's */
	adopt_stage_charge(p);
	p->vm = p->stage;
	p->stage = (struct vm_space){0};
	vm_set_stack_limit(&p->vm, p->rlim[RLIMIT_STACK].rlim_cur);
	vm_space_destroy(&old); /* p is blocked: its tables are not live */
	reset_frame(p->tf, entry, sp);
	fpu_area_reset(p->fpu); /* nothing of the old image's registers survives */
	signal_exec(p);
	p->execed = 1;
	proc_set_name(p, name);
	p->heap_end = p->heap_goal = USER_HEAP_BASE;
	/* The caller's answer buffer was in the old image: whatever lies at
	 * that address now is the new program's, so the answer goes nowhere
	 * (as for the execve syscall, whose answer is never copied out). */
	p->msg_user = 0;
	return 0;
}

/* Make the charge cover the heap up to goal (or just what is mapped, when
 * goal is below the break): 0 or -ENOMEM, the charge then unchanged. */
static int64_t heap_promise(struct proc *p, uint64_t goal)
{
	uint64_t want = goal > p->heap_end ? (goal - p->heap_end) / 4096 : 0;
	uint64_t have = (p->heap_goal - p->heap_end) / 4096;

	if (want > have && charge_to(p, &p->charge, want - have))
		return -ENOMEM;
	if (want < have)
		release_from(&p->charge, have - want);
	p->heap_goal = p->heap_end + want * 4096;
	return 0;
}

static void heap_shrink(struct proc *p, uint64_t new_end)
{
	uint64_t pages = (p->heap_end - new_end) / 4096;

	vm_free_range(&p->vm, new_end, p->heap_end - new_end);
	release_from(&p->charge, pages);
	p->heap_end = p->heap_goal = new_end;
}

/* Map the next step of promised heap: 0 when the break reached the goal,
 * 1 when there is more, -ENOMEM (promise withdrawn) when frames ran out. */
static int64_t heap_grow_step(struct proc *p)
{
	uint64_t left = p->heap_goal - p->heap_end;
	uint64_t step = left < PROC_MAP_STEP ? left : PROC_MAP_STEP;
	/* A failed vm_alloc has undone itself: nothing here frees pages
	 * this break did not map. */
	long err = vm_alloc(&p->vm, p->heap_end, step, VM_READ | VM_WRITE);

	if (err) {
		heap_promise(p, p->heap_end);
		return err;
	}
	p->heap_end += step;
	return p->heap_end < p->heap_goal;
}

int64_t proc_set_break(struct proc *p, uint64_t new_end)
{
	if (new_end & 0xfff || new_end < USER_HEAP_BASE || new_end > USER_HEAP_BASE + USER_HEAP_MAX)
		return -EINVAL;
	if (new_end <= p->heap_end) {
		heap_promise(p, p->heap_end);
		heap_shrink(p, new_end);
		return 0;
	}
	return heap_promise(p, new_end) ? -ENOMEM : heap_grow_step(p);
}

int64_t proc_break(struct proc *p, uint64_t addr)
{
	int64_t r;

	if (addr < USER_HEAP_BASE || addr > USER_HEAP_BASE + USER_HEAP_MAX)
		return -ENOMEM;
	r = proc_set_break(p, (addr + 4095) & ~4095ULL);
	return r < 0 ? -ENOMEM : r;
}

/* The children wait4 may take: pid > 0 that child, -1 any, 0 those in the
 * caller's process group, < -1 those in group -pid. */
static int matches(const struct proc *c, const struct proc *parent, int pid)
{
	if (c->state == PROC_STATE_FREE || c->ppid != parent->pid || c->builder)
		return 0;
	if (pid > 0)
		return c->pid == pid;
	return pid == -1 || c->pgid == (pid ? -pid : parent->pgid);
}

/* A zombie's status (its slot freed), or a stop or continue wait4 was
 * asked to report: 1 with *status, else 0. */
static int take_status(struct proc *c, int options, int32_t *status)
{
	if (c->state == PROC_STATE_ZOMBIE) {
		if (c->kstack.top)
			return 0;
		*status = c->exit_status;
		c->state = PROC_STATE_FREE;
		return 1;
	}
	*status = signal_take_report(c, options);
	return *status != 0;
}

static int64_t reap_child(struct proc *me, int pid, uint64_t status_user, int options, int *found)
{
	*found = 0;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *c = &procs[i];
		int32_t st;
		if (!matches(c, me, pid))
			continue;
		*found = 1;
		if (!take_status(c, options, &st))
			continue;
		/* The buffer was checked writable first: this copy cannot fail. */
		if (status_user)
			vm_copy_out(&me->vm, status_user, &st, sizeof st);
		return c->pid;
	}
	return 0;
}

int64_t proc_wait(int pid, uint64_t status_user, int options)
{
	struct proc *me = current_proc();
	int found;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	if (status_user && !vm_range_ok(&me->vm, status_user, sizeof(int32_t), 1))
		return -EFAULT;
	for (;;) {
		sched_reap_now(); /* a zombie's stack must be gone before its slot is */
		int64_t r = reap_child(me, pid, status_user, options, &found);
		if (r || !found)
			return found ? r : -ECHILD;
		if (options & WNOHANG)
			return 0;
		if (me->killed)
			return -EINTR;
		if (signal_deliverable(me))
			return -ERESTART;
		sched_block(WAIT_CHILD);
	}
}

/* Is anc an ancestor of p (its parent, grandparent, ...)? */
static int descends_from(const struct proc *p, const struct proc *anc)
{
	for (int hops = 0; p && p->ppid && hops < PROC_MAX; hops++) {
		if (p->ppid == anc->pid)
			return 1;
		p = proc_by_pid(p->ppid);
	}
	return 0;
}

/* Who may kill whom (there are no users yet): nobody kills init or what the
 * kernel started; a server is killed only by a process that started it,
 * directly or through its children (its supervisor, a shell that ran it
 * with &), unless it is a driver its supervisor will restart (the shell's
 * user may kill a stuck keyboard driver and get a fresh one); any other
 * process by anyone. */
static int restartable_driver(const struct proc *p)
{
	return bc_restartable(p) && dev_owns_any(p);
}

static int may_kill(const struct proc *me, const struct proc *p)
{
	if (p == me)
		return 1;
	if (p->pid == init_pid || p->kernel_started)
		return 0;
	return !bc_serves(p) || restartable_driver(p) || descends_from(p, me);
}

void proc_doom(struct proc *p, int sig)
{
	if (p->state == PROC_STATE_ZOMBIE || p->killed)
		return;
	p->killed = sig;
	proc_kills_pending++;
	percpu0.exit_work.by.kill = 1;
	if (p->state == PROC_STATE_SLEEPING) {
		if (p->wait == WAIT_BC_QUEUED)
			bc_cancel_call(p);
		p->result = -EINTR;
		sched_make_runnable(p);
	}
}

static int64_t kill_one(struct proc *me, struct proc *p, int sig)
{
	struct sig_origin o = {SI_USER, me->pid, 0, 0, 0};

	if (!may_kill(me, p))
		return -EPERM;
	if (sig)
		signal_post(p, sig, &o);
	return 0;
}

/* kill(pid) for pid <= 0: every member of a group (0: the caller's), or
 * (-1) everyone the caller may signal. */
static int64_t kill_group(struct proc *me, int pid, int sig)
{
	int pgid = pid == 0 ? me->pgid : -pid, found = 0, sent = 0;

	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = &procs[i];
		if (p->state == PROC_STATE_FREE || p->builder || (pid != -1 && p->pgid != pgid))
			continue;
		if (pid == -1 && (p == me || p->kernel_started || p->pid == init_pid))
			continue;
		found = 1;
		sent |= kill_one(me, p, sig) == 0;
	}
	return sent ? 0 : found ? -EPERM : -ESRCH;
}

int64_t proc_kill(int pid, int sig)
{
	struct proc *me = current_proc(), *p;

	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	if (pid <= 0)
		return pid == INT32_MIN ? -ESRCH : kill_group(me, pid, sig);
	p = proc_by_pid(pid);
	if (!p || p->builder)
		return -ESRCH;
	return kill_one(me, p, sig);
}

void proc_end_if_killed_slow(void)
{
	struct proc *p = current_proc();

	if (p->killed)
		finish(p, p->killed);
}
