/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * @NAME@'s messages: the opcodes a client may send to SYS_ID @SYS_ID@ and what
 * each one's arg[] holds. Data stays in the client's memory; a message
 * carries its address and length and the server copies it.
 */
#pragma once

#define @UPPER@_SYS_ID @SYS_ID@

enum @NAME@_op {
	@UPPER@_OP_PING,  /* → how many calls the server has answered, this one included */
	@UPPER@_OP_UPPER, /* src, dst, length → length; dst = src in upper case */
	@UPPER@_OP_COUNT
};

#define @UPPER@_UPPER_MAX 256 /* bytes one UPPER call takes; more: -E2BIG */
