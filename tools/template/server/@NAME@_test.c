/* SPDX-License-Identifier: BSD-2-Clause */
/* integ_@NAME@: @NAME@d through its client library, started beside this test. */
#include "@NAME@_client.h"
#include "@NAME@_protocol.h"
#include "check.h"

#include <errno.h>
#include <libserver/client.h>
#include <string.h>

static const char rodata[8] = "rodata";

int main(void)
{
	static char big[@UPPER@_UPPER_MAX + 1];
	char out[8] = {0};

	check_start("@NAME@_test");
	EXPECT("@NAME@d registered within 5 s", server_await(@UPPER@_SYS_ID, 5000), 0);
	EXPECT("SYS_ID @SYS_ID@ is served by @NAME@d", check_served_by(@UPPER@_SYS_ID, "@NAME@d"), 1);
	int64_t first = @NAME@_ping();
	EXPECT("ping answers", first >= 1, 1);
	EXPECT("ping counts", @NAME@_ping(), first + 1);
	EXPECT("upper", @NAME@_upper("hello", out, 5), 5);
	EXPECT("HELLO came back", !memcmp(out, "HELLO", 5), 1);
	EXPECT("too long", @NAME@_upper(big, big, sizeof big), -E2BIG);
	EXPECT("bad source", @NAME@_upper(0, out, 5), -EFAULT);
	EXPECT("read-only destination", @NAME@_upper("x", (char *)rodata, 1), -EFAULT);
	EXPECT("read-only memory unchanged", rodata[0], 'r');
	EXPECT("unknown opcode", server_call(@UPPER@_SYS_ID, @UPPER@_OP_COUNT, 0, 0, 0, 0), -ENOSYS);
	EXPECT("still serving", @NAME@_ping(), first + 3);
	return check_finish();
}
