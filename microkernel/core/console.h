/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel console: every line goes to COM1 and, once a framebuffer is
 * mapped, to the screen as well, until a driver owns the device; from then
 * on through the kernel log and io (docs/console.md).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define CONSOLE_GREY 0xc0c0c0
#define CONSOLE_RED 0xff5050
#define CONSOLE_GREEN 0x60e060

struct bootfb;

void console_init_serial(void);
void console_attach_fb(const struct bootfb *fb, volatile void *virt);
/* A kernel line: to the devices no driver owns, and to the kernel log for
 * io to pass to the drivers of the others. */
void console_write(const char *s, size_t n, uint32_t rgb);
/* Straight to these devices (CONSOLE_TO_*), for io and the panic path. */
void console_write_devices(unsigned devices, const char *s, size_t n, uint32_t rgb);
/* A panic: write to every device from now on, whoever owns it. */
void console_take_back(void);
/* The test program ended: exit QEMU with code once io has written out what
 * it holds (console_drained), or after a few seconds. */
void console_drain_then_exit(int code);
void console_drained(void);
void console_tick(uint64_t now);

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kprintf_color(uint32_t rgb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
