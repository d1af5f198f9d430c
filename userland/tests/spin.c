/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CPU-bound without a single syscall between steps: only the timer can take
 * the CPU away. Started as spin_a and spin_b; if their steps interleave,
 * preemption works.
 */
#include <stdio.h>

#define STEPS 5
#define SPIN 10000000L /* well over one 20 ms slice under TCG */

int main(int argc, char **argv)
{
	const char *me = argc > 0 ? argv[0] : "spin";

	for (int step = 1; step <= STEPS; step++) {
		for (volatile long i = 0; i < SPIN; i++)
			;
		printf("%s: step %d\n", me, step);
	}
	return 0;
}
