/* SPDX-License-Identifier: BSD-2-Clause */
#include <syscall/syscall.h>

#include <stddef.h>

#include <abi/errno.h>
#include <arch/x86_64/percpu.h>
#include <bc/bc.h>
#include <core/proc.h>
#include <core/sched.h>
#include <core/signal.h>

/* Core calls get their handler; forwarded ones get their server's SYS_ID. */
#define HANDLER_CORE(name) ksys_##name
#define HANDLER_IO(name) 0
#define HANDLER_MEMORY(name) 0
#define HANDLER_EXEC(name) 0
#define HANDLER_DAGFS(name) 0
#define ROUTE_CORE SYS_ID_NONE
#define ROUTE_IO SYS_ID_IO
#define ROUTE_MEMORY SYS_ID_MEMORY
#define ROUTE_EXEC SYS_ID_EXEC
#define ROUTE_DAGFS SYS_ID_DAGFS

/* What a caller must be (the list's priv column); 0 lets anyone in, so
 * the common call pays one test and no lookup of the caller. */
enum syscall_priv {
	PRIV_NONE = 0,
	PRIV_SERVING,
	PRIV_SERVER,
	PRIV_DEVICE_GRANT,
	PRIV_INIT,
	PRIV_POWER,
};

/* A forwarded call's server does its own checks; the column is for the
 * kernel's own calls. */
#define PRIV_ONLY_CORE(name, nr, owner, nargs, priv)                                               \
	_Static_assert(ROUTE_##owner == SYS_ID_NONE || PRIV_##priv == PRIV_NONE,                   \
		       #name ": forwarded calls are NONE");
SYSCALLS(PRIV_ONLY_CORE)
#undef PRIV_ONLY_CORE

/* One entry per number, POSIX and Chapp-E numbers in one table (9 KiB):
 * a call costs one bounds check and one load, whoever serves it. entry.S
 * walks it itself on the SYSCALL path (the offsets below). */
struct syscall_entry {
	syscall_fn fn; /* the kernel's handler, or 0 */
	uint8_t priv;  /* enum syscall_priv */
	uint8_t route; /* the SYS_ID it is forwarded to, or SYS_ID_NONE */
};
_Static_assert(sizeof(struct syscall_entry) == SYSCALL_ENTRY_SIZE, "syscall entry size");
_Static_assert(offsetof(struct syscall_entry, priv) == SYSCALL_ENTRY_PRIV, "entry priv");
_Static_assert(offsetof(struct syscall_entry, route) == SYSCALL_ENTRY_ROUTE, "entry route");

#define ENTRY(name, nr, owner, nargs, priv)                                                        \
	[nr] = {HANDLER_##owner(name), PRIV_##priv, ROUTE_##owner},
const struct syscall_entry syscall_table[SYSCALL_CHAPPE_LIMIT] = {SYSCALLS(ENTRY)};
#undef ENTRY
const uint64_t syscall_table_size = SYSCALL_CHAPPE_LIMIT;

static int permitted(uint8_t priv)
{
	const struct proc *p = current_proc();

	switch (priv) {
	case PRIV_SERVING:
		return p->serves != SYS_ID_NONE;
	case PRIV_SERVER:
		return (p->caps & CAP_SERVER) != 0;
	case PRIV_DEVICE_GRANT:
		return (p->caps & CAP_DEVICE_GRANT) != 0;
	case PRIV_INIT:
		return proc_is_init(p);
	case PRIV_POWER:
		return (p->caps & CAP_POWER) != 0;
	}
	return 1;
}

/* Every call entry.S does not finish itself: out of range, a privilege to
 * check. The answer goes to tf->rax from the caller. */
int64_t syscall_run(struct trap_frame *tf)
{
	uint64_t nr = tf->rax;
	const struct syscall_entry *e = &syscall_table[nr < SYSCALL_CHAPPE_LIMIT ? nr : 0];

	if (e->fn)
		return e->priv == PRIV_NONE || permitted(e->priv) ? e->fn(tf) : -EPERM;
	if (e->route != SYS_ID_NONE)
		return bc_pass_syscall(e->route, tf);
	return -ENOSYS;
}

/* On the way back to ring 3 the scheduler may switch first, a process
 * killed meanwhile ends instead of returning, and signals are taken
 * (entry.S calls this when percpu's exit_work says so, or the answer is
 * -ERESTART; INT 0x80 always). */
int64_t syscall_exit_work(int64_t result)
{
	struct trap_frame *tf = current_proc()->tf;
	int64_t nr = (int64_t)tf->rax; /* the call's number, until now */

	tf->rax = (uint64_t)result;
	sched_preempt_point();
	proc_end_if_killed();
	signal_deliver(tf, nr);
	return (int64_t)tf->rax;
}

/* entry.S's syscall_resume: the last steps of a call that parked its
 * process (sched_park_for), when it runs again. */
int64_t syscall_resumed(void)
{
	sched_reap_now();
	return bc_call_resumed(current_proc());
}

/* INT 0x80 (trap.c) comes here; SYSCALL runs the same steps in entry.S. */
void syscall_trap(struct trap_frame *tf)
{
	syscall_exit_work(syscall_run(tf));
}
