/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SYSCALL entered with a hostile RSP (kernel address, 0, misaligned) and with
 * DF, AC or TF set in RFLAGS. The kernel never uses the user stack and clears
 * those flags on entry (SFMASK); a process that single-steps into the
 * kernel's return gets SIGTRAP and nothing else breaks.
 */
#include "check.h"

#include <abi/wait.h>
#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* getpid with %rsp = bad for the duration of the SYSCALL instruction. */
static long getpid_with_rsp(uint64_t bad)
{
	long r;

	__asm__ volatile("mov %%rsp, %%r12\n\t"
			 "mov %1, %%rsp\n\t"
			 "mov $20, %%eax\n\t"
			 "syscall\n\t"
			 "mov %%r12, %%rsp"
			 : "=a"(r)
			 : "r"(bad)
			 : "rcx", "r11", "r12", "memory");
	return r;
}

/* kstat with DF set: a kernel copy honouring DF would go backwards. */
static long kstat_with_df(struct chappe_kstat *k)
{
	long r;

	__asm__ volatile("std\n\t"
			 "mov $0x216, %%eax\n\t"
			 "syscall\n\t"
			 "cld"
			 : "=a"(r)
			 : "D"(k)
			 : "rcx", "r11", "memory");
	return r;
}

static long getpid_with_flags(uint64_t flags, uint64_t *after)
{
	long r;

	__asm__ volatile("pushf\n\t"
			 "orq %2, (%%rsp)\n\t"
			 "popf\n\t"
			 "mov $20, %%eax\n\t"
			 "syscall\n\t"
			 "pushf\n\t"
			 "pop %1\n\t"
			 "pushf\n\t"
			 "andq %3, (%%rsp)\n\t"
			 "popf"
			 : "=a"(r), "=r"(*after)
			 : "r"(flags), "r"(~flags)
			 : "rcx", "r11", "memory");
	return r;
}

#define RFLAGS_TF 0x100
#define RFLAGS_AC 0x40000

int main(void)
{
	struct chappe_kstat plain, with_df;
	uint64_t flags;
	int status = -1;
	long me = sys_getpid();

	check_start("syscall_edges");
	EXPECT("RSP in the kernel", getpid_with_rsp(0xffffffff80000000UL), me);
	EXPECT("RSP = 0", getpid_with_rsp(0), me);
	EXPECT("RSP misaligned", getpid_with_rsp((uint64_t)&plain + 3), me);
	EXPECT("RSP non-canonical", getpid_with_rsp(0x8000000000000000UL), me);
	sys_kstat((long)&plain);
	EXPECT("kstat with DF set", kstat_with_df(&with_df), 0);
	EXPECT("same answer as without DF", with_df.total_frames == plain.total_frames, 1);
	EXPECT("AC set", getpid_with_flags(RFLAGS_AC, &flags), me);
	EXPECT("AC given back afterwards", !!(flags & RFLAGS_AC), 1);
	pid_t child = fork();
	if (child == 0) {
		getpid_with_flags(RFLAGS_TF, &flags);
		exit(0); /* not reached: the single step traps */
	}
	EXPECT("TF set: child ends", waitpid(child, &status, 0), child);
	EXPECT("TF set: child got SIGTRAP", WTERMSIG(status), 5);
	EXPECT("and we go on", sys_getpid(), me);
	return check_finish();
}
