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
};

/* wait4 options and status decoding (OpenBSD). */
#define WNOHANG 1
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WTERMSIG(s) ((s)&0x7f)
#define WIFEXITED(s) (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)

/* break(2): the heap grows up from here, at most CHAPPE_HEAP_MAX bytes. */
#define CHAPPE_HEAP_BASE 0x0000010000000000ULL
#define CHAPPE_HEAP_MAX (1ULL << 30)

/* A program's loadable segments lie in [CHAPPE_IMAGE_BASE, CHAPPE_IMAGE_TOP):
 * above the never-mapped page 0 and below the heap, so no segment can be in
 * the heap's range or in the stack at the top of user space. */
#define CHAPPE_IMAGE_BASE 0x1000ULL
#define CHAPPE_IMAGE_TOP CHAPPE_HEAP_BASE

/* mmio_map and dma_alloc (docs/device-memory.md) place each mapping at the
 * start of its own slot of the device window, far above the heap's range
 * and far below the stack at the top of user space; nothing else is ever
 * mapped there. A slot is much longer than the longest mapping, so
 * unmapped pages always follow one. */
#define CHAPPE_DEVICE_BASE 0x0000400000000000ULL
#define CHAPPE_DEVICE_SLOT (1ULL << 30)
#define CHAPPE_DEVICE_SLOTS 32
#define CHAPPE_DEVICE_TOP (CHAPPE_DEVICE_BASE + CHAPPE_DEVICE_SLOTS * CHAPPE_DEVICE_SLOT)
_Static_assert(CHAPPE_DEVICE_BASE >= CHAPPE_HEAP_BASE + CHAPPE_HEAP_MAX,
	       "device window above the heap");

/* vm_clone modes and vm_stage_map protections. */
#define VM_CLONE_COW 1
#define VM_PROT_READ 1
#define VM_PROT_WRITE 2
#define VM_PROT_EXEC 4

/* bc_stat(sys_id, out): one system of the Brain Controller. */
struct chappe_bcstat {
	uint32_t state; /* BC_STATE_* */
	uint32_t restarts;
	int32_t server_pid;
	int32_t supervisor_pid; /* 0: nobody reserves it for a restart */
	uint64_t routed;	/* messages delivered to it */
};
