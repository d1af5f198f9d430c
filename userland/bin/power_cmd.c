/* SPDX-License-Identifier: BSD-2-Clause */
#include "power_cmd.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <termios.h>
#include <unistd.h>

int power_command(int argc, char **argv, int howto)
{
	if (argc > 1) {
		dprintf(2, "usage: %s\n", argv[0]);
		return 2;
	}
	sync(); /* what the filesystem holds reaches the disk before the machine goes */
	tcdrain(STDOUT_FILENO);
	reboot(howto);
	dprintf(2, "%s: %s\n", argv[0], strerror(errno));
	return 1;
}
