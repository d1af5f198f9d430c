/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console output behind fds 1 and 2, and the kernel's lines, through the
 * drivers of the console devices (docs/console.md).
 *
 * Everything written goes into one ring, each byte with its colour. Every
 * attached output driver reads the ring at its own cursor (io_console_output),
 * told by a one-way notice when output arrives after it caught up; io never
 * calls a driver, so a slow or dead driver cannot hold io. A writer waits
 * while the slowest driver is a whole ring behind: output is never dropped.
 * A device no driver has attached for yet (early boot, a driver being
 * restarted) is written by the kernel for io, as before drivers existed.
 */
#include "io.h"
#include "tty.h"

#include <abi/console.h>
#include <abi/device.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/server.h>
#include <string.h>

#define RING (64 * 1024)
#define CHUNK 4096
#define DRIVERS_MAX 8
#define PALETTE 16
#define BLOCKED_MAX 64
#define STDOUT_RGB 0xc0c0c0
#define STDERR_RGB 0xff5050
/* A serial terminal cannot be asked its size: the usual one (docs/tty.md). */
#define SERIAL_COLS 80
#define SERIAL_ROWS 24

struct driver {
	uint32_t pid; /* 0: slot free */
	uint8_t sys_id;
	unsigned roles;	     /* IO_CONSOLE_IN, IO_CONSOLE_OUT */
	unsigned device;     /* CONSOLE_TO_SERIAL, CONSOLE_TO_FB, or 0 (another device) */
	uint64_t cursor;     /* ring bytes it has taken */
	int armed;	     /* caught up: tell it when output arrives */
	unsigned cols, rows; /* its screen in characters, 0 when it cannot tell */
};

struct blocked_write {
	uint32_t pid;
	uint64_t buf, len, done;
	uint32_t rgb;
};

static char ring[RING];
static uint8_t ring_colour[RING];
static uint64_t head; /* bytes ever put in the ring */
static uint32_t palette[PALETTE] = {STDOUT_RGB};
static unsigned npalette = 1;
static struct driver drivers[DRIVERS_MAX];
static struct blocked_write blocked[BLOCKED_MAX];
static unsigned nblocked;
static int drain_wanted;		    /* the kernel's, at a test's end */
static uint32_t drain_waiters[BLOCKED_MAX]; /* tcdrain callers */
static unsigned ndrain_waiters;
static char chunk[CHUNK];

static int writes_out(const struct driver *d)
{
	return d->pid && (d->roles & IO_CONSOLE_OUT);
}

static int have_output_drivers(void)
{
	for (int i = 0; i < DRIVERS_MAX; i++)
		if (writes_out(&drivers[i]))
			return 1;
	return 0;
}

/* The console devices no output driver is attached for. */
static unsigned unattached_devices(void)
{
	unsigned devices = CONSOLE_TO_ALL;

	for (int i = 0; i < DRIVERS_MAX; i++)
		if (writes_out(&drivers[i]))
			devices &= ~drivers[i].device;
	return devices;
}

static uint64_t ring_space(void)
{
	uint64_t slowest = head;

	for (int i = 0; i < DRIVERS_MAX; i++)
		if (writes_out(&drivers[i]) && drivers[i].cursor < slowest)
			slowest = drivers[i].cursor;
	return RING - (head - slowest);
}

static uint8_t colour_of(uint32_t rgb)
{
	for (unsigned i = 0; i < npalette; i++)
		if (palette[i] == rgb)
			return (uint8_t)i;
	if (npalette == PALETTE)
		return 0;
	palette[npalette] = rgb;
	return (uint8_t)npalette++;
}

/* How much of the ring from cursor one piece takes: at most max bytes, up
 * to the ring's end, all of one colour. */
static uint64_t piece(uint64_t cursor, uint64_t max)
{
	uint64_t at = cursor % RING, n = head - cursor;

	n = n < max ? n : max;
	n = n < RING - at ? n : RING - at;
	for (uint64_t i = 1; i < n; i++)
		if (ring_colour[at + i] != ring_colour[at])
			return i;
	return n;
}

/* The caller made sure of the space. */
static void ring_put(const char *s, size_t n, uint32_t rgb)
{
	uint8_t colour = colour_of(rgb);

	for (size_t i = 0; i < n; i++, head++) {
		ring[head % RING] = s[i];
		ring_colour[head % RING] = colour;
	}
}

static void notify_caught_up(void)
{
	for (int i = 0; i < DRIVERS_MAX; i++) {
		struct driver *d = &drivers[i];
		struct bc_msg m = {
		    .sys_id = d->sys_id, .msg_type = MSG_TYPE_OUTPUT, .opcode = IO_NOTICE_OUTPUT};
		if (writes_out(d) && d->armed && d->cursor < head)
			d->armed = sys_bc_send((long)&m) != 0; /* a full queue: try next time */
	}
}

/* Out to every console device: through the ring for those with a driver,
 * through the kernel for the others. */
static void emit(const char *s, size_t n, uint32_t rgb)
{
	unsigned direct = unattached_devices();

	if (direct)
		sys_console_write((long)s, (long)n, (long)(rgb | direct));
	if (have_output_drivers())
		ring_put(s, n, rgb);
}

