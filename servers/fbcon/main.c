/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fbcond draws the console on the framebuffer the firmware set up: it maps
 * it write-combining and renders what io writes with the same font and
 * renderer the kernel keeps for its panic screen (lib/fbcon).
 */
#include "fbcon_server.h"

#include <abi/bootinfo.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
#include <fbcon/fbcon.h>
#include <io/io_client.h>
#include <io/io_protocol.h>
#include <libserver/driver.h>
#include <libserver/server.h>
#include <stdio.h>

static struct fbcon screen;
static uint32_t io_pid;

static void take_output(void)
{
	static char buf[4096];
	int64_t r;

	while ((r = io_console_output(buf, sizeof buf)) > 0)
		fbcon_write(&screen, buf, IO_OUTPUT_BYTES(r), IO_OUTPUT_RGB(r));
}

static void on_notice(const struct bc_msg *m)
{
	if (m->sender == io_pid && m->msg_type == MSG_TYPE_OUTPUT)
		take_output();
}

static const struct server fbcond = {"fbcond", FBCON_SYS_ID, 0, 0, on_notice, 0};

static void setup(const struct dev_info *dev)
{
	long err;
	volatile void *fb = driver_map(dev, 0, DEV_MAP_WRITE_COMBINING, &err);

	if (!fb)
		driver_fail("fbcond", "cannot map the framebuffer", err);
	if (dev->fb_width == 0 || dev->fb_height == 0 || dev->fb_pitch_pixels < dev->fb_width ||
	    (uint64_t)dev->fb_pitch_pixels * dev->fb_height * 4 > dev->region[0].size)
		driver_fail("fbcond", "the framebuffer's geometry does not fit its memory",
			    -EINVAL);
	fbcon_init(&screen, fb, dev->fb_width, dev->fb_height, dev->fb_pitch_pixels,
		   dev->fb_format == BOOTFB_BGRX ? FBCON_BGRX : FBCON_RGBX);
}

int main(void)
{
	struct dev_info dev;
	int index = driver_claim_or_exit("fbcond", "fb", &dev);
	long err;

	setup(&dev);
	if ((err = server_register(&fbcond)))
		driver_fail("fbcond", "cannot register", err);
	io_pid = driver_io_pid();
	if ((err = io_console_attach_screen(index, IO_CONSOLE_OUT, FBCON_SYS_ID, screen.cols,
					    screen.rows)))
		driver_fail("fbcond", "io refused the console", err);
	printf("fbcond: %ux%u framebuffer (%ux%u characters), console attached\n", dev.fb_width,
	       dev.fb_height, screen.cols, screen.rows);
	server_loop(&fbcond);
}
