/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A seeded fuzzer in phases. With a watchdog measuring how late a 10 ms
 * sleeper wakes all along, it measures the fork, open-file and pipe
 * capacities and free frames, runs exhaustion cycles and hogs, execs
 * malformed ELF files, then runs several fuzzing processes at once (random
 * syscalls and messages, and POSIX path calls with edge paths near a canary
 * tree) while a supervised server is killed and restarted, and finally checks that the canary tree
 * and the shipped files are intact and the capacities back where they began. Each broken invariant
 * prints a FAIL line with the seed; the run ends non-zero if any did.
 *
 * Same seed, same choices: fuzzing process i draws from stream seed
 * seed + 1000003 * i (process 0 from the seed itself), so a failure replays
 * with ./chappe fuzz --seed S --calls N --procs P, and one process's stream
 * alone with --procs 1 --seed <its stream seed>.
 *
 * usage: fuzz [--seed S] [--calls N] [--procs P] [--cycles C] [--late-ms MS]
 *             [--loop-ms MS] [--restarts R] [--elf-huge 1] [--trace 1]
 */
#include "fuzz.h"

#include <abi/wait.h>
#include <abi/layout.h>
#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <libserver/client.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STREAM_STRIDE 1000003L
#define PATH_CALL_ONE_IN 8

struct fuzz_options fuzz_opt;
long fuzz_stream = -1;
static uint64_t rng;
static int failures;

void rng_seed(long seed)
{
	rng = (uint64_t)seed * 0x9e3779b97f4a7c15ULL + 1;
}

uint64_t next(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17; /* xorshift64 */
	return rng;
}

uint64_t pick(uint64_t n)
{
	return next() % n;
}

static long stream_seed(long stream)
{
	return fuzz_opt.seed + STREAM_STRIDE * stream;
}

void fuzz_fail(const char *phase, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	failures++;
	if (fuzz_stream < 0)
		printf("FUZZ FAIL seed=%ld %s: %s\n", fuzz_opt.seed, phase, what);
	else
		printf("FUZZ FAIL seed=%ld process %ld (stream seed %ld) %s: %s\n", fuzz_opt.seed,
		       fuzz_stream, stream_seed(fuzz_stream), phase, what);
}

int fuzz_failures(void)
{
	return failures;
}

int fuzz_spawn(int (*fn)(long), long arg)
{
	fflush(stdout);
	long pid = sys_fork();
	if (pid == 0)
		exit(fn(arg));
	return (int)pid;
}

int fuzz_reap(int pid)
{
	int status;
	long r = sys_wait4(pid, (long)&status, 0, 0);

	return r < 0 ? (int)r : status;
}

void fuzz_sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	sys_nanosleep((long)&ts, 0);
}

uint64_t fuzz_now_ns(void)
{
	struct timespec ts;

	sys_clock_gettime(CLOCK_MONOTONIC, (long)&ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

uint64_t fuzz_free_frames(void)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	return k.free_frames;
}

struct mark {
	const char *name;
	uint64_t from;
};
static struct mark marks[16];
static int nmarks;

void fuzz_phase(const char *name)
{
	if (nmarks < (int)(sizeof marks / sizeof marks[0]))
		marks[nmarks++] = (struct mark){name, fuzz_now_ns()};
}

const char *fuzz_phase_at(uint64_t ns)
{
	const char *name = "setup";

	for (int i = 0; i < nmarks && marks[i].from <= ns; i++)
		name = marks[i].name;
	return name;
}

static void reap_any(int wait_all)
{
	int status;

	while (sys_wait4(-1, (long)&status, wait_all ? 0 : WNOHANG, 0) > 0)
		;
}

static long share_of(long stream)
{
	return fuzz_opt.calls / fuzz_opt.procs + (stream < fuzz_opt.calls % fuzz_opt.procs);
}

/* One fuzzing process: its share of the calls, one in eight a path call. */
static int fuzz_process(long stream)
{
	long share = share_of(stream), tenth = share / 10 ? share / 10 : 1;

	fuzz_stream = stream;
	failures = 0; /* the parent's are the parent's */
	rng_seed(stream_seed(stream));
	calls_init();
	paths_enter();
	for (long i = 1; i <= share; i++) {
		if (pick(PATH_CALL_ONE_IN) == 0)
			paths_one();
		else
			calls_one();
		if (i % 64 == 0)
			reap_any(0);
		if (stream == 0 && i % tenth == 0)
			printf("FUZZ progress %ld/%ld (process 0)\n", i, share);
	}
	reap_any(1);
	sys_break((long)CHAPPE_HEAP_BASE); /* whatever break the run left */
	mman_report(stream);
	printf("FUZZ process %ld (stream seed %ld): %ld calls, %ld of them path calls\n", stream,
	       stream_seed(stream), share, paths_finish());
	return failures != 0;
}

static void run_fuzzers(void)
{
	int pids[64], loop = fuzz_spawn(watchdog_syscall_loop, fuzz_opt.loop_ms);
	int supervisor = fuzz_opt.restarts ? fuzz_spawn(supervise_phase, fuzz_opt.restarts) : 0;

	for (long i = 0; i < fuzz_opt.procs; i++)
		pids[i] = fuzz_spawn(fuzz_process, i);
	if (loop < 0 || fuzz_reap(loop) != 0)
		fuzz_fail("processes", "the syscall loop did not run (fork = %d)", loop);
	for (long i = 0; i < fuzz_opt.procs; i++) {
		if (pids[i] < 0) {
			fuzz_fail("processes", "fork of fuzzing process %ld = %d", i, pids[i]);
			continue;
		}
		int status = fuzz_reap(pids[i]);
		if (status == 0)
			continue;
		failures++; /* its FAIL lines are printed; a death by signal is not */
		if (WIFSIGNALED(status))
			fuzz_fail("processes",
				  "fuzzing process %ld (stream seed %ld) killed, status %#x", i,
				  stream_seed(i), status);
	}
	if (supervisor < 0 || (supervisor > 0 && fuzz_reap(supervisor) != 0))
		fuzz_fail("supervision", "the supervisor failed (fork = %d)", supervisor);
	printf("FUZZ %ld processes ran %ld calls\n", fuzz_opt.procs, fuzz_opt.calls);
}

static long arg(int argc, char **argv, const char *name, long fallback)
{
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], name))
			return strtol(argv[i + 1], 0, 0);
	return fallback;
}

