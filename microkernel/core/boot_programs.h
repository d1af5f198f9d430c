/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the kernel starts from the boot archive, by BOOT.CFG:
 *   servers=a,b   started first, with the server capability (default: io)
 *   run=a,b       ordinary programs (ignored in test mode)
 *   test=NAME     test mode: also=... first, then NAME; QEMU exits with
 *                 NAME's result when it ends
 */
#pragma once

void boot_programs_start(const char *test);
