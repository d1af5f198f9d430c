/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * USB mass storage, Bulk-Only Transport (BOT 1.0) with SCSI commands: one
 * command at a time per disk, as three TDs: the 31-byte CBW on bulk OUT,
 * the data phase (at most MSC_CHUNK, one TRB) on the endpoint of its
 * direction, and, once that has ended, the 13-byte CSW on bulk IN. Transfer
 * events only record what ended; msc_poll, outside event handling,
 * decides: a stalled data phase has its endpoint cleared (CLEAR_FEATURE
 * HALT) and the CSW read after it, a stalled CSW is read once more, a CSW
 * that fails says CHECK CONDITION and REQUEST SENSE tells whether to try
 * again (unit attention, not ready yet) or fail with -EIO; a CSW that is
 * not valid or meaningful, a phase error, a failed CBW or a command
 * unanswered within BLOCK_TIMEOUT_MS take the reset recovery (Bulk-Only
 * Mass Storage Reset, then CLEAR_FEATURE HALT on both endpoints, BOT
 * 5.3.4) and the command is tried again once. A device whose port lost
 * its connection is gone: every command on it ends -EIO.
 */
#include "msc.h"

#include <abi/block.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/driver.h>
#include <libserver/server.h>
#include <string.h>

#define TRB_STOP_EP 15
#define EP_STATE_RUNNING 1
#define EP_STATE_HALTED 2
#define USB_DT_INTERFACE 4
#define USB_DT_ENDPOINT 5
#define USB_REQ_CLEAR_FEATURE 1
#define BOT_REQ_RESET 0xff
#define RETRIES_AT_ONCE 5 /* unit attention, aborted command, a reset recovery's retry */
#define RETRIES_LATER 50  /* not ready, every NOT_READY_MS: 5 s to become ready */
#define NOT_READY_MS 100
#define CSW_TRIES 2 /* a stalled CSW read once more (BOT 6.7.2, 6.7.3) */
#define DATA_STALL_SEEN 0x100

/* A disk's wrapper page: the CBW, the CSW, sense data, short replies. */
#define PAGE_CBW 0
#define PAGE_CSW 64
#define PAGE_SENSE 128
#define PAGE_REPLY 512

enum phase { IDLE, RUNNING, WAITING };

struct msc {
	struct usb_device *dev; /* 0: a free slot */
	unsigned unit;		/* the number clients know it by */
	uint8_t up;		/* brought up: unit is its number */
	uint8_t iface, in_addr, out_addr, gone;
	unsigned dci_in, dci_out;
	uint8_t *page, *data;
	long dma; /* the data buffer's allocation (twice MSC_CHUNK: aligned inside) */
	uint64_t page_phys, data_phys;
	uint32_t tag;
	uint64_t blocks;
	uint32_t block_size;
	char model[40];
	/* The command: the caller's, and what is on the wire for it now (the
	 * command itself or its REQUEST SENSE). */
	enum phase phase;
	struct scsi_cmd cmd, wire;
	uint64_t cmd_phys, wire_phys;
	uint8_t sensing, csw_tries;
	unsigned retries;
	int64_t cmd_moved; /* what the command moved before its CHECK CONDITION */
	int cbw_code, data_code, csw_code;
	uint32_t data_residue, csw_residue;
	uint64_t deadline, retry_at;
	msc_done cb;
	void *ctx;
	struct xhci_done end; /* code 1 once the wire's TDs have ended */
};

static struct msc disks[MSC_UNITS_MAX];
unsigned msc_units;

static int failed(int code)
{
	return code && code != CC_SUCCESS && code != CC_SHORT;
}

/* ---- the wire: three TDs, their ends recorded ------------------------------------ */

static void ended(struct msc *m)
{
	m->end.code = 1;
}

static void cbw_done(void *ctx, const struct xhci_done *d)
{
	struct msc *m = ctx;

	if (m->phase != RUNNING)
		return; /* abandoned: a Stop Endpoint's event */
	m->cbw_code = d->code;
	if (failed(d->code))
		ended(m);
}

