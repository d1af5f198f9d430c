/* SPDX-License-Identifier: BSD-2-Clause */
/* A server that registers SYS_ID 0x42 and dies before serving anything:
 * what init must give up on (integ_crash_loop). */
#include <chappe/syscall.h>
#include <stdio.h>

int main(void)
{
	long err = sys_bc_register(0x42, 0);

	printf("crash_at_start: registered 0x42 (%ld), now dereferencing NULL\n", err);
	return *(volatile int *)0;
}
