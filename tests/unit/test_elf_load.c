/* SPDX-License-Identifier: BSD-2-Clause */
/* lib/elf's image builder against a recording builder: the pages each
 * segment gets, its bytes, and the System V stack, word by word. */
#include <string.h>

#include "check.h"
#include <elf/elf_load.h>

#define TOP 0x10000ULL
static uint8_t image[TOP]; /* the "address space": va = index */
static uint32_t page_flags[TOP / 4096];
static int maps, fail_writes;

static long map(void *ctx, uint64_t va, uint64_t len, uint32_t pf)
{
	(void)ctx;
	CHECK(va % 4096 == 0 && len % 4096 == 0 && va + len <= TOP);
	for (uint64_t p = va / 4096; p < (va + len) / 4096; p++)
		page_flags[p] = pf | 0x100;
	maps++;
	return 0;
}

static long write_bytes(void *ctx, uint64_t va, const void *src, uint64_t len)
{
	(void)ctx;
	if (fail_writes)
		return -14;
	for (uint64_t a = va; a < va + len; a++)
		if (!(page_flags[a / 4096] & 0x100))
			return -14; /* written where nothing was mapped */
	memcpy(image + va, src, len);
	return 0;
}

static uint64_t word(uint64_t va)
{
	uint64_t w;

	memcpy(&w, image + va, 8);
	return w;
}

static void segments(void)
{
	static const uint8_t file[64] = "text bytes......data bytes";
	struct elf_image img = {.nsegments = 2};
	const struct elf_builder b = {0, map, write_bytes};

	img.segments[0] = (struct elf_segment){0x1000, 0, 16, 16, PF_R | PF_X};
	img.segments[1] = (struct elf_segment){0x2ff8, 16, 10, 0x20, PF_R | PF_W};
	CHECK(elf_load_segments(&b, file, &img) == 0);
	CHECK(page_flags[1] == (PF_R | PF_X | 0x100));
	CHECK(page_flags[2] == (PF_R | PF_W | 0x100) && page_flags[3] == (PF_R | PF_W | 0x100));
	CHECK(!memcmp(image + 0x1000, "text bytes......", 16));
	CHECK(!memcmp(image + 0x2ff8, "data bytes", 10));
	CHECK(maps == 2);
	fail_writes = 1;
	CHECK(elf_load_segments(&b, file, &img) == -14);
	fail_writes = 0;
}

static void stack(unsigned envc)
{
	const char strings[] = "prog\0-x\0HOME=/\0";
	const uint32_t offset[] = {0, 5, 8};
	const struct elf_args a = {strings, sizeof strings - 1, offset, 2, envc};
	const struct elf_builder b = {0, map, write_bytes};
	uint64_t scratch[ELF_STACK_WORDS(3)], sp = 0;
	uint64_t str = (TOP - a.used) & ~15ULL;

	map(0, TOP - 0x4000, 0x4000, PF_R | PF_W);
	CHECK(elf_build_stack(&b, TOP, &a, scratch, &sp) == 0);
	CHECK(sp % 16 == 0 && sp + 8 * ELF_STACK_WORDS(2 + envc) <= str);
	CHECK(word(sp) == 2);
	CHECK(word(sp + 8) == str && !strcmp((char *)image + word(sp + 8), "prog"));
	CHECK(!strcmp((char *)image + word(sp + 16), "-x"));
	CHECK(word(sp + 24) == 0); /* argv's NULL */
	uint64_t at = sp + 32;
	if (envc) {
		CHECK(!strcmp((char *)image + word(at), "HOME=/"));
		at += 8;
	}
	CHECK(word(at) == 0);				/* envp's NULL */
	CHECK(word(at + 8) == 0 && word(at + 16) == 0); /* AT_NULL, 0 */
}

int main(void)
{
	segments();
	stack(0);
	stack(1);
	return check_summary("unit_elf_load");
}
