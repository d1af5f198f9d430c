/* SPDX-License-Identifier: BSD-2-Clause */
/* The same table and the same results through INT 0x80 and SYSCALL. */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>

static void same(const char *what, long nr, long a0, long a1, long a2, long want)
{
	char label[96];

	snprintf(label, sizeof label, "syscall %s", what);
	EXPECT(label, syscall6(nr, a0, a1, a2, 0, 0, 0), want);
	snprintf(label, sizeof label, "int80 %s", what);
	EXPECT(label, int80_syscall6(nr, a0, a1, a2, 0, 0, 0), want);
}

/* INT 0x80 gives back every register but %rax; SYSCALL also %rcx and %r11.
 * Call nr with arguments a0 a1 a2 (%rdi %rsi %rdx) and a pattern in every
 * other register: how many of them (the arguments too) came back changed.
 * A core call (getpid) and one the kernel hands to a server (write): the
 * second waits parked in the kernel, and must come back through IRET. */
static long int80_clobbers(long nr, long a0, long a1, long a2)
{
	long changed;

	__asm__ volatile(
	    "push %%rbx; push %%rbp; push %%r12; push %%r13; push %%r14; push %%r15\n\t"
	    "mov $0x1111, %%rbx; mov $0x2222, %%rcx\n\t"
	    "mov $0x6666, %%rbp\n\t"
	    "mov $0x8888, %%r8; mov $0x9999, %%r9; mov $0xaaaa, %%r10\n\t"
	    "mov $0xbbbb, %%r11; mov $0xcccc, %%r12; mov $0xdddd, %%r13\n\t"
	    "mov $0xeeee, %%r14; mov %%rdx, %%r15\n\t"
	    "mov %%rdi, %%rdx; mov %%rsi, %%rdi; mov %%r15, %%rsi\n\t"
	    "push %%rdi; push %%rsi; push %%rdx\n\t"
	    "mov $0xffff, %%r15\n\t"
	    "int $0x80\n\t"
	    "xor %%eax, %%eax\n\t"
	    "cmp $0x1111, %%rbx; setne %%al; mov %%rax, %%r10\n\t"
	    "xor %%eax, %%eax; cmp $0x2222, %%rcx; setne %%al; add %%rax, %%r10\n\t"
	    "xor %%eax, %%eax; cmp (%%rsp), %%rdx; setne %%al; add %%rax, %%r10\n\t"
	    "xor %%eax, %%eax; cmp 8(%%rsp), %%rsi; setne %%al; add %%rax, %%r10\n\t"
	    "xor %%eax, %%eax; cmp 16(%%rsp), %%rdi; setne %%al; add %%rax, %%r10\n\t"
	    "xor %%eax, %%eax; cmp $0x6666, %%rbp; setne %%al; add %%rax, %%r10\n\t"
	    "xor %%eax, %%eax; cmp $0x8888, %%r8; setne %%al; add %%rax, %%r10\n\t"
	    "xor %%eax, %%eax; cmp $0x9999, %%r9; setne %%al; add %%rax, %%r10\n\t"
	    "xor %%eax, %%eax; cmp $0xbbbb, %%r11; setne %%al; add %%rax, %%r10\n\t"
	    "xor %%eax, %%eax; cmp $0xcccc, %%r12; setne %%al; add %%rax, %%r10\n\t"
	    "xor %%eax, %%eax; cmp $0xdddd, %%r13; setne %%al; add %%rax, %%r10\n\t"
	    "xor %%eax, %%eax; cmp $0xeeee, %%r14; setne %%al; add %%rax, %%r10\n\t"
	    "xor %%eax, %%eax; cmp $0xffff, %%r15; setne %%al; add %%rax, %%r10\n\t"
	    "add $24, %%rsp\n\t"
	    "pop %%r15; pop %%r14; pop %%r13; pop %%r12; pop %%rbp; pop %%rbx\n\t"
	    "mov %%r10, %%rax"
	    : "=a"(changed), "+D"(a0), "+S"(a1), "+d"(a2)
	    : "a"(nr)
	    : "rcx", "r8", "r9", "r10", "r11", "memory");
	return changed;
}

int main(void)
{
	long pid = sys_getpid();

	check_start("int80_and_syscall");
	EXPECT("getpid is positive", pid > 0, 1);
	same("getpid", SYS_getpid, 0, 0, 0, pid);
	same("write 5 bytes", SYS_write, 1, (long)"gate\n", 5, 5);
	same("write bad fd", SYS_write, 7, (long)"x", 1, -EBADF);
	same("write null buffer", SYS_write, 1, 0, 1, -EFAULT);
	same("unknown number", 0x777, 0, 0, 0, -ENOSYS);
	same("bc_get_state io", SYS_bc_get_state, 1, 0, 0, 1);
	EXPECT("int80 registers changed (must be 0)",
	       int80_clobbers(SYS_getpid, 0x5555, 0x4444, 0x3333), 0);
	EXPECT("int80 write registers changed (must be 0)",
	       int80_clobbers(SYS_write, 1, (long)"", 0), 0);
	return check_finish();
}
