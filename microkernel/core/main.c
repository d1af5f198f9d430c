/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot order matters: serial first (so anything can be reported), then the
 * CPU tables, then memory, then our own page tables and a guarded stack;
 * only then is loader memory reclaimed and are interrupts turned on.
 */
#include <abi/bootinfo.h>
#include <arch/x86_64/acpi.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/fpu.h>
#include <arch/x86_64/gdt.h>
#include <arch/x86_64/idt.h>
#include <arch/x86_64/ioapic.h>
#include <arch/x86_64/lapic.h>
#include <arch/x86_64/refclock.h>
#include <arch/x86_64/sysgate.h>
#include <core/boot_programs.h>
#include <core/bootarc.h>
#include <core/console.h>
#include <string/string.h>
#include <core/guard.h>
#include <core/kconfig.h>
#include <core/panic.h>
#include <core/proc.h>
#include <core/sched.h>
#include <core/selftest.h>
#include <dev/dev.h>
#include <dev/rtc.h>
#include <fmt/fmt.h>
#include <mm/frame.h>
#include <mm/kstack.h>
#include <mm/kvm.h>
#include <mm/layout.h>

#define TICK_HZ 100
#define TIMER_PROOF_TICKS 10

void kmain(struct bootinfo *bi);

static void check_bootinfo(const struct bootinfo *bi)
{
	if (bi->magic == BOOTINFO_MAGIC && bi->version == BOOTINFO_VERSION)
		return;
	kprintf("PANIC: boot info has the wrong magic or version (loader and kernel "
		"from different builds?)\n");
	cpu_stop();
}

static void attach_framebuffer(const struct bootfb *fb)
{
	if (fb->format == BOOTFB_NONE || fb->width == 0 || fb->height == 0)
		return;
	console_attach_fb(fb, kvm_map_mmio(fb->base, fb->size, KVM_WRITE_COMBINING));
}

static uint64_t stack_or_panic(const char *what)
{
	struct kstack ks;

	if (kstack_alloc(&ks))
		panic("no memory for the %s stack", what);
	return ks.top;
}

static void print_memory(void)
{
	const struct frame_stats *s = frame_stats();

	kprintf("memory: usable %lu MiB, reclaimed %lu KiB of boot services and loader memory, "
		"%lu MiB free, highest RAM 0x%lx\n",
		s->usable_bytes >> 20, s->reclaimed_bytes >> 10, (frame_free_count() * 4096) >> 20,
		s->phys_end);
}

/* Wait for real timer interrupts; a dead timer fails the boot loudly. */
/* A GPT GUID as sgdisk shows it: the first three fields are stored
 * little-endian. */
static void format_guid(char out[37], const uint8_t *g)
{
	fmt_snprintf(out, 37,
		     "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X", g[3],
		     g[2], g[1], g[0], g[5], g[4], g[7], g[6], g[8], g[9], g[10], g[11], g[12],
		     g[13], g[14], g[15]);
}

/* Where the data partition is, for the log: dagfs finds it the same way
 * (the boot file "bootdisk"). */
static void report_bootdisk(const struct bootdisk *d)
{
	char guid[37];

	if (!(d->flags & BOOTDISK_GPT)) {
		kprintf("disk: the loader found no GPT boot disk: no data partition\n");
		return;
	}
	if (!(d->flags & BOOTDISK_DATA)) {
		kprintf("disk: no Chapp-E data partition on the boot disk\n");
		return;
	}
	format_guid(guid, d->data_guid);
	kprintf("disk: data partition %s, sectors %lu-%lu (%lu MiB) of the boot disk\n", guid,
		d->data_first_lba, d->data_last_lba,
		(d->data_last_lba - d->data_first_lba + 1) * d->sector_size >> 20);
}

static void prove_timer(void)
{
	const struct timer_info *t = timer_info();
	uint64_t deadline = rdtsc() + 2 * t->tsc_hz;

	while (timer_interrupts() < TIMER_PROOF_TICKS && rdtsc() < deadline)
		cpu_halt();
	if (timer_interrupts() < TIMER_PROOF_TICKS)
		panic("timer: no interrupts after 2 s (%lu ticks)", timer_interrupts());
	kprintf(
	    "timer: LAPIC %lu kHz, TSC %lu MHz (calibrated by %s), %u Hz tick, %lu ticks seen\n",
	    t->lapic_hz / 1000, t->tsc_hz / 1000000, t->reference, t->tick_hz, timer_interrupts());
}

static __attribute__((noreturn)) void kmain_on_kernel_stack(void *arg)
{
	struct bootinfo *bi = arg;
	char test[32];

	frame_reclaim_boot(bi);
	print_memory();
	report_bootdisk(&bi->disk);
	acpi_init(bi->acpi_rsdp);
	refclock_init();
	lapic_init();
	ioapic_init();
	dev_init(&bi->fb);
	lapic_timer_start(TICK_HZ);
	irq_enable();
	prove_timer();
	rtc_init();
	guard_enforce();
	int testing = kconfig_get("test", test, sizeof test) > 0;
	if (testing && selftest_exists(test))
		selftest_run(test);
	bootarc_init(bi->archive_phys, bi->archive_size);
	bootarc_add_rootfs(bi->rootfs_phys, bi->rootfs_size);
	bootarc_add_bootdisk(&bi->disk);
	boot_programs_start(testing ? test : 0);
	kprintf("boot: %u processes started from %u archive entries\n", proc_count(),
		bootarc_count());
	sched_idle();
}

void kmain(struct bootinfo *bi)
{
	console_init_serial();
	check_bootinfo(bi);
	gdt_init();
	idt_init();
	sysgate_init();
	sched_init();
	proc_init();
	kconfig_init(bi);
	frame_init(bi);
	kvm_init(bi);
	fpu_init();
	attach_framebuffer(&bi->fb);
	kprintf("Chapp-E " CHAPPE_VERSION " x86-64 microkernel booting\n");
	kprintf("kernel: image 0x%lx-0x%lx at physical 0x%lx; protections %s\n",
		(uint64_t)__kernel_start, (uint64_t)__kernel_end, bi->kernel_phys_base,
		kvm_protections());
	if (*kvm_protections_missing())
		kprintf_color(CONSOLE_RED, "kernel: this CPU lacks %s: running without %s\n",
			      kvm_protections_missing(),
			      strchr(kvm_protections_missing(), ' ') ? "them" : "it");
	kprintf("fpu: %s\n", fpu_describe());
	gdt_set_ist(IST_DOUBLE_FAULT, stack_or_panic("double-fault"));
	gdt_set_ist(IST_NMI, stack_or_panic("NMI"));
	gdt_set_ist(IST_MACHINE_CHECK, stack_or_panic("machine-check"));
	stack_switch_call(stack_or_panic("kernel main"), kmain_on_kernel_stack, bi);
}
