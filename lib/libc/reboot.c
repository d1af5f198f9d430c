/* SPDX-License-Identifier: BSD-2-Clause */
#include <chappe/syscall.h>
#include <errno.h>
#include <sys/reboot.h>

int reboot(int howto)
{
	long r = sys_reboot(howto);

	errno = (int)-r; /* it came back: refused */
	return -1;
}
