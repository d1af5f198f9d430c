/* SPDX-License-Identifier: BSD-2-Clause */
/* Inside the memory server: mmap, munmap and mprotect (mmap.c). */
#pragma once

#include <stdint.h>

#include <abi/bc.h>

int64_t memory_mmap(const struct bc_msg *m);
int64_t memory_munmap(const struct bc_msg *m);
int64_t memory_mprotect(const struct bc_msg *m);
