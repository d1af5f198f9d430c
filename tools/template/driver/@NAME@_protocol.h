/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * @NAME@'s messages: the opcodes a client may send to SYS_ID @SYS_ID@, the
 * driver of PCI device @VENDOR@:@DEVICE@. Each answer is >= 0 or -errno.
 */
#pragma once

#define @UPPER@_SYS_ID @SYS_ID@
#define @UPPER@_VENDOR 0x@VENDOR@
#define @UPPER@_DEVICE 0x@DEVICE@

enum @NAME@_op {
	/* → the device's identification register */
	@UPPER@_OP_IDENT,
	/* → the device raises an interrupt; the answer comes once its notice
	 * did: how many have come so far (-EBUSY while another client's is
	 * awaited) */
	@UPPER@_OP_INTERRUPT,
	@UPPER@_OP_COUNT
};

/* What IDENT reads on QEMU's edu (hw/misc/edu.c): version 1.0, "ed". */
#define @UPPER@_IDENT_EDU 0x010000ed
