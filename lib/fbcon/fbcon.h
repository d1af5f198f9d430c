/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <stddef.h>
#include <stdint.h>

/*
 * Text console over a linear 32-bit-per-pixel framebuffer, e.g. the one
 * UEFI GOP hands over.  All state lives in struct fbcon, so several
 * consoles (or a test harness) can coexist.  Not thread safe: callers
 * serialise access.
 */

enum fbcon_pixel_format {
	FBCON_RGBX, /* UEFI PixelRedGreenBlueReserved8BitPerColor */
	FBCON_BGRX, /* UEFI PixelBlueGreenRedReserved8BitPerColor */
};

struct fbcon {
	volatile uint32_t *base; /* first pixel; must be 4-byte aligned */
	uint32_t width;		 /* visible pixels per line */
	uint32_t height;	 /* visible lines */
	uint32_t pitch;		 /* pixels from one line to the next */
	enum fbcon_pixel_format format;
	uint32_t cols;	      /* whole text cells per row; 0 if too narrow */
	uint32_t rows;	      /* whole text rows; 0 if too short */
	uint32_t scroll_rows; /* text rows dropped per scroll */
	uint32_t col;	      /* cursor; col == cols means "wrap before next glyph" */
	uint32_t row;
};

/* Takes over the framebuffer and clears it to black. */
void fbcon_init(struct fbcon *c, volatile void *base, uint32_t width, uint32_t height,
		uint32_t pitch_pixels, enum fbcon_pixel_format fmt);

/* rgb is 0xRRGGBB; handles \n \r \t \b, other control bytes draw a box. */
void fbcon_write(struct fbcon *c, const char *s, size_t n, uint32_t rgb);

/* Blacks out the whole visible framebuffer and homes the cursor. */
void fbcon_clear(struct fbcon *c);
