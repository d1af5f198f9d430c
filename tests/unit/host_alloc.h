/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * chappe_malloc and friends for tests of libc code that allocates but is
 * not the allocator: the host's malloc underneath, with a count of the
 * blocks still allocated, so a test can see a leak.
 */
#pragma once

extern long host_alloc_live;
