/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One process's allocation never kills a bystander. A bystander forks first
 * and shares 1 MiB copy-on-write; then programs with a huge bss are
 * exec'ed: 8 GiB, just over free memory, and one that fits in free memory
 * but not in what is left to promise (the bystander's copies are promised).
 * Each gets -ENOMEM at once; the bystander, writing its shared pages all
 * along, survives; free frames and the commit charge end where they started.
 */
#include "check.h"
#include "elfgen.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PROG "/tmp/huge_bss"
#define DATA_VA 0x10000000ULL
#define SHARED_PAGES 256
#define FAST_MS 1000

static volatile char shared[SHARED_PAGES * 4096];

static uint64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

static struct chappe_kstat kstat_now(void)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	return k;
}

/* From the go on, takes a private copy of a shared page every 10 ms or so, so
 * its faults fall while the huge programs are tried (about 5 s). */
static void bystander(int go)
{
	struct timespec pause = {0, 10 * 1000 * 1000};
	char c;
	int ok = 1;

	read(go, &c, 1);
	for (unsigned i = 0; i < SHARED_PAGES; i++) {
		shared[i * 4096] = 2;
		nanosleep(&pause, 0);
	}
	for (unsigned i = 0; i < SHARED_PAGES; i++)
		ok &= shared[i * 4096] == 2;
	_exit(ok ? 0 : 1);
}

/* execve of a program with bss_pages of bss (held 2 s), in a child: 0 when
 * it ran, else -errno; *ms gets how long the answer took. */
static long exec_huge(uint64_t bss_pages, uint64_t *ms)
{
	uint64_t t0 = now_ms();
	long r = elfgen_exec(PROG, DATA_VA, bss_pages * 4096, 2);

	*ms = now_ms() - t0;
	return r;
}

static void refused(const char *what, uint64_t pages)
{
	uint64_t ms = 0;

	printf("mem_commit: %s: %lu pages of bss\n", what, (unsigned long)pages);
	EXPECT(what, exec_huge(pages, &ms), -ENOMEM);
	printf("mem_commit:   refused in %lu ms\n", (unsigned long)ms);
	EXPECT("  refused fast", ms < FAST_MS, 1);
}

int main(void)
{
	int go[2], status = -1;
	struct chappe_kstat before, k;
	uint64_t fits;
	pid_t b;

	check_start("mem_commit");
	for (unsigned i = 0; i < SHARED_PAGES; i++)
		shared[i * 4096] = 1;
	before = elfgen_memory_report("mem_commit", "before");
	pipe(go);
	b = fork();
	if (b == 0)
		bystander(go[0]);
	write(go[1], "x", 1);
	refused("8 GiB bss", (8ULL << 30) / 4096);
	k = kstat_now();
	refused("bss just over free memory", k.free_frames + 16);
	k = kstat_now();
	/* Leaves about 40 frames free beside its page tables: fewer than the
	 * bystander's copies, were the program let in. */
	fits = k.free_frames - k.free_frames / 512 - 64;
	EXPECT("free memory is more than is left to promise", fits > k.commit_limit - k.commit_used,
	       1);
	refused("bss in free memory, over what is left to promise", fits);
	EXPECT("bystander wrote its pages (wait status)", (waitpid(b, &status, 0), status), 0);
	close(go[0]);
	close(go[1]);
	k = elfgen_memory_report("mem_commit", "after");
	EXPECT("free frames back", k.free_frames, before.free_frames);
	EXPECT("commit charge back", k.commit_used, before.commit_used);
	return check_finish();
}