static void parse(int argc, char **argv)
{
	fuzz_opt = (struct fuzz_options){
	    .seed = arg(argc, argv, "--seed", 1),
	    .calls = arg(argc, argv, "--calls", 20000),
	    .procs = arg(argc, argv, "--procs", 4),
	    .trace = arg(argc, argv, "--trace", 0),
	    .cycles = arg(argc, argv, "--cycles", 100),
	    .late_ms = arg(argc, argv, "--late-ms", 200),
	    .elf_huge = arg(argc, argv, "--elf-huge", 0),
	    .loop_ms = arg(argc, argv, "--loop-ms", 1000),
	    .restarts = arg(argc, argv, "--restarts", 20),
	};
	if (fuzz_opt.procs < 1)
		fuzz_opt.procs = 1;
	if (fuzz_opt.procs > 16)
		fuzz_opt.procs = 16; /* the rest of the process table is the phases' */
}

/* The phases, in an order where a damaged filesystem (the path calls) can
 * no longer spoil the phases that exec /bin/true. */
static void phases(void)
{
	struct capacity start, end;
	struct watchdog dog;
	int canary = paths_prepare();

	if (watchdog_start(&dog) < 0)
		fuzz_fail("watchdog", "could not start the watchdog");
	fuzz_phase("capacity");
	capacity_measure(&start);
	fuzz_phase("exhaustion");
	exhaust_cycles(&start, fuzz_opt.cycles);
	fuzz_phase("hogs");
	exhaust_hogs();
	fuzz_phase("malformed ELF");
	elf_phase();
	fuzz_phase("signal frames");
	sigframes_phase(40);
	fuzz_phase("fuzzing processes");
	run_fuzzers();
	fuzz_phase("final checks");
	if (canary == 0)
		paths_verify();
	capacity_measure(&end);
	capacity_compare(&start, &end);
	if (dog.dog > 0)
		watchdog_stop(&dog);
}

int main(int argc, char **argv)
{
	struct chappe_kstat before, after;

	if (argc > 1 && !strcmp(argv[1], "--watchdog"))
		return watchdog_main(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "--hold"))
		return watchdog_hold();
	parse(argc, argv);
	rng_seed(stream_seed(-1)); /* the parent's own stream */
	int down = server_await_boot(10000);
	if (down)
		return printf("FUZZ: SYS_ID %#x never came up\n", down), 1;
	reap_any(1);
	sys_kstat((long)&before);
	printf("FUZZ seed=%ld calls=%ld procs=%ld starting: %lu free frames, %u systems\n",
	       fuzz_opt.seed, fuzz_opt.calls, fuzz_opt.procs, before.free_frames, before.systems);
	phases();
	reap_any(1);
	sys_kstat((long)&after);
	printf("FUZZ seed=%ld after: %lu free frames, %u systems\n", fuzz_opt.seed,
	       after.free_frames, after.systems);
	if (after.free_frames != before.free_frames || after.systems != before.systems)
		fuzz_fail("counts", "free frames %lu -> %lu, registered systems %u -> %u",
			  before.free_frames, after.free_frames, before.systems, after.systems);
	if (failures) {
		printf("FUZZ seed=%ld calls=%ld procs=%ld FAILED: %d invariants broken\n",
		       fuzz_opt.seed, fuzz_opt.calls, fuzz_opt.procs, failures);
		return 1;
	}
	printf("FUZZ seed=%ld calls=%ld procs=%ld survived\n", fuzz_opt.seed, fuzz_opt.calls,
	       fuzz_opt.procs);
	return 0;
}
