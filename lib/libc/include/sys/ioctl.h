/* SPDX-License-Identifier: BSD-2-Clause */
/* ioctl(2) and the terminal's requests, struct winsize among them. */
#pragma once

#include <abi/ioctl.h>

/* One request on an open file: its answer, or -1 with errno (ENOTTY when
 * the file does not take that request). */
int ioctl(int fd, unsigned long request, ...);
