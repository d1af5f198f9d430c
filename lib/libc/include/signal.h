/* SPDX-License-Identifier: BSD-2-Clause */
/* OpenBSD's signal numbers. Chapp-E has no handlers yet: kill(2) takes 0
 * (may I?) and the signals whose default action is to terminate. */
#pragma once

#include <unistd.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGKILL 9
#define SIGTERM 15

int kill(pid_t pid, int sig);