static void csw_done(void *ctx, const struct xhci_done *d)
{
	struct msc *m = ctx;

	if (m->phase != RUNNING)
		return;
	m->csw_code = d->code;
	m->csw_residue = d->residue;
	ended(m);
}

static int post_csw(struct msc *m)
{
	m->csw_code = 0;
	m->end.code = 0;
	m->deadline = driver_now_ms() + BLOCK_TIMEOUT_MS;
	return usb_transfer(m->dev, m->dci_in, m->page_phys + PAGE_CSW, BOT_CSW_BYTES, csw_done, m);
}

static void data_done(void *ctx, const struct xhci_done *d)
{
	struct msc *m = ctx;

	if (m->phase != RUNNING)
		return;
	m->data_code = d->code;
	m->data_residue = d->residue;
	if (failed(d->code))
		ended(m);
	else if (post_csw(m))
		m->csw_code = -1, ended(m);
}

/* CBW and data queued in the order the device takes them (the CBW's
 * doorbell first: a device may stall IN tokens before a CBW), the CSW
 * after the data phase has ended (data_done): QEMU's usb-storage, given
 * the CSW's IN while the data's completes, never answers it. */
static void wire_start(struct msc *m, const struct scsi_cmd *c, uint64_t phys)
{
	struct usb_device *dev = m->dev;
	int err;

	if (dev->halted)
		usb_recover(); /* never queue behind a halt: its recovery skips the ring */
	m->wire = *c, m->wire_phys = phys;
	m->cbw_code = m->data_code = m->csw_code = 0, m->data_residue = m->csw_residue = 0;
	m->csw_tries = 0;
	m->end.code = 0;
	m->phase = RUNNING;
	bot_cbw(m->page + PAGE_CBW, ++m->tag, 0, c);
	err = usb_transfer(dev, m->dci_out, m->page_phys + PAGE_CBW, BOT_CBW_BYTES, cbw_done, m);
	if (!err && c->bytes)
		err =
		    usb_transfer(dev, c->in ? m->dci_in : m->dci_out, phys, c->bytes, data_done, m);
	else if (!err)
		err = post_csw(m);
	if (err) {
		m->cbw_code = -1; /* nothing sane was queued: the reset recovery */
		ended(m);
	}
}

/* ---- recovery ---------------------------------------------------------------------- */

/* The endpoint's TDs given up: stopped (or reset, when halted) and its
 * dequeue pointer at the ring's enqueue point. */
static void abandon(struct msc *m, unsigned dci)
{
	struct usb_device *dev = m->dev;
	struct xhci_ring *r = dev->ring[dci];
	uint32_t state = *(volatile uint32_t *)(dev->out_ctx + dci * xhci.ctx_size) & 7;
	struct xhci_trb t = {.control =
				 TRB_TYPE(state == EP_STATE_HALTED ? TRB_RESET_EP : TRB_STOP_EP) |
				 TRB_SLOT(dev->slot) | dci << 16};
	struct xhci_done d;

	if (state == EP_STATE_RUNNING || state == EP_STATE_HALTED)
		xhci_command(&t, &d);
	t = (struct xhci_trb){.param = (r->phys + r->enq * sizeof(struct xhci_trb)) | r->cycle,
			      .control =
				  TRB_TYPE(TRB_SET_DEQUEUE) | TRB_SLOT(dev->slot) | dci << 16};
	xhci_command(&t, &d);
	dev->halted &= ~(1u << dci); /* a Stopped event marks it: nothing left to recover */
}

static int clear_halt(struct msc *m, uint8_t address)
{
	struct usb_setup s = {0x02, USB_REQ_CLEAR_FEATURE, 0 /* ENDPOINT_HALT */, address, 0};

	return usb_control(m->dev, &s);
}

/* BOT 5.3.4: the class reset, then both bulk endpoints' halts cleared. */
static int reset_recovery(struct msc *m)
{
	struct usb_setup reset = {0x21, BOT_REQ_RESET, 0, m->iface, 0};
	int err;

	m->phase = IDLE; /* what the stops report is not this command's */
	abandon(m, m->dci_out);
	abandon(m, m->dci_in);
	if ((err = usb_control(m->dev, &reset)) < 0 || (err = clear_halt(m, m->in_addr)) < 0)
		return err;
	return clear_halt(m, m->out_addr);
}

