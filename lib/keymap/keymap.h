/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Scan code set 1 (what the i8042 translates every keyboard to) into the
 * bytes a terminal sends: US layout, Shift, Caps Lock, Ctrl (Ctrl-C is
 * 0x03), Alt (ESC before the key, as xterm's meta does), and the VT100
 * sequences for the cursor, Home/End, Insert/Delete and PgUp/PgDn keys.
 * Shared by the PS/2 driver (servers/ps2kbd) and the USB keyboard driver
 * (servers/xhci), which turns each HID usage into its set-1 key (hid.c).
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

/* A key as a set-1 make code, KEYMAP_E0 set for one behind the 0xe0
 * prefix; 0 for a key that has none. */
#define KEYMAP_E0 0x100
/* Press (release 0) or release a key: what it types, as keymap_feed. */
size_t keymap_key(struct keymap_state *k, uint16_t key, int release, char out[KEYMAP_OUT_MAX]);
/* The key of a USB HID usage (Keyboard page 0x07), or 0. */
uint16_t keymap_hid_usage(uint8_t usage);
/* The key of bit n (0..7) of a HID boot report's modifier byte. */
uint16_t keymap_hid_modifier(unsigned n);
