/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/panic.h>

#include <arch/x86_64/cpu.h>
#include <core/console.h>
#include <core/kconfig.h>
#include <fmt/fmt.h>
#include <mm/kvm.h>

#define BACKTRACE_DEPTH 16

void backtrace_print(uint64_t rbp)
{
	kprintf_color(CONSOLE_RED, "backtrace:\n");
	for (int depth = 0; depth < BACKTRACE_DEPTH && rbp; depth++) {
		/* A corrupt chain must not fault inside the panic path. */
		if (rbp % 8 || !kvm_is_mapped(rbp) || !kvm_is_mapped(rbp + 15))
			break;
		uint64_t *frame = (uint64_t *)rbp;
		if (frame[1] == 0)
			break;
		kprintf_color(CONSOLE_RED, "  #%d 0x%016lx\n", depth, (unsigned long)frame[1]);
		rbp = frame[0];
	}
}

void panic_stop(void)
{
	if (kconfig_test_mode())
		qemu_exit(QEMU_EXIT_FAIL);
	kprintf_color(CONSOLE_RED, "system halted\n");
	cpu_stop();
}

void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	irq_disable();
	console_take_back();
	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	kprintf_color(CONSOLE_RED, "PANIC: %s\n", msg);
	backtrace_print(read_rbp());
	panic_stop();
}
