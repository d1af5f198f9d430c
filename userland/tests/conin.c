/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the console's input drivers deliver to a reader.
 *
 * conin keys (integ_ps2_keys, integ_serial_keys): prints "keys: ready",
 * reads everything typed up to a 'q' and prints it as hex, so the test sees
 * Ctrl, Shift, Caps Lock and the VT100 sequences of the cursor and editing
 * keys exactly.
 *
 * conin irq (integ_input_irq): typed input reaches a reader when it
 * arrives, not at the next timer tick. A byte delivered by polling at each
 * tick would reach the reader at the same short delay after a tick every
 * time; a byte delivered by its interrupt arrives at any point between two
 * ticks. The test types ROUNDS bytes at moments the kernel cannot foresee
 * and looks at where between two ticks each read returned.
 */
#include "check.h"

#include <unistd.h>

#define MAX 128
#define ROUNDS 16

static int keys(void)
{
	unsigned char got[MAX];
	int n = 0;

	printf("keys: ready\n");
	while (n < MAX) {
		ssize_t r = read(STDIN_FILENO, got + n, MAX - (size_t)n);
		if (r <= 0)
			break;
		n += (int)r;
		if (got[n - 1] == 'q')
			break;
	}
	printf("keys: got");
	for (int i = 0; i < n; i++)
		printf(" %02x", got[i]);
	printf("\n");
	return 0;
}

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

static int between_ticks(void)
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
	printf("input_irq: latest arrival %u%% of a tick after it, %u of %d past half\n",
	       max_phase, late, ROUNDS);
	EXPECT("some byte arrived past half a tick", late > 0, 1);
	return check_finish();
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "irq"))
		return between_ticks();
	return keys();
}
