/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * @NAME@d: the @NAME@ server on SYS_ID @SYS_ID@. libserver registers it and
 * runs the loop; each opcode of @NAME@_protocol.h has a handler below, which
 * returns the answer (>= 0) or -errno. Client memory is reached only through
 * server_copy_from and server_copy_to: a bad pointer is -EFAULT for that
 * client, and the server runs on.
 */
#include "@NAME@_protocol.h"

#include <errno.h>
#include <libserver/server.h>

static int64_t answered;

static int64_t op_ping(const struct bc_msg *m)
{
	(void)m;
	return ++answered;
}

static int64_t op_upper(const struct bc_msg *m)
{
	char buf[@UPPER@_UPPER_MAX];
	uint64_t src = m->arg[0], dst = m->arg[1], length = m->arg[2];

	if (length > sizeof buf)
		return -E2BIG;
	if (server_copy_from(m->sender, buf, src, length))
		return -EFAULT;
	for (uint64_t i = 0; i < length; i++)
		if (buf[i] >= 'a' && buf[i] <= 'z')
			buf[i] = (char)(buf[i] - 'a' + 'A');
	if (server_copy_to(m->sender, dst, buf, length))
		return -EFAULT;
	answered++;
	return (int64_t)length;
}

static const server_op ops[@UPPER@_OP_COUNT] = {
    [@UPPER@_OP_PING] = op_ping,
    [@UPPER@_OP_UPPER] = op_upper,
};

static const struct server @NAME@ = {
    .name = "@NAME@", .sys_id = @UPPER@_SYS_ID, .ops = ops, .nops = @UPPER@_OP_COUNT};

int main(void)
{
	return server_run(&@NAME@);
}
