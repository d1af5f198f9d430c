/* SPDX-License-Identifier: BSD-2-Clause */
/* ps2kbd: the PS/2 keyboard driver (docs/console.md). */
#pragma once

#define PS2KBD_SYS_ID 0x51

/* Its one request: when (the TSC) the interrupt came that typed the bytes
 * it sent io last, for ./chappe bench's keystroke-to-echo figure. */
#define PS2KBD_OP_LAST_KEY_TSC 0
#define PS2KBD_OP_COUNT 1
