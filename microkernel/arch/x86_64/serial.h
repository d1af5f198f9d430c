/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <stddef.h>

void serial_init(void);
void serial_write(const char *s, size_t n);
