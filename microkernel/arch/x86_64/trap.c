/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Every vector lands in trap_dispatch. A fault in the kernel is fatal and
 * reported in full; interrupts go to their driver.
 */
#include "trapframe.h"

#include <abi/errno.h>
#include <abi/signal.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/percpu.h>
#include <arch/x86_64/idt.h>
#include <arch/x86_64/lapic.h>
#include <arch/x86_64/sysgate.h>
#include <abi/irq.h>
#include <bc/irq.h>
#include <core/console.h>
#include <core/panic.h>
#include <core/proc.h>
#include <core/sched.h>
#include <core/signal.h>
#include <core/tick.h>
#include <fmt/fmt.h>
#include <mm/kstack.h>
#include <syscall/syscall.h>

#define VECTOR_DOUBLE_FAULT 8
#define VECTOR_PAGE_FAULT 14
#define EXCEPTION_VECTORS 32

static const char *const exception_names[EXCEPTION_VECTORS] = {
    [0] = "#DE divide error",
    [1] = "#DB debug",
    [2] = "NMI",
    [3] = "#BP breakpoint",
    [4] = "#OF overflow",
    [5] = "#BR bound range",
    [6] = "#UD invalid opcode",
    [7] = "#NM device not available",
    [8] = "#DF double fault",
    [10] = "#TS invalid TSS",
    [11] = "#NP segment not present",
    [12] = "#SS stack fault",
    [13] = "#GP general protection",
    [14] = "#PF page fault",
    [16] = "#MF x87 error",
    [17] = "#AC alignment check",
    [18] = "#MC machine check",
    [19] = "#XM SIMD error",
    [20] = "#VE virtualization",
    [21] = "#CP control protection",
};

static void dump_registers(const struct trap_frame *tf)
{
	kprintf_color(CONSOLE_RED,
		      "  rax=%016lx rbx=%016lx rcx=%016lx rdx=%016lx\n"
		      "  rsi=%016lx rdi=%016lx rbp=%016lx rsp=%016lx\n"
		      "  r8 =%016lx r9 =%016lx r10=%016lx r11=%016lx\n"
		      "  r12=%016lx r13=%016lx r14=%016lx r15=%016lx\n"
		      "  cs=%lx ss=%lx rflags=%016lx cr3=%016lx\n",
		      tf->rax, tf->rbx, tf->rcx, tf->rdx, tf->rsi, tf->rdi, tf->rbp, tf->rsp,
		      tf->r8, tf->r9, tf->r10, tf->r11, tf->r12, tf->r13, tf->r14, tf->r15, tf->cs,
		      tf->ss, tf->rflags, read_cr3());
}

/* A #DF whose CR2 sits in a stack's guard page is a kernel stack overflow. */
static const char *fault_cause(const struct trap_frame *tf, uint64_t cr2)
{
	struct kstack ks;

	if ((tf->vector == VECTOR_DOUBLE_FAULT || tf->vector == VECTOR_PAGE_FAULT) &&
	    kstack_guard_hit(cr2, &ks))
		return ": kernel stack overflow into a guard page";
	return "";
}

/* uaccess.S's copy of user memory faulted: it answers -EFAULT instead. */
static int uaccess_fixup(struct trap_frame *tf)
{
	extern const char uaccess_copy[], uaccess_copy_end[], uaccess_fault[];

	if (tf->vector != VECTOR_PAGE_FAULT || tf->rip < (uint64_t)uaccess_copy ||
	    tf->rip >= (uint64_t)uaccess_copy_end)
		return 0;
	tf->rip = (uint64_t)uaccess_fault;
	return 1;
}

static __attribute__((noreturn)) void kernel_fault(struct trap_frame *tf)
{
	const char *name = exception_names[tf->vector];
	uint64_t cr2 = read_cr2();

	kprintf_color(CONSOLE_RED,
		      "PANIC: %s in kernel%s (vector %lu, error 0x%lx) rip=0x%016lx cr2=0x%016lx\n",
		      name ? name : "reserved exception", fault_cause(tf, cr2), tf->vector,
		      tf->error, tf->rip, cr2);
	dump_registers(tf);
	kprintf_color(CONSOLE_RED, "  at 0x%016lx\n", tf->rip);
	backtrace_print(tf->rbp);
	panic_stop();
}

