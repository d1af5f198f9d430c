/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exec'd by exec_echo as: probe PID ADDR. Checks that it kept the pid and
 * that ADDR, which the old image had mapped and written, is not mapped now
 * (the kernel refuses to write a timespec there).
 */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>

static long parse(const char *s)
{
	long v = 0;
	int base = 10;

	if (s[0] == '0' && s[1] == 'x')
		s += 2, base = 16;
	for (; *s; s++)
		v = v * base + (*s <= '9' ? *s - '0' : (*s | 32) - 'a' + 10);
	return v;
}

int main(int argc, char **argv)
{
	check_start("probe");
	EXPECT("argc", argc, 3);
	if (argc != 3)
		return check_finish();
	EXPECT("pid kept across execve", sys_getpid(), parse(argv[1]));
	EXPECT("old image's page is gone", sys_clock_gettime(3, parse(argv[2])), -EFAULT);
	return check_finish();
}
