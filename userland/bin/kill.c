/* SPDX-License-Identifier: BSD-2-Clause */
/* kill [-s NAME | -NAME | -N] pid...: end processes (default SIGTERM). */
#include "kill.h"

int main(int argc, char **argv)
{
	return kill_command(argc, argv);
}
