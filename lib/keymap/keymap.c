/* SPDX-License-Identifier: BSD-2-Clause */
#include "keymap.h"

#include <string.h>

#define RELEASE 0x80
#define PREFIX_E0 0xe0
#define PREFIX_E1 0xe1 /* Pause: its bytes type nothing */
#define SC_LCTRL 0x1d
#define SC_LSHIFT 0x2a
#define SC_RSHIFT 0x36
#define SC_LALT 0x38
#define SC_CAPS 0x3a
#define ESC 0x1b
#define DEL 0x7f

/* Unshifted and shifted, indexed by make code. */
static const char plain[0x3a] = {0,   ESC, '1', '2',  '3',  '4', '5', '6',  '7', '8', '9', '0',
				 '-', '=', DEL, '\t', 'q',  'w', 'e', 'r',  't', 'y', 'u', 'i',
				 'o', 'p', '[', ']',  '\n', 0,	 'a', 's',  'd', 'f', 'g', 'h',
				 'j', 'k', 'l', ';',  '\'', '`', 0,   '\\', 'z', 'x', 'c', 'v',
				 'b', 'n', 'm', ',',  '.',  '/', 0,   '*',  0,	 ' '};
static const char shifted[0x3a] = {0,	ESC, '!', '@',	'#',  '$', '%', '^', '&', '*', '(', ')',
				   '_', '+', DEL, '\t', 'Q',  'W', 'E', 'R', 'T', 'Y', 'U', 'I',
				   'O', 'P', '{', '}',	'\n', 0,   'A', 'S', 'D', 'F', 'G', 'H',
				   'J', 'K', 'L', ':',	'"',  '~', 0,	'|', 'Z', 'X', 'C', 'V',
				   'B', 'N', 'M', '<',	'>',  '?', 0,	'*', 0,	  ' '};

/* The keys behind the 0xe0 prefix that type something. */
struct extended_key {
	uint8_t code;
	const char *seq;
};
static const struct extended_key extended[] = {
    {0x48, "\033[A"},  {0x50, "\033[B"},  {0x4d, "\033[C"},  {0x4b, "\033[D"},
    {0x47, "\033[H"},  {0x4f, "\033[F"},  {0x52, "\033[2~"}, {0x53, "\033[3~"},
    {0x49, "\033[5~"}, {0x51, "\033[6~"}, {0x1c, "\n"},	     {0x35, "/"},
};

/* Modifier make/break codes: 1 when code was one (state updated). */
static int modifier(struct keymap_state *k, uint8_t code, int e0)
{
	uint8_t make = code & ~RELEASE, side = e0 ? 2 : 1;
	uint8_t *bits = make == SC_LCTRL ? &k->ctrl : make == SC_LALT ? &k->alt : 0;

	if (!e0 && (make == SC_LSHIFT || make == SC_RSHIFT)) {
		side = make == SC_LSHIFT ? 1 : 2;
		bits = &k->shift;
	}
	if (!bits)
		return 0;
	*bits = code & RELEASE ? *bits & ~side : *bits | side;
	return 1;
}

static size_t put_seq(const char *seq, char out[KEYMAP_OUT_MAX])
{
	size_t n = strlen(seq);

	memcpy(out, seq, n);
	return n;
}

static size_t extended_key(uint8_t code, char out[KEYMAP_OUT_MAX])
{
	for (size_t i = 0; i < sizeof extended / sizeof extended[0]; i++)
		if (extended[i].code == code)
			return put_seq(extended[i].seq, out);
	return 0;
}

static char with_modifiers(const struct keymap_state *k, uint8_t code)
{
	char c = plain[code];
	int letter = c >= 'a' && c <= 'z';
	int upper = (k->shift != 0) ^ (letter && k->caps);

	if (letter)
		c = upper ? (char)(c - 'a' + 'A') : c;
	else if (k->shift)
		c = shifted[code];
	if (k->ctrl && ((c >= '@' && c <= '_') || (c >= 'a' && c <= 'z')))
		c = (char)(c & 0x1f); /* Ctrl-C is ETX, Ctrl-[ is ESC */
	return c;
}

static size_t plain_key(const struct keymap_state *k, uint8_t code, char out[KEYMAP_OUT_MAX])
{
	size_t n = 0;

	if (code >= sizeof plain || !plain[code])
		return 0;
	if (k->alt)
		out[n++] = ESC; /* meta sends ESC first */
	out[n++] = with_modifiers(k, code);
	return n;
}

size_t keymap_feed(struct keymap_state *k, uint8_t code, char out[KEYMAP_OUT_MAX])
{
	int e0 = k->e0;

	k->e0 = code == PREFIX_E0;
	if (code == PREFIX_E0 || code == PREFIX_E1)
		return 0;
	if (modifier(k, code, e0))
		return 0;
	if (code & RELEASE)
		return 0;
	if (code == SC_CAPS && !e0) {
		k->caps = !k->caps;
		return 0;
	}
	return e0 ? extended_key(code, out) : plain_key(k, code, out);
}

size_t keymap_key(struct keymap_state *k, uint16_t key, int release, char out[KEYMAP_OUT_MAX])
{
	if (!key)
		return 0;
	if (key & KEYMAP_E0)
		keymap_feed(k, PREFIX_E0, out); /* a prefix types nothing */
	return keymap_feed(k, (uint8_t)((key & 0x7f) | (release ? RELEASE : 0)), out);
}
