/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-process resource limits. The kernel keeps them (inherited by fork,
 * kept by execve); the kernel enforces RLIMIT_NPROC at fork, io enforces
 * RLIMIT_NOFILE (it asks with proc_rlimit). The others are reported as
 * what is true (no limit, or the fixed stack) and cannot be set.
 */
#pragma once

#include <stdint.h>

#include <abi/resource.h>

struct proc;

/* The limits of a process the kernel starts: NPROC the system's limit. */
void rlimit_defaults(struct rlimit out[RLIM_NLIMITS], unsigned proc_limit);
int64_t rlimit_get(const struct proc *p, uint64_t resource, uint64_t user_out);
int64_t rlimit_set(struct proc *p, uint64_t resource, uint64_t user_in);
/* rlim_cur of p's resource, saturated to INT64_MAX, or -EINVAL. */
int64_t rlimit_cur(const struct proc *p, uint64_t resource);
