/* SPDX-License-Identifier: BSD-2-Clause */
/* mmap, munmap and mprotect (docs/memory.md): OpenBSD's values. */
#pragma once

#define PROT_NONE 0x00
#define PROT_READ 0x01
#define PROT_WRITE 0x02
#define PROT_EXEC 0x04

#define MAP_SHARED 0x0001
#define MAP_PRIVATE 0x0002
#define MAP_FIXED 0x0010
#define MAP_ANON 0x1000
#define MAP_ANONYMOUS MAP_ANON
