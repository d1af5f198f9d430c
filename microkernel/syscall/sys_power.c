/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * reboot(howto): the machine off, reset or halted (docs/power.md). Only a
 * process holding the power capability gets here (POWER in the syscall
 * list): init and what it forks. The kernel does not sync: the caller
 * did (poweroff and reboot call sync() first), as the filesystem is a
 * server's.
 */
#include <syscall/syscall.h>

#include <abi/errno.h>
#include <abi/reboot.h>
#include <arch/x86_64/power.h>
#include <core/console.h>
#include <core/kconfig.h>

/* BOOT.CFG's reset_via= (acpi, cf9, 8042, triple) starts the reset at a
 * later way, so a test can see each one work. */
static enum power_reset_method first_reset_way(void)
{
	char name[8];
	int way = kconfig_get("reset_via", name, sizeof name) > 0 ? power_reset_method_named(name)
								  : POWER_RESET_ACPI;

	return way < 0 ? POWER_RESET_ACPI : (enum power_reset_method)way;
}

int64_t ksys_reboot(struct trap_frame *tf)
{
	uint64_t howto = tf->rdi;

	if (howto & ~(uint64_t)RB_KNOWN)
		return -EINVAL;
	console_take_back(); /* the drivers that own the console stop with us */
	if (howto & RB_POWERDOWN) {
		kprintf("kernel: power off\n");
		power_off();
	}
	if (howto & RB_HALT) {
		kprintf("kernel: halt\n");
		power_halt();
	}
	kprintf("kernel: reset\n");
	power_reset(first_reset_way());
}
