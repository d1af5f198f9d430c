/* SPDX-License-Identifier: BSD-2-Clause */
#include "supervise.h"

#include <abi/errno.h>
#include <abi/signal.h>
#include <chappe/syscall.h>
#include <unistd.h>

int supervise_fork(uint8_t sys_id)
{
	return supervise_fork_driver(sys_id, 0);
}

int supervise_fork_driver(uint8_t sys_id, const struct dev_match *device)
{
	int gate[2];
	char go = 0;
	long pid, err;

	if (pipe(gate) < 0)
		return -ENFILE;
	pid = sys_fork();
	if (pid == 0) {
		close(gate[1]);
		read(gate[0], &go, 1); /* 1 once reserved; end of file if not */
		close(gate[0]);
		if (!go)
			_exit(127);
		return 0;
	}
	close(gate[0]);
	err = pid < 0 ? pid : sys_bc_supervise(sys_id, pid);
	if (err == 0 && device)
		err = sys_dev_allow(pid, (long)device);
	if (err == 0)
		write(gate[1], "\1", 1);
	close(gate[1]);
	if (err && pid > 0)
		sys_wait4(pid, 0, 0, 0); /* it saw end of file and left */
	return err ? (int)err : (int)pid;
}
