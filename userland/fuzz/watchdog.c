/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The watchdog: a process that sleeps 10 ms at a time all through the run
 * and keeps its worst wake-up lateness. A sleeper that wakes late means a
 * runnable process waited that long for the CPU: the scheduler's bound.
 *
 * The dog stops when its holder (a child that only sleeps) ends: proc_info
 * is a kernel call, so polling it costs the dog no server round trip, and
 * the parent stops the dog with a kill of its own child. The dog reports
 * through a pipe only once, at the end, so it never blocks mid-run. Dog and
 * holder exec the fuzzer afresh, so the parent's writes never copy a page
 * they share: the parent's free-frame counts stay exact.
 */
#include "fuzz.h"

#include <abi/kstat.h>
#include <abi/signal.h>
#include <chappe/syscall.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#define PERIOD_MS 10
#define NS_PER_MS 1000000UL
#define BUCKET_MS 100 /* the worst lateness is kept per 100 ms of the run */
#define BUCKETS 2048
#define SELF "/test/fuzz" /* exec'd: the dog shares no page with the parent */

struct dog_report {
	uint64_t started_ns, worst_ns, wakeups, late; /* late: over the bound */
	uint16_t worst_ms[BUCKETS];
};

static struct dog_report report;
static int holder_pid;

static int holder_gone(void)
{
	struct chappe_procinfo pi;

	return sys_proc_info(holder_pid, (long)&pi) < 0 || pi.state == PROC_INFO_ZOMBIE;
}

static void record(uint64_t t1, uint64_t late, uint64_t bound)
{
	uint64_t b = (t1 - report.started_ns) / (BUCKET_MS * NS_PER_MS), ms = late / NS_PER_MS;

	b = b < BUCKETS ? b : BUCKETS - 1;
	if (ms > report.worst_ms[b])
		report.worst_ms[b] = ms < 0xffff ? (uint16_t)ms : 0xffff;
	report.wakeups++;
	report.late += late > bound;
	if (late > report.worst_ns)
		report.worst_ns = late;
}

/* The dog: fuzz --watchdog HOLDER FD BOUND_MS. */
int watchdog_main(int argc, char **argv)
{
	if (argc < 5)
		return 2;
	holder_pid = (int)strtol(argv[2], 0, 0);
	int fd = (int)strtol(argv[3], 0, 0);
	uint64_t bound = (uint64_t)strtol(argv[4], 0, 0) * NS_PER_MS;
	report.started_ns = fuzz_now_ns();
	while (!holder_gone()) {
		uint64_t due = fuzz_now_ns() + PERIOD_MS * NS_PER_MS;
		fuzz_sleep_ms(PERIOD_MS);
		uint64_t t1 = fuzz_now_ns();
		record(t1, t1 > due ? t1 - due : 0, bound);
	}
	return sys_write(fd, (long)&report, sizeof report) != sizeof report;
}

/* The holder: fuzz --hold, asleep until killed. */
int watchdog_hold(void)
{
	for (;;)
		fuzz_sleep_ms(1000);
}

/* A loop of ordinary calls answered by servers (io's getcwd and fstat
 * of stdout) for ms milliseconds, while the fuzzing processes run: every
 * other process must still get the CPU within the bound. */
int watchdog_syscall_loop(long ms)
{
	uint64_t until = fuzz_now_ns() + (uint64_t)ms * NS_PER_MS;
	char cwd[64];
	struct stat st;
	long calls = 0;

	while (fuzz_now_ns() < until)
		for (int i = 0; i < 100; i++, calls++)
			i % 2 ? sys___getcwd((long)cwd, sizeof cwd) : sys_fstat(1, (long)&st);
	printf("FUZZ syscall loop: %ld server calls in %ld ms\n", calls, ms);
	return 0;
}

static long dog_args[3];

static int exec_self(long role)
{
	char a[3][24], *hold[] = {"fuzz", "--hold", 0};
	char *dog[] = {"fuzz", "--watchdog", a[0], a[1], a[2], 0};

	for (int i = 0; i < 3; i++)
		snprintf(a[i], sizeof a[i], "%ld", dog_args[i]);
	return 150 + (int)-sys_execve((long)SELF, (long)(role ? dog : hold), 0);
}

int watchdog_start(struct watchdog *w)
{
	int fds[2];

	w->dog = w->holder = -1;
	if (sys_pipe((long)fds) < 0)
		return -1;
	w->fd = fds[0];
	w->holder = fuzz_spawn(exec_self, 0);
	dog_args[0] = w->holder, dog_args[1] = fds[1], dog_args[2] = fuzz_opt.late_ms;
	if (w->holder > 0)
		w->dog = fuzz_spawn(exec_self, 1);
	sys_close(fds[1]); /* only the dog writes: the report, or end of file */
	return w->dog > 0 ? 0 : -1;
}

static uint64_t bucket_start(uint64_t b)
{
	return report.started_ns + b * BUCKET_MS * NS_PER_MS;
}

struct phase_worst {
	const char *phase;
	unsigned ms;
};

/* The worst wake-up in each phase, from the buckets that start in it. */
static int phase_worsts(struct phase_worst *out, int max)
{
	uint64_t last = (fuzz_now_ns() - report.started_ns) / (BUCKET_MS * NS_PER_MS);
	int n = 0;

	last = last < BUCKETS ? last : BUCKETS - 1;
	for (uint64_t b = 0; b <= last && n < max; b++) {
		const char *phase = fuzz_phase_at(bucket_start(b));
		if (n == 0 || out[n - 1].phase != phase)
			out[n++] = (struct phase_worst){phase, 0};
		if (report.worst_ms[b] > out[n - 1].ms)
			out[n - 1].ms = report.worst_ms[b];
	}
	return n;
}

/* One line for all phases, then a FAIL for each phase over the bound. */
static void judge_phases(void)
{
	struct phase_worst w[16];
	int count = phase_worsts(w, 16), at = 0;
	char line[512];

	at = snprintf(line, sizeof line, "FUZZ watchdog worst by phase:");
	for (int i = 0; i < count && at < (int)sizeof line; i++)
		at += snprintf(line + at, sizeof line - (size_t)at, " %s %u ms;", w[i].phase,
			       w[i].ms);
	printf("%s\n", line);
	for (int i = 0; i < count; i++)
		if (w[i].ms > fuzz_opt.late_ms)
			fuzz_fail("watchdog",
				  "a %d ms sleeper woke %u ms late during the %s phase (bound %ld "
				  "ms, --late-ms): a runnable process waited that long for the CPU",
				  PERIOD_MS, w[i].ms, w[i].phase, fuzz_opt.late_ms);
}

void watchdog_stop(struct watchdog *w)
{
	long n = 0, got = 1;

	sys_kill(w->holder, SIGKILL);
	fuzz_reap(w->holder);
	while (got > 0 && n < (long)sizeof report)
		n += (got = sys_read(w->fd, (long)&report + n, (long)sizeof report - n)) > 0 ? got
											     : 0;
	int status = fuzz_reap(w->dog);
	sys_close(w->fd);
	if (n != sizeof report) {
		fuzz_fail("watchdog", "the watchdog ended without a report (read %ld, status %#x)",
			  n, status);
		return;
	}
	printf("FUZZ watchdog worst lateness %lu ms over %lu wakeups (%lu over the %ld ms bound)\n",
	       report.worst_ns / NS_PER_MS, report.wakeups, report.late, fuzz_opt.late_ms);
	judge_phases();
}
