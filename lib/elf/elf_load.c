/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One way to build a user image from a checked ELF file and its argument
 * strings, used by whoever builds it: the kernel for the programs it
 * starts (into a new address space) and the exec server for execve (into
 * the staged image). The builder's two callbacks are the only difference.
 */
#include "elf_load.h"

#define AT_NULL 0

long elf_load_segments(const struct elf_builder *b, const uint8_t *file,
		       const struct elf_image *img)
{
	for (unsigned i = 0; i < img->nsegments; i++) {
		const struct elf_segment *s = &img->segments[i];
		uint64_t start = s->vaddr & ~(ELF_PAGE_SIZE - 1);
		uint64_t end = (s->vaddr + s->memsz + ELF_PAGE_SIZE - 1) & ~(ELF_PAGE_SIZE - 1);
		long err = b->map(b->ctx, start, end - start, s->flags);
		if (!err && s->filesz)
			err = b->write(b->ctx, s->vaddr, file + s->offset, s->filesz);
		if (err)
			return err;
	}
	return 0;
}

/* The pointer block: argc, argv[], NULL, envp[], NULL, AT_NULL, 0. */
static unsigned vector_words(const struct elf_args *a, uint64_t strings, uint64_t *w)
{
	unsigned n = 0, total = a->argc + a->envc;

	w[n++] = a->argc;
	for (unsigned i = 0; i < total; i++) {
		if (i == a->argc)
			w[n++] = 0; /* argv's NULL */
		w[n++] = strings + a->offset[i];
	}
	if (a->envc == 0)
		w[n++] = 0;
	w[n++] = 0;	  /* envp's NULL */
	w[n++] = AT_NULL; /* auxv */
	w[n++] = 0;
	return n;
}

long elf_build_stack(const struct elf_builder *b, uint64_t top, const struct elf_args *a,
		     uint64_t *scratch, uint64_t *sp_out)
{
	uint64_t strings = (top - a->used) & ~15ULL;
	uint64_t sp = (strings - 8 * ELF_STACK_WORDS(a->argc + a->envc)) & ~15ULL;
	unsigned words = vector_words(a, strings, scratch);
	long err = b->write(b->ctx, sp, scratch, 8ULL * words);

	if (!err && a->used)
		err = b->write(b->ctx, strings, a->strings, a->used);
	*sp_out = sp;
	return err;
}
