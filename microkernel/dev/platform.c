/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PC's own devices, which no bus enumerates: COM1, the PS/2 controller
 * (absent with QEMU's i8042=off and on many new PCs), the CMOS clock and
 * the framebuffer the firmware left behind. Each is added only when it
 * answers.
 */
#include <dev/platform.h>

#include <abi/bootinfo.h>
#include <arch/x86_64/cpu.h>
#include <dev/dev.h>
#include <string/string.h>

#define COM1 0x3f8
#define COM_SCRATCH 7
#define PS2_DATA 0x60
#define PS2_STATUS 0x64
#define CMOS_INDEX 0x70
#define CMOS_STATUS_A 0x0a
#define CMOS_NMI_OFF 0x80 /* index bit 7 masks NMI; keep it as the firmware left it */

static void add(const char *name, uint8_t irq0, uint8_t irq1, const struct dev_region *r,
		int nregions)
{
	struct dev_info d = {.bus = DEV_BUS_PLATFORM, .isa_irq = {irq0, irq1}};

	memcpy(d.name, name, strlen(name) + 1);
	for (int i = 0; i < nregions; i++)
		d.region[i] = r[i];
	dev_add(&d);
}

static void add_fb(const struct bootfb *fb)
{
	struct dev_info d = {.bus = DEV_BUS_PLATFORM,
			     .isa_irq = {DEV_IRQ_NONE, DEV_IRQ_NONE},
			     .name = "fb",
			     .region = {{fb->base, fb->size, DEV_REGION_MEM, DEV_REGION_PREFETCH}},
			     .fb_width = fb->width,
			     .fb_height = fb->height,
			     .fb_pitch_pixels = fb->pitch_pixels,
			     .fb_format = fb->format};

	dev_add(&d);
}

/* A UART keeps what is written to its scratch register; no port, 0xff. */
static int com1_present(void)
{
	outb(COM1 + COM_SCRATCH, 0x5a);
	if (inb(COM1 + COM_SCRATCH) != 0x5a)
		return 0;
	outb(COM1 + COM_SCRATCH, 0xa5);
	return inb(COM1 + COM_SCRATCH) == 0xa5;
}

/* The clock's status register A never reads 0xff; a missing chip does. */
static int cmos_present(void)
{
	outb(CMOS_INDEX, CMOS_NMI_OFF | CMOS_STATUS_A);
	return inb(CMOS_INDEX + 1) != 0xff;
}

void platform_devices_add(const struct bootfb *fb)
{
	if (com1_present()) {
		struct dev_region r = {COM1, 8, DEV_REGION_PORT, 0};
		add("com1", 4, DEV_IRQ_NONE, &r, 1);
	}
	if (inb(PS2_STATUS) != 0xff) {
		struct dev_region r[2] = {{PS2_DATA, 1, DEV_REGION_PORT, 0},
					  {PS2_STATUS, 1, DEV_REGION_PORT, 0}};
		add("ps2", 1, 12, r, 2);
	}
	if (cmos_present()) {
		struct dev_region r = {CMOS_INDEX, 2, DEV_REGION_PORT, 0};
		add("rtc", 8, DEV_IRQ_NONE, &r, 1);
	}
	if (fb->format != BOOTFB_NONE && fb->size) {
		add_fb(fb);
	}
}
