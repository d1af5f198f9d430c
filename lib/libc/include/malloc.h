/* SPDX-License-Identifier: BSD-2-Clause */
/* The allocator's extras beyond <stdlib.h> (lib/libc/malloc.c). */
#pragma once

#include <stdlib.h>

void *memalign(size_t align, size_t n);
/* The bytes the block at p can hold, at least what was asked for. */
size_t malloc_usable_size(void *p);
