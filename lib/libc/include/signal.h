/* SPDX-License-Identifier: BSD-2-Clause */
/* Chapp-E has no signal handlers yet: kill(2) takes 0 (may I?) and the
 * signals whose default action is to terminate. */
#pragma once

#include <abi/signal.h>
#include <unistd.h>

int kill(pid_t pid, int sig);
