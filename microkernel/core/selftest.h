/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel self-tests, chosen by `test=NAME` in BOOT.CFG. Each one either
 * returns 0 (the kernel then exits QEMU with the pass code), returns
 * nonzero, or ends in a deliberate panic that its integration test expects.
 */
#pragma once

/* 1 when name is a kernel self-test (otherwise it names a user program). */
int selftest_exists(const char *name);
/* Never returns: exits QEMU with the result. */
__attribute__((noreturn)) void selftest_run(const char *name);
