/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * argv and envp: read from the caller with the validated copies, then laid
 * out as the System V ABI wants at the top of the new stack:
 *   sp -> argc, argv[0..argc-1], NULL, envp[0..], NULL, AT_NULL, 0, strings
 */
#include "exec.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/server.h>
#include <string.h>

#define PAGE 4096u
#define AT_NULL 0

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

int64_t exec_build_stack(uint32_t pid, const struct exec_args *a, uint64_t *sp_out)
{
	static uint64_t image[(EXEC_ARG_MAX + 64) / 8];
	unsigned n = a->argc + a->envc, words = n + 5;
	uint64_t strings = (CHAPPE_USER_TOP - a->used) & ~15ULL;
	uint64_t sp = (strings - 8 * words) & ~15ULL;
	uint64_t *w = image;

	*w++ = a->argc;
	for (unsigned i = 0; i < n; i++) {
		if (i == a->argc)
			*w++ = 0; /* argv's NULL */
		*w++ = strings + a->offset[i];
	}
	if (a->envc == 0)
		*w++ = 0;
	*w++ = 0;	/* envp's NULL */
	*w++ = AT_NULL; /* auxv */
	*w++ = 0;
	int64_t err =
	    sys_vm_stage_write(pid, (long)sp, (long)image, (long)((char *)w - (char *)image));
	if (!err && a->used)
		err = sys_vm_stage_write(pid, (long)strings, (long)a->buf, (long)a->used);
	*sp_out = sp;
	return err;
}
