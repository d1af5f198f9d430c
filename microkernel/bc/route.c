/* SPDX-License-Identifier: BSD-2-Clause */
/* The routing table, expanded from the one syscall list in <abi/syscalls.h>. */
#include <bc/bc.h>

#include <abi/syscalls.h>

#define OWNER_CORE SYS_ID_NONE
#define OWNER_IO SYS_ID_IO
#define OWNER_MEMORY SYS_ID_MEMORY
#define OWNER_EXEC SYS_ID_EXEC
#define OWNER_DAGFS SYS_ID_DAGFS

#define ROUTE(name, nr, owner, nargs, priv) [nr] = OWNER_##owner,
static const uint8_t routes[SYSCALL_POSIX_LIMIT] = {SYSCALLS_POSIX(ROUTE)};
#undef ROUTE

uint8_t bc_route(uint64_t nr)
{
	return nr < SYSCALL_POSIX_LIMIT ? routes[nr] : SYS_ID_NONE;
}
