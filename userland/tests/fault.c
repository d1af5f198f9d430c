/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One binary, three faults, chosen by the name it was started under:
 * fault_pf writes to NULL, fault_gp runs a privileged instruction,
 * fault_ud an invalid opcode. Each must be killed alone.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	const char *me = argc > 0 ? argv[0] : "";

	if (strrchr(me, '/'))
		me = strrchr(me, '/') + 1; /* also when started as /bin/fault_pf */

	printf("%s: about to fault\n", me);
	if (!strcmp(me, "fault_pf"))
		*(volatile int *)0 = 1;
	else if (!strcmp(me, "fault_gp"))
		__asm__ volatile("cli");
	else if (!strcmp(me, "fault_ud"))
		__asm__ volatile("ud2");
	printf("%s: still alive after the fault (FAIL)\n", me);
	return 1;
}
