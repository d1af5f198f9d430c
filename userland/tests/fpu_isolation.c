/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * No process sees another's FPU/SSE/AVX registers. Two children fill every
 * XMM (and YMM, where AVX is on) register with their own pattern, are
 * preempted and make syscalls, and read their pattern back; a fresh process
 * and a fresh image (execve) start with every register zero; fork copies
 * the parent's registers. User code is built with SSE, so between loading
 * and storing a pattern only the raw syscall stubs (usys.S, no SSE) run:
 * whatever changes a register then is not this process's own code.
 */
#include "check.h"

#include <io/io_client.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 400
#define SPIN 20000

static _Alignas(32) uint8_t regs[16][32];
static int have_avx;

static void cpuid(uint32_t leaf, uint32_t *c)
{
	uint32_t a = leaf, b, d, cc = 0;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(cc), "=d"(d));
	*c = cc;
}

/* AVX only counts when the kernel enabled its state (OSXSAVE, XCR0 bit 2). */
static int avx_enabled(void)
{
	uint32_t c, lo, hi;

	cpuid(1, &c);
	if (!(c & (1u << 27)) || !(c & (1u << 28)))
		return 0;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return (lo & 6) == 6;
}

#define EACH_REG(X)                                                                                \
	X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15)
#define LOAD_X(n) __asm__ volatile("movdqu %0, %%xmm" #n ::"m"(regs[n][0]));
#define STORE_X(n) __asm__ volatile("movdqu %%xmm" #n ", %0" : "=m"(regs[n][0]));
#define LOAD_Y(n) __asm__ volatile("vmovdqu %0, %%ymm" #n ::"m"(regs[n][0]));
#define STORE_Y(n) __asm__ volatile("vmovdqu %%ymm" #n ", %0" : "=m"(regs[n][0]));

static void load_regs(void)
{
	if (have_avx) {
		EACH_REG(LOAD_Y)
	} else {
		EACH_REG(LOAD_X)
	}
}

static void store_regs(void)
{
	memset(regs, 0, sizeof regs);
	if (have_avx) {
		EACH_REG(STORE_Y)
	} else {
		EACH_REG(STORE_X)
	}
}

static int width(void)
{
	return have_avx ? 32 : 16;
}

static void fill(uint8_t seed)
{
	for (int r = 0; r < 16; r++)
		for (int i = 0; i < 32; i++)
			regs[r][i] = (uint8_t)(seed ^ (r * 37 + i * 11 + 1));
}

/* Bytes of the registers (as far as width) that differ from fill(seed);
 * seed < 0: from zero. */
static int mismatches(int seed)
{
	int bad = 0;

	for (int r = 0; r < 16; r++)
		for (int i = 0; i < width(); i++) {
			uint8_t want = seed < 0 ? 0 : (uint8_t)(seed ^ (r * 37 + i * 11 + 1));
			bad += regs[r][i] != want;
		}
	return bad;
}

/* Hold a pattern through preemption and syscalls; exit with the rounds
 * in which anything changed (0: the registers stayed ours). */
static void hold_pattern(uint8_t seed, int null_fd)
{
	int bad_rounds = 0;

	for (int round = 0; round < ROUNDS; round++) {
		fill(seed);
		load_regs();
		for (volatile int i = 0; i < SPIN; i++)
			;
		sys_write(null_fd, (long)"x", 1);
		if (round % 16 == 0)
			sys_sched_yield();
		store_regs();
		bad_rounds += mismatches(seed) != 0;
	}
	exit(bad_rounds > 255 ? 255 : bad_rounds);
}

static int child_status(pid_t pid)
{
	int status = -1;

	waitpid(pid, &status, 0);
	return status;
}

static int fork_copies(void)
{
	pid_t pid;

	fill(0x77);
	load_regs();
	pid = (pid_t)sys_fork();
	if (pid == 0) {
		store_regs();
		exit(mismatches(0x77) ? 1 : 0);
	}
	return child_status(pid);
}

static int exec_resets(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[] = {"/test/fpu_isolation", "--fresh", 0};
		fill(0x99);
		load_regs();
		execv(argv[0], argv);
		exit(98);
	}
	return child_status(pid);
}

int main(int argc, char **argv)
{
	int fd;
	pid_t a, b;

	have_avx = avx_enabled();
	store_regs();
	if (argc > 1 && !strcmp(argv[1], "--fresh"))
		return mismatches(-1) ? 1 : 0; /* a new image: all zero */
	check_start("fpu_isolation");
	printf("fpu_isolation: checking %d-byte registers (%s)\n", width(),
	       have_avx ? "YMM" : "XMM");
	EXPECT("a fresh process's registers are zero", mismatches(-1), 0);
	fd = io_devopen("null");
	a = fork();
	if (a == 0)
		hold_pattern(0x5a, fd);
	b = fork();
	if (b == 0)
		hold_pattern(0xa5, fd);
	EXPECT("child a kept its registers", child_status(a), 0);
	EXPECT("child b kept its registers", child_status(b), 0);
	EXPECT("fork copies the registers", fork_copies(), 0);
	EXPECT("execve starts with zero registers", exec_resets(), 0);
	return check_finish();
}
