/* SPDX-License-Identifier: BSD-2-Clause */
/* The portable half of the benchmarks (posix_bench.c), on Chapp-E and Linux. */
#pragma once

#include <stdint.h>

/* Every loop, one "BENCH name T ticks/op (n=N)" line each: 0 if all ran. */
int posix_bench(void);
/* The loops on files of a disk, in dir, named disk_KIND_*: 0 if all ran. */
int posix_bench_disk(const char *dir, const char *kind);
/* 1 when the program was run as fork_exec_wait's target (argv[1] "t"). */
int posix_bench_exec_target(int argc, char **argv);
/* Prints one line; each system's own (Chapp-E waits for the console). */
void bench_report(const char *name, uint64_t ticks, long n);

/* tools/bench/tickprof's markers, one instruction that does nothing: the
 * plugin counts what ran from a loop's start (1) to its report (2). */
#define BENCH_MARK(tag) __asm__ volatile("nopl 0x7ace000" #tag "(%%rax,%%rax,1)" ::: "memory")
