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
/* The console's drivers (docs/console.md). */
/* arg0 = index of a device it owns, arg1 = roles, arg2 = its SYS_ID,
 * arg3 = an output driver's screen, IO_SCREEN(cols, rows), or 0 */
#define IO_OP_CONSOLE_ATTACH (IO_OP_BASE + 2)
#define IO_OP_CONSOLE_INPUT (IO_OP_BASE + 3)  /* input driver: arg0 = count, arg1..5 = the bytes */
#define IO_OP_CONSOLE_OUTPUT (IO_OP_BASE + 4) /* output driver: arg0 = buf, arg1 = size */
/* The exec server: arg0 = the process calling execve, arg1, arg2 = the
 * path (exec's memory): opened read-only, resolved against that process's
 * working directory, as a new fd of exec's. */
#define IO_OP_EXEC_OPEN (IO_OP_BASE + 5)
/* The memory server, for mmap of a file: arg0 = the process (low 32 bits)
 * and its fd (high 32), arg1, arg2 = a buffer of the memory server's,
 * arg3 = the offset in the file: bytes read (0 past the end). */
#define IO_OP_MAP_READ (IO_OP_BASE + 6)
#define IO_OP_COUNT (IO_OP_BASE + 7)

#define IO_CONSOLE_IN 0x1	/* it sends what is typed */
#define IO_CONSOLE_OUT 0x2	/* it shows what is written */
#define IO_CONSOLE_INPUT_MAX 40 /* bytes one input message carries (arg1..arg5) */
#define IO_SCREEN(cols, rows) ((uint64_t)(cols) | (uint64_t)(rows) << 16)
#define IO_SCREEN_COLS(s) ((unsigned)((s)&0xffff))
#define IO_SCREEN_ROWS(s) ((unsigned)(((s) >> 16) & 0xffff))

/* io's one-way notice to an output driver (MSG_TYPE_OUTPUT, from io's pid):
 * output is waiting; take it with IO_OP_CONSOLE_OUTPUT until that says 0. */
#define IO_NOTICE_OUTPUT 1

/* IO_OP_CONSOLE_OUTPUT's answer: bytes copied in the low 32 bits, their
 * colour (0xRRGGBB) above. */
#define IO_OUTPUT_BYTES(r) ((uint32_t)(r))
#define IO_OUTPUT_RGB(r) ((uint32_t)((uint64_t)(r) >> 32))

#define IO_DEVNAME_MAX 16
