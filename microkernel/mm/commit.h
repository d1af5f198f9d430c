/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The commit charge: pages promised to user processes, each of which may
 * come to need a frame of its own (a page mapped now, a copy-on-write page
 * that may be copied, heap being grown). Promises never exceed the frames
 * there are, less a reserve for what the kernel allocates on the side (page
 * tables, kernel stacks), so a promised page can always be had: a
 * copy-on-write fault never fails for want of a frame, and whoever asks for
 * more than is left gets ENOMEM up front instead of a bystander dying later.
 * The per-process accounts live in struct proc (core/proc.c).
 */
#pragma once

#include <stdint.h>

/* Once, with the frames free when the kernel no longer needs boot memory. */
void commit_init(uint64_t free_frames);
/* 0, or -ENOMEM when pages more would exceed the limit. */
int commit_take(uint64_t pages);
void commit_give(uint64_t pages); /* panics on giving back more than was taken */
uint64_t commit_used(void);
uint64_t commit_limit(void);
