/* SPDX-License-Identifier: BSD-2-Clause */
/* reboot: sync, then reset the machine (docs/power.md). */
#include "power_cmd.h"

#include <sys/reboot.h>

int main(int argc, char **argv)
{
	return power_command(argc, argv, RB_AUTOBOOT);
}
