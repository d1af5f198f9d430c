/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the io server (SYS_ID_IO) understands. Forwarded syscalls arrive
 * with their syscall number as opcode (SYS_read, SYS_write); io's own
 * requests use opcodes from IO_OP_BASE, above every syscall number.
 */
#pragma once

#define IO_OP_BASE 0x200
#define IO_OP_DEVOPEN (IO_OP_BASE + 0) /* arg0 = name, arg1 = length: a new fd */
#define IO_OP_FORK (IO_OP_BASE + 1)    /* servers only: arg0 = parent, arg1 = child */
#define IO_OP_COUNT (IO_OP_BASE + 2)

#define IO_DEVNAME_MAX 16