static unsigned unit_of(const struct msc *m)
{
	return m->unit;
}

static void finish(struct msc *m, int64_t result)
{
	msc_done cb = m->cb;

	m->phase = IDLE;
	m->cb = 0;
	if (cb)
		cb(m->ctx, result);
}

/* Still there: not removed (usb_release), and its root port connected
 * (behind a hub, a device pulled alone is seen when the hub says so). */
static int port_connected(const struct msc *m)
{
	return m->dev && !m->dev->gone &&
	       (xhci_reg(xhci.op, OP_PORTSC(m->dev->root_port)) & PORT_CCS) != 0;
}

static void gone(struct msc *m)
{
	if (!m->gone)
		server_log("xhcid: usb disk %u: the device is gone%s\n", unit_of(m),
			   m->phase != IDLE ? ", a command in it: -EIO" : "");
	m->gone = 1;
	if (m->phase == IDLE)
		return;
	m->phase = IDLE;
	abandon(m, m->dci_out);
	abandon(m, m->dci_in);
	finish(m, -EIO);
}

/* The reset recovery, then the command again (at most RETRIES_AT_ONCE
 * times) unless retry is 0: -EIO. */
static void fail_hard(struct msc *m, const char *why, int retry)
{
	if (!port_connected(m)) {
		gone(m); /* no recovery to try */
		return;
	}
	server_log("xhcid: usb disk %u: %s (command %02x): reset recovery\n", unit_of(m), why,
		   m->wire.cdb[0]);
	int err = reset_recovery(m);
	if (err < 0) {
		server_log("xhcid: usb disk %u: the reset recovery failed (%d): disk gone\n",
			   unit_of(m), err);
		m->gone = 1;
	}
	if (!m->gone && retry && ++m->retries <= RETRIES_AT_ONCE) {
		m->sensing = 0;
		wire_start(m, &m->cmd, m->cmd_phys);
	} else {
		finish(m, -EIO);
	}
}

/* ---- what a command's end means --------------------------------------------------- */

static void sense_done(struct msc *m, int64_t moved)
{
	struct scsi_sense s;

	m->sensing = 0;
	if (scsi_sense_parse(m->page + PAGE_SENSE, (unsigned)moved, &s)) {
		finish(m, -EIO);
		return;
	}
	enum scsi_verdict v = scsi_sense_verdict(&s, m->cmd.cdb[0]);
	if (v == SCSI_DONE) {
		finish(m, m->cmd_moved);
	} else if (v == SCSI_RETRY && ++m->retries <= RETRIES_AT_ONCE) {
		wire_start(m, &m->cmd, m->cmd_phys);
	} else if (v == SCSI_RETRY_LATER && ++m->retries <= RETRIES_LATER) {
		m->phase = WAITING;
		m->end.code = 0;
		m->retry_at = driver_now_ms() + NOT_READY_MS;
	} else {
		server_log("xhcid: usb disk %u: command %02x failed: sense %x/%02x/%02x\n",
			   unit_of(m), m->cmd.cdb[0], s.key, s.asc, s.ascq);
		finish(m, -EIO);
	}
}

/* A CHECK CONDITION: REQUEST SENSE says why, and what to do. */
static void check_condition(struct msc *m, int64_t moved)
{
	struct scsi_cmd rs;

	if (m->sensing) {
		finish(m, -EIO); /* REQUEST SENSE itself failed */
		return;
	}
	m->cmd_moved = moved;
	m->sensing = 1;
	memset(m->page + PAGE_SENSE, 0, SCSI_SENSE_BYTES);
	scsi_request_sense(&rs);
	wire_start(m, &rs, m->page_phys + PAGE_SENSE);
}

