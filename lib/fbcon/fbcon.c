/* SPDX-License-Identifier: BSD-2-Clause */
#include "fbcon.h"

#include "font.h"

#define FBCON_TAB_WIDTH 8
#define FBCON_BLACK 0u

/*
 * Bulk fills and copies move two pixels per access, which halves the number
 * of memory operations QEMU TCG has to emulate.  may_alias because the same
 * memory is also accessed as uint32_t pixels.  Every framebuffer access is
 * volatile: besides being device memory, that stops clang and gcc from
 * turning the loops into memset/memcpy calls, which a freestanding kernel
 * does not provide.
 */
typedef uint64_t __attribute__((may_alias)) fbcon_pair;

static uint32_t fbcon_pixel(const struct fbcon *c, uint32_t rgb)
{
	uint32_t r = (rgb >> 16) & 0xff;
	uint32_t g = (rgb >> 8) & 0xff;
	uint32_t b = rgb & 0xff;

	/* UEFI names the bytes in memory order and x86 is little-endian. */
	if (c->format == FBCON_RGBX)
		return r | g << 8 | b << 16;
	return b | g << 8 | r << 16;
}

static volatile uint32_t *fbcon_line(const struct fbcon *c, uint32_t y)
{
	return c->base + (size_t)y * c->pitch;
}

static int fbcon_misaligned(const volatile uint32_t *p)
{
	return ((uintptr_t)p & (sizeof(fbcon_pair) - 1)) != 0;
}

static void fbcon_fill_span(volatile uint32_t *dst, uint32_t n, uint32_t px)
{
	volatile fbcon_pair *wide;
	uint64_t pair = (uint64_t)px << 32 | px;

	if (n > 0 && fbcon_misaligned(dst)) {
		*dst++ = px;
		n--;
	}
	wide = (volatile fbcon_pair *)dst;
	for (; n >= 2; n -= 2)
		*wide++ = pair;
	if (n > 0)
		*(volatile uint32_t *)wide = px;
}

static void fbcon_copy_span(volatile uint32_t *dst, const volatile uint32_t *src, uint32_t n)
{
	volatile fbcon_pair *wdst;
	const volatile fbcon_pair *wsrc;

	/* Pairs only help when one alignment step fixes both pointers. */
	if (fbcon_misaligned(dst) != fbcon_misaligned(src)) {
		while (n-- > 0)
			*dst++ = *src++;
		return;
	}
	if (n > 0 && fbcon_misaligned(dst)) {
		*dst++ = *src++;
		n--;
	}
	wdst = (volatile fbcon_pair *)dst;
	wsrc = (const volatile fbcon_pair *)src;
	for (; n >= 2; n -= 2)
		*wdst++ = *wsrc++;
	if (n > 0)
		*(volatile uint32_t *)wdst = *(const volatile uint32_t *)wsrc;
}

static void fbcon_fill_lines(struct fbcon *c, uint32_t y, uint32_t lines, uint32_t w, uint32_t px)
{
	for (uint32_t i = 0; i < lines; i++)
		fbcon_fill_span(fbcon_line(c, y + i), w, px);
}

static void fbcon_draw_glyph(struct fbcon *c, uint32_t col, uint32_t row, const uint8_t *glyph,
			     uint32_t fg)
{
	volatile uint32_t *px = fbcon_line(c, row * FONT_HEIGHT);

	px += col * FONT_WIDTH;
	for (uint32_t y = 0; y < FONT_HEIGHT; y++, px += c->pitch) {
		for (uint32_t x = 0; x < FONT_WIDTH; x++)
			px[x] = (glyph[y] & (0x80u >> x)) ? fg : FBCON_BLACK;
	}
}

/*
 * Drops the top scroll_rows text rows at once rather than one row per line:
 * the copy touches nearly the whole screen either way, and under QEMU TCG
 * each copy costs milliseconds, so batching makes them rare.  Only whole
 * cells are moved; the partial-cell margins stay black from fbcon_clear.
 */
static void fbcon_scroll(struct fbcon *c)
{
	uint32_t shift = c->scroll_rows * FONT_HEIGHT;
	uint32_t kept = (c->rows - c->scroll_rows) * FONT_HEIGHT;
	uint32_t w = c->cols * FONT_WIDTH;

	for (uint32_t y = 0; y < kept; y++)
		fbcon_copy_span(fbcon_line(c, y), fbcon_line(c, y + shift), w);
	fbcon_fill_lines(c, kept, shift, w, FBCON_BLACK);
	c->row -= c->scroll_rows;
}

static void fbcon_newline(struct fbcon *c)
{
	c->col = 0;
	if (++c->row >= c->rows)
		fbcon_scroll(c);
}

static void fbcon_tab(struct fbcon *c)
{
	c->col = (c->col / FBCON_TAB_WIDTH + 1) * FBCON_TAB_WIDTH;
	/* Past the edge, park in the wrap-pending state like a full line. */
	if (c->col > c->cols)
		c->col = c->cols;
}

static void fbcon_putc(struct fbcon *c, unsigned char ch, uint32_t fg)
{
	switch (ch) {
	case '\n':
		fbcon_newline(c);
		return;
	case '\r':
		c->col = 0;
		return;
	case '\t':
		fbcon_tab(c);
		return;
	case '\b':
		if (c->col > 0)
			c->col--;
		return;
	}
	/*
	 * Wrap lazily, just before drawing, so that a line exactly cols wide
	 * followed by '\n' does not leave an empty line behind.
	 */
	if (c->col >= c->cols)
		fbcon_newline(c);
	fbcon_draw_glyph(c, c->col++, c->row, font_glyph(ch), fg);
}

static uint32_t fbcon_scroll_chunk(uint32_t rows)
{
	return rows >= 4 ? rows / 4 : 1;
}

void fbcon_init(struct fbcon *c, volatile void *base, uint32_t width, uint32_t height,
		uint32_t pitch_pixels, enum fbcon_pixel_format fmt)
{
	c->base = base;
	c->pitch = pitch_pixels;
	/* Lines cannot be wider than their stride; never draw into the next. */
	c->width = width < pitch_pixels ? width : pitch_pixels;
	c->height = height;
	c->format = fmt;
	c->cols = c->width / FONT_WIDTH;
	c->rows = height / FONT_HEIGHT;
	c->scroll_rows = fbcon_scroll_chunk(c->rows);
	fbcon_clear(c);
}

void fbcon_write(struct fbcon *c, const char *s, size_t n, uint32_t rgb)
{
	uint32_t fg = fbcon_pixel(c, rgb);

	/* A framebuffer smaller than one cell has nowhere to draw. */
	if (c->cols == 0 || c->rows == 0)
		return;
	for (size_t i = 0; i < n; i++)
		fbcon_putc(c, (unsigned char)s[i], fg);
}

void fbcon_clear(struct fbcon *c)
{
	fbcon_fill_lines(c, 0, c->height, c->width, FBCON_BLACK);
	c->col = 0;
	c->row = 0;
}
