/* SPDX-License-Identifier: BSD-2-Clause */
/* Reads one line from fd 0 (the test runner types it on COM1) and echoes it. */
#include "check.h"

#include <chappe/syscall.h>
#include <string.h>

int main(void)
{
	char line[64];
	size_t used = 0;

	check_start("read_line");
	printf("read_line: ready\n");
	while (used < sizeof line - 1) {
		long n = sys_read(0, (long)(line + used), (long)(sizeof line - 1 - used));
		if (n <= 0) {
			EXPECT("read returned data", n, 1);
			return check_finish();
		}
		used += (size_t)n;
		if (line[used - 1] == '\n')
			break;
	}
	line[used] = '\0';
	printf("read_line: got [%s]\n", line);
	EXPECT("line matches", strcmp(line, "typed over serial\n"), 0);
	return check_finish();
}
