/* SPDX-License-Identifier: BSD-2-Clause */
#include <arch/x86_64/refclock.h>

#include <arch/x86_64/acpi.h>
#include <arch/x86_64/cpu.h>

#define PM_TIMER_HZ 3579545ULL
#define PIT_HZ 1193182ULL
#define FADT_PM_TMR_BLK 76
#define FADT_FLAGS 112
#define FADT_X_PM_TMR_BLK 208
#define FADT_TMR_VAL_EXT (1u << 8)

static uint16_t pm_port;
static uint32_t pm_mask;

/* Prefer the 64-bit X_PM_TMR_BLK when it names an I/O port. */
static uint64_t fadt_pm_port(const struct acpi_header *f)
{
	uint16_t port = acpi_gas_port(f, FADT_X_PM_TMR_BLK);

	return port ? port : acpi_field(f, FADT_PM_TMR_BLK, 4);
}

void refclock_init(void)
{
	const struct acpi_header *fadt = acpi_find("FACP");
	uint64_t port = fadt ? fadt_pm_port(fadt) : 0;

	if (port && port <= 0xffff) {
		pm_port = (uint16_t)port;
		pm_mask =
		    (acpi_field(fadt, FADT_FLAGS, 4) & FADT_TMR_VAL_EXT) ? 0xffffffffu : 0xffffffu;
	}
}

const char *refclock_name(void)
{
	return pm_port ? "ACPI PM timer" : "PIT channel 2";
}

static void pm_delay(uint32_t us)
{
	uint32_t need = (uint32_t)(PM_TIMER_HZ * us / 1000000), start = inl(pm_port) & pm_mask;

	while (((inl(pm_port) - start) & pm_mask) < need)
		cpu_relax();
}

/* Mode 0 on channel 2: OUT2 (port 0x61 bit 5) rises when the count ends. */
static void pit_delay(uint32_t us)
{
	uint32_t count = (uint32_t)(PIT_HZ * us / 1000000);
	uint8_t gate = inb(0x61);

	if (count > 0xffff)
		count = 0xffff;
	outb(0x61, (gate & ~0x03) | 0x00);
	outb(0x43, 0xb0);
	outb(0x42, (uint8_t)count);
	outb(0x42, (uint8_t)(count >> 8));
	outb(0x61, (gate & ~0x02) | 0x01);
	while (!(inb(0x61) & 0x20))
		cpu_relax();
	outb(0x61, gate);
}

void refclock_delay_us(uint32_t us)
{
	if (pm_port)
		pm_delay(us);
	else
		pit_delay(us);
}
