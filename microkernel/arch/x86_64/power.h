/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Turning the machine off and resetting it (docs/power.md). None of these
 * returns: what to save is saved before (the caller synced, the console
 * is the kernel's again).
 */
#pragma once

/* The ways to reset, in the order tried. */
enum power_reset_method {
	POWER_RESET_ACPI,   /* the FADT's RESET_REG, when its flags offer it */
	POWER_RESET_CF9,    /* the chipset's reset control register, port 0xcf9 */
	POWER_RESET_8042,   /* the keyboard controller's reset line */
	POWER_RESET_TRIPLE, /* an exception with no IDT: the CPU shuts down */
	POWER_RESET_METHODS,
};

/* ACPI S5; when that is impossible or the machine is still on after a
 * second, says so and halts. */
__attribute__((noreturn)) void power_off(void);
/* Try each way from first on until one takes (the last always does). */
__attribute__((noreturn)) void power_reset(enum power_reset_method first);
/* Stop here: the machine stays on, quiet, until it is switched off. */
__attribute__((noreturn)) void power_halt(void);
/* The method a name (acpi, cf9, 8042, triple) means; -1 for none. */
int power_reset_method_named(const char *name);
