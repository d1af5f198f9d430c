/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the kernel starts from the boot archive, by BOOT.CFG:
 *   init=NAME     started first, pid 1, adopts orphans (default: init, if
 *                 the archive has it; init= with no value: none)
 *   servers=a,b   next, with the server capability (default: io,memory,exec)
 *   proc_limit=N  fork fails with EAGAIN at N processes (default and most: 64)
 *   run=a,b       ordinary programs (ignored in test mode)
 *   test=NAME     test mode: also=... first, then NAME (with the words of
 *                 args=... as its arguments); QEMU exits with NAME's result
 * With an init, run= and the test programs start only once init says it
 * has started its drivers (init_ready), or ends.
 */
#pragma once

void boot_programs_start(const char *test);
/* init is ready (or gone): start the programs held for it. */
void boot_programs_release(void);
