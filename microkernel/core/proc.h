/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Processes: one thread each, a user address space, a kernel stack with a
 * guard page, and the Brain Controller state of a client or a server.
 */
#pragma once

#include <stdint.h>

#include <abi/bc.h>
#include <abi/resource.h>
#include <arch/x86_64/trapframe.h>
#include <core/signal.h>
#include <mm/kstack.h>
#include <mm/vm.h>

struct port_grant;

#define PROC_MAX 64
#define PROC_NAME_MAX 32

enum proc_state {
	PROC_STATE_FREE = 0,
	PROC_STATE_RUNNING,  /* running or ready to run */
	PROC_STATE_SLEEPING, /* blocked; see proc.wait */
	PROC_STATE_ZOMBIE,
	PROC_STATE_STOPPED,
};

enum proc_wait {
	WAIT_NONE = 0,
	WAIT_BC_RECV,	/* server waiting for a message */
	WAIT_BC_QUEUED, /* client in a server's queue */
	WAIT_BC_REPLY,	/* client whose message the server holds */
	WAIT_TIMER,
	WAIT_CHILD,   /* in wait4 */
	WAIT_STOPPED, /* stopped by a signal until SIGCONT (core/signal.c) */
	WAIT_SIGNAL,  /* in sigsuspend or pause */
};

enum proc_cap {
	CAP_SERVER = 1,	      /* may register a SYS_ID and use the privileged calls */
	CAP_DEVICE_GRANT = 2, /* init: may let a child claim a device (dev_allow) */
	CAP_POWER = 4,	      /* init and what it forks: may power off or reset (reboot) */
};
/* What a child of fork keeps of its parent's capabilities. */
#define CAP_INHERITED CAP_POWER

struct proc {
	int pid;
	int ppid;
	enum proc_state state;
	enum proc_wait wait;
	unsigned caps;
	char name[PROC_NAME_MAX];
	struct vm_space vm;
	struct vm_space stage; /* the image execve is building (root 0: none) */
	int builder;	       /* pid of the server building this process, until started */
	int detached;	       /* no parent will wait: free the slot at exit */
	int kernel_started;    /* a boot program: init, a boot server, the test */
	int killed;	       /* the signal that ends it on its way back to ring 3 */
	int pgid, sid;	       /* process group and session (core/session.c) */
	uint8_t execed;	       /* it has called execve since fork (setpgid's EACCES) */
	struct sig_state sig;  /* core/signal.c's */
	struct rlimit rlim[RLIM_NLIMITS]; /* core/rlimit.h */
	uint64_t heap_end;		  /* the break: [USER_HEAP_BASE, heap_end) is mapped */
	/* Commit charge (mm/commit.h), in pages: charge = vm.user_pages plus
	 * the heap pages promised in [heap_end, heap_goal) plus the DMA
	 * buffers held (mm/devmem.c); stage_charge is what the staged image
	 * may map. Neither may pass charge_cap. */
	uint64_t heap_goal;
	uint64_t charge;
	uint64_t stage_charge;
	uint64_t charge_cap;
	struct kstack kstack;
	void *fpu;		  /* FPU/SSE/AVX state while switched out (arch/x86_64/fpu.h) */
	struct port_grant *ports; /* its I/O ports (arch/x86_64/ioport.c), 0: none */
	uint64_t ksp;		  /* saved kernel stack pointer while switched out */
	struct trap_frame *tf;	  /* user registers, at the top of kstack */
	struct proc *run_next;	  /* run queue or a server's caller queue */
	uint64_t wake_tick;
	int exit_status;
	/* Brain Controller */
	uint8_t serves;	   /* SYS_ID this process registered, or SYS_ID_NONE */
	uint8_t calling;   /* SYS_ID this client is blocked on */
	uint64_t msg_user; /* where the answer goes in user memory (0: kernel-built call) */
	int64_t result;	   /* value the blocked syscall returns */
	struct bc_msg msg; /* the message in flight */
	/* The part of this client's memory the server now holding its call may
	 * copy (bc_forward, bc_call_grant): to is that server's SYS_ID
	 * (SYS_ID_NONE: no window; a direct server may copy anywhere); via is
	 * the forwarder of a bc_call_grant, whose call must still be open. */
	struct bc_window {
		uint64_t base, len;
		uint8_t access, to;
		int via;
	} window;
	int granting;	     /* the client whose window this process's open call lends */
	uint8_t answer_regs; /* its call's answer goes to its registers (bc_call(0)) */
};

/* Make a process from an ELF image, argv = name and the words of args (may
 * be NULL); it is queued to run. Returns it or 0 with *why set. */
struct proc *proc_spawn(const char *name, const void *elf, uint64_t size, unsigned caps,
			const char *args, const char **why);

/* fork's kernel half, for the memory server: a stopped child of parent with
 * the parent's registers (RAX = 0) and an empty address space. */
