/* SPDX-License-Identifier: BSD-2-Clause */
/* xhcid: the xHCI USB driver (docs/usb.md). Its USB disks are served
 * on the same SYS_ID as the block protocol (lib/abi/block.h, opcodes 1-5:
 * BLOCK_SYS_ID_USB); its own requests come after those. */
#pragma once

#include <abi/block.h>

#define XHCI_SYS_ID BLOCK_SYS_ID_USB

/* How many USB keyboards type into the console now (a
 * test waits for a restarted driver's keyboard with it). */
#define XHCI_OP_KEYBOARDS 0x10
/* The lock LEDs the first keyboard last took (SET_REPORT answered):
 * bit 0 Num Lock, bit 1 Caps Lock; -ENXIO with no keyboard. */
#define XHCI_OP_LEDS 0x11
#define XHCI_OP_COUNT 0x12
