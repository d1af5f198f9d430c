/* SPDX-License-Identifier: BSD-2-Clause */
/* What the kernel tells anyone about itself (kstat) and a process (proc_info). */
#pragma once

#include <stdint.h>

struct chappe_kstat {
	uint64_t free_frames;
	uint64_t total_frames;
	uint32_t procs;	     /* slots in use, zombies included */
	uint32_t proc_limit; /* fork fails with EAGAIN at this many */
	uint32_t zombies;
	uint32_t systems; /* registered SYS_IDs */
	uint64_t ticks;
	uint64_t commit_used;  /* pages promised to processes (docs/memory.md) */
	uint64_t commit_limit; /* the most that may be promised */
	uint32_t tick_hz;      /* ticks a second */
	uint32_t pad;
	uint64_t tsc_hz;     /* the TSC's rate */
	uint64_t tick_tsc;   /* the TSC at the latest timer tick */
	uint64_t irqs_bound; /* bit n: irq n is bound to a driver (abi/irq.h) */
};

/* Process states as reported (PROC_STATE_* in the kernel). */
#define PROC_INFO_RUNNING 1
#define PROC_INFO_SLEEPING 2
#define PROC_INFO_ZOMBIE 3
#define PROC_INFO_STOPPED 4

struct chappe_procinfo {
	int32_t pid;
	int32_t ppid;
	uint32_t state;
	uint32_t caps;
	uint64_t user_pages;
	char name[32];
	int32_t pgid; /* process group */
	int32_t sid;  /* session */
	/* Signal sets, bit n for signal n: what it blocks, what it ignores
	 * (SIG_IGN), what it has a handler for (a terminal asks before it
	 * sends SIGTTIN to a background reader). */
	uint64_t sig_blocked, sig_ignored, sig_caught;
};
