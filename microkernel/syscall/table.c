/* SPDX-License-Identifier: BSD-2-Clause */
#include <syscall/syscall.h>

#include <abi/errno.h>
#include <arch/x86_64/percpu.h>
#include <bc/bc.h>
#include <core/proc.h>

/* Core calls get their handler; forwarded ones stay NULL here (route.c has them). */
#define HANDLER_CORE(name) ksys_##name
#define HANDLER_IO(name) 0
#define HANDLER_MEMORY(name) 0
#define HANDLER_EXEC(name) 0
#define HANDLER_DAGFS(name) 0

/* What a caller must be (the list's priv column); 0 lets anyone in, so
 * the common call pays one test and no lookup of the caller. */
enum syscall_priv {
	PRIV_NONE = 0,
	PRIV_SERVER,
	PRIV_DEVICE_GRANT,
	PRIV_INIT,
};

/* A forwarded call's server does its own checks; the column is for the
 * kernel's own calls. */
#define IS_CORE_CORE 1
#define IS_CORE_IO 0
#define IS_CORE_MEMORY 0
#define IS_CORE_EXEC 0
#define IS_CORE_DAGFS 0
#define PRIV_ONLY_CORE(name, nr, owner, nargs, priv)                                               \
	_Static_assert(IS_CORE_##owner || PRIV_##priv == PRIV_NONE,                                \
		       #name ": forwarded calls are NONE");
SYSCALLS(PRIV_ONLY_CORE)
#undef PRIV_ONLY_CORE

struct syscall_entry {
	syscall_fn fn;
	uint8_t priv;
};

#define ENTRY(name, owner, priv)                                                                   \
	{                                                                                          \
		HANDLER_##owner(name), PRIV_##priv                                                 \
	}
#define POSIX_ENTRY(name, nr, owner, nargs, priv) [nr] = ENTRY(name, owner, priv),
static const struct syscall_entry posix_table[SYSCALL_POSIX_LIMIT] = {SYSCALLS_POSIX(POSIX_ENTRY)};
#undef POSIX_ENTRY

#define CHAPPE_ENTRY(name, nr, owner, nargs, priv)                                                 \
	[nr - SYSCALL_CHAPPE_BASE] = ENTRY(name, owner, priv),
static const struct syscall_entry chappe_table[SYSCALL_CHAPPE_LIMIT - SYSCALL_CHAPPE_BASE] = {
    SYSCALLS_CHAPPE(CHAPPE_ENTRY)};
#undef CHAPPE_ENTRY
#undef ENTRY

static const struct syscall_entry *entry_of(uint64_t nr)
{
	if (nr < SYSCALL_POSIX_LIMIT)
		return &posix_table[nr];
	if (nr - SYSCALL_CHAPPE_BASE < SYSCALL_CHAPPE_LIMIT - SYSCALL_CHAPPE_BASE)
		return &chappe_table[nr - SYSCALL_CHAPPE_BASE];
	return 0;
}

static int permitted(uint8_t priv)
{
	const struct proc *p = current_proc();

	switch (priv) {
	case PRIV_SERVER:
		return (p->caps & CAP_SERVER) != 0;
	case PRIV_DEVICE_GRANT:
		return (p->caps & CAP_DEVICE_GRANT) != 0;
	case PRIV_INIT:
		return proc_is_init(p);
	}
	return 1;
}

static int64_t call_core(const struct syscall_entry *e, struct trap_frame *tf)
{
	if (e->priv != PRIV_NONE && !permitted(e->priv))
		return -EPERM;
	return e->fn(tf);
}

void syscall_dispatch(struct trap_frame *tf)
{
	uint64_t nr = tf->rax;
	const struct syscall_entry *e = entry_of(nr);
	uint8_t route;

	if (e && e->fn)
		tf->rax = (uint64_t)call_core(e, tf);
	else if ((route = bc_route(nr)) != SYS_ID_NONE)
		tf->rax = (uint64_t)bc_pass_syscall(route, tf);
	else
		tf->rax = (uint64_t)-ENOSYS;
}
