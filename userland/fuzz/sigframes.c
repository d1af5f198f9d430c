/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Forged signal frames. Each case is a child that catches SIGUSR1, changes
 * the context its handler was given and returns, so its sigreturn takes
 * that context. A context no program could have been in (a kernel or
 * non-canonical RIP, ring-0 selectors, IOPL, VM or NT or IF clear in
 * RFLAGS, an FPU image XRSTOR would fault on, an unreadable context) must
 * end the child with SIGSEGV at sigreturn; a harmless change must resume
 * where the context says (landed, status 42). Then random contexts: the
 * kernel stays up and every frame comes back.
 */
#include "fuzz.h"

#include <chappe/syscall.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define LANDED 42
#define RFLAGS_IF 0x200

enum mutation {
	M_NONE,
	M_FLAGS_BENIGN,
	M_XMM_BENIGN,
	M_FIRST_HOSTILE,
	M_RIP_KERNEL = M_FIRST_HOSTILE,
	M_RIP_NONCANONICAL,
	M_RSP_NONCANONICAL,
	M_CS_RING0,
	M_SS_RING0,
	M_CS_32BIT,
	M_IOPL3,
	M_IF_CLEAR,
	M_VM,
	M_NT,
	M_FPSIZE,
	M_FPSTATE_KERNEL,
	M_XSTATE_BV,
	M_XCOMP_BV,
	M_XSAVE_RESERVED,
	M_MXCSR,
	M_CONTEXT_KERNEL,
	M_CASES,
	M_RANDOM = M_CASES,
};

static volatile long mutation;

static void landed(void)
{
	_exit(LANDED);
}

static void mutate_fpu(uint8_t *fp)
{
	switch (mutation) {
	case M_XMM_BENIGN:
		fp[160] ^= 0x5a; /* XMM0's low byte: any value is a value */
		break;
	case M_XSTATE_BV:
		fp[512 + 7] |= 0x40; /* bit 62: no CPU enables it */
		break;
	case M_XCOMP_BV:
		fp[520 + 7] |= 0x80; /* the compacted form */
		break;
	case M_XSAVE_RESERVED:
		fp[512 + 20] = 1;
		break;
	case M_MXCSR:
		*(uint32_t *)(fp + 24) |= 0xffff0000u;
		break;
	}
}

static void mutate_random(mcontext_t *m)
{
	uint64_t *w = (uint64_t *)m;

	for (int i = 0; i < 3; i++) {
		unsigned k = (unsigned)pick(sizeof *m / 8 - 2); /* not fpstate, fpsize */
		w[k] = pick(2) ? next() : w[k] ^ (1ULL << pick(64));
	}
	m->rip = (uint64_t)landed; /* random code could do anything a program may */
}

static void mutate(mcontext_t *m)
{
	static const uint64_t rflags_bits[] = {
	    [M_IOPL3] = 0x3000, [M_VM] = 0x20000, [M_NT] = 0x4000};

	switch (mutation) {
	case M_FLAGS_BENIGN:
		m->rflags |= 0x8c5; /* CF PF ZF SF OF */
		break;
	case M_RIP_KERNEL:
		m->rip = 0xffffffff80000000UL;
		break;
	case M_RIP_NONCANONICAL:
		m->rip = 0x0000800000000000UL;
		break;
	case M_RSP_NONCANONICAL:
		m->rsp = 0x8000000000000000UL;
		break;
	case M_CS_RING0:
		m->cs = 0x08;
		break;
	case M_SS_RING0:
		m->ss = 0x10;
		break;
	case M_CS_32BIT:
		m->cs = 0x1b;
		break;
	case M_IOPL3:
	case M_VM:
	case M_NT:
		m->rflags |= rflags_bits[mutation];
		break;
	case M_IF_CLEAR:
		m->rflags &= ~(uint64_t)RFLAGS_IF;
		break;
	case M_FPSIZE:
		m->fpsize = 1;
		break;
	case M_FPSTATE_KERNEL:
		m->fpstate = 0xffff800000000000UL;
		break;
	case M_RANDOM:
		mutate_random(m);
		break;
	default:
		mutate_fpu((uint8_t *)m->fpstate);
	}
}

static void handler(int sig, siginfo_t *info, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig, (void)info;
	uc->uc_mcontext.rip = (uint64_t)landed;
	uc->uc_mcontext.rsp = (uc->uc_mcontext.rsp & ~15UL) - 8; /* as after a call */
	mutate(&uc->uc_mcontext);
}

static int one_case(long which)
{
	struct sigaction sa = {.sa_sigaction = handler, .sa_flags = SA_SIGINFO};

	if (which >= M_RANDOM) { /* a stream of its own: the parent's would repeat */
		rng_seed(which);
		which = M_RANDOM;
	}
	mutation = which;
	if (which == M_CONTEXT_KERNEL)
		return (int)sys_sigreturn((long)0xffff800000000000UL);
	sigaction(SIGUSR1, &sa, 0);
	raise(SIGUSR1);
	return 7; /* the old context came back: the handler's changes were lost */
}

/* A child's end, waiting at most a second: a random context may loop. */
static int status_of(int pid)
{
	int status = -1;

	for (int i = 0; i < 100; i++) {
		if (sys_wait4(pid, (long)&status, 1 /* WNOHANG */, 0) == pid)
			return status;
		fuzz_sleep_ms(10);
	}
	sys_kill(pid, SIGKILL);
	return fuzz_reap(pid);
}

static void fixed_cases(void)
{
	for (long m = 0; m < M_CASES; m++) {
		int st = status_of(fuzz_spawn(one_case, m));
		int hostile = m >= M_FIRST_HOSTILE;
		int ok = hostile ? WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV
				 : WIFEXITED(st) && WEXITSTATUS(st) == LANDED;
		if (!ok)
			fuzz_fail("signal frames", "case %ld (%s): wait status %#x", m,
				  hostile ? "must be refused" : "must resume", st);
	}
}

void sigframes_phase(long randoms)
{
	uint64_t before = fuzz_free_frames();
	long landed_n = 0, refused = 0, other = 0;

	fixed_cases();
	for (long i = 0; i < randoms; i++) {
		int st = status_of(fuzz_spawn(one_case, M_RANDOM + (long)pick(1L << 40)));
		if (WIFEXITED(st) && WEXITSTATUS(st) == LANDED)
			landed_n++;
		else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV)
			refused++;
		else
			other++;
	}
	uint64_t after = fuzz_free_frames();
	printf("FUZZ signal frames: %d forged contexts refused, %d kept; %ld random: %ld resumed, "
	       "%ld SIGSEGV, %ld other; frames %lu->%lu\n",
	       M_CASES - M_FIRST_HOSTILE, M_FIRST_HOSTILE, randoms, landed_n, refused, other,
	       before, after);
	if (after != before)
		fuzz_fail("signal frames", "free frames %lu -> %lu", before, after);
}
