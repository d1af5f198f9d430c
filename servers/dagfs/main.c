/* SPDX-License-Identifier: BSD-2-Clause */
/* The dagfs server (SYS_ID_DAGFS): docs/dagfs.md, docs/vfs.md. */
#include "dagfs.h"

#include <libserver/server.h>

/* Kernel exit notices, and one-way closes (a close answers nothing). */
static void dfs_notice(const struct bc_msg *m)
{
	if (m->sender == BC_SENDER_KERNEL && m->msg_type == MSG_TYPE_STATE &&
	    m->opcode == BC_NOTICE_PROC_EXIT) {
		dfs_close_all((uint32_t)m->arg[0]);
		dfs_snapshot_forget((uint32_t)m->arg[0]);
	} else if (m->sender == BC_SENDER_KERNEL && m->msg_type == MSG_TYPE_STATE &&
		   m->opcode == BC_NOTICE_ALARM) {
		dfs_disk_alarm();
	} else if (m->sender != BC_SENDER_KERNEL && m->msg_type == MSG_TYPE_COMMAND &&
		   m->opcode == VFS_OP_CLOSE) {
		dfs_op_close(m);
	}
}

static const struct server dagfs_server = {"dagfs",	 SYS_ID_DAGFS, dfs_ops,
					   VFS_OP_COUNT, dfs_notice,   BC_WANT_PROC_EXIT};

int main(void)
{
	dfs_store_init();
	return server_run(&dagfs_server);
}
