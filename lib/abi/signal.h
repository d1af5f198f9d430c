/* SPDX-License-Identifier: BSD-2-Clause */
/* OpenBSD's signal numbers: kill(2)'s argument and the low bits of the wait
 * status of a process a signal or a fault ended. */
#pragma once

#define SIGHUP 1
#define SIGINT 2
#define SIGILL 4
#define SIGTRAP 5
#define SIGFPE 8
#define SIGKILL 9
#define SIGBUS 10
#define SIGSEGV 11
#define SIGTERM 15
