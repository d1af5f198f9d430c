/* SPDX-License-Identifier: BSD-2-Clause */
#include <arch/x86_64/lapic.h>

#include <arch/x86_64/cpu.h>
#include <arch/x86_64/idt.h>
#include <arch/x86_64/refclock.h>
#include <core/panic.h>
#include <mm/kvm.h>

#define LAPIC_ID 0x020
#define LAPIC_EOI 0x0b0
#define LAPIC_SVR 0x0f0
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3e0
#define SVR_ENABLE 0x100
#define LVT_MASKED (1u << 16)
#define LVT_PERIODIC (1u << 17)
#define DIV_BY_16 0x3
#define APIC_BASE_ENABLE (1ULL << 11)
#define CALIBRATE_US 10000

static volatile uint32_t *lapic;
static volatile uint64_t interrupts;
static uint64_t tsc_at_start;
static struct timer_info info;

static uint32_t lapic_read(uint32_t reg)
{
	return lapic[reg / 4];
}

static void lapic_write(uint32_t reg, uint32_t v)
{
	lapic[reg / 4] = v;
}

/* The 8259s may still be unmasked from the firmware; we only use the LAPIC. */
static void pic_mask_all(void)
{
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

void lapic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	if (!(cpuid(1, 0).d & (1u << 9)))
		panic("lapic: this CPU has no local APIC");
	pic_mask_all();
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = kvm_map_mmio(base & 0xffffff000ULL, 4096, KVM_UNCACHED);
	lapic_write(LAPIC_SVR, SVR_ENABLE | VECTOR_SPURIOUS);
}

static void calibrate(void)
{
	lapic_write(LAPIC_TIMER_DIV, DIV_BY_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	lapic_write(LAPIC_TIMER_INIT, 0xffffffffu);
	uint64_t tsc0 = rdtsc();
	refclock_delay_us(CALIBRATE_US);
	uint32_t left = lapic_read(LAPIC_TIMER_CUR);
	uint64_t tsc1 = rdtsc();
	lapic_write(LAPIC_TIMER_INIT, 0);
	info.lapic_hz = (uint64_t)(0xffffffffu - left) * (1000000 / CALIBRATE_US);
	info.tsc_hz = (tsc1 - tsc0) * (1000000 / CALIBRATE_US);
	info.reference = refclock_name();
}

void lapic_timer_start(unsigned hz)
{
	calibrate();
	if (info.lapic_hz < hz)
		panic("lapic: timer calibration failed (%lu Hz measured)", info.lapic_hz);
	info.tick_hz = hz;
	tsc_at_start = rdtsc();
	lapic_write(LAPIC_TIMER_DIV, DIV_BY_16);
	lapic_write(LAPIC_LVT_TIMER, VECTOR_TIMER | LVT_PERIODIC);
	lapic_write(LAPIC_TIMER_INIT, (uint32_t)(info.lapic_hz / hz));
}

void lapic_timer_interrupt(void)
{
	interrupts++;
	lapic_eoi();
}

uint32_t lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> 24;
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

/* Read off the TSC, not counted: a tick interrupt that arrives while
 * interrupts are off is merged with the next, and a count would fall behind. */
uint64_t timer_ticks(void)
{
	uint64_t hz = info.tsc_hz, cycles = rdtsc() - tsc_at_start;

	if (!hz)
		return 0;
	/* Whole seconds, then the rest: no product can overflow. */
	return cycles / hz * info.tick_hz + cycles % hz * info.tick_hz / hz;
}

uint64_t timer_interrupts(void)
{
	return interrupts;
}

const struct timer_info *timer_info(void)
{
	return &info;
}
