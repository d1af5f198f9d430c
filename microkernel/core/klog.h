/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel log: kernel lines meant for console devices a driver owns,
 * held until io reads them (klog_read) and writes them in order with the
 * rest of the console's output. io is told with one notice per batch.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* devices (CONSOLE_TO_*): the owned ones the line was kept off. */
void klog_append(const char *s, size_t n, uint32_t rgb, unsigned devices);
/* Whole records (lib/abi/console.h) into buf: the bytes used. */
size_t klog_take(void *buf, size_t size);
