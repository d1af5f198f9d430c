/* SPDX-License-Identifier: BSD-2-Clause */
/* xhcid: the xHCI USB driver (docs/usb.md). */
#pragma once

#define XHCI_SYS_ID 0x55

/* Its one request: how many USB keyboards type into the console now (a
 * test waits for a restarted driver's keyboard with it). */
#define XHCI_OP_KEYBOARDS 0
#define XHCI_OP_COUNT 1
