/* SPDX-License-Identifier: BSD-2-Clause */
/* The echo test server's protocol (tests and bench). */
#pragma once

#define ECHO_SYS_ID 0x40
#define ECHO_OP_PING 0	      /* answers 0 */
#define ECHO_OP_WHOAMI 1      /* answers the sender the kernel stamped */
#define ECHO_OP_ADD 2	      /* answers arg0 + arg1 */
#define ECHO_OP_LAST_ONEWAY 3 /* answers the sender of the last one-way message */
#define ECHO_OP_PID 4	      /* answers the server's own pid */
#define ECHO_OP_CRASH 5	      /* the server dereferences NULL */
#define ECHO_OP_COUNT 6
