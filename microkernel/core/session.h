/* SPDX-License-Identifier: BSD-2-Clause */
/* Process groups and sessions: the calls, 0 (or an id) or -errno. */
#pragma once

#include <stdint.h>

int64_t session_getpgid(int pid);
int64_t session_getsid(int pid);
int64_t session_setpgid(int pid, int pgid);
int64_t session_setsid(void);
