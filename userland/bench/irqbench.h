/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * irqbench: a driver of the CMOS clock's periodic interrupt, started as a
 * boot server for ./chappe bench. IRQB_OP_RUN(n, results): n interrupts at
 * 1024 Hz, each timed from the kernel's stamp of its arrival (the notice's
 * arg[1]) to the driver's first instruction after bc_recv and to the end
 * of its irq_ack; the sums go to results (struct irqbench_result).
 */
#pragma once

#include <stdint.h>

#define IRQBENCH_SYS_ID 0x39
#define IRQB_OP_RUN 0
#define IRQB_OP_COUNT 1

struct irqbench_result {
	uint64_t to_driver; /* ticks, summed over the interrupts */
	uint64_t to_ack;
	uint64_t count;
};
