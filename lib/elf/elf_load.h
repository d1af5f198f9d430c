/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Building a user image: the loadable segments of a checked ELF file
 * (elf_check_user), and the System V initial stack at the top:
 *   sp -> argc, argv[0..argc-1], NULL, envp[0..], NULL, AT_NULL, 0, strings
 * The builder says how pages are made and bytes written in the image being
 * built: the kernel's vm_alloc and vm_poke for the programs it starts, the
 * exec server's vm_stage_map and vm_stage_write for execve.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "elf64.h"

struct elf_builder {
	void *ctx;
	/* Zeroed pages [va, va + len), page aligned, for a segment with these
	 * PF_R/PF_W/PF_X flags: 0 or -errno. */
	long (*map)(void *ctx, uint64_t va, uint64_t len, uint32_t pf_flags);
	/* Bytes into what map made: 0 or -errno. */
	long (*write)(void *ctx, uint64_t va, const void *src, uint64_t len);
};

/* The argument strings, argv's then envp's, NUL-terminated back to back. */
struct elf_args {
	const char *strings;
	size_t used;		/* bytes of strings */
	const uint32_t *offset; /* of each string in strings, argv's first */
	unsigned argc, envc;
};

/* Words of the pointer block for n strings (scratch must hold this many). */
#define ELF_STACK_WORDS(n) ((n) + 5)

/* Map every loadable segment and write its file bytes: 0 or the first -errno. */
long elf_load_segments(const struct elf_builder *b, const uint8_t *file,
		       const struct elf_image *img);
/* Write the initial stack below top (already mapped): *sp_out is where the
 * program starts with it. */
long elf_build_stack(const struct elf_builder *b, uint64_t top, const struct elf_args *a,
		     uint64_t *scratch, uint64_t *sp_out);
