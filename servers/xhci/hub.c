/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * USB hubs (class 9, USB 2.0 chapter 11; USB 3 hubs with their own
 * descriptor, depth and port bits). A hub is a device like any other, and
 * then: its descriptor gives its ports, the controller is told it is a hub
 * (the slot context's Hub bit, ports, TT think time: Configure Endpoint),
 * its ports are powered, and each connected one is reset and its device
 * enumerated behind it (usb_attach: its route string, its TT). Its
 * interrupt endpoint then reports which ports changed; the driver's loop
 * reads each such port's status, clears its change bits, removes the
 * device that went and enumerates the one that came. A hub removed
 * removes what is behind it first (usb_remove).
 */
#include "xhci.h"

#include <abi/errno.h>
#include <libserver/server.h>
#include <stdlib.h>

#define HUB_PORTS_MAX 15 /* a route string's tier is 4 bits */
#define RESET_MS 500
#define DEBOUNCE_MS 100
#define DT_HUB 0x29
#define DT_SS_HUB 0x2a
#define REQ_GET_STATUS 0
#define REQ_CLEAR_FEATURE 1
#define REQ_SET_FEATURE 3
#define REQ_GET_DESCRIPTOR 6
#define REQ_SET_HUB_DEPTH 12
#define FEAT_PORT_RESET 4
#define FEAT_PORT_POWER 8
#define FEAT_C_CONNECTION 16   /* + the change bit's number: C_ENABLE 17 ... C_RESET 20 */
#define FEAT_C_BH_RESET 29     /* USB 3 */
#define FEAT_C_LINK_STATE 25   /* USB 3 */
#define FEAT_C_CONFIG_ERROR 26 /* USB 3 */
#define ST_CONNECTION 0x1
#define ST_ENABLE 0x2
#define ST_RESET 0x10
#define ST_LOW_SPEED 0x200
#define ST_HIGH_SPEED 0x400
#define CH_CONNECTION 0x1
#define CH_RESET 0x10

struct hub {
	unsigned dci, ports, report_len, power_ms;
	uint8_t *report;
	uint64_t report_phys;
	uint16_t changed; /* bit n: port n changed (bit 0: the hub itself) */
	uint8_t posted, usb3;
};

static int hub_wants(const uint8_t *iface)
{
	return iface[5] == 9;
}

static int request(struct usb_device *dev, uint8_t type, uint8_t req, uint16_t value,
		   uint16_t index, uint16_t len)
{
	struct usb_setup s = {type, req, value, index, len};

	return usb_control(dev, &s);
}

static int port_feature(struct usb_device *dev, uint8_t req, unsigned feature, unsigned port)
{
	return request(dev, 0x23, req, (uint16_t)feature, (uint16_t)port, 0);
}

/* wPortStatus | wPortChange << 16, or -errno. */
static long port_status(struct usb_device *dev, unsigned port)
{
	int n = request(dev, 0xa3, REQ_GET_STATUS, 0, (uint16_t)port, 4);

	if (n < 0)
		return n;
	if (n < 4)
		return -EIO;
	return (long)(dev->buf[0] | dev->buf[1] << 8 | (uint32_t)dev->buf[2] << 16 |
		      (uint32_t)dev->buf[3] << 24);
}

/* Each change bit cleared (else the interrupt endpoint says it again). */
static void clear_changes(struct usb_device *dev, const struct hub *h, unsigned port,
			  unsigned change)
{
	static const uint8_t usb3[8] = {
	    16, 0, 0, 19, 20, FEAT_C_BH_RESET, FEAT_C_LINK_STATE, FEAT_C_CONFIG_ERROR};

	for (unsigned bit = 0; bit < 8; bit++)
		if (change & 1u << bit) {
			unsigned f = h->usb3 ? usb3[bit] : bit < 5 ? FEAT_C_CONNECTION + bit : 0;
			if (f)
				port_feature(dev, REQ_CLEAR_FEATURE, f, port);
		}
}

/* The device's speed from the port's status after its reset. */
static unsigned port_speed(const struct hub *h, uint32_t st)
{
	if (h->usb3)
		return SPEED_SUPER;
	return st & ST_LOW_SPEED ? SPEED_LOW : st & ST_HIGH_SPEED ? SPEED_HIGH : SPEED_FULL;
}

/* The port's status once its reset has ended (C_RESET set, RESET clear):
 * polled every 10 ms, at most RESET_MS. */
static long reset_done(struct usb_device *dev, unsigned port)
{
	for (unsigned ms = 0; ms < RESET_MS; ms += 10) {
		long st = port_status(dev, port);
		if (st < 0 || ((st >> 16 & CH_RESET) && !(st & ST_RESET)))
			return st;
		usb_nap_ms(10);
	}
	return -ETIMEDOUT;
}

/* Reset the port (which enables it), its changes cleared, 10 ms
 * recovery, then the device enumerated behind the hub. */
static int port_attach(struct usb_device *dev, struct hub *h, unsigned port)
{
	int err = port_feature(dev, REQ_SET_FEATURE, FEAT_PORT_RESET, port);
	long st = err ? err : reset_done(dev, port);

	if (st < 0)
		return (int)st;
	clear_changes(dev, h, port, (unsigned)(st >> 16) & 0xff);
	if ((st & (ST_CONNECTION | ST_ENABLE)) != (ST_CONNECTION | ST_ENABLE))
		return -EIO;
	usb_nap_ms(10);
	return usb_attach(&(struct usb_place){dev, port, port_speed(h, (uint32_t)st)});
}

static void try_attach(struct usb_device *dev, struct hub *h, unsigned port)
{
	int err = port_attach(dev, h, port);
	char path[24];

	if (err)
		server_log("xhcid: port %s.%u: device not enumerated: error %d\n",
			   usb_path(dev, path, sizeof path), port, err);
}

/* The hub descriptor: its ports, power-on time and TT think time; the
 * controller told. 0 or -errno. */
static int describe(struct usb_device *dev, struct hub *h)
{
	int n = request(dev, 0xa0, REQ_GET_DESCRIPTOR, (h->usb3 ? DT_SS_HUB : DT_HUB) << 8, 0, 12);

	if (n < 0)
		return n;
	if (n < 7 || !dev->buf[2])
		return -EIO;
	h->ports = dev->buf[2] > HUB_PORTS_MAX ? HUB_PORTS_MAX : dev->buf[2];
	h->power_ms = dev->buf[5] * 2u;
	unsigned ttt = h->usb3 ? 0 : (dev->buf[3] >> 5) & 3;
	return usb_hub_slot(dev, h->ports, ttt, 0); /* single TT: alternate setting 0 */
}

static void report_done(void *ctx, const struct xhci_done *d)
{
	struct hub *h = ctx;

	h->posted = 0; /* posted again once the changes are handled (service) */
	if (d->code != CC_SUCCESS && d->code != CC_SHORT)
		return;
	unsigned got = d->residue < h->report_len ? h->report_len - d->residue : 0;
	for (unsigned i = 0; i < got && i < 2; i++)
		h->changed |= (uint16_t)(h->report[i] << (8 * i));
}

static void post(struct usb_device *dev, struct hub *h)
{
	h->posted = usb_transfer(dev, h->dci, h->report_phys, h->report_len, report_done, h) == 0;
}

/* Every port powered, its power good and connections settled, then each
 * connected one enumerated. */
static void power_and_scan(struct usb_device *dev, struct hub *h)
{
	for (unsigned port = 1; port <= h->ports; port++)
		port_feature(dev, REQ_SET_FEATURE, FEAT_PORT_POWER, port);
	usb_nap_ms(h->power_ms + DEBOUNCE_MS);
	for (unsigned port = 1; port <= h->ports; port++) {
		long st = port_status(dev, port);
		if (st < 0)
			continue;
		clear_changes(dev, h, port, (unsigned)(st >> 16) & 0xff);
		if (st & ST_CONNECTION)
			try_attach(dev, h, port);
	}
}

static void *hub_attach(struct usb_device *dev, const struct usb_interface *in)
{
	int e = usb_interrupt_in(in), err;
	struct hub *h;
	char path[24];

	if (dev->depth >= USB_DEPTH_MAX) {
		server_log("xhcid: port %s: a hub %u deep: its ports are past the route string\n",
			   usb_path(dev, path, sizeof path), dev->depth + 1);
		return 0;
	}
	if (e < 0 || !(h = calloc(1, sizeof *h)))
		return 0;
	h->dci = (unsigned)in->dci[e];
	h->usb3 = dev->speed >= SPEED_SUPER;
	h->report_len = in->ep[e].max_packet & 0x7ff;
	h->report_len = h->report_len < 1 ? 1 : h->report_len > 2 ? 2 : h->report_len;
	if (h->usb3)
		request(dev, 0x20, REQ_SET_HUB_DEPTH, dev->depth, 0, 0);
	if ((err = describe(dev, h)) || !(h->report = xhci_page_alloc(&h->report_phys))) {
		server_log("xhcid: port %s: hub not started: error %d\n",
			   usb_path(dev, path, sizeof path), err ? err : -ENOMEM);
		free(h);
		return 0;
	}
	server_log("xhcid: port %s: hub of %u port(s), slot %u\n", usb_path(dev, path, sizeof path),
		   h->ports, dev->slot);
	power_and_scan(dev, h);
	post(dev, h);
	return h;
}

/* The hub's own change (local power, over-current): cleared and let be. */
static void hub_change(struct usb_device *dev)
{
	request(dev, 0x20, REQ_CLEAR_FEATURE, 0, 0, 0);
	request(dev, 0x20, REQ_CLEAR_FEATURE, 1, 0, 0);
}

/* As root ports (port.c): a connection change or a device no longer
 * connected removes the old one; only a connection change enumerates. */
static void port_change(struct usb_device *dev, struct hub *h, unsigned port)
{
	long st = port_status(dev, port);
	struct usb_device *child = usb_device_at(dev, port);

	if (st < 0)
		return;
	clear_changes(dev, h, port, (unsigned)(st >> 16) & 0xff);
	if (child && (!(st & ST_CONNECTION) || (st >> 16 & CH_CONNECTION))) {
		usb_remove(child);
		usb_log_usage("after the removal");
		child = 0;
	}
	if (child || !(st & ST_CONNECTION) || !(st >> 16 & CH_CONNECTION))
		return;
	usb_nap_ms(DEBOUNCE_MS);
	try_attach(dev, h, port);
	usb_log_usage("after the enumeration");
}

static void hub_service(struct usb_device *dev, void *state)
{
	struct hub *h = state;
	uint16_t changed = h->changed;

	h->changed = 0;
	if (changed & 1)
		hub_change(dev);
	for (unsigned port = 1; port <= h->ports; port++)
		if (changed & 1u << port)
			port_change(dev, h, port);
	if (!h->posted && !dev->halted && !dev->gone)
		post(dev, h);
}

/* What was behind it is gone already (usb_remove). */
static void hub_detach(struct usb_device *dev, void *state)
{
	struct hub *h = state;

	(void)dev;
	xhci_page_free(h->report);
	free(h);
}

const struct usb_class hub_class = {.name = "hub",
				    .wants = hub_wants,
				    .attach = hub_attach,
				    .service = hub_service,
				    .detach = hub_detach};
