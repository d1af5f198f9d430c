/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Generated test programs: a valid static ELF whose code page exits 0 and
 * whose one data segment (bss only) sits wherever a test wants it, written
 * to a file for execve; and what the memory tests around them share.
 */
#pragma once

#include <abi/wait.h>
#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <elf/elf64.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ELFGEN_TEXT 0x400000ULL

/* nanosleep({hold, 0}) (the seconds byte is patched in), then exit(0):
 * push 0; push hold; mov rdi, rsp; xor esi, esi; mov eax, SYS_nanosleep;
 * syscall; mov eax, SYS_exit; xor edi, edi; syscall; jmp . */
#define ELFGEN_HOLD_AT 3
static const unsigned char elfgen_code[] = {0x6a, 0x00, 0x6a, 0x00, 0x48, 0x89, 0xe7, 0x31, 0xf6,
					    0xb8, 91,	0,    0,    0,	  0x0f, 0x05, 0xb8, 1,
					    0,	  0,	0,    0x31, 0xff, 0x0f, 0x05, 0xeb, 0xfe};

static _Alignas(8) unsigned char elfgen_file[4096 + sizeof elfgen_code];

static inline void elfgen_build(uint64_t data_va, uint64_t data_memsz, unsigned char hold_s)
{
	elf64_ehdr *h = (elf64_ehdr *)elfgen_file;
	elf64_phdr *p = (elf64_phdr *)(elfgen_file + sizeof *h);

	memset(elfgen_file, 0, sizeof elfgen_file);
	memcpy(h->e_ident,
	       "\x7f"
	       "ELF\x02\x01\x01",
	       7);
	h->e_type = ET_EXEC;
	h->e_machine = EM_X86_64;
	h->e_version = EV_CURRENT;
	h->e_entry = ELFGEN_TEXT;
	h->e_phoff = sizeof *h;
	h->e_ehsize = sizeof *h;
	h->e_phentsize = sizeof *p;
	h->e_phnum = 2;
	p[0] = (elf64_phdr){PT_LOAD,
			    PF_R | PF_X,
			    4096,
			    ELFGEN_TEXT,
			    ELFGEN_TEXT,
			    sizeof elfgen_code,
			    sizeof elfgen_code,
			    4096};
	p[1] = (elf64_phdr){PT_LOAD, PF_R | PF_W, 0, data_va, data_va, 0, data_memsz, 4096};
	memcpy(elfgen_file + 4096, elfgen_code, sizeof elfgen_code);
	elfgen_file[4096 + ELFGEN_HOLD_AT] = hold_s;
}

/* Write the program (it holds its memory hold_s seconds, then exits 0) to
 * path: 0, or -1 when the file could not be written. */
static inline int elfgen_write(const char *path, uint64_t data_va, uint64_t data_memsz,
			       unsigned char hold_s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	long n;

	if (fd < 0)
		return -1;
	elfgen_build(data_va, data_memsz, hold_s);
	n = write(fd, elfgen_file, sizeof elfgen_file);
	close(fd);
	return n == (long)sizeof elfgen_file ? 0 : -1;
}

/* Write the program to path and execve it in a child: 0 when it ran (and
 * exited 0), -errno when execve failed, -2000 - signal when the child was
 * killed, -1000 when the file could not be written. */
static inline long elfgen_exec(const char *path, uint64_t data_va, uint64_t data_memsz,
			       unsigned char hold_s)
{
	char *argv[] = {"generated", 0};
	int status = -1;
	pid_t c;

	if (elfgen_write(path, data_va, data_memsz, hold_s))
		return -1000;
	c = fork();
	if (c == 0)
		_exit((int)-sys_execve((long)path, (long)argv, 0));
	waitpid(c, &status, 0);
	return WIFEXITED(status) ? -WEXITSTATUS(status) : -2000 - WTERMSIG(status);
}

/* "prog: when: N free frames, commit U of L pages"; returns the kstat. */
static inline struct chappe_kstat elfgen_memory_report(const char *prog, const char *when)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	printf("%s: %s: %lu free frames, commit %lu of %lu pages\n", prog, when,
	       (unsigned long)k.free_frames, (unsigned long)k.commit_used,
	       (unsigned long)k.commit_limit);
	return k;
}
