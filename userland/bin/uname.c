/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "-a"))
		printf("Chapp-E chappe " CHAPPE_VERSION " x86_64\n");
	else
		printf("Chapp-E\n");
	return 0;
}
