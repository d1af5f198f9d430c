/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * integ_ps2_keys, integ_serial_keys: what the console's input drivers
 * deliver to a reader. Prints "keys: ready", then reads everything typed
 * up to a 'q' and prints it as hex, so the test sees Ctrl, Shift, Caps
 * Lock and the VT100 sequences of the cursor and editing keys exactly.
 */
#include <stdio.h>
#include <unistd.h>

#define MAX 128

int main(void)
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