/* The CSW read: its status, its residue against what the data phase says. */
static void csw_read(struct msc *m)
{
	uint32_t got = BOT_CSW_BYTES - (m->csw_residue < BOT_CSW_BYTES ? m->csw_residue : 0);
	uint32_t residue, data_residue = m->data_code == DATA_STALL_SEEN ? m->wire.bytes : 0;
	int status = bot_csw_check(m->page + PAGE_CSW, got, m->tag, m->wire.bytes, &residue);

	if (status < 0 || status == BOT_STATUS_PHASE) {
		fail_hard(
		    m, status == BOT_STATUS_PHASE ? "phase error" : "a CSW not valid or meaningful",
		    1);
		return;
	}
	if (m->data_code == CC_SHORT)
		data_residue = m->data_residue;
	residue = residue > data_residue ? residue : data_residue;
	int64_t moved = m->wire.bytes - (residue < m->wire.bytes ? residue : m->wire.bytes);
	if (status == BOT_STATUS_FAILED)
		check_condition(m, moved);
	else if (m->sensing)
		sense_done(m, moved);
	else
		finish(m, moved);
}

/* A stalled data phase (BOT 6.7.2, 6.7.3): the halt cleared, then the
 * CSW read. */
static void data_stalled(struct msc *m)
{
	m->data_code = DATA_STALL_SEEN;
	usb_recover();
	if (clear_halt(m, m->wire.in ? m->in_addr : m->out_addr) < 0 || post_csw(m))
		fail_hard(m, "the data phase stalled and its halt did not clear", 1);
}

static void wire_ended(struct msc *m)
{
	if (failed(m->cbw_code) || m->cbw_code < 0) {
		fail_hard(m, "the CBW failed", 1);
	} else if (m->data_code == CC_STALL) {
		data_stalled(m);
	} else if (failed(m->data_code) && m->data_code != DATA_STALL_SEEN) {
		fail_hard(m, "the data phase failed", 1);
	} else if (m->csw_code == CC_STALL && ++m->csw_tries < CSW_TRIES) {
		usb_recover();
		if (clear_halt(m, m->in_addr) < 0)
			fail_hard(m, "the CSW stalled and its halt did not clear", 1);
		else
			post_csw(m);
	} else if (failed(m->csw_code)) {
		fail_hard(m, "the CSW failed", 1);
	} else {
		csw_read(m);
	}
}

static void step(struct msc *m)
{
	if (m->phase == IDLE)
		return;
	if (!port_connected(m)) {
		gone(m);
	} else if (m->phase == WAITING) {
		if (driver_now_ms() >= m->retry_at)
			wire_start(m, &m->cmd, m->cmd_phys);
	} else if (m->end.code) {
		wire_ended(m);
	} else if (driver_now_ms() > m->deadline) {
		fail_hard(m, "no answer in time", 0);
	}
}

static int begin(struct msc *m, const struct scsi_cmd *c, uint64_t phys, msc_done cb, void *ctx)
{
	if (m->gone)
		return -EIO;
	if (m->phase != IDLE)
		return -EBUSY;
	m->cmd = *c, m->cmd_phys = phys;
	m->cb = cb, m->ctx = ctx;
	m->retries = 0, m->sensing = 0;
	wire_start(m, c, phys);
	return 0;
}

void msc_poll(void)
{
	for (unsigned i = 0; i < MSC_UNITS_MAX; i++)
		if (disks[i].dev)
			step(&disks[i]);
}

uint64_t msc_next_alarm(void)
{
	uint64_t next = 0;

	for (unsigned i = 0; i < MSC_UNITS_MAX; i++) {
		const struct msc *m = &disks[i];
		uint64_t t = m->phase == WAITING   ? m->retry_at
			     : m->phase == RUNNING ? m->deadline
						   : 0;
		if (t && (!next || t < next))
			next = t;
	}
	return next;
}

/* ---- bringing a disk up ---------------------------------------------------------------- */

struct waiter {
	int pending;
	int64_t result;
};

static void waited(void *ctx, int64_t result)
{
	struct waiter *w = ctx;

	w->result = result;
	w->pending = 0;
}

/* One command run to its end (retries, recoveries and all), events
 * handled meanwhile: what it moved, or -errno. */
