/* SPDX-License-Identifier: BSD-2-Clause */
/* Runs after three faulting programs; proves the system and io went on. */
#include "check.h"

#include <abi/bc.h>
#include <chappe/syscall.h>
#include <time.h>

int main(void)
{
	struct timespec pause = {0, 300 * 1000 * 1000};

	check_start("user_fault");
	EXPECT("nanosleep 300 ms", nanosleep(&pause, 0), 0);
	EXPECT("io still ready", BC_STATE(sys_bc_get_state(SYS_ID_IO)), BC_STATE_READY);
	EXPECT("write still works", sys_write(1, (long)"user_fault: survivor writes\n", 28), 28);
	return check_finish();
}
