/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Power off by ACPI S5 (the FADT's PM1 control blocks, the DSDT's \_S5
 * sleep types) and reset by whatever the machine has: the FADT's reset
 * register, then port 0xcf9, then the 8042, then a triple fault. Each
 * step reads only tables acpi.c has checked, and says on the console
 * what it tries, so a machine that stays on tells why.
 */
#include <arch/x86_64/power.h>

#include <arch/x86_64/acpi.h>
#include <arch/x86_64/acpi_s5.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/refclock.h>
#include <core/console.h>
#include <string/string.h>

/* FADT fields (ACPI 6.5, table 5.9): byte offsets. */
#define FADT_DSDT 40
#define FADT_SMI_CMD 48
#define FADT_ACPI_ENABLE 52
#define FADT_PM1A_CNT_BLK 64
#define FADT_PM1B_CNT_BLK 68
#define FADT_IAPC_BOOT_ARCH 109
#define FADT_FLAGS 112
#define FADT_RESET_REG 116
#define FADT_RESET_VALUE 128
#define FADT_X_DSDT 140
#define FADT_X_PM1A_CNT_BLK 172
#define FADT_X_PM1B_CNT_BLK 184

#define FADT_RESET_REG_SUP (1u << 10)
#define FADT_HW_REDUCED (1u << 20)
#define BOOT_ARCH_8042 (1u << 1)

/* PM1 control register bits. */
#define PM1_SCI_EN 0x0001
#define PM1_SLP_TYP_SHIFT 10
#define PM1_SLP_TYP_MASK (7u << PM1_SLP_TYP_SHIFT)
#define PM1_SLP_EN (1u << 13)

#define CF9_PORT 0xcf9
#define CF9_SYS_RST 0x02
#define CF9_RST_CPU 0x04
#define KBC_STATUS 0x64
#define KBC_INPUT_FULL 0x02
#define KBC_PULSE_RESET 0xfe

static void wait_ms(unsigned ms)
{
	for (; ms >= 50; ms -= 50)
		refclock_delay_us(50000);
	refclock_delay_us(ms * 1000);
}

__attribute__((noreturn)) void power_halt(void)
{
	kprintf("kernel: halted: the machine can be switched off\n");
	cpu_stop();
}

/* A PM1 control block's port: the 64-bit field's when it names one. */
static uint16_t pm1_port(const struct acpi_header *fadt, uint32_t x_off, uint32_t off)
{
	uint16_t port = acpi_gas_port(fadt, x_off);
	uint64_t legacy = acpi_field(fadt, off, 4);

	return port ? port : legacy <= 0xfffe ? (uint16_t)legacy : 0;
}

static const struct acpi_header *dsdt_at(uint64_t pa)
{
	const struct acpi_header *t = acpi_table_at(pa);

	return t && !memcmp(t->signature, "DSDT", 4) ? t : 0;
}

/* X_DSDT when it leads to a valid DSDT, else the 32-bit field's. */
static const struct acpi_header *dsdt_of(const struct acpi_header *fadt)
{
	const struct acpi_header *t = dsdt_at(acpi_field(fadt, FADT_X_DSDT, 8));

	return t ? t : dsdt_at(acpi_field(fadt, FADT_DSDT, 4));
}

struct s5 {
	uint16_t pm1a, pm1b; /* pm1b 0: none */
	struct acpi_sleep_types types;
};

/* What S5 takes, or why it cannot be had. */
static const char *s5_find(struct s5 *s)
{
	const struct acpi_header *fadt = acpi_find("FACP"), *dsdt;

	if (!fadt)
		return "no FADT";
	if (acpi_field(fadt, FADT_FLAGS, 4) & FADT_HW_REDUCED)
		return "a hardware-reduced ACPI machine has no PM1 control block";
	s->pm1a = pm1_port(fadt, FADT_X_PM1A_CNT_BLK, FADT_PM1A_CNT_BLK);
	s->pm1b = pm1_port(fadt, FADT_X_PM1B_CNT_BLK, FADT_PM1B_CNT_BLK);
	if (!s->pm1a)
		return "the FADT names no PM1a control block";
	dsdt = dsdt_of(fadt);
	if (!dsdt)
		return "no valid DSDT";
	if (acpi_s5_find((const uint8_t *)(dsdt + 1), dsdt->length - sizeof *dsdt, &s->types))
		return "no well-formed \\_S5 package in the DSDT";
	return 0;
}

/* Firmware that left the machine in legacy mode ignores SLP_EN until the
 * OS asks for ACPI mode through SMI_CMD; wait up to a second for it. */
