/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>

int main(void)
{
	printf("Hello, Chapp-E!\n");
	return 0;
}