struct proc *proc_fork_shell(struct proc *parent, int builder, int64_t *err);
void proc_start(struct proc *p);
void proc_abort(struct proc *p);
/* execve's last step: the staged image replaces the old one; 0 or -errno. */
int64_t proc_exec_commit(struct proc *p, uint64_t entry, uint64_t sp, const char *name);
/* A call p made was answered: an execve that did not commit leaves
 * nothing behind (exec's staged image and its charge go). */
void proc_drop_stage(struct proc *p);
static inline void proc_call_answered(struct proc *p)
{
	if (p->stage.root) /* an execve that did not commit leaves nothing behind */
		proc_drop_stage(p);
}
/* The most zeroed memory one call maps (break, exec staging): no call runs long. */
#define PROC_MAP_STEP (1ULL << 20)
/* Move the break to new_end (page aligned, in the heap range): 0, -EINVAL or
 * -ENOMEM (nothing charged or mapped). Growth is charged whole at once but
 * mapped at most PROC_MAP_STEP bytes a call: 1 means "call again". */
int64_t proc_set_break(struct proc *p, uint64_t new_end);
/* break(2) for any address: rounded up to a page, -ENOMEM outside the heap
 * range (OpenBSD's answer), else proc_set_break's 0 or 1 (call again), and
 * -ENOMEM for any failure. One step; the memory server and the kernel (for
 * the boot servers) both loop on it. */
int64_t proc_break(struct proc *p, uint64_t addr);
/* fork's memory: dst (being built) is charged for every page of src, then
 * shares them copy-on-write. 0 or -ENOMEM. */
int64_t proc_clone_memory(struct proc *dst, struct proc *src);
/* execve's staging: an empty image that may map up to pages pages (charged
 * now, so a program too big fails before anything is built): 0 or -ENOMEM. */
int64_t proc_stage_begin(struct proc *p, uint64_t pages);
/* Zeroed pages in the staged image, within its charge: 0, -EINVAL, -ENOMEM. */
int64_t proc_stage_map(struct proc *p, uint64_t va, uint64_t len, unsigned prot);
/* Pages charged to p like the rest of its memory (DMA buffers in
 * mm/devmem.c, mmap's regions in syscall/sys_mmap.c): 0 or -ENOMEM; and
 * given back. */
int64_t proc_charge(struct proc *p, uint64_t pages);
void proc_uncharge(struct proc *p, uint64_t pages);
/* wait4 for the current process. */
int64_t proc_wait(int pid, uint64_t status_user, int options);
void proc_set_limit(unsigned limit);
unsigned proc_limit(void);
/* Once at boot, before any process: the stack grows through proc.c. */
void proc_init(void);
void proc_set_init(int pid);
int proc_is_init(const struct proc *p);
/* Called by the scheduler once a dead process's kernel stack is freed. */
void proc_stack_released(struct proc *p);
unsigned proc_zombies(void);
extern struct proc proc_table[PROC_MAX]; /* proc.c's own: for the two below */

/* The process with this pid, or 0. Inline: every answer looks one up. */
static inline struct proc *proc_by_pid(int pid)
{
	struct proc *p = pid > 0 ? &proc_table[pid % PROC_MAX] : 0;

	return p && p->state != PROC_STATE_FREE && p->pid == pid ? p : 0;
}
/* The process with this pid asleep for wait, or 0: proc_by_pid's test
 * with one fewer step (a free slot is never asleep; a sleeper's pid is
 * positive). */
static inline struct proc *proc_asleep_by_pid(int pid, int wait)
{
	struct proc *p = &proc_table[(unsigned)pid % PROC_MAX];

	return p->pid == pid && p->state == PROC_STATE_SLEEPING && p->wait == (enum proc_wait)wait
		   ? p
		   : 0;
}
struct proc *proc_slot(int i); /* 0 <= i < PROC_MAX, any state */
/* End the current process; never returns. */
__attribute__((noreturn)) void proc_exit(int status);
/* The kill report for a user fault, then proc_exit. */
__attribute__((noreturn)) void proc_kill_current(const char *why, int signal);
void proc_set_test(int pid);
/* kill(2) from the current process: 0 or -errno. The target ends with the
 * signal as its wait status when it next heads for ring 3; a sleeping one
 * is woken (-EINTR) to get there. */
int64_t proc_kill(int pid, int signal);
/* p ends with sig as its wait status on its way back to ring 3; asleep, it
 * is woken (-EINTR) to get there (signal.c: a signal that terminates). */
void proc_doom(struct proc *p, int sig);
/* The current process ends by sig (a default action). */
__attribute__((noreturn)) void proc_exit_signalled(int sig);
/* c's state changed: its parent, if it sleeps in wait4, looks again. */
void proc_wake_parent(struct proc *c);
/* On the way back to ring 3, after the scheduler's point: a killed
 * process ends here, on its own stack with nothing held. Inline: every
 * syscall passes here, and almost always nobody is killed. */
extern unsigned proc_kills_pending; /* killed processes not yet ended; proc.c's */
void proc_end_if_killed_slow(void);

static inline void proc_end_if_killed(void)
{
	if (proc_kills_pending)
		proc_end_if_killed_slow();
}
unsigned proc_count(void);
