/* SPDX-License-Identifier: BSD-2-Clause */
/* Resource limits (lib/abi/resource.h): RLIMIT_NOFILE and RLIMIT_NPROC are
 * enforced and settable; the others report what is true. */
#pragma once

#include <abi/resource.h>

typedef uint64_t rlim_t;

int getrlimit(int resource, struct rlimit *rl);
int setrlimit(int resource, const struct rlimit *rl);
