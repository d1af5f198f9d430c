/* SPDX-License-Identifier: BSD-2-Clause */
/* bcstat: the Brain Controller's systems: who serves them, messages, restarts. */
#include <abi/bc.h>
#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <stdio.h>

static const char *state_name(uint32_t s)
{
	return s == BC_STATE_READY ? "ready" : s == BC_STATE_DEAD ? "dead" : "absent";
}

int main(void)
{
	struct chappe_bcstat st;
	struct chappe_procinfo p;

	printf("SYS_ID STATE  SERVER        PID   ROUTED RESTARTS\n");
	for (int id = 1; id < SYS_ID_COUNT; id++) {
		if (sys_bc_stat(id, (long)&st) || st.state == BC_STATE_ABSENT)
			continue;
		const char *name = sys_proc_info(st.server_pid, (long)&p) == 0 ? p.name : "-";
		printf("  0x%02x %-6s %-12s %4d %8lu %8u\n", id, state_name(st.state), name,
		       st.server_pid, (unsigned long)st.routed, st.restarts);
	}
	return 0;
}
