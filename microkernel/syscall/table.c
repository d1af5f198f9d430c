/* SPDX-License-Identifier: BSD-2-Clause */
#include <syscall/syscall.h>

#include <abi/errno.h>
#include <bc/bc.h>

/* Core calls get their handler; forwarded ones stay NULL here (route.c has them). */
#define HANDLER_CORE(name) ksys_##name
#define HANDLER_IO(name) 0
#define HANDLER_MEMORY(name) 0
#define HANDLER_EXEC(name) 0
#define HANDLER_DAGFS(name) 0

#define POSIX_ENTRY(name, nr, owner, nargs) [nr] = HANDLER_##owner(name),
static const syscall_fn posix_table[SYSCALL_POSIX_LIMIT] = {SYSCALLS_POSIX(POSIX_ENTRY)};
#undef POSIX_ENTRY

#define CHAPPE_ENTRY(name, nr, owner, nargs) [nr - SYSCALL_CHAPPE_BASE] = HANDLER_##owner(name),
static const syscall_fn chappe_table[SYSCALL_CHAPPE_LIMIT - SYSCALL_CHAPPE_BASE] = {
    SYSCALLS_CHAPPE(CHAPPE_ENTRY)};
#undef CHAPPE_ENTRY

void syscall_dispatch(struct trap_frame *tf)
{
	uint64_t nr = tf->rax;
	syscall_fn fn = 0;
	uint8_t route;

	if (nr < SYSCALL_POSIX_LIMIT)
		fn = posix_table[nr];
	else if (nr - SYSCALL_CHAPPE_BASE < SYSCALL_CHAPPE_LIMIT - SYSCALL_CHAPPE_BASE)
		fn = chappe_table[nr - SYSCALL_CHAPPE_BASE];
	if (fn)
		tf->rax = (uint64_t)fn(tf);
	else if ((route = bc_route(nr)) != SYS_ID_NONE)
		tf->rax = (uint64_t)bc_forward(route, tf);
	else
		tf->rax = (uint64_t)-ENOSYS;
}
