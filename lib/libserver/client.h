/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The client half of libserver: what a server's client library is made of.
 * A call is one Brain Controller round trip: the caller blocks until the
 * server answers, and gets its result or -errno (-ENOSYS when nobody serves
 * sys_id, -EIO when the server died or dies under the call).
 */
#pragma once

#include <stdint.h>

int64_t server_call(uint8_t sys_id, uint64_t opcode, uint64_t a0, uint64_t a1, uint64_t a2,
		    uint64_t a3);
struct bc_msg;
/* The call m (sys_id, msg_type, opcode, args), with the message in
 * registers both ways (recv.S): the answer is written back into *m and its
 * arg[0] returned, or -errno (no answer: *m as it was). */
long server_call_msg(struct bc_msg *m);
/* Wait up to ms milliseconds for sys_id to be served: 0, or -EAGAIN when it
 * still is not. Servers started beside a program (init's
 * /etc/servers, BOOT.CFG's also=) may register after it starts. */
int server_await(uint8_t sys_id, unsigned ms);
/* The same for the boot servers (io, memory, exec, dagfs), which the kernel
 * starts beside init and test programs: 0, or the first SYS_ID still not
 * served. Counting systems or free frames before they are all up would see
 * them change by themselves. */
int server_await_boot(unsigned ms);
