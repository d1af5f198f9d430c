/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/console.h>

#include <abi/bootinfo.h>
#include <arch/x86_64/serial.h>
#include <console/fbcon.h>
#include <fmt/fmt.h>

static struct fbcon fb_console;
static int fb_ready;

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

void console_write(const char *s, size_t n, uint32_t rgb)
{
	serial_write(s, n);
	if (fb_ready)
		fbcon_write(&fb_console, s, n, rgb);
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
