/* SPDX-License-Identifier: BSD-2-Clause */
/* ps: every process the kernel knows (pid, parent, state, name). */
#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <stdio.h>

#define PID_SCAN 4096

static const char *state_name(uint32_t s)
{
	static const char *const names[] = {"?", "run", "sleep", "zombie", "stopped"};

	return s < 5 ? names[s] : "?";
}

int main(void)
{
	struct chappe_procinfo p;

	printf("  PID  PPID STATE   NAME\n");
	for (int pid = 1; pid < PID_SCAN; pid++)
		if (sys_proc_info(pid, (long)&p) == 0)
			printf("%5d %5d %-7s %s\n", p.pid, p.ppid, state_name(p.state), p.name);
	return 0;
}
