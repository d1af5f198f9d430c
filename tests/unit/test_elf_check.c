/* SPDX-License-Identifier: BSD-2-Clause */
/* The ELF validator against one good image and one mutation per rule. */
/* Before the C library: its <stdlib.h> has wait macros of its own. */
#include <abi/layout.h>

#include <string.h>

#include "check.h"
#include <elf/elf64.h>

#define LO 0xffffffff80000000ULL
#define HI UINT64_MAX

static _Alignas(8) unsigned char good[3 * 4096];
static _Alignas(8) unsigned char img[3 * 4096];

static elf64_ehdr *eh(void)
{
	return (elf64_ehdr *)img;
}
static elf64_phdr *ph(int i)
{
	return (elf64_phdr *)(img + 64) + i;
}

static void build_good(void)
{
	elf64_ehdr *h = (elf64_ehdr *)good;
	elf64_phdr *p = (elf64_phdr *)(good + 64);

	memcpy(h->e_ident,
	       "\x7f"
	       "ELF\x02\x01\x01",
	       7);
	h->e_type = ET_EXEC;
	h->e_machine = EM_X86_64;
	h->e_version = 1;
	h->e_entry = LO + 0x10;
	h->e_phoff = 64;
	h->e_ehsize = 64;
	h->e_phentsize = sizeof(elf64_phdr);
	h->e_phnum = 2;
	p[0] = (elf64_phdr){PT_LOAD, PF_R | PF_X, 4096, LO, LO, 4096, 4096, 4096};
	p[1] = (elf64_phdr){PT_LOAD, PF_R | PF_W, 8192, LO + 4096, LO + 4096, 100, 8192, 4096};
}

static const char *check(size_t size)
{
	struct elf_image out;
	const char *why = "(none)";

	return elf_check(img, size, LO, HI, &out, &why) ? why : NULL;
}

static void reset(void)
{
	memcpy(img, good, sizeof img);
}

#define REJECTS(mutation, text)                                                                    \
	do {                                                                                       \
		reset();                                                                           \
		mutation;                                                                          \
		const char *why = check(sizeof img);                                               \
		CHECK(why &&strstr(why, text));                                                    \
	} while (0)

#define USER_TEXT 0x400000ULL
#define USER_STACK (0x0000800000000000ULL - 16 * 4096)

/* The good image moved to where user programs live. */
static void reset_user(void)
{
	reset();
	eh()->e_entry = USER_TEXT + 0x10;
	ph(0)->p_vaddr = USER_TEXT;
	ph(1)->p_vaddr = USER_TEXT + 4096;
}

static const char *check_user(void)
{
	struct elf_image out;
	const char *why = "(none)";

	return elf_check_user(img, sizeof img, &out, &why) ? why : NULL;
}

#define REJECTS_USER(mutation)                                                                     \
	do {                                                                                       \
		reset_user();                                                                      \
		mutation;                                                                          \
		const char *why = check_user();                                                    \
		CHECK(why &&strstr(why, "outside"));                                               \
	} while (0)

/* No segment of a user program in page 0, the heap or the stack. */
static void user_ranges(void)
{
	reset_user();
	CHECK(check_user() == NULL);
	REJECTS_USER(ph(1)->p_vaddr = CHAPPE_HEAP_BASE);
	REJECTS_USER(ph(1)->p_vaddr = CHAPPE_HEAP_BASE + CHAPPE_HEAP_MAX - 4096);
	REJECTS_USER(ph(1)->p_vaddr = CHAPPE_HEAP_BASE - 4096); /* runs into the heap */
	REJECTS_USER(ph(1)->p_memsz = CHAPPE_HEAP_BASE);	/* bss reaching it */
	REJECTS_USER(ph(1)->p_vaddr = USER_STACK);
	REJECTS_USER(ph(1)->p_vaddr = USER_STACK - 4096);
	REJECTS_USER((ph(0)->p_vaddr = 0, eh()->e_entry = 0x10));
	reset_user();
	ph(1)->p_vaddr = CHAPPE_HEAP_BASE - 8192; /* ends where the heap starts */
	CHECK(check_user() == NULL);
}

int main(void)
{
	struct elf_image out;
	const char *why;

	build_good();
	reset();
	CHECK(elf_check(img, sizeof img, LO, HI, &out, &why) == 0);
	CHECK(out.nsegments == 2 && out.entry == LO + 0x10);
	CHECK(out.vstart == LO && out.vend == LO + 3 * 4096);
	CHECK(out.segments[1].filesz == 100 && out.segments[1].memsz == 8192);

	reset();
	CHECK(check(10) && strstr(check(10), "too small"));
	CHECK(elf_check(NULL, 0, LO, HI, &out, &why) == -1);
	REJECTS(img[1] = 'X', "bad magic");
	REJECTS(img[4] = 1, "64-bit");
	REJECTS(img[5] = 2, "little-endian");
	REJECTS(eh()->e_machine = 3, "machine");
	REJECTS(eh()->e_type = 3, "not an executable");
	REJECTS(eh()->e_phentsize = 32, "header size");
	REJECTS(eh()->e_phnum = 0, "count");
	REJECTS(eh()->e_phnum = 1000, "count");
	REJECTS(eh()->e_phoff = sizeof img - 8, "past the end");
	REJECTS(eh()->e_phoff = UINT64_MAX - 10, "past the end");
	REJECTS(eh()->e_phoff = 65, "misaligned");
	REJECTS(ph(0)->p_filesz = 8192, "more file bytes");
	/* An empty segment is skipped; with only empties there is nothing to load. */
	REJECTS((ph(0)->p_memsz = ph(0)->p_filesz = 0, ph(1)->p_memsz = ph(1)->p_filesz = 0),
		"no loadable segment");
	reset();
	ph(1)->p_memsz = ph(1)->p_filesz = 0;
	CHECK(elf_check(img, sizeof img, LO, HI, &out, &why) == 0 && out.nsegments == 1);
	REJECTS(ph(1)->p_offset = sizeof img, "past the end of the file");
	REJECTS(ph(1)->p_offset = UINT64_MAX, "past the end of the file");
	REJECTS(ph(0)->p_vaddr = 0x400000, "outside");
	REJECTS(ph(1)->p_memsz = UINT64_MAX, "outside");
	REJECTS(ph(1)->p_vaddr += 8, "modulo the page size");
	REJECTS(ph(1)->p_flags = PF_R | PF_W | PF_X, "W^X");
	REJECTS((ph(1)->p_vaddr = LO, ph(1)->p_offset = 4096), "overlap");
	REJECTS(ph(1)->p_vaddr = LO + 2048 + 4096 * 0, "modulo");
	REJECTS(eh()->e_entry = LO + 4096, "entry point");
	REJECTS(eh()->e_entry = 0, "entry point");
	REJECTS((ph(0)->p_type = 6, ph(1)->p_type = 4), "no loadable segment");
	/* Every byte count below the full image either passes or is rejected
	 * with a reason; none may read past `size` (run under ASan to see). */
	for (size_t n = 0; n < sizeof img; n += 97) {
		reset();
		why = check(n);
		CHECK(n >= 8192 + 100 ? why == NULL : why != NULL);
	}
	user_ranges();
	return check_summary("test_elf_check");
}
