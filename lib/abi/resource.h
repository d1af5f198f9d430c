/* SPDX-License-Identifier: BSD-2-Clause */
/* getrlimit/setrlimit: OpenBSD's resource numbers and struct rlimit. */
#pragma once

#include <stdint.h>

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_MEMLOCK 6
#define RLIMIT_NPROC 7	/* processes in the system, for fork by this one */
#define RLIMIT_NOFILE 8 /* one past the highest fd it may open */
#define RLIM_NLIMITS 9

#define RLIM_INFINITY ((((uint64_t)1) << 63) - 1)

/* Defaults: a process may raise its soft limit to the hard one. */
#define RLIMIT_NOFILE_DEFAULT 64
#define RLIMIT_NOFILE_HARD 1024

struct rlimit {
	uint64_t rlim_cur; /* what is enforced */
	uint64_t rlim_max; /* how far rlim_cur may be raised */
};
