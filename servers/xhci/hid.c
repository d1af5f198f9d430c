/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * USB keyboards in the HID boot protocol: the 8-byte report (modifier
 * bits, a reserved byte, up to six usages held down) compared with the
 * last one gives the keys pressed and released, which lib/keymap types as
 * the PS/2 driver's keys are typed. A key that types something repeats
 * while it is held (the device is set to report only on change, SET_IDLE
 * 0, so the repeat is the driver's, by bc_alarm). Caps Lock and Num Lock
 * light their LEDs through SET_REPORT.
 */
#include "xhci.h"

#include <abi/errno.h>
#include <io/io_client.h>
#include <io/io_protocol.h>
#include <keymap/keymap.h>
#include <libserver/driver.h>
#include <string.h>

#define KEYBOARDS_MAX 4
#define REPORT_BYTES 8
#define REPEAT_DELAY_MS 500
#define REPEAT_EVERY_MS 33 /* about 30 a second, a PC's default */
#define HID_SET_REPORT 0x09
#define HID_SET_IDLE 0x0a
#define HID_SET_PROTOCOL 0x0b
#define USAGE_ROLLOVER 0x01 /* every slot says "too many keys" */
#define USAGE_CAPS_LOCK 0x39
#define USAGE_NUM_LOCK 0x53
#define LED_NUM 0x1
#define LED_CAPS 0x2

struct keyboard {
	struct usb_device *dev;
	unsigned dci, iface, report_len;
	uint8_t *report;
	uint64_t report_phys;
	uint8_t last[REPORT_BYTES];
	struct keymap_state keys;
	uint8_t num_lock, leds, leds_sent, leds_taken, led_busy, stopped;
	uint8_t held; /* the usage that repeats, 0 none */
	uint64_t repeat_at;
};

unsigned hid_keyboards;
static struct keyboard keyboards[KEYBOARDS_MAX];

/* Bytes io could not take yet: its call came back -EDEADLK, because io
 * was calling dagfs, which was waiting for this driver's disk (a USB
 * boot). Kept in order and given to io at the next event or alarm. */
static char held_back[4 * IO_CONSOLE_INPUT_MAX];
static size_t held_n;

static void flush_held_back(void)
{
	while (held_n) {
		size_t n = held_n < IO_CONSOLE_INPUT_MAX ? held_n : IO_CONSOLE_INPUT_MAX;
		if (io_console_input(held_back, n) == -EDEADLK)
			return;
		memmove(held_back, held_back + n, held_n - n);
		held_n -= n;
	}
}

/* Typed bytes to the console, after any held back (what does not fit is
 * lost, as keys typed into a full buffer are). */
static void console_input(const char *bytes, size_t n)
{
	if (!held_n && io_console_input(bytes, n) != -EDEADLK)
		return;
	n = n < sizeof held_back - held_n ? n : sizeof held_back - held_n;
	memcpy(held_back + held_n, bytes, n);
	held_n += n;
	flush_held_back();
}

/* What one report types, gathered for io. */
struct typed {
	char buf[IO_CONSOLE_INPUT_MAX];
	size_t n;
};

/* The bytes the key typed (put in t). */
static size_t type_key(struct keyboard *kb, struct typed *t, uint16_t key, int release)
{
	if (t->n + KEYMAP_OUT_MAX > sizeof t->buf) {
		console_input(t->buf, t->n);
		t->n = 0;
	}
	size_t m = keymap_key(&kb->keys, key, release, t->buf + t->n);
	t->n += m;
	return m;
}

static void led_done(void *ctx, const struct xhci_done *d);

/* SET_REPORT, output report 0: one byte of LED bits. One at a time; a
 * change meanwhile is sent when it ends. */
static void send_leds(struct keyboard *kb)
{
	struct usb_setup s = {0x21, HID_SET_REPORT, 0x0200, (uint16_t)kb->iface, 1};

	if (kb->led_busy || kb->leds == kb->leds_sent || (kb->dev->halted & 2))
		return; /* a halted EP0 takes nothing until usb_recover: hid_resume */
	kb->dev->buf[0] = kb->leds;
	kb->leds_sent = kb->leds;
	kb->led_busy = usb_control_async(kb->dev, &s, led_done, kb) == 0;
}

static void led_done(void *ctx, const struct xhci_done *d)
{
	struct keyboard *kb = ctx;

	kb->led_busy = 0;
	if (d->code != CC_SUCCESS && d->code != CC_SHORT)
		return; /* refused: tried again at the next lock key, not in a loop */
	kb->leds_taken = kb->leds_sent;
	send_leds(kb);
}

static int holds(const uint8_t *report, uint8_t usage)
{
	for (unsigned i = 2; i < REPORT_BYTES; i++)
		if (report[i] == usage)
			return 1;
	return 0;
}

static void press(struct keyboard *kb, struct typed *t, uint8_t usage)
{
	if (usage == USAGE_NUM_LOCK)
		kb->num_lock ^= 1;
	if (type_key(kb, t, keymap_hid_usage(usage), 0)) {
		kb->held = usage;
		kb->repeat_at = driver_now_ms() + REPEAT_DELAY_MS;
	}
}

static void modifiers(struct keyboard *kb, struct typed *t, uint8_t now)
{
	uint8_t changed = now ^ kb->last[0];

	for (unsigned bit = 0; bit < 8; bit++)
		if (changed & 1u << bit)
			type_key(kb, t, keymap_hid_modifier(bit), !(now & 1u << bit));
}

static void take_report(struct keyboard *kb, const uint8_t *r, unsigned len)
{
	struct typed t = {.n = 0};
	uint8_t now[REPORT_BYTES] = {0};

	if (len < 3 || r[2] == USAGE_ROLLOVER)
		return; /* too short, or too many keys at once: nothing reliable */
	memcpy(now, r, len < REPORT_BYTES ? len : REPORT_BYTES);
	modifiers(kb, &t, now[0]);
	for (unsigned i = 2; i < REPORT_BYTES; i++)
		if (kb->last[i] && !holds(now, kb->last[i])) {
			type_key(kb, &t, keymap_hid_usage(kb->last[i]), 1);
			kb->held = kb->held == kb->last[i] ? 0 : kb->held;
		}
	for (unsigned i = 2; i < REPORT_BYTES; i++)
		if (now[i] > USAGE_ROLLOVER && !holds(kb->last, now[i]))
			press(kb, &t, now[i]);
	memcpy(kb->last, now, REPORT_BYTES);
	if (t.n)
		console_input(t.buf, t.n);
	kb->leds = (uint8_t)((kb->num_lock ? LED_NUM : 0) | (kb->keys.caps ? LED_CAPS : 0));
	send_leds(kb);
}

static void report_done(void *ctx, const struct xhci_done *d);

static void post_report(struct keyboard *kb)
{
	kb->stopped =
	    usb_transfer(kb->dev, kb->dci, kb->report_phys, kb->report_len, report_done, kb) != 0;
}

static void report_done(void *ctx, const struct xhci_done *d)
{
	struct keyboard *kb = ctx;

	if (d->code != CC_SUCCESS && d->code != CC_SHORT) {
		kb->stopped = 1; /* posted again once the endpoint is reset */
		kb->held = 0;	 /* its release may be what was lost */
		return;
	}
	unsigned got = d->residue < kb->report_len ? kb->report_len - d->residue : 0;
	take_report(kb, kb->report, got);
	post_report(kb);
}

static int hid_wants(const uint8_t *iface)
{
	return iface[5] == 3 && iface[6] == 1 && iface[7] == 1; /* HID, boot, keyboard */
}

static void class_request(struct keyboard *kb, uint8_t request, uint16_t value)
{
	struct usb_setup s = {0x21, request, value, (uint16_t)kb->iface, 0};

	usb_control(kb->dev, &s); /* many keyboards stall SET_IDLE: that is fine */
}

static void *hid_attach(struct usb_device *dev, const struct usb_interface *in)
{
	struct keyboard *kb = 0;
	int e = usb_interrupt_in(in);

	for (unsigned i = 0; i < KEYBOARDS_MAX && !kb && e >= 0; i++)
		kb = keyboards[i].dev ? 0 : &keyboards[i];
	if (!kb)
		return 0;
	*kb = (struct keyboard){.dev = dev, .dci = (unsigned)in->dci[e], .iface = in->desc[2]};
	kb->report_len = in->ep[e].max_packet & 0x7ff;
	if (kb->report_len < REPORT_BYTES || kb->report_len > PAGE)
		kb->report_len = REPORT_BYTES;
	if (!(kb->report = xhci_page_alloc(&kb->report_phys))) {
		kb->dev = 0;
		return 0;
	}
	class_request(kb, HID_SET_PROTOCOL, 0); /* 0: the boot protocol */
	class_request(kb, HID_SET_IDLE, 0);	/* report on change only */
	kb->leds_sent = 0xff;			/* all off, whatever the last driver left */
	send_leds(kb);
	post_report(kb);
	hid_keyboards++;
	return kb;
}

/* After usb_recover: post again the report a halted endpoint dropped,
 * send the LEDs a halted EP0 held back. */
static void hid_service(struct usb_device *dev, void *state)
{
	struct keyboard *kb = state;

	flush_held_back();
	if (dev->halted)
		return;
	if (kb->stopped)
		post_report(kb);
	send_leds(kb);
}

/* Unplugged: its state forgotten, a held key with it (no more repeat). */
static void hid_detach(struct usb_device *dev, void *state)
{
	struct keyboard *kb = state;

	(void)dev;
	xhci_page_free(kb->report);
	*kb = (struct keyboard){0};
	hid_keyboards--;
}

const struct usb_class hid_class = {.name = "keyboard",
				    .wants = hid_wants,
				    .attach = hid_attach,
				    .service = hid_service,
				    .detach = hid_detach};

void hid_repeat(uint64_t now_ms)
{
	flush_held_back();
	for (unsigned i = 0; i < KEYBOARDS_MAX; i++) {
		struct keyboard *kb = &keyboards[i];
		struct typed t = {.n = 0};
		if (!kb->dev || !kb->held || now_ms < kb->repeat_at)
			continue;
		type_key(kb, &t, keymap_hid_usage(kb->held), 0);
		kb->repeat_at = now_ms + REPEAT_EVERY_MS;
		if (t.n)
			console_input(t.buf, t.n);
	}
}

uint64_t hid_next_repeat(void)
{
	uint64_t next = held_n ? driver_now_ms() + 10 : 0; /* held-back bytes tried again */

	for (unsigned i = 0; i < KEYBOARDS_MAX; i++)
		if (keyboards[i].dev && keyboards[i].held &&
		    (!next || keyboards[i].repeat_at < next))
			next = keyboards[i].repeat_at;
	return next;
}

int hid_leds(void)
{
	return keyboards[0].dev ? keyboards[0].leds_taken : -ENXIO;
}
