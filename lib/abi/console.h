/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The console between the kernel and io (docs/console.md). Once a driver
 * owns a console device (COM1, the framebuffer) the kernel no longer
 * writes to it: its lines go into the kernel log, and io, told by a notice,
 * reads them with klog_read and sends them through the drivers in order
 * with everything else. Until then, and for a panic, the kernel writes
 * itself.
 */
#pragma once

#include <stdint.h>

/* console_write(buf, len, rgb | devices): which devices the kernel writes
 * to for io (those no driver has attached for yet). */
#define CONSOLE_RGB_MASK 0xffffffu
#define CONSOLE_TO_SERIAL (1u << 24)
#define CONSOLE_TO_FB (1u << 25)
#define CONSOLE_TO_ALL (CONSOLE_TO_SERIAL | CONSOLE_TO_FB)

/* Kernel notices to io (MSG_TYPE_STATE from BC_SENDER_KERNEL). */
#define CONSOLE_NOTICE_KLOG 3  /* kernel lines wait in the log: klog_read them */
#define CONSOLE_NOTICE_DRAIN 4 /* the test is over: console_drained once written */

/* klog_read(buf, len) fills buf with whole records, each this header and
 * len bytes of text; it returns the bytes used (0: the log is empty). */
struct klog_record {
	uint8_t len;
	uint8_t rgb[3];	 /* red, green, blue */
	uint8_t devices; /* CONSOLE_TO_* >> 24: the owned devices the kernel kept off */
};
#define KLOG_TEXT_MAX 255
