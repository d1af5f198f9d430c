/* SPDX-License-Identifier: BSD-2-Clause */
/* xhcid: the xHCI USB driver (docs/usb.md). */
#pragma once

#define XHCI_SYS_ID 0x55

/* How many USB keyboards type into the console now (a
 * test waits for a restarted driver's keyboard with it). */
#define XHCI_OP_KEYBOARDS 0
/* The lock LEDs the first keyboard last took (SET_REPORT answered):
 * bit 0 Num Lock, bit 1 Caps Lock; -ENXIO with no keyboard. */
#define XHCI_OP_LEDS 1
#define XHCI_OP_COUNT 2
