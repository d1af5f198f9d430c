/* SPDX-License-Identifier: BSD-2-Clause */
/* A user echo server on SYS_ID 0x40 for the Brain Controller tests and bench. */
#include "echo.h"

#include <libserver/server.h>
#include <unistd.h>

static uint32_t last_oneway_sender;

static int64_t op_ping(const struct bc_msg *m)
{
	(void)m;
	return 0;
}

static int64_t op_whoami(const struct bc_msg *m)
{
	return m->sender;
}

static int64_t op_add(const struct bc_msg *m)
{
	return (int64_t)(m->arg[0] + m->arg[1]);
}

static int64_t op_last_oneway(const struct bc_msg *m)
{
	(void)m;
	return last_oneway_sender;
}

static int64_t op_pid(const struct bc_msg *m)
{
	(void)m;
	return getpid();
}

static int64_t op_crash(const struct bc_msg *m)
{
	(void)m;
	return *(volatile int64_t *)0;
}

static void on_notice(const struct bc_msg *m)
{
	if (m->msg_type == MSG_TYPE_COMMAND)
		last_oneway_sender = m->sender;
}

static const server_op ops[ECHO_OP_COUNT] = {
    [ECHO_OP_PING] = op_ping, [ECHO_OP_WHOAMI] = op_whoami,
    [ECHO_OP_ADD] = op_add,   [ECHO_OP_LAST_ONEWAY] = op_last_oneway,
    [ECHO_OP_PID] = op_pid,   [ECHO_OP_CRASH] = op_crash,
};

static const struct server echo = {"echo", ECHO_SYS_ID, ops, ECHO_OP_COUNT, on_notice, 0};

int main(void)
{
	return server_run(&echo);
}
