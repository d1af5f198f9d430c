/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ELF64 structures and a validator shared by the EFI loader (kernel image),
 * the exec server (user programs) and host tests. Everything here is pure: it
 * reads a byte buffer and never trusts a single field of it.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define ELF_PAGE_SIZE 4096ULL
#define ELF_MAX_SEGMENTS 16

#define EI_NIDENT 16
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ET_EXEC 2
#define EM_X86_64 62
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4

typedef struct {
	unsigned char e_ident[EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
} elf64_ehdr;

typedef struct {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;
	uint64_t p_memsz;
	uint64_t p_align;
} elf64_phdr;

_Static_assert(sizeof(elf64_ehdr) == 64, "ELF64 header is 64 bytes");
_Static_assert(sizeof(elf64_phdr) == 56, "ELF64 program header is 56 bytes");

struct elf_segment {
	uint64_t vaddr;	 /* exact, may be unaligned */
	uint64_t offset; /* in the file */
	uint64_t filesz;
	uint64_t memsz;
	uint32_t flags; /* PF_R | PF_W | PF_X */
};

struct elf_image {
	uint64_t entry;
	uint64_t vstart; /* page-rounded lowest address of any segment */
	uint64_t vend;	 /* page-rounded end of the highest segment */
	unsigned nsegments;
	struct elf_segment segments[ELF_MAX_SEGMENTS];
};

/*
 * Validate an ELF64 x86-64 executable of `size` bytes whose loadable
 * segments must all lie in [vlo, vhi). On success fills `out` and returns 0;
 * otherwise returns -1 and points *why at a sentence for the user.
 */
int elf_check(const void *file, size_t size, uint64_t vlo, uint64_t vhi, struct elf_image *out,
	      const char **why);

/* elf_check for a user program: segments only where <abi/layout.h> puts
 * program images (never in the heap, the stack or page 0). */
int elf_check_user(const void *file, size_t size, struct elf_image *out, const char **why);

/* Pages the image's segments cover (elf_check has ruled out overlaps). */
uint64_t elf_image_pages(const struct elf_image *img);
