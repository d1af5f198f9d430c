/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Renders sample text through the kernel's framebuffer console into a PPM
 * image, so the built-in font can be judged by eye without booting.
 *
 * ninja -C build fbcon-preview  (or by hand:)
 * gcc -std=c11 -Wall -Wextra -Imicrokernel tools/fbcon-preview.c \
 *     microkernel/console/fbcon.c microkernel/console/font.c \
 *     -o fbcon-preview
 * build/fbcon-preview out.ppm [scale]
 */
#include "fbcon/fbcon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREVIEW_COLS 100
#define PREVIEW_ROWS 16

struct sample {
	const char *text;
	uint32_t rgb;
};

static const struct sample samples[] = {
    {"Chapp-E fbcon preview\n\n", 0x55ffff},
    {NULL, 0xd0d0d0}, /* all printable ASCII, filled in by main */
    {"\n\nThe quick brown fox jumps over the lazy dog. 0123456789\n", 0xd0d0d0},
    {"THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG! il1I| O0o g9q yjp\n", 0xd0d0d0},
    {"int main(void) { return a[i] * (b + c) % 7 != ~0 ? x : y; }\n", 0xd0d0d0},
    {"panic: page fault at 0xffffffff80012345 (err=0x2)\n", 0xff4040},
    {"panic: kernel stack: 0xffff800000004000..0xffff800000008000\n", 0xff4040},
    {"panic: halting.\n", 0xff4040},
    {"tab:\t|col 8\t|col 16\n", 0x80ff80},
    {"control bytes \x01\x1b\x7f\xff draw a box\n", 0xffff80},
};

static void render(struct fbcon *con)
{
	char ascii[0x7f - 0x20];

	for (int i = 0; i < 0x7f - 0x20; i++)
		ascii[i] = (char)(0x20 + i);
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		const char *s = samples[i].text ? samples[i].text : ascii;
		size_t n = samples[i].text ? strlen(s) : sizeof(ascii);

		fbcon_write(con, s, n, samples[i].rgb);
	}
}

/* BGRX pixels are 0xRRGGBB words, so the channels come straight out. */
static int write_ppm(const char *path, const uint32_t *fb, uint32_t w, uint32_t h, uint32_t scale)
{
	FILE *out = fopen(path, "wb");

	if (!out)
		return -1;
	fprintf(out, "P6\n%u %u\n255\n", w * scale, h * scale);
	for (uint32_t y = 0; y < h * scale; y++) {
		for (uint32_t x = 0; x < w * scale; x++) {
			uint32_t p = fb[(y / scale) * w + x / scale];

			fputc((int)(p >> 16) & 0xff, out);
			fputc((int)(p >> 8) & 0xff, out);
			fputc((int)p & 0xff, out);
		}
	}
	return fclose(out);
}

int main(int argc, char **argv)
{
	uint32_t w = PREVIEW_COLS * 8, h = PREVIEW_ROWS * 16;
	uint32_t scale = argc > 2 ? (uint32_t)atoi(argv[2]) : 1;
	uint32_t *fb = malloc((size_t)w * h * sizeof(*fb));
	struct fbcon con;

	if (argc < 2 || scale < 1 || scale > 8 || !fb) {
		fprintf(stderr, "usage: %s out.ppm [scale 1-8]\n", argv[0]);
		return 2;
	}
	fbcon_init(&con, fb, w, h, w, FBCON_BGRX);
	render(&con);
	if (write_ppm(argv[1], fb, w, h, scale)) {
		perror(argv[1]);
		return 1;
	}
	free(fb);
	return 0;
}
