/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Scan code set 1 (what the i8042 translates every keyboard to) into the
 * bytes a terminal sends: US layout, Shift, Caps Lock, Ctrl (Ctrl-C is
 * 0x03), Alt (ESC before the key, as xterm's meta does), and the VT100
 * sequences for the cursor, Home/End, Insert/Delete and PgUp/PgDn keys.
 * No I/O here, so the host's unit test runs it.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define KEYMAP_OUT_MAX 8 /* the most bytes one scan code types */

struct keymap_state {
	uint8_t shift; /* bit 0 left, bit 1 right */
	uint8_t ctrl;  /* bit 0 left, bit 1 right */
	uint8_t alt;   /* bit 0 left, bit 1 right */
	uint8_t caps;  /* Caps Lock on */
	uint8_t e0;    /* the last byte was the 0xe0 prefix */
};

/* Feed one byte from the keyboard: the count of bytes written to out. */
size_t keymap_feed(struct keymap_state *k, uint8_t code, char out[KEYMAP_OUT_MAX]);
