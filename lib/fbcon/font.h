/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <stdint.h>

/*
 * Chapp-E's built-in 8x16 bitmap font: printable ASCII plus one replacement
 * glyph.  Each glyph is FONT_HEIGHT bytes, one per pixel row from the top;
 * bit 7 is the leftmost pixel.  The rightmost column (bit 0) is always
 * blank so that glyphs in adjacent cells never touch.
 *
 * Vertical metrics: rows 0-1 blank, capitals and ascenders occupy rows 2-11,
 * lowercase x-height is rows 5-11, descenders reach row 14, row 15 is blank
 * so consecutive text lines never touch either.
 */

#define FONT_WIDTH 8
#define FONT_HEIGHT 16

#define FONT_FIRST 0x20 /* ' ' */
#define FONT_LAST 0x7E	/* '~' */

/* The replacement glyph sits where DEL would be, right after '~'. */
#define FONT_REPLACEMENT (FONT_LAST + 1 - FONT_FIRST)
#define FONT_GLYPH_COUNT (FONT_REPLACEMENT + 1)

extern const uint8_t font_glyphs[FONT_GLYPH_COUNT][FONT_HEIGHT];

/* Bitmap for any byte; bytes outside FONT_FIRST..FONT_LAST get the box. */
const uint8_t *font_glyph(unsigned char c);
