/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/console.h>

#include <abi/bc.h>
#include <abi/bootinfo.h>
#include <abi/console.h>
#include <arch/x86_64/lapic.h>
#include <arch/x86_64/serial.h>
#include <bc/bc.h>
#include <fbcon/fbcon.h>
#include <core/kconfig.h>
#include <core/klog.h>
#include <dev/dev.h>
#include <fmt/fmt.h>

#define DRAIN_WAIT_MS 3000

static struct fbcon fb_console;
static int fb_ready;
static int taken_back; /* a panic: the kernel writes whatever owns the devices */
static int drain_pending;
static int drain_code;
static uint64_t drain_deadline;

void console_init_serial(void)
{
	serial_init();
}

void console_attach_fb(const struct bootfb *fb, volatile void *virt)
{
	enum fbcon_pixel_format fmt = fb->format == BOOTFB_BGRX ? FBCON_BGRX : FBCON_RGBX;

	fbcon_init(&fb_console, virt, fb->width, fb->height, fb->pitch_pixels, fmt);
	fb_ready = 1;
}

void console_write_devices(unsigned devices, const char *s, size_t n, uint32_t rgb)
{
	if (devices & CONSOLE_TO_SERIAL)
		serial_write(s, n);
	if ((devices & CONSOLE_TO_FB) && fb_ready)
		fbcon_write(&fb_console, s, n, rgb);
}

/* The console devices a driver owns now: the kernel keeps off them. */
static unsigned devices_owned(void)
{
	if (taken_back)
		return 0;
	return (dev_platform_owner("com1") ? CONSOLE_TO_SERIAL : 0) |
	       (dev_platform_owner("fb") ? CONSOLE_TO_FB : 0);
}

void console_write(const char *s, size_t n, uint32_t rgb)
{
	unsigned owned = devices_owned();

	console_write_devices(CONSOLE_TO_ALL & ~owned, s, n, rgb);
	if (owned)
		klog_append(s, n, rgb, owned);
}

void console_take_back(void)
{
	taken_back = 1;
}

/* A test's end stops the machine, but what it wrote may still be on its
 * way through io and the drivers: io says when it is written. */
void console_drain_then_exit(int code)
{
	if (!devices_owned() ||
	    bc_post_kernel(SYS_ID_IO, MSG_TYPE_STATE, CONSOLE_NOTICE_DRAIN, 0) != 0)
		qemu_exit(code);
	drain_pending = 1;
	drain_code = code;
	drain_deadline = timer_ticks() + DRAIN_WAIT_MS * timer_info()->tick_hz / 1000;
}

void console_drained(void)
{
	if (drain_pending)
		qemu_exit(drain_code);
}

void console_tick(uint64_t now)
{
	if (!drain_pending || now < drain_deadline)
		return;
	console_take_back();
	kprintf_color(CONSOLE_RED, "console: io did not finish writing in %d ms\n", DRAIN_WAIT_MS);
	qemu_exit(drain_code);
}

/* Batch formatted output so the framebuffer draws runs, not single bytes. */
struct line_sink {
	char buf[128];
	size_t used;
	uint32_t rgb;
};

static void line_flush(struct line_sink *ls)
{
	console_write(ls->buf, ls->used, ls->rgb);
	ls->used = 0;
}

static void line_put(void *ctx, const char *s, size_t n)
{
	struct line_sink *ls = ctx;

	for (size_t i = 0; i < n; i++) {
		if (ls->used == sizeof ls->buf)
			line_flush(ls);
		ls->buf[ls->used++] = s[i];
	}
}

static void vkprintf(uint32_t rgb, const char *fmt, va_list ap)
{
	struct line_sink ls = {.used = 0, .rgb = rgb};

	fmt_vformat(line_put, &ls, fmt, ap);
	line_flush(&ls);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vkprintf(CONSOLE_GREY, fmt, ap);
	va_end(ap);
}

void kprintf_color(uint32_t rgb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vkprintf(rgb, fmt, ap);
	va_end(ap);
}
