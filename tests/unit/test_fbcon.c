/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test for the framebuffer console: renders into ordinary memory
 * and inspects the pixels.
 *
 * gcc -std=c11 -Wall -Wextra -Werror -Ilib tests/unit/test_fbcon.c \
 *     lib/fbcon/fbcon.c lib/fbcon/font.c
 */
#include "fbcon/fbcon.h"
#include "fbcon/font.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Anything the console must not touch is pre-filled with this. */
#define SENTINEL 0xA5C3E1F7u
/* Pixels of sentinel before and after each framebuffer to catch overruns. */
#define GUARD 256

#define BLACK 0u

static unsigned checks_run;
static unsigned checks_failed;

static void check(int ok, int line, const char *fmt, ...)
{
	va_list ap;

	checks_run++;
	if (ok)
		return;
	checks_failed++;
	fprintf(stderr, "test_fbcon.c:%d: FAIL: ", line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

#define CHECK(ok, ...) check((ok), __LINE__, __VA_ARGS__)

struct fx {
	uint32_t *mem; /* GUARD + shift + pitch * h + GUARD pixels */
	uint32_t *fb;
	size_t total;
	uint32_t w, h, pitch;
	struct fbcon con;
};

/* shift offsets the framebuffer by whole pixels to test 4-byte alignment. */
static void fx_open(struct fx *f, uint32_t w, uint32_t h, uint32_t pitch,
		    enum fbcon_pixel_format fmt, uint32_t shift)
{
	f->total = 2 * GUARD + shift + (size_t)pitch * h;
	f->mem = malloc(f->total * sizeof(uint32_t));
	if (!f->mem) {
		fprintf(stderr, "test_fbcon: out of memory\n");
		exit(2);
	}
	for (size_t i = 0; i < f->total; i++)
		f->mem[i] = SENTINEL;
	f->fb = f->mem + GUARD + shift;
	f->w = w;
	f->h = h;
	f->pitch = pitch;
	fbcon_init(&f->con, f->fb, w, h, pitch, fmt);
}

static void fx_close(struct fx *f)
{
	free(f->mem);
	f->mem = NULL;
}

static uint32_t px(const struct fx *f, uint32_t x, uint32_t y)
{
	return f->fb[(size_t)y * f->pitch + x];
}

static void put(struct fx *f, const char *s, uint32_t rgb)
{
	fbcon_write(&f->con, s, strlen(s), rgb);
}

/* Pixels outside the visible area (padding and guards) that were touched. */
static size_t outside_damage(const struct fx *f)
{
	size_t damaged = 0;
	size_t start = (size_t)(f->fb - f->mem);
	size_t end = start + (size_t)f->pitch * f->h;

	for (size_t i = 0; i < f->total; i++) {
		int visible = i >= start && i < end && (i - start) % f->pitch < f->w;
		if (!visible && f->mem[i] != SENTINEL)
			damaged++;
	}
	return damaged;
}

static size_t count_in_rect(const struct fx *f, uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1,
			    uint32_t value)
{
	size_t n = 0;

	for (uint32_t y = y0; y < y1; y++)
		for (uint32_t x = x0; x < x1; x++)
			n += px(f, x, y) == value;
	return n;
}

static void fill_rect(struct fx *f, uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1,
		      uint32_t value)
{
	for (uint32_t y = y0; y < y1; y++)
		for (uint32_t x = x0; x < x1; x++)
			f->fb[(size_t)y * f->pitch + x] = value;
}

/* Pixels of cell (col,row) that differ from glyph drawn as fg on black. */
static unsigned cell_diff(const struct fx *f, uint32_t col, uint32_t row, const uint8_t *glyph,
			  uint32_t fg)
{
	unsigned bad = 0;

	for (uint32_t y = 0; y < FONT_HEIGHT; y++) {
		for (uint32_t x = 0; x < FONT_WIDTH; x++) {
			int ink = (glyph[y] >> (7 - x)) & 1;
			uint32_t got = px(f, col * FONT_WIDTH + x, row * FONT_HEIGHT + y);
			bad += got != (ink ? fg : BLACK);
		}
	}
	return bad;
}

static unsigned cell_is(const struct fx *f, uint32_t col, uint32_t row, unsigned char ch,
			uint32_t fg)
{
	return cell_diff(f, col, row, font_glyph(ch), fg);
}

static size_t cell_ink(const struct fx *f, uint32_t col, uint32_t row)
{
	uint32_t x = col * FONT_WIDTH, y = row * FONT_HEIGHT;

	return FONT_WIDTH * FONT_HEIGHT -
	       count_in_rect(f, x, y, x + FONT_WIDTH, y + FONT_HEIGHT, BLACK);
}

static int glyph_empty(const uint8_t *g)
{
	for (int y = 0; y < FONT_HEIGHT; y++)
		if (g[y])
			return 0;
	return 1;
}

/* First ink pixel of a glyph, so colour tests need not hardcode shapes. */
static void first_ink(unsigned char ch, uint32_t *x, uint32_t *y)
{
	const uint8_t *g = font_glyph(ch);

	for (*y = 0; *y < FONT_HEIGHT; ++*y)
		for (*x = 0; *x < FONT_WIDTH; ++*x)
			if ((g[*y] >> (7 - *x)) & 1)
				return;
	*x = *y = 0;
}

static void test_font_table(void)
{
	const uint8_t *repl = font_glyphs[FONT_REPLACEMENT];

	CHECK(glyph_empty(font_glyph(' ')), "space must be blank");
	for (unsigned c = 0x21; c <= 0x7e; c++)
		CHECK(!glyph_empty(font_glyph((unsigned char)c)), "glyph 0x%02x '%c' is empty", c,
		      c);
	CHECK(!glyph_empty(repl), "replacement glyph is empty");

	for (unsigned i = 0; i < FONT_GLYPH_COUNT; i++) {
		unsigned twin = i;

		for (unsigned j = 0; j < FONT_GLYPH_COUNT; j++)
			if (j != i && !memcmp(font_glyphs[i], font_glyphs[j], FONT_HEIGHT))
				twin = j;
		CHECK(twin == i, "glyphs %u and %u are identical", i, twin);
	}
}

static void test_font_metrics(void)
{
	static const char descenders[] = "gjpqy";
	unsigned spacing = 0, margins = 0;

	for (unsigned i = 0; i < FONT_GLYPH_COUNT; i++) {
		for (unsigned y = 0; y < FONT_HEIGHT; y++)
			spacing += font_glyphs[i][y] & 1;
		margins += font_glyphs[i][0] != 0;
		margins += font_glyphs[i][FONT_HEIGHT - 1] != 0;
	}
	CHECK(spacing == 0, "%u glyph rows use the right spacing column", spacing);
	CHECK(margins == 0, "%u glyphs touch the top or bottom row", margins);

	for (const char *d = descenders; *d; d++) {
		const uint8_t *g = font_glyph((unsigned char)*d);

		CHECK(g[12] | g[13] | g[14], "'%c' has no descender", *d);
	}
	CHECK(!(font_glyph('x')[12] | font_glyph('x')[13]), "'x' must sit on the baseline");
}

static void test_font_lookup(void)
{
	static const unsigned char others[] = {0x00, 0x01, 0x1f, 0x7f, 0x80, 0xa0, 0xff};

	CHECK(font_glyph('A') == font_glyphs['A' - FONT_FIRST], "font_glyph('A') is not entry 'A'");
	CHECK(font_glyph('~') == font_glyphs[FONT_LAST - FONT_FIRST],
	      "font_glyph('~') is not the last printable entry");
	for (size_t i = 0; i < sizeof(others); i++)
		CHECK(font_glyph(others[i]) == font_glyphs[FONT_REPLACEMENT],
		      "byte 0x%02x must map to the replacement glyph", others[i]);
}

static void test_init_clears(void)
{
	struct fx f;

	fx_open(&f, 83, 37, 90, FBCON_BGRX, 0);
	CHECK(count_in_rect(&f, 0, 0, 83, 37, BLACK) == 83u * 37,
	      "init must clear every visible pixel to black");
	CHECK(outside_damage(&f) == 0, "init wrote outside the visible area");
	CHECK(f.con.cols == 10 && f.con.rows == 2, "83x37 must give 10x2 cells, got %ux%u",
	      f.con.cols, f.con.rows);
	fx_close(&f);
}

static void test_glyph_pixels(void)
{
	struct fx f;

	fx_open(&f, 160, 64, 160, FBCON_BGRX, 0);
	put(&f, "A", 0x123456);
	CHECK(cell_is(&f, 0, 0, 'A', 0x123456) == 0,
	      "'A' at cell 0,0 differs from the font bitmap");
	CHECK(cell_ink(&f, 0, 0) > 0, "'A' drew no ink");
	CHECK(cell_ink(&f, 1, 0) == 0 && cell_ink(&f, 0, 1) == 0,
	      "drawing 'A' leaked into neighbouring cells");
	CHECK(count_in_rect(&f, 0, 0, 160, 64, 0x123456) == cell_ink(&f, 0, 0),
	      "foreground pixels found outside cell 0,0");

	put(&f, "AbC", 0x00ff00);
	CHECK(cell_is(&f, 1, 0, 'A', 0x00ff00) == 0, "second 'A' wrong");
	CHECK(cell_is(&f, 2, 0, 'b', 0x00ff00) == 0, "'b' wrong");
	CHECK(cell_is(&f, 3, 0, 'C', 0x00ff00) == 0, "'C' wrong");
	CHECK(cell_is(&f, 0, 0, 'A', 0x123456) == 0,
	      "later writes changed the first cell's colour");

	put(&f, "\x01\x7f\xff", 0xffffff);
	for (uint32_t col = 4; col < 7; col++)
		CHECK(cell_diff(&f, col, 0, font_glyphs[FONT_REPLACEMENT], 0xffffff) == 0,
		      "non-printable byte in cell %u is not the box", col);
	CHECK(outside_damage(&f) == 0, "glyph drawing wrote outside");
	fx_close(&f);
}

static void check_byte_order(enum fbcon_pixel_format fmt, const char *name, const uint8_t want[3])
{
	struct fx f;
	uint32_t x, y, native;
	uint8_t bytes[4];

	fx_open(&f, 64, 32, 64, fmt, 0);
	put(&f, "H", 0x112233);
	first_ink('H', &x, &y);
	native = px(&f, x, y);
	memcpy(bytes, &native, sizeof(bytes));
	CHECK(bytes[0] == want[0] && bytes[1] == want[1] && bytes[2] == want[2],
	      "%s: 0x112233 stored as bytes %02x %02x %02x", name, bytes[0], bytes[1], bytes[2]);
	CHECK(cell_is(&f, 0, 0, 'H', native) == 0, "%s: 'H' shape wrong or not on black", name);
	fx_close(&f);
}

static void test_pixel_format(void)
{
	static const uint8_t rgbx[3] = {0x11, 0x22, 0x33};
	static const uint8_t bgrx[3] = {0x33, 0x22, 0x11};

	check_byte_order(FBCON_RGBX, "RGBX", rgbx);
	check_byte_order(FBCON_BGRX, "BGRX", bgrx);
}

static void test_newline_return(void)
{
	struct fx f;

	fx_open(&f, 160, 64, 160, FBCON_BGRX, 0);
	put(&f, "AB\nC", 0xffffff);
	CHECK(cell_is(&f, 0, 1, 'C', 0xffffff) == 0, "'\\n' must move to column 0 of the next row");
	CHECK(cell_is(&f, 1, 0, 'B', 0xffffff) == 0, "'B' lost after '\\n'");

	put(&f, "DE\rX", 0xffffff);
	CHECK(cell_is(&f, 0, 1, 'X', 0xffffff) == 0, "'\\r' must return to column 0");
	CHECK(cell_is(&f, 2, 1, 'E', 0xffffff) == 0, "'\\r' must not erase the rest of the line");
	CHECK(f.con.row == 1, "'\\r' must stay on the row");
	fx_close(&f);
}

static void test_tab(void)
{
	struct fx f;

	fx_open(&f, 256, 64, 256, FBCON_BGRX, 0);
	put(&f, "A\tB", 0xffffff);
	CHECK(cell_is(&f, 8, 0, 'B', 0xffffff) == 0, "tab from col 1 -> 8");
	CHECK(cell_ink(&f, 1, 0) + cell_ink(&f, 7, 0) == 0, "tab must not draw anything");
	put(&f, "\tC", 0xffffff);
	CHECK(cell_is(&f, 16, 0, 'C', 0xffffff) == 0, "tab from col 9 -> 16");
	put(&f, "\n12345678\tD", 0xffffff);
	CHECK(cell_is(&f, 16, 1, 'D', 0xffffff) == 0, "tab from col 8 must go to 16, not stay");
	put(&f, "\n\t\tE", 0xffffff);
	CHECK(cell_is(&f, 16, 2, 'E', 0xffffff) == 0, "two tabs -> 16");
	fx_close(&f);
}

static void test_backspace(void)
{
	struct fx f;

	fx_open(&f, 160, 64, 160, FBCON_BGRX, 0);
	put(&f, "AB\b", 0xffffff);
	CHECK(cell_is(&f, 1, 0, 'B', 0xffffff) == 0, "'\\b' must not erase");
	put(&f, "C", 0xffffff);
	CHECK(cell_is(&f, 1, 0, 'C', 0xffffff) == 0,
	      "glyph after '\\b' must fully replace the old one");
	CHECK(cell_is(&f, 0, 0, 'A', 0xffffff) == 0, "'\\b' went too far");
	put(&f, "\b\b\b\bZ", 0xff0000);
	CHECK(cell_is(&f, 0, 0, 'Z', 0xff0000) == 0, "'\\b' must stop at column 0");
	CHECK(f.con.row == 0, "'\\b' must not move to the previous row");
	fx_close(&f);
}

static void test_wrap(void)
{
	struct fx f;

	/* 10 whole columns plus a 5 pixel partial column. */
	fx_open(&f, 85, 64, 96, FBCON_BGRX, 0);
	put(&f, "0123456789", 0xffffff);
	CHECK(cell_is(&f, 9, 0, '9', 0xffffff) == 0, "last column not drawn");
	put(&f, "W", 0xffffff);
	CHECK(cell_is(&f, 0, 1, 'W', 0xffffff) == 0, "11th char must wrap to row 1, col 0");
	CHECK(count_in_rect(&f, 80, 0, 85, 64, BLACK) == 5u * 64,
	      "partial column must stay untouched");

	put(&f, "\rabcdefghij\nK", 0xffffff);
	CHECK(cell_is(&f, 0, 2, 'K', 0xffffff) == 0,
	      "full line then '\\n' must not leave an empty row");
	put(&f, "\rabcdefghij\bL", 0xffffff);
	CHECK(cell_is(&f, 9, 2, 'L', 0xffffff) == 0,
	      "'\\b' at the wrap point must step back to the last column");
	put(&f, "\t\t\tM", 0xffffff);
	CHECK(cell_is(&f, 0, 3, 'M', 0xffffff) == 0,
	      "tab past the edge must wrap before the next glyph");
	CHECK(outside_damage(&f) == 0, "wrapping wrote into padding");
	fx_close(&f);
}

static void fill_numbered_lines(struct fx *f, uint32_t lines)
{
	char line[8];

	for (uint32_t i = 0; i < lines; i++) {
		snprintf(line, sizeof(line), "%sL%c", i ? "\n" : "", (char)('0' + i));
		put(f, line, 0xc0c0c0);
	}
}

static void test_scroll(void)
{
	struct fx f;
	uint32_t *before;
	size_t fb_pixels;
	uint32_t moved_bad = 0;

	/* 8 text rows (a quarter is 2), plus partial row and column. */
	fx_open(&f, 8 * 12 + 3, 16 * 8 + 7, 104, FBCON_BGRX, 0);
	fill_rect(&f, 96, 0, 99, 135, SENTINEL);
	fill_rect(&f, 0, 128, 99, 135, SENTINEL);
	CHECK(f.con.scroll_rows == 2, "8 rows must scroll by 2, got %u", f.con.scroll_rows);
	fill_numbered_lines(&f, 8);
	CHECK(cell_is(&f, 1, 7, '7', 0xc0c0c0) == 0, "8 lines must fit without scrolling");

	fb_pixels = (size_t)f.pitch * f.h;
	before = malloc(fb_pixels * sizeof(uint32_t));
	if (!before)
		exit(2);
	memcpy(before, f.fb, fb_pixels * sizeof(uint32_t));
	put(&f, "\n", 0xc0c0c0);

	for (uint32_t y = 0; y < 6 * 16; y++)
		for (uint32_t x = 0; x < 96; x++)
			moved_bad += px(&f, x, y) != before[(size_t)(y + 32) * f.pitch + x];
	free(before);
	CHECK(moved_bad == 0, "scroll must move text up 32 pixel rows (%u bad)", moved_bad);
	for (uint32_t row = 0; row < 6; row++)
		CHECK(cell_is(&f, 1, row, (unsigned char)('2' + row), 0xc0c0c0) == 0,
		      "after scroll row %u must hold line %u", row, row + 2);
	CHECK(count_in_rect(&f, 0, 96, 96, 128, BLACK) == 96u * 32,
	      "rows freed by the scroll must be black");
	CHECK(f.con.row == 6 && f.con.col == 0,
	      "cursor must land on the first freed row, got %u,%u", f.con.col, f.con.row);
	put(&f, "X", 0xc0c0c0);
	CHECK(cell_is(&f, 0, 6, 'X', 0xc0c0c0) == 0,
	      "text after scroll must appear on the first freed row");
	CHECK(count_in_rect(&f, 96, 0, 99, 135, SENTINEL) == 3u * 135 &&
		  count_in_rect(&f, 0, 128, 96, 135, SENTINEL) == 96u * 7,
	      "scroll touched the partial cells");
	CHECK(outside_damage(&f) == 0, "scroll wrote outside the framebuffer");
	fx_close(&f);
}

/* Expected cursor row after n newlines, from the documented chunk rule. */
static uint32_t row_after_newlines(uint32_t rows, uint32_t chunk, uint32_t n)
{
	uint32_t row = 0;

	while (n-- > 0)
		if (++row == rows)
			row -= chunk;
	return row;
}

static void test_scroll_many(void)
{
	struct fx f;
	char line[16];
	uint32_t row;

	fx_open(&f, 64, 16 * 5, 64, FBCON_RGBX, 0);
	CHECK(f.con.scroll_rows == 1, "5 rows must scroll by 1");
	for (int i = 0; i < 500; i++) {
		snprintf(line, sizeof(line), "%03d\n", i);
		put(&f, line, 0xffffff);
	}
	put(&f, "end", 0xffffff);
	row = row_after_newlines(5, 1, 500);
	CHECK(f.con.row == row, "cursor row %u, expected %u", f.con.row, row);
	CHECK(cell_is(&f, 2, row, 'd', 0xffffff) == 0, "'end' misplaced");
	CHECK(cell_is(&f, 0, row - 1, '4', 0xffffff) == 0 &&
		  cell_is(&f, 1, row - 1, '9', 0xffffff) == 0 &&
		  cell_is(&f, 2, row - 1, '9', 0xffffff) == 0,
	      "line 499 must sit right above 'end'");
	CHECK(outside_damage(&f) == 0, "long output wrote outside");
	fx_close(&f);

	fx_open(&f, 64, 16 * 3, 64, FBCON_BGRX, 0);
	CHECK(f.con.scroll_rows == 1, "3 rows must scroll by at least 1");
	put(&f, "a\nb\nc\nd", 0xffffff);
	CHECK(cell_is(&f, 0, 1, 'c', 0xffffff) == 0 && cell_is(&f, 0, 2, 'd', 0xffffff) == 0 &&
		  cell_ink(&f, 1, 0) == 0,
	      "3-row console must scroll one row");
	fx_close(&f);

	fx_open(&f, 64, 16 * 40, 64, FBCON_BGRX, 0);
	CHECK(f.con.scroll_rows == 10, "40 rows must scroll by 10");
	fx_close(&f);
}

static void test_padding_and_alignment(void)
{
	struct fx f;

	/* Odd pitch and a base 4 mod 8 exercise the unaligned edge paths. */
	for (uint32_t shift = 0; shift < 2; shift++) {
		fx_open(&f, 40, 16 * 4 + 5, 41 + 8 * shift, FBCON_BGRX, shift);
		put(&f, "abcdefghijklmnop\nqr\tst\b\x02\nuv\nwx\nyz", 0xabcdef);
		CHECK(outside_damage(&f) == 0, "pitch %u shift %u: padding or guard overwritten",
		      f.pitch, shift);
		CHECK(cell_is(&f, 0, 3, 'y', 0xabcdef) == 0 &&
			  cell_is(&f, 1, 3, 'z', 0xabcdef) == 0,
		      "pitch %u shift %u: last line misplaced", f.pitch, shift);
		CHECK(cell_is(&f, 0, 0, 's', 0xabcdef) == 0 &&
			  cell_diff(&f, 1, 0, font_glyphs[FONT_REPLACEMENT], 0xabcdef) == 0 &&
			  cell_is(&f, 0, 2, 'w', 0xabcdef) == 0,
		      "pitch %u shift %u: scrolled text wrong", f.pitch, shift);
		fbcon_clear(&f.con);
		CHECK(count_in_rect(&f, 0, 0, 40, f.h, BLACK) == 40u * f.h &&
			  outside_damage(&f) == 0,
		      "pitch %u shift %u: clear wrong", f.pitch, shift);
		fx_close(&f);
	}

	fx_open(&f, 48, 32, 64, FBCON_RGBX, 0);
	put(&f, "0123456789abcdefghijklmnopqrstuvwxyz", 0xffffff);
	CHECK(outside_damage(&f) == 0, "pitch 64 width 48: padding written");
	fx_close(&f);
}

static void test_clear(void)
{
	struct fx f;

	fx_open(&f, 80, 48, 80, FBCON_BGRX, 0);
	put(&f, "hello\nworld", 0xffffff);
	fbcon_clear(&f.con);
	CHECK(count_in_rect(&f, 0, 0, 80, 48, BLACK) == 80u * 48,
	      "clear must black out the screen");
	put(&f, "Q", 0xffffff);
	CHECK(cell_is(&f, 0, 0, 'Q', 0xffffff) == 0, "clear must home the cursor");
	fx_close(&f);
}

static void test_tiny(void)
{
	static const uint32_t sizes[][3] = {
	    {5, 5, 7}, {7, 100, 7}, {100, 15, 100}, {0, 0, 0},
	    {8, 0, 8}, {0, 16, 4},  {8, 16, 8},	    {20, 10, 4},
	};
	struct fx f;

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint32_t w = sizes[i][0], h = sizes[i][1], p = sizes[i][2];
		uint32_t vis_w = w < p ? w : p;

		fx_open(&f, w, h, p, FBCON_BGRX, 0);
		put(&f, "hello, tiny world\n\n\n\t\b\r\x01 more text\n", 0xffffff);
		fbcon_clear(&f.con);
		put(&f, "x\n", 0xffffff);
		/* Pitch wins over width, so narrower pitches shrink the view. */
		f.w = vis_w;
		CHECK(outside_damage(&f) == 0, "%ux%u pitch %u wrote outside", w, h, p);
		if (vis_w < FONT_WIDTH || h < FONT_HEIGHT)
			CHECK(count_in_rect(&f, 0, 0, vis_w, h, BLACK) == (size_t)vis_w * h,
			      "%ux%u pitch %u must stay black", w, h, p);
		fx_close(&f);
	}
}

int main(void)
{
	test_font_table();
	test_font_metrics();
	test_font_lookup();
	test_init_clears();
	test_glyph_pixels();
	test_pixel_format();
	test_newline_return();
	test_tab();
	test_backspace();
	test_wrap();
	test_scroll();
	test_scroll_many();
	test_padding_and_alignment();
	test_clear();
	test_tiny();

	if (checks_failed) {
		fprintf(stderr, "test_fbcon: %u of %u checks failed\n", checks_failed, checks_run);
		return 1;
	}
	printf("test_fbcon: %u checks passed\n", checks_run);
	return 0;
}
