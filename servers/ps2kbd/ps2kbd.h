/* SPDX-License-Identifier: BSD-2-Clause */
/* ps2kbd: the PS/2 keyboard driver (docs/console.md). */
#pragma once

#define PS2KBD_SYS_ID 0x51