static int64_t run(struct msc *m, const struct scsi_cmd *c, uint64_t phys)
{
	struct waiter w = {1, 0};
	int err = begin(m, c, phys, waited, &w);

	if (err)
		return err;
	while (w.pending) {
		xhci_wait(&m->end, 10);
		usb_recover();
		step(m);
	}
	return w.result;
}

static int capacity(struct msc *m)
{
	const uint8_t *reply = m->page + PAGE_REPLY;
	struct scsi_cmd c;
	int64_t n;
	int r;

	scsi_read_capacity_10(&c);
	if ((n = run(m, &c, m->page_phys + PAGE_REPLY)) < 0)
		return (int)n;
	if (n < SCSI_CAPACITY_10_BYTES ||
	    (r = scsi_capacity_10(reply, &m->blocks, &m->block_size)) < 0)
		return -EIO;
	if (r == 0)
		return 0;
	scsi_read_capacity_16(&c);
	if ((n = run(m, &c, m->page_phys + PAGE_REPLY)) < 0)
		return (int)n;
	if (n < 12 || scsi_capacity_16(reply, &m->blocks, &m->block_size))
		return -EIO;
	return 0;
}

/* INQUIRY (a direct-access device: its model), TEST UNIT READY (which
 * takes the unit attention of its power-on and waits while it becomes
 * ready), READ CAPACITY. */
static int bring_up(struct msc *m)
{
	struct scsi_cmd c;
	int64_t n;

	scsi_inquiry(&c);
	if ((n = run(m, &c, m->page_phys + PAGE_REPLY)) < 0)
		return (int)n;
	if (n < 1 || (m->page[PAGE_REPLY] & 0x1f) != 0)
		return -ENODEV; /* not a disk (a CD-ROM is 5) */
	scsi_inquiry_model(m->page + PAGE_REPLY, (unsigned)n, m->model);
	scsi_test_unit_ready(&c);
	if ((n = run(m, &c, 0)) < 0)
		return (int)n;
	return capacity(m);
}

static int memory(struct msc *m)
{
	uint64_t phys;

	if (!(m->page = xhci_page_alloc(&m->page_phys)))
		return -ENOMEM;
	m->dma = sys_dma_alloc(2 * MSC_CHUNK, (long)&phys);
	if (m->dma < 0)
		return (int)m->dma;
	m->data_phys = (phys + MSC_CHUNK - 1) & ~(uint64_t)(MSC_CHUNK - 1);
	m->data = (uint8_t *)m->dma + (m->data_phys - phys);
	return 0;
}

static void release(struct msc *m)
{
	xhci_page_free(m->page);
	if (m->dma > 0)
		sys_dma_free(m->dma);
	*m = (struct msc){0};
}

/* The first interface of class 8, subclass 6, protocol 0x50 (alternate
 * setting 0) with a bulk IN and a bulk OUT endpoint. */
static int find_interface(struct msc *m, const uint8_t *c, unsigned len,
			  struct usb_endpoint_info *in, struct usb_endpoint_info *out)
{
	const uint8_t *iface = 0;

	for (unsigned off = 0; off + 2 <= len && c[off] >= 2 && off + c[off] <= len;
	     off += c[off]) {
		const uint8_t *d = c + off;
		if (d[1] == USB_DT_INTERFACE && d[0] >= 9) {
			if (in->address && out->address)
				break;
			iface = d[3] == 0 && d[5] == 8 && d[6] == 6 && d[7] == 0x50 ? d : 0;
			*in = *out = (struct usb_endpoint_info){0};
		} else if (d[1] == USB_DT_ENDPOINT && d[0] >= 7 && iface && (d[3] & 3) == 2) {
			struct usb_endpoint_info *e = d[2] & 0x80 ? in : out;
			if (!e->address)
				*e = (struct usb_endpoint_info){d[2], d[3],
								(uint16_t)(d[4] | d[5] << 8), d[6]};
		}
	}
	if (!in->address || !out->address)
		return 0;
	m->iface = iface[2], m->in_addr = in->address, m->out_addr = out->address;
	return 1;
}

