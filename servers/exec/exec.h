/* SPDX-License-Identifier: BSD-2-Clause */
/* Inside the exec server. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <abi/layout.h> /* CHAPPE_USER_TOP, CHAPPE_STACK_PAGES */

#define EXEC_PATH_MAX 1024	 /* PATH_MAX, as io's */
#define EXEC_ARG_MAX (32 * 1024) /* argv + envp strings and pointers */
#define EXEC_ARGS_MAX 512	 /* strings in argv + envp */
#define EXEC_FILE_MAX (2u << 20)

/* Strings gathered from the caller, packed back to back. */
struct exec_args {
	char buf[EXEC_ARG_MAX];
	size_t used;
	unsigned argc, envc;
	uint32_t offset[EXEC_ARGS_MAX]; /* argv then envp, into buf */
};

/* argv and envp vectors from the client: 0, -EFAULT or -E2BIG. */
int64_t exec_gather(uint32_t pid, uint64_t argv, uint64_t envp, struct exec_args *a);
