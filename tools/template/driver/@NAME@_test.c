/* SPDX-License-Identifier: BSD-2-Clause */
/* integ_@NAME@: @NAME@d, started as a boot server, drives its device. */
#include "@NAME@_protocol.h"
#include "check.h"

#include <abi/device.h>
#include <abi/errno.h>
#include <libserver/client.h>

/* The device table's entry for @VENDOR@:@DEVICE@: 0 and *d, or -ENOENT. */
static int find_device(struct dev_info *d)
{
	for (long i = 0; sys_dev_info(i, (long)d) == 0; i++)
		if (d->bus == DEV_BUS_PCI && d->vendor == @UPPER@_VENDOR && d->device == @UPPER@_DEVICE)
			return 0;
	return -ENOENT;
}

static long @NAME@_interrupt(void)
{
	return server_call(@UPPER@_SYS_ID, @UPPER@_OP_INTERRUPT, 0, 0, 0, 0);
}

static long server_pid(uint8_t sys_id)
{
	struct chappe_bcstat st;

	return sys_bc_stat(sys_id, (long)&st) ? -1 : (long)st.server_pid;
}

int main(void)
{
	struct dev_info dev;
	struct dev_match mine = {.bus = DEV_BUS_PCI, .vendor = @UPPER@_VENDOR, .device = @UPPER@_DEVICE};

	check_start("@NAME@_test");
	EXPECT("@NAME@d registered within 5 s", server_await(@UPPER@_SYS_ID, 5000), 0);
	EXPECT("SYS_ID @SYS_ID@ is served by @NAME@d", check_served_by(@UPPER@_SYS_ID, "@NAME@d"), 1);
	/* The first answer comes once the driver has set its device up. */
	EXPECT("identification register", server_call(@UPPER@_SYS_ID, @UPPER@_OP_IDENT, 0, 0, 0, 0),
	       @UPPER@_IDENT_EDU);
	EXPECT("@VENDOR@:@DEVICE@ is in the device table", find_device(&dev), 0);
	EXPECT("its owner is @NAME@d", dev.owner, server_pid(@UPPER@_SYS_ID));
	EXPECT("this test may not claim it", sys_dev_claim((long)&mine), -EPERM);
	EXPECT("first interrupt round trip", @NAME@_interrupt(), 1);
	EXPECT("second interrupt round trip", @NAME@_interrupt(), 2);
	EXPECT("unknown opcode", server_call(@UPPER@_SYS_ID, @UPPER@_OP_COUNT, 0, 0, 0, 0), -ENOSYS);
	return check_finish();
}
