/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console input: COM1 and a PS/2 keyboard (when one answers), polled on
 * every timer tick into one ring. QEMU holds serial bytes back while the
 * UART's FIFO is full, so polling loses nothing there; a fast typist on real
 * hardware could outrun 100 Hz (IRQ-driven input comes with the IOAPIC).
 */
#pragma once

#include <stddef.h>

/* Poll the devices; returns how many bytes arrived. */
size_t input_poll(void);
size_t input_take(char *buf, size_t max);
size_t input_pending(void);
