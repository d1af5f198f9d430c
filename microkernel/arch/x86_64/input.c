/* SPDX-License-Identifier: BSD-2-Clause */
#include <arch/x86_64/input.h>

#include <arch/x86_64/cpu.h>

#define COM1 0x3f8
#define LSR_DATA_READY 0x01
#define PS2_DATA 0x60
#define PS2_STATUS 0x64
#define PS2_OUTPUT_FULL 0x01
#define PS2_FROM_MOUSE 0x20
#define INPUT_RING 1024
#define POLL_LIMIT 64 /* bytes per device per tick */

#define SC_RELEASE 0x80
#define SC_LSHIFT 0x2a
#define SC_RSHIFT 0x36

static char ring[INPUT_RING];
static size_t head, used;
static int shift;

/* Scan code set 1 (what the i8042 translates to), US layout. */
static const char keymap[2][0x3a] = {
    {0,	   27,	'1', '2', '3', '4', '5', '6', '7', '8', '9',  '0', '-', '=',  '\b',
     '\t', 'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p',  '[', ']', '\n', 0,
     'a',  's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0,	'\\', 'z',
     'x',  'c', 'v', 'b', 'n', 'm', ',', '.', '/', 0,	'*',  0,   ' '},
    {0,	   27,	'!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+',  '\b',
     '\t', 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\n', 0,
     'A',  'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0,   '|',  'Z',
     'X',  'C', 'V', 'B', 'N', 'M', '<', '>', '?', 0,	'*', 0,	  ' '},
};

static void ring_put(char c)
{
	if (used == INPUT_RING)
		return; /* full: drop the newest rather than corrupt */
	ring[(head + used++) % INPUT_RING] = c;
}

static size_t poll_serial(void)
{
	size_t n = 0;

	while (n < POLL_LIMIT && (inb(COM1 + 5) & LSR_DATA_READY)) {
		char c = (char)inb(COM1);
		ring_put(c == '\r' ? '\n' : c);
		n++;
	}
	return n;
}

static size_t key(uint8_t sc)
{
	if (sc == SC_LSHIFT || sc == SC_RSHIFT || sc == (SC_LSHIFT | SC_RELEASE) ||
	    sc == (SC_RSHIFT | SC_RELEASE)) {
		shift = !(sc & SC_RELEASE);
		return 0;
	}
	if (sc & SC_RELEASE || sc >= sizeof keymap[0] || !keymap[shift][sc])
		return 0;
	ring_put(keymap[shift][sc]);
	return 1;
}

static size_t poll_keyboard(void)
{
	size_t n = 0;

	for (int i = 0; i < POLL_LIMIT; i++) {
		uint8_t st = inb(PS2_STATUS);
		if (st == 0xff || !(st & PS2_OUTPUT_FULL))
			break; /* no controller, or nothing waiting */
		uint8_t sc = inb(PS2_DATA);
		if (!(st & PS2_FROM_MOUSE))
			n += key(sc);
	}
	return n;
}

size_t input_poll(void)
{
	return poll_serial() + poll_keyboard();
}

size_t input_take(char *buf, size_t max)
{
	size_t n = 0;

	for (; n < max && used; n++, used--) {
		buf[n] = ring[head];
		head = (head + 1) % INPUT_RING;
	}
	return n;
}

size_t input_pending(void)
{
	return used;
}
