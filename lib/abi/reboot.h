/* SPDX-License-Identifier: BSD-2-Clause */
/* reboot(howto): OpenBSD's howto bits (sys/reboot.h), the ones Chapp-E
 * acts on; any other bit is -EINVAL (docs/power.md). */
#pragma once

#define RB_AUTOBOOT 0x0000  /* reset the machine */
#define RB_HALT 0x0008	    /* stop the CPU; the machine stays on */
#define RB_POWERDOWN 0x1000 /* turn the machine off (ACPI S5); with or without RB_HALT */

#define RB_KNOWN (RB_HALT | RB_POWERDOWN)
