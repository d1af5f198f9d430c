/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test for the console's keymap (lib/keymap): what each scan code
 * sequence types (the PS/2 driver), and what each sequence of USB HID
 * usages types through the same keymap (the USB keyboard driver).
 */
#include "../../lib/keymap/keymap.h"

#include <stdio.h>
#include <string.h>

static unsigned run, failed;

static void judge(const char *what, const char *got, size_t used, const char *want, size_t want_len)
{
	run++;
	if (used == want_len && memcmp(got, want, used) == 0)
		return;
	failed++;
	printf("test_keymap: FAIL: %s: got %zu bytes:", what, used);
	for (size_t i = 0; i < used; i++)
		printf(" %02x", (unsigned char)got[i]);
	printf("\n");
}

/* Feed codes (scan code set 1) and compare everything typed with want. */
static void expect(const char *what, const unsigned char *codes, size_t n, const char *want,
		   size_t want_len)
{
	struct keymap_state k = {0};
	char got[64], out[KEYMAP_OUT_MAX];
	size_t used = 0;

	for (size_t i = 0; i < n; i++) {
		size_t m = keymap_feed(&k, codes[i], out);
		memcpy(got + used, out, m);
		used += m;
	}
	judge(what, got, used, want, want_len);
}

#define EXPECT(what, want, ...)                                                                    \
	do {                                                                                       \
		const unsigned char codes[] = {__VA_ARGS__};                                       \
		expect(what, codes, sizeof codes, want, sizeof(want) - 1);                         \
	} while (0)

/* A HID key event: a usage, or a modifier bit (MOD(n)); released with UP. */
#define MOD(n) (0x100 | (n))
#define UP 0x200

static void expect_hid(const char *what, const unsigned *events, size_t n, const char *want,
		       size_t want_len)
{
	struct keymap_state k = {0};
	char got[64], out[KEYMAP_OUT_MAX];
	size_t used = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned e = events[i] & 0xff;
		uint16_t key =
		    events[i] & 0x100 ? keymap_hid_modifier(e) : keymap_hid_usage((uint8_t)e);
		size_t m = keymap_key(&k, key, (events[i] & UP) != 0, out);
		memcpy(got + used, out, m);
		used += m;
	}
	judge(what, got, used, want, want_len);
}

#define EXPECT_HID(what, want, ...)                                                                \
	do {                                                                                       \
		const unsigned events[] = {__VA_ARGS__};                                           \
		expect_hid(what, events, sizeof events / sizeof events[0], want,                   \
			   sizeof(want) - 1);                                                      \
	} while (0)

static void hid_checks(void)
{
	EXPECT_HID("HID a z 1 0", "az10", 0x04, 0x1d, 0x1e, 0x27);
	EXPECT_HID("left shift a, right shift 1", "A!", MOD(1), 0x04, UP | MOD(1), MOD(5), 0x1e);
	EXPECT_HID("left ctrl c, right ctrl d", "\003\004", MOD(0), 0x06, UP | MOD(0), MOD(4),
		   0x07);
	EXPECT_HID("ctrl released: plain c", "c", MOD(0), UP | MOD(0), 0x06);
	EXPECT_HID("left alt x, right alt y", "\033x\033y", MOD(2), 0x1b, UP | MOD(2), MOD(6),
		   0x1c);
	EXPECT_HID("caps lock a, caps lock a", "Aa", 0x39, UP | 0x39, 0x04, 0x39, UP | 0x39, 0x04);
	EXPECT_HID("enter esc backspace tab space", "\n\033\177\t ", 0x28, 0x29, 0x2a, 0x2b, 0x2c);
	EXPECT_HID("- = [ ] \\ ; ' ` , . /", "-=[]\\;'`,./", 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x33,
		   0x34, 0x35, 0x36, 0x37, 0x38);
	EXPECT_HID("shift - = [ ] \\ ; ' ` , . /", "_+{}|:\"~<>?", MOD(1), 0x2d, 0x2e, 0x2f, 0x30,
		   0x31, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38);
	EXPECT_HID("up down right left", "\033[A\033[B\033[C\033[D", 0x52, 0x51, 0x4f, 0x50);
	EXPECT_HID("home end pgup pgdn insert delete", "\033[H\033[F\033[5~\033[6~\033[2~\033[3~",
		   0x4a, 0x4d, 0x4b, 0x4e, 0x49, 0x4c);
	EXPECT_HID("keypad enter, keypad / and *", "\n/*", 0x58, 0x54, 0x55);
	EXPECT_HID("keypad 8 is not up (as on PS/2)", "", 0x60);
	EXPECT_HID("the GUI keys type nothing and do not stick", "a", MOD(3), MOD(7), 0x04);
	EXPECT_HID("F1, pause, usages past the table, 0", "", 0x3a, 0x48, 0x64, 0xe0, 0xff, 0);
	EXPECT_HID("a release types nothing", "", UP | 0x04);
}

