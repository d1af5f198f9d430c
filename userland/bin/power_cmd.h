/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

/* poweroff(8) and reboot(8)'s work: sync, let the console show what was
 * written, then reboot(howto). Returns only when reboot refused: the
 * reason is printed, the status is 1. */
int power_command(int argc, char **argv, int howto);