/* OpenBSD signal numbers for the wait status of a killed process. */
static int signal_for(uint64_t vector)
{
	switch (vector) {
	case 0:
	case 16:
	case 19:
		return SIGFPE;
	case 1:
	case 3:
		return SIGTRAP;
	case 6:
		return SIGILL;
	case 17:
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

/* si_code for a fault: for #PF, whether the page was there at all. */
static int code_for(const struct trap_frame *tf, int sig)
{
	switch (sig) {
	case SIGSEGV:
		return tf->vector == VECTOR_PAGE_FAULT && (tf->error & 1) ? SEGV_ACCERR
									  : SEGV_MAPERR;
	case SIGFPE:
		return tf->vector == 0 ? FPE_INTDIV : FPE_FLTINV;
	case SIGTRAP:
		return tf->vector == 3 ? TRAP_BRKPT : TRAP_TRACE;
	case SIGBUS:
		return BUS_ADRALN;
	default:
		return ILL_ILLOPC;
	}
}

/* A fault in ring 3 becomes a signal its handler takes (si_addr: CR2 for
 * a page fault, the instruction otherwise); without one it ends that
 * process only. */
static void user_fault(struct trap_frame *tf)
{
	const char *name = exception_names[tf->vector];
	int sig = signal_for(tf->vector);
	uint64_t addr = tf->vector == VECTOR_PAGE_FAULT ? read_cr2() : tf->rip;
	char why[160];

	if (signal_fault(current_proc(), sig, code_for(tf, sig), addr, (int)tf->vector))
		return;
	fmt_snprintf(why, sizeof why, "%s at rip=0x%lx cr2=0x%lx error=0x%lx",
		     name ? name : "reserved exception", tf->rip, read_cr2(), tf->error);
	proc_kill_current(why, sig);
}

static int from_user(const struct trap_frame *tf)
{
	return (tf->cs & 3) == 3;
}

/* Every way back to ring 3 but a system call's passes here: the
 * scheduler may switch first, a process killed meanwhile ends instead of
 * returning, and signals are taken. */
static void return_to_user(struct trap_frame *tf)
{
	sched_preempt_point();
	proc_end_if_killed();
	if (percpu0.exit_work.by.signal)
		signal_deliver(tf, -1);
}

#define PF_PRESENT_WRITE_USER 7
#define PF_PRESENT 1
#define PF_USER 4

/* A first touch of stack below what is mapped: map it and retry. */
static int stack_fault(const struct trap_frame *tf)
{
	if (tf->vector != VECTOR_PAGE_FAULT || (tf->error & (PF_PRESENT | PF_USER)) != PF_USER)
		return 0;
	int err = vm_stack_fault(&current_proc()->vm, read_cr2());
	if (err == -ENOMEM)
		proc_kill_current("out of memory for the stack", SIGSEGV);
	return err == 0;
}

/* A write to a copy-on-write page: take a private copy and retry. */
static int cow_fault(const struct trap_frame *tf)
{
	if (tf->vector != VECTOR_PAGE_FAULT || (tf->error & 7) != PF_PRESENT_WRITE_USER)
		return 0;
	int err = vm_cow_break(&current_proc()->vm, read_cr2());
	if (err == -ENOMEM)
		proc_kill_current("out of memory for a copy-on-write page", SIGKILL);
	return err == 0;
}

static void device_interrupt(uint64_t vector)
{
	if (vector - VECTOR_IRQ_BASE < IRQ_COUNT) {
		irq_interrupt((unsigned)(vector - VECTOR_IRQ_BASE));
		return;
	}
	kprintf("trap: unexpected interrupt vector %lu\n", vector);
	lapic_eoi();
}

void trap_dispatch(struct trap_frame *tf)
{
	if (tf->vector < EXCEPTION_VECTORS) {
		if (!from_user(tf) && uaccess_fixup(tf))
			return;
		if (!from_user(tf) || tf->vector == 2 || tf->vector == 8 || tf->vector == 18)
			kernel_fault(tf);
		if (!cow_fault(tf) && !stack_fault(tf))
			user_fault(tf);
		return_to_user(tf);
		return;
	}
	switch (tf->vector) {
	case VECTOR_SYSCALL:
		syscall_trap(tf);
		return;
	case VECTOR_TIMER:
		lapic_timer_interrupt();
		kernel_tick();
		break;
	case VECTOR_SPURIOUS:
		return; /* no EOI for spurious interrupts */
	default:
		device_interrupt(tf->vector);
	}
	if (from_user(tf))
		return_to_user(tf);
}
