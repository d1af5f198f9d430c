/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

/* Work done on every timer interrupt: scheduling, sleepers, console input. */
void kernel_tick(void);
