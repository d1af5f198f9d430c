/* SPDX-License-Identifier: BSD-2-Clause */
/* mmap, munmap, mprotect (docs/memory.md): OpenBSD's flags and answers. */
#pragma once

#include <abi/mman.h> /* PROT_*, MAP_SHARED, MAP_PRIVATE, MAP_FIXED, MAP_ANON(YMOUS) */

#include <sys/types.h>

#define MAP_FAILED ((void *)-1)

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
