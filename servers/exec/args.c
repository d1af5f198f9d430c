/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * argv and envp: read from the caller with the validated copies; lib/elf
 * (elf_build_stack) lays them out at the top of the new stack.
 */
#include "exec.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/server.h>
#include <string.h>

static int64_t gather_vector(uint32_t pid, uint64_t vec, struct exec_args *a, unsigned *count)
{
	for (uint64_t i = 0; vec; i++) {
		uint64_t ptr;
		if (server_copy_from(pid, &ptr, vec + 8 * i, sizeof ptr))
			return -EFAULT;
		if (!ptr)
			return 0;
		if (a->argc + a->envc >= EXEC_ARGS_MAX)
			return -E2BIG;
		int64_t n = server_copy_string(pid, ptr, a->buf + a->used, sizeof a->buf - a->used);
		if (n < 0)
			return n;
		a->offset[a->argc + a->envc] = (uint32_t)a->used;
		a->used += (size_t)n + 1;
		(*count)++;
	}
	return 0;
}

int64_t exec_gather(uint32_t pid, uint64_t argv, uint64_t envp, struct exec_args *a)
{
	int64_t err;

	a->used = a->argc = a->envc = 0;
	err = gather_vector(pid, argv, a, &a->argc);
	if (!err)
		err = gather_vector(pid, envp, a, &a->envc);
	/* The pointer arrays come out of the same budget as the strings. */
	if (!err && a->used + 8 * (a->argc + a->envc + 5) > EXEC_ARG_MAX)
		err = -E2BIG;
	return err;
}