/* A slot for a new disk: one no device holds (a removed disk's buffers
 * went back with it), or -1. The slot probed last, + 1. */
static int free_slot(void)
{
	for (unsigned i = 0; i < MSC_UNITS_MAX; i++)
		if (!disks[i].dev)
			return (int)i;
	return -1;
}

static unsigned probed;

int msc_probe(struct usb_device *dev, const uint8_t *config, unsigned len)
{
	struct msc c = {.dev = dev};
	struct usb_endpoint_info in = {0}, out = {0};
	int slot = free_slot(), dci_in, dci_out;

	probed = 0;
	if (slot < 0 || !find_interface(&c, config, len, &in, &out))
		return 0;
	if ((dci_in = usb_endpoint_add(dev, &in)) < 0 ||
	    (dci_out = usb_endpoint_add(dev, &out)) < 0) {
		server_log("xhcid: port %u: mass storage endpoints refused\n", dev->port);
		return 0;
	}
	c.dci_in = (unsigned)dci_in, c.dci_out = (unsigned)dci_out;
	disks[slot] = c;
	probed = (unsigned)slot + 1;
	return 1;
}

/* The disk brought up gets the next unit number: a number is never given
 * to another disk, so a client of a disk that went hears -EIO, never
 * another disk's bytes. */
void msc_attach(struct usb_device *dev)
{
	struct msc *m = probed ? &disks[probed - 1] : 0;
	int err;

	if (!m || m->dev != dev)
		return;
	if ((err = memory(m)) || (err = bring_up(m))) {
		server_log("xhcid: port %u: mass storage not brought up: error %d\n", dev->port,
			   err);
		release(m);
		return;
	}
	m->unit = msc_units++;
	m->up = 1;
	server_log("xhcid: port %u: usb disk unit %u: %s, %llu sectors of %u bytes\n", dev->port,
		   m->unit, m->model, (unsigned long long)m->blocks, m->block_size);
}

/* usb_release, the slot disabled already: a command in the disk ends
 * -EIO (its rings go with the device: nothing to stop), its buffers go
 * back, and the unit stays gone (the next disk is a new unit). */
void msc_detach(struct usb_device *dev)
{
	for (unsigned i = 0; i < MSC_UNITS_MAX; i++) {
		struct msc *m = &disks[i];
		if (m->dev != dev)
			continue;
		if (!m->gone)
			server_log("xhcid: usb disk %u: the device is gone%s\n", m->unit,
				   m->phase != IDLE ? ", a command in it: -EIO" : "");
		m->gone = 1;
		m->phase = IDLE;
		finish(m, -EIO);
		xhci_page_free(m->page);
		if (m->dma > 0)
			sys_dma_free(m->dma);
		m->page = m->data = 0, m->dma = 0;
		m->dev = 0, m->up = 0;
	}
}

/* ---- for blockserve.c ----------------------------------------------------------------- */

int msc_slot(unsigned unit)
{
	if (unit >= msc_units)
		return -ENXIO;
	for (unsigned i = 0; i < MSC_UNITS_MAX; i++)
		if (disks[i].dev && disks[i].up && disks[i].unit == unit)
			return disks[i].gone ? -EIO : (int)i;
	return -EIO; /* it was a disk, and went */
}

int msc_disk(unsigned slot, struct msc_disk *out)
{
	if (slot >= MSC_UNITS_MAX || !disks[slot].up || disks[slot].gone)
		return -EIO;
	*out = (struct msc_disk){disks[slot].blocks, disks[slot].block_size, disks[slot].model};
	return 0;
}

int msc_idle(unsigned slot)
{
	return disks[slot].phase == IDLE;
}

uint8_t *msc_data(unsigned slot)
{
	return disks[slot].data;
}

int msc_start(unsigned slot, const struct scsi_cmd *c, msc_done cb, void *ctx)
{
	struct msc *m = &disks[slot];

	if (c->bytes > MSC_CHUNK)
		return -EINVAL;
	return begin(m, c, m->data_phys, cb, ctx);
}
