/* SPDX-License-Identifier: BSD-2-Clause */
/* poweroff: sync, then turn the machine off (ACPI S5; docs/power.md). */
#include "power_cmd.h"

#include <sys/reboot.h>

int main(int argc, char **argv)
{
	return power_command(argc, argv, RB_HALT | RB_POWERDOWN);
}