/* As much of w as fits: 1 when it is all written, 0 when it must wait,
 * -errno when the client's buffer faulted before anything was written. */
static int write_some(struct blocked_write *w)
{
	while (w->done < w->len) {
		uint64_t room = have_output_drivers() ? ring_space() : CHUNK;
		uint64_t n = w->len - w->done;
		n = n < CHUNK ? n : CHUNK;
		n = n < room ? n : room;
		if (n == 0)
			return 0;
		int64_t err = server_copy_from(w->pid, chunk, w->buf + w->done, n);
		if (err) {
			if (!w->done)
				return (int)err;
			w->len = w->done; /* the honest count so far */
			break;
		}
		emit(chunk, n, w->rgb);
		tty_note_output(chunk, n);
		w->done += n;
	}
	return 1;
}

static void pop_blocked(void)
{
	for (unsigned i = 1; i < nblocked; i++)
		blocked[i - 1] = blocked[i];
	nblocked--;
}

/* In the order they came: a later writer never overtakes. */
static void resume_writers(void)
{
	while (nblocked) {
		int r = write_some(&blocked[0]);
		if (r == 0)
			break;
		server_reply(blocked[0].pid, r < 0 ? r : (int64_t)blocked[0].done);
		pop_blocked();
	}
	notify_caught_up();
}

int64_t io_console_write(uint32_t pid, uint64_t buf, uint64_t len, enum ofile_kind kind,
			 const void *bytes)
{
	struct blocked_write w = {pid, buf, len, 0,
				  kind == OF_CONSOLE_ERR ? STDERR_RGB : STDOUT_RGB};
	int r;

	/* A small write's bytes came in the message: out at once when nobody
	 * waits before it and they fit, with no copy from the client. */
	if (bytes && !nblocked && (have_output_drivers() ? ring_space() : CHUNK) >= len) {
		emit(bytes, len, w.rgb);
		tty_note_output(bytes, len);
		notify_caught_up();
		return (int64_t)len;
	}
	r = nblocked ? 0 : write_some(&w);

	notify_caught_up();
	if (r != 0)
		return r < 0 ? r : (int64_t)w.done;
	if (nblocked == BLOCKED_MAX)
		return -EAGAIN;
	blocked[nblocked++] = w;
	return SERVER_DEFERRED;
}

/* The terminal's echo: out at once beside what programs write, or
 * dropped when the ring has no room (the output is a whole ring behind). */
void io_console_echo(const char *s, size_t n)
{
	if (have_output_drivers() && ring_space() < n)
		return;
	emit(s, n, STDOUT_RGB);
	notify_caught_up();
}

static void at_most(unsigned *have, unsigned v)
{
	*have = !*have || v < *have ? v : *have;
}

/* The smallest screen a driver shows the console on, so what fits it fits
 * them all: a framebuffer's characters, or 80x24 for the serial line. */
void io_console_screen(unsigned *cols, unsigned *rows)
{
	*cols = *rows = 0;
	for (int i = 0; i < DRIVERS_MAX; i++) {
		const struct driver *d = &drivers[i];
		int serial = d->device == CONSOLE_TO_SERIAL && !d->cols;
		if (!writes_out(d) || (!serial && (!d->cols || !d->rows)))
			continue;
		at_most(cols, serial ? SERIAL_COLS : d->cols);
		at_most(rows, serial ? SERIAL_ROWS : d->rows);
	}
	*cols = *cols ? *cols : SERIAL_COLS;
	*rows = *rows ? *rows : SERIAL_ROWS;
}

/* A kernel line for the owned devices it was kept off: through the ring
 * for those with a console driver, through the kernel for the others (a
 * device some other driver owns: the kernel writes it for io as ever). */
static void emit_kernel_line(const struct klog_record *r)
{
	uint32_t rgb = (uint32_t)r->rgb[0] << 16 | r->rgb[1] << 8 | r->rgb[2];
	unsigned direct = unattached_devices() & ((unsigned)r->devices << 24);
	const char *text = (const char *)(r + 1);

	if (direct)
		sys_console_write((long)text, r->len, (long)(rgb | direct));
	if (have_output_drivers())
		ring_put(text, r->len, rgb);
}

/* As much of the kernel log as the ring has room for: 1 once it is empty. */
static int pull_klog(void)
{
	static char buf[1024];
	long n = 1;

	while ((!have_output_drivers() || ring_space() >= sizeof buf) &&
	       (n = sys_klog_read((long)buf, sizeof buf)) > 0)
		for (long at = 0; at < n; at += (long)sizeof(struct klog_record) + (uint8_t)buf[at])
			emit_kernel_line((const void *)(buf + at));
	notify_caught_up();
	return n == 0;
}

/* Everything written is shown: a driver has written what it took once it
 * asks again and gets 0. */
static int drained(void)
{
	if (nblocked || !pull_klog())
		return 0;
	for (int i = 0; i < DRIVERS_MAX; i++)
		if (writes_out(&drivers[i]) && (drivers[i].cursor != head || !drivers[i].armed))
			return 0;
	return 1;
}

