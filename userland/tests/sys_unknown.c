/* SPDX-License-Identifier: BSD-2-Clause */
/* Numbers no table claims return -ENOSYS through both gates. */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>

static const struct {
	const char *name;
	long nr;
} unknown[] = {
    {"nr 0", 0},
    {"nr -1", -1},
    {"nr 2^63", (long)(1UL << 63)},
    {"nr 0x1000", 0x1000},
    {"nr 0x1ff (between the tables)", 0x1ff},
    {"first past the POSIX table", SYSCALL_POSIX_LIMIT},
    {"first past the Chapp-E table", SYSCALL_CHAPPE_LIMIT},
    {"nr 2^31 - 1", 0x7fffffff},
};

int main(void)
{
	char what[96];

	check_start("sys_unknown");
	for (unsigned i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
		snprintf(what, sizeof what, "syscall %s", unknown[i].name);
		EXPECT(what, syscall6(unknown[i].nr, 1, 2, 3, 4, 5, 6), -ENOSYS);
		snprintf(what, sizeof what, "int80 %s", unknown[i].name);
		EXPECT(what, int80_syscall6(unknown[i].nr, 1, 2, 3, 4, 5, 6), -ENOSYS);
	}
	return check_finish();
}
