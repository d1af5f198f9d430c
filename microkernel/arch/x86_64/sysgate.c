/* SPDX-License-Identifier: BSD-2-Clause */
#include <arch/x86_64/sysgate.h>

#include <arch/x86_64/cpu.h>
#include <arch/x86_64/gdt.h>
#include <arch/x86_64/percpu.h>

#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_SFMASK 0xc0000084
#define MSR_GS_BASE 0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102
#define EFER_SCE 1ULL

#define RFLAGS_TF (1u << 8)
#define RFLAGS_IF (1u << 9)
#define RFLAGS_DF (1u << 10)
#define RFLAGS_NT (1u << 14)
#define RFLAGS_AC (1u << 18)

struct percpu percpu0;

void syscall_entry(void); /* entry.S */

void sysgate_init(void)
{
	/* SYSRET takes CS = base + 16 and SS = base + 8 (RPL 3): user data, then user code. */
	uint64_t sysret_base = GDT_USER_DATA - 8;

	wrmsr(MSR_GS_BASE, (uint64_t)&percpu0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	wrmsr(MSR_STAR, (sysret_base << 48) | ((uint64_t)GDT_KERNEL_CODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	/* The kernel runs with interrupts off, forward string ops, no
	 * single-step, no user access override, no nested task. */
	wrmsr(MSR_SFMASK, RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC | RFLAGS_NT);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