static void check_drained(void)
{
	if ((!drain_wanted && !ndrain_waiters) || !drained())
		return;
	while (ndrain_waiters)
		server_reply(drain_waiters[--ndrain_waiters], 0);
	if (drain_wanted) {
		drain_wanted = 0;
		sys_console_drained();
	}
}

int64_t io_console_drain(uint32_t pid)
{
	if (drained())
		return 0;
	if (ndrain_waiters == BLOCKED_MAX)
		return -EAGAIN;
	drain_waiters[ndrain_waiters++] = pid;
	return SERVER_DEFERRED;
}

void io_console_kernel_notice(uint64_t opcode)
{
	if (opcode == CONSOLE_NOTICE_DRAIN)
		drain_wanted = 1;
	pull_klog();
	check_drained();
}

static struct driver *driver_of(uint32_t pid)
{
	for (int i = 0; i < DRIVERS_MAX; i++)
		if (drivers[i].pid == pid)
			return &drivers[i];
	return 0;
}

static unsigned console_device(const struct dev_info *d)
{
	if (d->bus != DEV_BUS_PLATFORM)
		return 0;
	return !strcmp(d->name, "com1") ? CONSOLE_TO_SERIAL
	       : !strcmp(d->name, "fb") ? CONSOLE_TO_FB
					: 0;
}

int64_t io_console_output(uint32_t pid, uint64_t buf, uint64_t size)
{
	struct driver *d = driver_of(pid);

	if (!d || !(d->roles & IO_CONSOLE_OUT))
		return -EPERM;
	uint64_t at = d->cursor % RING, n = piece(d->cursor, size);

	if (n == 0) {
		d->armed = 1;
		check_drained();
		return 0;
	}
	int64_t err = server_copy_to(pid, buf, ring + at, n);
	if (err)
		return err;
	d->cursor += n;
	resume_writers();
	pull_klog();
	check_drained();
	return (int64_t)(n | (uint64_t)palette[ring_colour[at]] << 32);
}

/* The driver must own the device it attaches for (the kernel's table says). */
int64_t io_console_attach(uint32_t pid, uint64_t index, uint64_t roles, uint64_t sys_id,
			  uint64_t screen)
{
	struct dev_info info;
	struct driver *d = driver_of(pid);

	if (!roles || roles & ~(uint64_t)(IO_CONSOLE_IN | IO_CONSOLE_OUT))
		return -EINVAL;
	if ((roles & IO_CONSOLE_OUT) && (sys_id == SYS_ID_NONE || sys_id >= SYS_ID_COUNT))
		return -EINVAL;
	if (sys_dev_info((long)index, (long)&info) != 0 || info.owner != pid)
		return -EPERM;
	if (!d)
		d = driver_of(0);
	if (!d)
		return -ENOSPC;
	*d = (struct driver){
	    pid, (uint8_t)sys_id,	 (unsigned)roles,	console_device(&info), head,
	    1,	 IO_SCREEN_COLS(screen), IO_SCREEN_ROWS(screen)};
	return 0;
}

int io_console_is_input_driver(uint32_t pid)
{
	const struct driver *d = driver_of(pid);

	return d && (d->roles & IO_CONSOLE_IN);
}

/* What a dead driver had not taken goes out through the kernel, which
 * writes its device again now: only what it took and did not show is lost. */
static void hand_back(const struct driver *d)
{
	for (uint64_t c = d->cursor; c < head;) {
		uint64_t at = c % RING, n = piece(c, CHUNK);
		sys_console_write((long)(ring + at), (long)n,
				  (long)(palette[ring_colour[at]] | d->device));
		c += n;
	}
}

/* pid waits no more, for room in the ring or for the drain: told so with
 * what it wrote so far, or -ERESTART; nothing when it ended (told 0). */
static void end_waits(uint32_t pid, int tell)
{
	unsigned kept = 0;

	for (unsigned i = 0; i < nblocked; i++) {
		if (blocked[i].pid != pid) {
			blocked[kept++] = blocked[i];
			continue;
		}
		if (tell)
			server_reply(pid, blocked[i].done ? (int64_t)blocked[i].done : -ERESTART);
	}
	nblocked = kept;
	kept = 0;
	for (unsigned i = 0; i < ndrain_waiters; i++) {
		if (drain_waiters[i] != pid)
			drain_waiters[kept++] = drain_waiters[i];
		else if (tell)
			server_reply(pid, -ERESTART);
	}
	ndrain_waiters = kept;
}

void io_console_out_interrupt(uint32_t pid)
{
	end_waits(pid, 1);
	resume_writers(); /* the writers behind it may go on */
}

void io_console_out_forget(uint32_t pid)
{
	struct driver *d = driver_of(pid);

	end_waits(pid, 0);
	if (!d) {
		resume_writers();
		return;
	}
	d->pid = 0;
	if ((d->roles & IO_CONSOLE_OUT) && (unattached_devices() & d->device))
		hand_back(d);
	resume_writers();
	check_drained();
}
