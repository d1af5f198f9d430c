/* SPDX-License-Identifier: BSD-2-Clause */
/* reboot(2): OpenBSD's howto bits (lib/abi/reboot.h). */
#pragma once

#include <abi/reboot.h> /* RB_AUTOBOOT, RB_HALT, RB_POWERDOWN */

/* Never returns on success; -1 and errno EPERM (no power capability) or
 * EINVAL (a bit Chapp-E does not know). The caller syncs first. */
int reboot(int howto);