static void acpi_mode_on(const struct acpi_header *fadt, uint16_t pm1a)
{
	uint64_t smi = acpi_field(fadt, FADT_SMI_CMD, 4);
	uint8_t enable = (uint8_t)acpi_field(fadt, FADT_ACPI_ENABLE, 1);

	if ((inw(pm1a) & PM1_SCI_EN) || !smi || smi > 0xffff || !enable)
		return;
	outb((uint16_t)smi, enable);
	for (int i = 0; i < 100 && !(inw(pm1a) & PM1_SCI_EN); i++)
		wait_ms(10);
}

static void pm1_sleep(uint16_t port, uint8_t type, uint16_t extra)
{
	uint16_t v = inw(port) & ~(PM1_SLP_TYP_MASK | PM1_SLP_EN);

	outw(port, (uint16_t)(v | (type & 7u) << PM1_SLP_TYP_SHIFT | extra));
}

__attribute__((noreturn)) void power_off(void)
{
	struct s5 s = {0};
	const char *why = s5_find(&s);

	if (why) {
		kprintf("kernel: cannot power off: %s\n", why);
		power_halt();
	}
	acpi_mode_on(acpi_find("FACP"), s.pm1a);
	/* The sleep types first, then SLP_EN in each block, as ACPI orders. */
	pm1_sleep(s.pm1a, s.types.a, 0);
	if (s.pm1b)
		pm1_sleep(s.pm1b, s.types.b, 0);
	pm1_sleep(s.pm1a, s.types.a, PM1_SLP_EN);
	if (s.pm1b)
		pm1_sleep(s.pm1b, s.types.b, PM1_SLP_EN);
	wait_ms(1000);
	kprintf("kernel: still on a second after S5 (PM1a 0x%x, SLP_TYP %u)\n", s.pm1a,
		s.types.a & 7u);
	power_halt();
}

/* The FADT's reset register, when the flags say it is there and it lies
 * in I/O space (memory and PCI-config ones are left to the next ways). */
static void reset_acpi(void)
{
	const struct acpi_header *fadt = acpi_find("FACP");
	uint16_t port = fadt ? acpi_gas_port(fadt, FADT_RESET_REG) : 0;

	if (!fadt || !(acpi_field(fadt, FADT_FLAGS, 4) & FADT_RESET_REG_SUP) || !port) {
		kprintf("kernel: reset: no FADT reset register in I/O space\n");
		return;
	}
	uint8_t value = (uint8_t)acpi_field(fadt, FADT_RESET_VALUE, 1);
	kprintf("kernel: reset: FADT reset register, port 0x%x <- 0x%x\n", port, value);
	outb(port, value);
}

static void reset_cf9(void)
{
	kprintf("kernel: reset: port 0xcf9\n");
	outb(CF9_PORT, CF9_SYS_RST);
	refclock_delay_us(50);
	outb(CF9_PORT, CF9_SYS_RST | CF9_RST_CPU);
}

/* No FADT field (a revision before 3) says nothing: PCs had one. */
static int kbc_present(void)
{
	const struct acpi_header *fadt = acpi_find("FACP");

	if (fadt && fadt->length > FADT_IAPC_BOOT_ARCH + 1 &&
	    !(acpi_field(fadt, FADT_IAPC_BOOT_ARCH, 2) & BOOT_ARCH_8042))
		return 0;
	return inb(KBC_STATUS) != 0xff; /* a floating bus: nothing there */
}

static void reset_8042(void)
{
	if (!kbc_present()) {
		kprintf("kernel: reset: no 8042\n");
		return;
	}
	kprintf("kernel: reset: 8042 reset line\n");
	for (int i = 0; i < 1000 && (inb(KBC_STATUS) & KBC_INPUT_FULL); i++)
		refclock_delay_us(100);
	outb(KBC_STATUS, KBC_PULSE_RESET);
}

/* int3 with an empty IDT: #GP, then #DF, then shutdown, which resets. */
__attribute__((noreturn)) static void reset_triple(void)
{
	const struct __attribute__((packed)) {
		uint16_t limit;
		uint64_t base;
	} none = {0, 0};

	kprintf("kernel: reset: triple fault\n");
	__asm__ volatile("lidt %0; int3" : : "m"(none));
	cpu_stop();
}

__attribute__((noreturn)) void power_reset(enum power_reset_method first)
{
	static void (*const ways[])(void) = {reset_acpi, reset_cf9, reset_8042};

	for (unsigned i = first; i < sizeof ways / sizeof ways[0]; i++) {
		ways[i]();
		wait_ms(500); /* a reset that takes does so long before this */
	}
	reset_triple();
}

int power_reset_method_named(const char *name)
{
	static const char *const names[POWER_RESET_METHODS] = {"acpi", "cf9", "8042", "triple"};

	for (int i = 0; i < POWER_RESET_METHODS; i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}
