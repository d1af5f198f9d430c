/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/tick.h>

#include <arch/x86_64/input.h>
#include <arch/x86_64/lapic.h>
#include <bc/bc.h>
#include <core/sched.h>

void kernel_tick(void)
{
	sched_tick(timer_ticks());
	/* Tell the io server input is waiting; it fetches with console_read. */
	if (input_poll())
		bc_post_kernel(SYS_ID_IO, MSG_TYPE_INPUT, 0, input_pending());
}
