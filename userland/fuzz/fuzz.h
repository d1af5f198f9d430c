/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fuzzer's phases share this: the options, the seeded generator, how a
 * broken invariant is reported, and small process helpers. Each phase lives
 * in its own file: calls.c (random syscalls and messages), paths.c (edge
 * paths, the canary tree, the shipped files), exhaust.c (capacities,
 * exhaustion cycles, hogs), watchdog.c, elfgen.c (malformed executables).
 */
#pragma once

#include <stdint.h>

struct fuzz_options {
	long seed;     /* the run's seed: everything below derives from it */
	long calls;    /* random and path calls, shared by the fuzzing processes */
	long procs;    /* fuzzing processes running at once */
	long trace;    /* print every call before it is made */
	long cycles;   /* exhaustion cycles */
	long late_ms;  /* the watchdog's bound on a wake-up's lateness */
	long elf_huge; /* also exec a segment larger than memory */
	long loop_ms;  /* the syscall loop beside the fuzzing processes */
	long restarts; /* kills and restarts of the supervised echo server */
};

extern struct fuzz_options fuzz_opt;
/* -1 in the parent, else which fuzzing process this is (its stream). */
extern long fuzz_stream;

/* xorshift64, seeded per stream: the same seed gives the same choices. */
void rng_seed(long seed);
uint64_t next(void);
uint64_t pick(uint64_t n);

/* One broken invariant: a FAIL line naming the phase, the seed and what
 * was wrong; the run ends non-zero. */
void fuzz_fail(const char *phase, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int fuzz_failures(void);

/* A child that runs fn and exits with its result (stdout flushed first). */
int fuzz_spawn(int (*fn)(long), long arg);
/* The wait status of pid (reaped), or -errno. */
int fuzz_reap(int pid);
void fuzz_sleep_ms(long ms);
/* The parent marks where each phase starts, to name the phase a moment
 * (the watchdog's worst wake-up) fell in. */
void fuzz_phase(const char *name);
const char *fuzz_phase_at(uint64_t ns);
uint64_t fuzz_now_ns(void);
uint64_t fuzz_free_frames(void);

/* calls.c: the syscall fuzzer of the first round, one call at a time. */
void calls_init(void);
void calls_one(void);

/* mman.c: mmap, munmap, mprotect arguments shaped (most of the time)
 * to reach past the first checks, and what mmap gave noted for later. */
void mman_init(void);
long mman_number(void); /* one of the three, for a share of the calls */
void mman_shape(long nr, uint64_t a[6]);
void mman_note(long nr, long result);
void mman_report(long stream); /* the counts of this process's three calls */

/* paths.c */
int paths_prepare(void); /* canary tree and shipped-file record; 0 or -1 */
void paths_enter(void);	 /* this fuzzing process's scratch directory */
void paths_one(void);
long paths_finish(void); /* path calls this process made (FAILs not shown, counted) */
void paths_verify(void);

/* exhaust.c */
struct capacity {
	long fork, open, pipe;
	uint64_t frames;
};
void capacity_measure(struct capacity *c);
void capacity_compare(const struct capacity *before, const struct capacity *after);
/* Cycles between two measurements; the first must match the run's first. */
void exhaust_cycles(const struct capacity *first, long cycles);
void exhaust_hogs(void);

/* supervise.c: the echo server killed and restarted under supervision
 * while an impostor tries to take it; the child's exit status. */
int supervise_phase(long rounds);

/* watchdog.c */
struct watchdog {
	int holder, dog, fd; /* the dog ends when the holder does */
};
int watchdog_start(struct watchdog *w);
int watchdog_main(int argc, char **argv); /* fuzz --watchdog HOLDER FD BOUND_MS */
int watchdog_hold(void);		  /* fuzz --hold */
int watchdog_syscall_loop(long ms);	  /* server calls back to back */
void watchdog_stop(struct watchdog *w);

/* elfgen.c */
void elf_phase(void);
/* sigframes.c: forged sigreturn contexts, then randoms of them. */
void sigframes_phase(long randoms);
