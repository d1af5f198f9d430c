/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <abi/ioctl.h>

/* Wait until what was written to the terminal fd has been shown on every
 * console device: 0, or -1 with errno (ENOTTY for a file that is not the
 * console, EBADF). */
int tcdrain(int fd);
