/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bringing an xHCI controller up from whatever state it is in (the
 * firmware's, or a killed driver's): take it from the firmware through the
 * USB Legacy Support capability, halt it, reset it, read which ports speak
 * USB 2 and which USB 3 (Supported Protocol capabilities), give it a device
 * context array, scratchpad pages, a command ring and an event ring for
 * interrupter 0, and run it. Then the command ring and the event ring: a
 * command is waited for, and every event goes where it belongs while it
 * is (transfers to their ring's callbacks). Every wait is bounded.
 */
#include "xhci.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/driver.h>
#include <libserver/server.h>
#include <string.h>
#include <time.h>

#define HANDOFF_MS 1000 /* firmware giving the controller up */
#define HALT_MS 100	/* the spec's 16 ms halt, with room */
#define RESET_MS 1000
#define COMMAND_MS 1000
#define EVENT_TRBS RING_TRBS

struct xhci xhci;

static struct xhci_ring *commands;
static struct xhci_trb *events;
static uint64_t events_phys;
static unsigned event_deq;
static uint32_t event_cycle;

uint32_t xhci_reg(volatile uint8_t *base, unsigned off)
{
	return *(volatile uint32_t *)(base + off);
}

void xhci_set(volatile uint8_t *base, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(base + off) = v;
}

/* 64-bit registers as two halves, low first: controllers without 64-bit
 * access (AC64 aside) take it so. */
static void set64(volatile uint8_t *base, unsigned off, uint64_t v)
{
	xhci_set(base, off, (uint32_t)v);
	xhci_set(base, off + 4, (uint32_t)(v >> 32));
}

static void nap(void)
{
	struct timespec t = {0, 1000000};

	nanosleep(&t, 0);
}

/* reg & mask reaching want within ms. */
static int wait_bits(volatile uint8_t *base, unsigned off, uint32_t mask, uint32_t want,
		     unsigned ms)
{
	uint64_t end = driver_now_ms() + ms;

	while ((xhci_reg(base, off) & mask) != want) {
		if (driver_now_ms() > end)
			return -ETIMEDOUT;
		nap();
	}
	return 0;
}

/* The firmware owns the controller until it lets go of the BIOS-owned
 * semaphore; one that never does is taken anyway, with its SMIs off. */
static void legacy_handoff(unsigned off)
{
	volatile uint8_t *base = xhci.cap;
	uint32_t v = xhci_reg(base, off);

	if (v & LEGACY_BIOS_OWNED) {
		xhci_set(base, off, v | LEGACY_OS_OWNED);
		if (wait_bits(base, off, LEGACY_BIOS_OWNED, 0, HANDOFF_MS))
			server_log("xhcid: the firmware kept the controller: taken anyway\n");
	}
	xhci_set(base, off, (xhci_reg(base, off) & ~LEGACY_BIOS_OWNED) | LEGACY_OS_OWNED);
	/* SMI enables off (bits 0, 4, 13-15), the RW1C status bits cleared. */
	xhci_set(base, off + 4, (xhci_reg(base, off + 4) & ~0xe011u) | 0xe0000000u);
}

/* Ports [first, first + count) speak the protocol's major revision. */
static void protocol_ports(unsigned off)
{
	uint32_t d0 = xhci_reg(xhci.cap, off), d2 = xhci_reg(xhci.cap, off + 8);
	uint32_t d3 = xhci_reg(xhci.cap, off + 12);
	unsigned first = d2 & 0xff, count = d2 >> 8 & 0xff;

	for (unsigned p = first; p && p < first + count && p <= xhci.ports; p++) {
		xhci.port_usb3[p] = (d0 >> 24) >= 3;
		xhci.port_slot_type[p] = d3 & 0x1f;
	}
}

/* The extended capability list, each visited once: at most 256 of them,
 * so a list that loops ends. */
static void walk_capabilities(void)
{
	unsigned off = HCC1_XECP(xhci_reg(xhci.cap, CAP_HCCPARAMS1)) * 4;

	for (int n = 0; off && off + 16 <= xhci.bar_size && n < 256; n++) {
		uint32_t v = xhci_reg(xhci.cap, off);
		if ((v & 0xff) == XCAP_LEGACY)
			legacy_handoff(off);
		else if ((v & 0xff) == XCAP_PROTOCOL)
			protocol_ports(off);
		unsigned next = v >> 8 & 0xff;
		off = next ? off + next * 4 : 0;
	}
}

static int halt_and_reset(void)
{
	int err;

	xhci_set(xhci.op, OP_USBCMD, xhci_reg(xhci.op, OP_USBCMD) & ~(CMD_RUN | CMD_INTE));
	if ((err = wait_bits(xhci.op, OP_USBSTS, STS_HCH, STS_HCH, HALT_MS)))
		return err;
	xhci_set(xhci.op, OP_USBCMD, CMD_HCRST);
	if ((err = wait_bits(xhci.op, OP_USBCMD, CMD_HCRST, 0, RESET_MS)))
		return err;
	return wait_bits(xhci.op, OP_USBSTS, STS_CNR, 0, RESET_MS);
}

/* The scratchpad pages the controller asks for, in one buffer of their own
 * (there may be up to 1023), listed in a pool page. */
static int scratchpads(void)
{
	unsigned n = HCS2_SCRATCHPADS(xhci_reg(xhci.cap, CAP_HCSPARAMS2));
	uint64_t list_phys, phys;

	if (!n)
		return 0;
	uint64_t *list = xhci_page_alloc(&list_phys);
	long a = list ? sys_dma_alloc(n * PAGE, (long)&phys) : -ENOMEM;
	if (a < 0)
		return (int)a;
	for (unsigned i = 0; i < n; i++)
		list[i] = phys + i * PAGE;
	xhci.dcbaa[0] = list_phys;
	return 0;
}

static int event_ring(void)
{
	uint64_t erst_phys;
	uint64_t *erst = xhci_page_alloc(&erst_phys);

	if (!erst || !(events = xhci_page_alloc(&events_phys)))
		return -ENOMEM;
	erst[0] = events_phys;
	erst[1] = EVENT_TRBS;
	event_deq = 0, event_cycle = TRB_CYCLE;
	xhci_set(xhci.rt, RT_ERSTSZ, 1);
	set64(xhci.rt, RT_ERDP, events_phys);
	set64(xhci.rt, RT_ERSTBA, erst_phys);
	xhci_set(xhci.rt, RT_IMOD, 4000); /* at most one interrupt a ms (250 ns units) */
	xhci_set(xhci.rt, RT_IMAN, IMAN_IP | IMAN_IE);
	return 0;
}

static int structures(void)
{
	uint64_t dcbaa_phys;

	if (!(xhci.dcbaa = xhci_page_alloc(&dcbaa_phys)) || !(commands = xhci_ring_new()))
		return -ENOMEM;
	xhci_set(xhci.op, OP_CONFIG, xhci.slots);
	set64(xhci.op, OP_DCBAAP, dcbaa_phys);
	set64(xhci.op, OP_CRCR, commands->phys | TRB_CYCLE);
	int err = scratchpads();
	return err ? err : event_ring();
}

static void map_registers(volatile void *bar0)
{
	uint32_t p1;

	xhci.cap = bar0;
	xhci.op = xhci.cap + (xhci_reg(xhci.cap, CAP_CAPLENGTH) & 0xff);
	xhci.rt = xhci.cap + (xhci_reg(xhci.cap, CAP_RTSOFF) & ~0x1fu);
	xhci.db = (volatile uint32_t *)(xhci.cap + (xhci_reg(xhci.cap, CAP_DBOFF) & ~0x3u));
	p1 = xhci_reg(xhci.cap, CAP_HCSPARAMS1);
	xhci.slots = HCS1_SLOTS(p1) < SLOTS_MAX ? HCS1_SLOTS(p1) : SLOTS_MAX;
	xhci.ports = HCS1_PORTS(p1);
	xhci.ctx_size = xhci_reg(xhci.cap, CAP_HCCPARAMS1) & HCC1_CSZ ? 64 : 32;
}

int xhci_start(volatile void *bar0, uint64_t size)
{
	int err;

	xhci.bar_size = size;
	map_registers(bar0);
	walk_capabilities();
	if ((err = wait_bits(xhci.op, OP_USBSTS, STS_CNR, 0, RESET_MS)) || (err = halt_and_reset()))
		return err;
	if (!(xhci_reg(xhci.op, OP_PAGESIZE) & 1))
		return -ENXIO; /* no 4 KiB pages */
	if ((err = xhci_pool_init()) || (err = structures()))
		return err;
	xhci_set(xhci.op, OP_USBCMD, CMD_RUN | CMD_INTE);
	return wait_bits(xhci.op, OP_USBSTS, STS_HCH, 0, HALT_MS);
}

int xhci_failed(void)
{
	return (xhci_reg(xhci.op, OP_USBSTS) & (STS_HSE | STS_HCH)) != 0;
}

static void command_done(void *ctx, const struct xhci_done *d)
{
	*(struct xhci_done *)ctx = *d;
}

int xhci_command(struct xhci_trb *t, struct xhci_done *d)
{
	*d = (struct xhci_done){0};
	xhci_ring_put(commands, t, command_done, d);
	xhci.db[0] = 0;
	return xhci_wait(d, COMMAND_MS);
}

static void event(const struct xhci_trb *e)
{
	uint32_t type = TRB_TYPE_OF(e->control);
	struct xhci_done d = {.code = (int)TRB_CODE_OF(e->status),
			      .residue = TRB_RESIDUE_OF(e->status),
			      .slot = TRB_SLOT_OF(e->control)};

	if (!d.code)
		d.code = -1; /* "invalid": still an end, never "pending" */
	if (type == TRB_EV_COMMAND)
		xhci_ring_complete(commands, e->param, &d);
	else if (type == TRB_EV_TRANSFER)
		usb_transfer_event(d.slot, TRB_EP_OF(e->control), e->param, &d);
	else if (type == TRB_EV_PORT)
		usb_port_changed((unsigned)(e->param >> 24 & 0xff)); /* handled outside */
}

int xhci_events(void)
{
	int any = 0;

	for (unsigned n = 0; n < EVENT_TRBS; n++) {
		struct xhci_trb *e = &events[event_deq];
		if ((e->control & TRB_CYCLE) != event_cycle)
			break;
		__sync_synchronize(); /* the rest of the TRB after its cycle bit */
		struct xhci_trb copy = *e;
		if (++event_deq == EVENT_TRBS)
			event_deq = 0, event_cycle ^= TRB_CYCLE;
		any = 1;
		event(&copy);
	}
	if (any)
		set64(xhci.rt, RT_ERDP, (events_phys + event_deq * 16) | ERDP_EHB);
	return any;
}

int xhci_wait(const struct xhci_done *d, unsigned ms)
{
	uint64_t end = driver_now_ms() + ms;

	/* Spin a while first: QEMU's controller answers before the doorbell
	 * write returns, real ones within microseconds; a nap is a tick. */
	for (unsigned spins = 0; !*(volatile const int *)&d->code; spins++) {
		if (xhci_events())
			continue;
		if (driver_now_ms() > end)
			return -ETIMEDOUT;
		if (spins < 10000)
			cpu_pause();
		else
			nap();
	}
	return 0;
}

/* The interrupt's cause cleared before the events are read: one that
 * comes meanwhile raises it again. */
void xhci_irq_ack(void)
{
	xhci_set(xhci.rt, RT_IMAN, IMAN_IP | IMAN_IE);
	xhci_set(xhci.op, OP_USBSTS, STS_EINT);
}
