/* SPDX-License-Identifier: BSD-2-Clause */
#include "elf64.h"

#include <abi/layout.h>

#define PAGE_DOWN(x) ((x) & ~(ELF_PAGE_SIZE - 1))

static int fail(const char **why, const char *msg)
{
	*why = msg;
	return -1;
}

/* a + b without wrap-around, and the sum not past limit. */
static int fits(uint64_t a, uint64_t b, uint64_t limit)
{
	return a + b >= a && a + b <= limit;
}

static int check_header(const elf64_ehdr *eh, size_t size, const char **why)
{
	const unsigned char *id = eh->e_ident;

	if (id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F')
		return fail(why, "not an ELF file (bad magic)");
	if (id[4] != ELFCLASS64)
		return fail(why, "not a 64-bit ELF file");
	if (id[5] != ELFDATA2LSB || id[6] != EV_CURRENT)
		return fail(why, "not a little-endian ELF version 1 file");
	if (eh->e_machine != EM_X86_64)
		return fail(why, "ELF machine is not x86-64");
	if (eh->e_type != ET_EXEC)
		return fail(why, "ELF file is not an executable");
	if (eh->e_phentsize != sizeof(elf64_phdr))
		return fail(why, "ELF program header size is wrong");
	if (eh->e_phnum == 0 || eh->e_phnum > 64)
		return fail(why, "ELF program header count is absurd");
	if (!fits(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(elf64_phdr), size))
		return fail(why, "ELF program headers lie past the end of the file");
	if (eh->e_phoff % 8)
		return fail(why, "ELF program headers are misaligned");
	return 0;
}

static int check_segment(const elf64_phdr *ph, size_t size, uint64_t vlo, uint64_t vhi,
			 const char **why)
{
	if (ph->p_filesz > ph->p_memsz)
		return fail(why, "ELF segment has more file bytes than memory bytes");
	if (!fits(ph->p_offset, ph->p_filesz, size))
		return fail(why, "ELF segment data lies past the end of the file (truncated?)");
	if (ph->p_vaddr < vlo || !fits(ph->p_vaddr, ph->p_memsz, vhi))
		return fail(why, "ELF segment lies outside the allowed address range");
	if ((ph->p_vaddr ^ ph->p_offset) & (ELF_PAGE_SIZE - 1))
		return fail(why, "ELF segment offset and address disagree modulo the page size");
	if ((ph->p_flags & (PF_W | PF_X)) == (PF_W | PF_X))
		return fail(why, "ELF segment is both writable and executable (W^X)");
	return 0;
}

static int overlaps(const struct elf_segment *a, const struct elf_segment *b)
{
	uint64_t a0 = PAGE_DOWN(a->vaddr), a1 = a->vaddr + a->memsz;
	uint64_t b0 = PAGE_DOWN(b->vaddr), b1 = b->vaddr + b->memsz;

	return a0 < b1 && b0 < a1;
}

static int entry_is_executable(const struct elf_image *img)
{
	for (unsigned i = 0; i < img->nsegments; i++) {
		const struct elf_segment *s = &img->segments[i];
		if ((s->flags & PF_X) && img->entry >= s->vaddr && img->entry < s->vaddr + s->memsz)
			return 1;
	}
	return 0;
}

static int add_segment(struct elf_image *img, const elf64_phdr *ph, const char **why)
{
	struct elf_segment *s = &img->segments[img->nsegments];

	if (img->nsegments == ELF_MAX_SEGMENTS)
		return fail(why, "ELF file has too many loadable segments");
	*s = (struct elf_segment){ph->p_vaddr, ph->p_offset, ph->p_filesz, ph->p_memsz,
				  ph->p_flags & (PF_R | PF_W | PF_X)};
	for (unsigned i = 0; i < img->nsegments; i++)
		if (overlaps(s, &img->segments[i]))
			return fail(why, "ELF segments overlap");
	img->nsegments++;
	return 0;
}

static void compute_bounds(struct elf_image *img)
{
	img->vstart = UINT64_MAX;
	img->vend = 0;
	for (unsigned i = 0; i < img->nsegments; i++) {
		const struct elf_segment *s = &img->segments[i];
		uint64_t end = PAGE_DOWN(s->vaddr + s->memsz + ELF_PAGE_SIZE - 1);
		if (PAGE_DOWN(s->vaddr) < img->vstart)
			img->vstart = PAGE_DOWN(s->vaddr);
		if (end > img->vend)
			img->vend = end;
	}
}

int elf_check(const void *file, size_t size, uint64_t vlo, uint64_t vhi, struct elf_image *out,
	      const char **why)
{
	const elf64_ehdr *eh = file;

	if (file == 0 || size < sizeof(elf64_ehdr))
		return fail(why, "file is too small to be an ELF executable");
	if (check_header(eh, size, why))
		return -1;
	out->nsegments = 0;
	out->entry = eh->e_entry;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const elf64_phdr *ph = (const elf64_phdr *)((const char *)file + eh->e_phoff) + i;
		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue; /* an empty segment loads nothing */
		if (check_segment(ph, size, vlo, vhi, why) || add_segment(out, ph, why))
			return -1;
	}
	if (out->nsegments == 0)
		return fail(why, "ELF file has no loadable segment");
	if (!entry_is_executable(out))
		return fail(why, "ELF entry point is not inside an executable segment");
	compute_bounds(out);
	return 0;
}

int elf_check_user(const void *file, size_t size, struct elf_image *out, const char **why)
{
	return elf_check(file, size, CHAPPE_IMAGE_BASE, CHAPPE_IMAGE_TOP, out, why);
}

uint64_t elf_image_pages(const struct elf_image *img)
{
	uint64_t pages = 0;

	for (unsigned i = 0; i < img->nsegments; i++) {
		const struct elf_segment *s = &img->segments[i];
		uint64_t end = PAGE_DOWN(s->vaddr + s->memsz + ELF_PAGE_SIZE - 1);
		pages += (end - PAGE_DOWN(s->vaddr)) / ELF_PAGE_SIZE;
	}
	return pages;
}
