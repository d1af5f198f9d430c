/* SPDX-License-Identifier: BSD-2-Clause */
/* open(2); its flags are the ABI's (abi/fcntl.h). */
#pragma once

#include <abi/fcntl.h>

int open(const char *path, int flags, ...);
