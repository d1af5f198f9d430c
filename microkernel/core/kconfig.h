/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot config (BOOT.CFG, see lib/bootcfg) as the kernel sees it.
 * `test=NAME` puts the kernel in test mode: run self-test NAME, then leave
 * QEMU through isa-debug-exit with a pass or fail code.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

struct bootinfo;

/* isa-debug-exit turns value v into QEMU exit status (v << 1) | 1. */
#define QEMU_EXIT_PASS 0 /* status 1 */
#define QEMU_EXIT_FAIL 1 /* status 3 */

void kconfig_init(const struct bootinfo *bi);
int kconfig_get(const char *key, char *out, size_t outlen);
/* The number a key's leading decimal digits spell (0 for none), or
 * fallback when the key is absent. */
uint64_t kconfig_get_number(const char *key, uint64_t fallback);
int kconfig_test_mode(void);
__attribute__((noreturn)) void qemu_exit(int code);
