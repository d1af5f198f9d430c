/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the console's input drivers deliver to a reader.
 *
 * conin keys (integ_ps2_keys, integ_serial_keys): puts the terminal in raw
 * mode, prints "keys: ready",
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
 *
 * conin restart (integ_driver_restart): each console driver is killed
 * while the console is in use; init restarts it, it claims and sets up its
 * device again, free frames and interrupt bindings are back where they
 * were, and typing works again (PS/2 keys, then COM1).
 *
 * conin usb (integ_usb_keyboard_restart): the same for xhcid and a USB
 * keyboard: a line typed on it, Caps Lock and Num Lock light its LEDs,
 * xhcid killed, the LEDs off again and a line typed on the keyboard the
 * restarted driver found again.
 */
#include "check.h"

#include <abi/device.h>
#include <fbcon/fbcon_server.h>
#include <ps2kbd/ps2kbd.h>
#include <signal.h>
#include <uart/uart.h>
#include <libserver/client.h>
#include <xhci/xhci_protocol.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX 128
#define ROUNDS 16

/* Bytes as the driver sent them, each as it comes: no line discipline. */
static void raw(void)
{
	struct termios t;

	tcgetattr(STDIN_FILENO, &t);
	cfmakeraw(&t);
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

static int keys(void)
{
	unsigned char got[MAX];
	int n = 0;

	raw();
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
	raw();
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

struct console_driver {
	const char *device, *program;
	uint8_t sys_id;
	uint32_t pci_class; /* the device is the first PCI function of this class */
};

static int is_its_device(const struct dev_info *d, const struct console_driver *c)
{
	if (c->pci_class)
		return d->bus == DEV_BUS_PCI && d->class_code == c->pci_class;
	return d->bus == DEV_BUS_PLATFORM && !strcmp(d->name, c->device);
}

static int owner_of(const struct console_driver *c)
{
	struct dev_info d;

	for (long i = 0; sys_dev_info(i, (long)&d) == 0; i++)
		if (is_its_device(&d, c))
			return (int)d.owner;
	return -1;
}

/* The new driver: it owns the device and serves its SYS_ID, or 0 after 10 s. */
static int restarted(const struct console_driver *c, int old)
{
	struct chappe_bcstat st;

	for (int i = 0; i < 1000; i++, nap_ms(10)) {
		int now = owner_of(c);
		if (now > 0 && now != old && sys_bc_stat(c->sys_id, (long)&st) == 0 &&
		    st.state == BC_STATE_READY && st.server_pid == now)
			return now;
	}
	return 0;
}

static struct chappe_kstat settled(void)
{
	struct chappe_kstat k;

	nap_ms(500); /* its set-up done and its first line written */
	sys_kstat((long)&k);
	return k;
}

static void kill_and_restart(const struct console_driver *c)
{
	struct chappe_kstat before = settled(), after;
	int old = owner_of(c), now;
	char what[64];

	snprintf(what, sizeof what, "kill %s (pid %d)", c->program, old);
	EXPECT(what, kill(old, SIGKILL), 0);
	now = restarted(c, old);
	snprintf(what, sizeof what, "%s restarted, owns %s again", c->program, c->device);
	EXPECT(what, now > 0, 1);
	after = settled();
	EXPECT("free frames back where they were", (long)(before.free_frames - after.free_frames),
	       0);
	EXPECT("interrupt bindings back where they were", after.irqs_bound == before.irqs_bound, 1);
}

static void expect_line(const char *what, const char *want)
{
	char line[64];
	size_t n = 0;

	while (n < sizeof line - 1 && read(STDIN_FILENO, line + n, 1) == 1 && line[n] != '\n')
		n++;
	line[n] = '\0';
	EXPECT(what, strcmp(line, want) == 0, 1);
}

static int restart(void)
{
	static const struct console_driver kbd = {"ps2", "ps2kbd", PS2KBD_SYS_ID, 0},
					   uart = {"com1", "uartd", UART_SYS_ID, 0},
					   fb = {"fb", "fbcond", FBCON_SYS_ID, 0};

	check_start("restart");
	kill_and_restart(&kbd);
	printf("restart: press keys\n");
	expect_line("typed on the restarted keyboard", "ok");
	kill_and_restart(&uart);
	printf("restart: type on COM1\n");
	expect_line("typed on the restarted serial console", "fine");
	kill_and_restart(&fb);
	return check_finish();
}

/* xhcid's keyboards are enumerated: 1, or 0 after 10 s. */
static int usb_keyboard_ready(void)
{
	for (int i = 0; i < 1000; i++, nap_ms(10))
		if (server_call(XHCI_SYS_ID, XHCI_OP_KEYBOARDS, 0, 0, 0, 0) > 0)
			return 1;
	return 0;
}

/* The keyboard's LEDs once they have settled (SET_REPORT is answered
 * after the key that asked for it has typed). */
static long usb_leds(void)
{
	nap_ms(200);
	return server_call(XHCI_SYS_ID, XHCI_OP_LEDS, 0, 0, 0, 0);
}

static int usb_restart(void)
{
	static const struct console_driver xhci = {"xHCI", "xhcid", XHCI_SYS_ID, 0x0c0330};

	check_start("usbkbd");
	EXPECT("a USB keyboard is ready", usb_keyboard_ready(), 1);
	printf("usbkbd: type\n");
	expect_line("typed on the USB keyboard", "one");
	EXPECT("its LEDs are off", server_call(XHCI_SYS_ID, XHCI_OP_LEDS, 0, 0, 0, 0), 0);
	printf("usbkbd: press the lock keys\n");
	expect_line("Caps Lock on", "TWO");
	EXPECT("Caps Lock and Num Lock lit", usb_leds(), 3);
	kill_and_restart(&xhci);
	EXPECT("the restarted driver's keyboard is ready", usb_keyboard_ready(), 1);
	EXPECT("its LEDs are off again", usb_leds(), 0);
	printf("usbkbd: type again\n");
	expect_line("typed on it after the restart", "Two!");
	return check_finish();
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "usb"))
		return usb_restart();
	if (argc > 1 && !strcmp(argv[1], "restart"))
		return restart();
	if (argc > 1 && !strcmp(argv[1], "irq"))
		return between_ticks();
	return keys();
}
