/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * integ_input_irq: typed input reaches a reader when it arrives, not at
 * the next timer tick. A byte delivered by polling at each tick would
 * reach the reader at the same short delay after a tick every time; a byte
 * delivered by its interrupt arrives at any point between two ticks. The
 * test types ROUNDS bytes at moments the kernel cannot foresee and looks
 * at where between two ticks each read returned.
 */
#include "check.h"

#include <unistd.h>

#define ROUNDS 16

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* Where between two ticks now is, in percent of a tick. */
static unsigned tick_phase(uint64_t now)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	uint64_t period = k.tsc_hz / k.tick_hz;
	return period ? (unsigned)((now - k.tick_tsc) % period * 100 / period) : 0;
}

int main(void)
{
	unsigned max_phase = 0, late = 0;
	char c;

	check_start("input_irq");
	for (int i = 0; i < ROUNDS; i++) {
		printf("input_irq: type %d\n", i);
		if (read(STDIN_FILENO, &c, 1) != 1)
			break;
		unsigned phase = tick_phase(rdtsc());
		max_phase = phase > max_phase ? phase : max_phase;
		late += phase >= 50;
	}
	printf("input_irq: latest arrival %u%% of a tick after it, %u of %d past half\n", max_phase,
	       late, ROUNDS);
	EXPECT("some byte arrived past half a tick", late > 0, 1);
	return check_finish();
}
