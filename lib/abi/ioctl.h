/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ioctl(2) requests, with OpenBSD's numbers (sys/ttycom.h). io answers
 * them for the console; any other file is -ENOTTY.
 */
#pragma once

/* _IO('t', 94): wait until everything written to the terminal is shown
 * (tcdrain). */
#define TIOCDRAIN 0x2000745eUL