int main(void)
{
	hid_checks();
	EXPECT("a pressed and released", "a", 0x1e, 0x9e);
	EXPECT("shift a", "A", 0x2a, 0x1e, 0x9e, 0xaa);
	EXPECT("right shift 1", "!", 0x36, 0x02, 0xb6);
	EXPECT("shift released before the key", "a", 0x2a, 0xaa, 0x1e);
	EXPECT("ctrl c is ETX", "\003", 0x1d, 0x2e, 0xae, 0x9d);
	EXPECT("right ctrl (e0 1d) d is EOT", "\004", 0xe0, 0x1d, 0x20, 0xe0, 0x9d);
	EXPECT("ctrl released: plain c", "c", 0x1d, 0x9d, 0x2e);
	EXPECT("one ctrl released, the other still down", "\003", 0x1d, 0xe0, 0x1d, 0x9d, 0x2e);
	EXPECT("ctrl [ is ESC", "\033", 0x1d, 0x1a);
	EXPECT("alt x is ESC x", "\033x", 0x38, 0x2d, 0xb8);
	EXPECT("caps lock a b, caps lock a", "ABa", 0x3a, 0xba, 0x1e, 0x30, 0x3a, 0xba, 0x1e);
	EXPECT("caps lock and shift", "a", 0x3a, 0x2a, 0x1e);
	EXPECT("caps lock leaves digits", "1", 0x3a, 0x02);
	EXPECT("up", "\033[A", 0xe0, 0x48, 0xe0, 0xc8);
	EXPECT("down", "\033[B", 0xe0, 0x50);
	EXPECT("right", "\033[C", 0xe0, 0x4d);
	EXPECT("left", "\033[D", 0xe0, 0x4b);
	EXPECT("home end", "\033[H\033[F", 0xe0, 0x47, 0xe0, 0x4f);
	EXPECT("insert delete", "\033[2~\033[3~", 0xe0, 0x52, 0xe0, 0x53);
	EXPECT("page up, page down", "\033[5~\033[6~", 0xe0, 0x49, 0xe0, 0x51);
	EXPECT("keypad 8 is not up", "", 0x48);
	EXPECT("enter and keypad enter", "\n\n", 0x1c, 0xe0, 0x1c);
	EXPECT("backspace is DEL", "\177", 0x0e);
	EXPECT("print screen's fake shifts type nothing", "", 0xe0, 0x2a, 0xe0, 0x37, 0xe0, 0xb7,
	       0xe0, 0xaa);
	EXPECT("print screen's fake shift does not shift", "a", 0xe0, 0x2a, 0x1e);
	EXPECT("pause types nothing and leaves ctrl up", "c", 0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5,
	       0x2e);
	EXPECT("a code past the table", "", 0x59);
	printf("test_keymap: %u/%u checks ok\n", run - failed, run);
	return failed != 0;
}
