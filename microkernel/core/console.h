/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel console: every line goes to COM1 and, once a framebuffer is
 * mapped, to the screen as well.
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
void console_write(const char *s, size_t n, uint32_t rgb);

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kprintf_color(uint32_t rgb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
