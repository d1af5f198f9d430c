/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A device whose port (a root port or a hub's) has been reset: give it a
 * slot and an address (Enable Slot, Address Device: its speed, route
 * string, root port and transaction translator), read its device and
 * configuration descriptors, and for each interface a class driver takes
 * (the table below: the HID boot keyboard, the hub) give the controller
 * its endpoints (Configure Endpoint), select the configuration and start
 * the class driver. Transfers: control ones on EP0 (setup, data, status
 * TDs), and one TRB at a time on an interrupt or bulk endpoint; each ends
 * in its callback from the transfer event. A device that goes is taken
 * apart in the reverse order (usb_remove, port.c). Everything a device
 * says is checked before it is used: lengths, descriptor walks, endpoint
 * numbers.
 */
#include "msc.h"
#include "xhci.h"

#include <abi/errno.h>
#include <libserver/driver.h>
#include <libserver/server.h>
#include <string.h>
#include <time.h>

#define CONTROL_MS 1000
#define USB_DT_DEVICE 1
#define USB_DT_CONFIG 2
#define USB_DT_INTERFACE 4
#define USB_DT_ENDPOINT 5
#define USB_REQ_GET_DESCRIPTOR 6
#define USB_REQ_SET_CONFIGURATION 9

/* The class drivers, asked in turn for each interface. */
static const struct usb_class *const classes[] = {&hid_class, &hub_class};

static struct usb_device devices[SLOTS_MAX + 1]; /* by slot */
static const char *const speed_name[] = {"", "full", "low", "high", "super", "super+"};

void usb_nap_ms(unsigned ms)
{
	struct timespec t = {0, (long)ms * 1000000};

	nanosleep(&t, 0);
}

struct usb_device *usb_slot_device(unsigned slot)
{
	return slot && slot <= SLOTS_MAX && devices[slot].slot ? &devices[slot] : 0;
}

/* Context i of an input context (0 the control context, 1 the slot, 1 +
 * DCI the endpoints) or of an output context (0 the slot, DCI). */
static uint32_t *context(uint8_t *base, unsigned i)
{
	return (uint32_t *)(base + i * xhci.ctx_size);
}

static void ring_doorbell(struct usb_device *dev, unsigned dci)
{
	__sync_synchronize();
	xhci.db[dev->slot] = dci;
}

static int command(uint32_t type, struct usb_device *dev, uint64_t param, struct xhci_done *d)
{
	struct xhci_trb t = {.param = param,
			     .control = TRB_TYPE(type) | TRB_SLOT(dev ? dev->slot : 0)};
	int err = xhci_command(&t, d);

	if (!err && d->code != CC_SUCCESS)
		err = -EIO;
	return err;
}

static unsigned default_ep0_max(unsigned speed)
{
	return speed == SPEED_SUPER || speed == 5 ? 512 : speed == SPEED_HIGH ? 64 : 8;
}

static void ep0_context(struct usb_device *dev)
{
	uint32_t *ep0 = context(dev->in_ctx, 2);

	ep0[1] = 3u << 1 | EP_CONTROL << 3 | (uint32_t)dev->ep0_max << 16; /* CErr 3 */
	ep0[2] = (uint32_t)dev->ring[1]->phys | TRB_CYCLE;
	ep0[3] = (uint32_t)(dev->ring[1]->phys >> 32);
	ep0[4] = 8; /* average TRB length */
}

static int address_device(struct usb_device *dev)
{
	struct xhci_done d;
	uint32_t *slot = context(dev->in_ctx, 1);

	memset(dev->in_ctx, 0, PAGE);
	context(dev->in_ctx, 0)[1] = 0x3; /* add the slot and EP0 */
	slot[0] = dev->route | SLOT0_SPEED(dev->speed) | SLOT0_ENTRIES(1);
	slot[1] = SLOT1_ROOT_PORT(dev->root_port);
	slot[2] = SLOT2_TT(dev->tt_slot, dev->tt_port);
	ep0_context(dev);
	xhci.dcbaa[dev->slot] = dev->out_phys;
	return command(TRB_ADDRESS_DEVICE, dev, dev->in_phys, &d);
}

/* EP0's packet size as the device descriptor gives it, when it is not
 * the speed's default (full-speed devices: 8, 16, 32 or 64). */
static int fix_ep0_max(struct usb_device *dev, unsigned max)
{
	struct xhci_done d;

	if (!max || max == dev->ep0_max)
		return 0;
	dev->ep0_max = (uint16_t)max;
	memset(dev->in_ctx, 0, PAGE);
	context(dev->in_ctx, 0)[1] = 0x2; /* EP0 */
	ep0_context(dev);
	return command(TRB_EVALUATE, dev, dev->in_phys, &d);
}

static void free_device(struct usb_device *dev)
{
	for (unsigned i = 0; i <= DCI_MAX; i++)
		xhci_ring_free(dev->ring[i]);
	xhci_page_free(dev->in_ctx), xhci_page_free(dev->out_ctx), xhci_page_free(dev->buf);
	if (dev->slot)
		xhci.dcbaa[dev->slot] = 0;
	*dev = (struct usb_device){0};
}

/* Its place in the tree: the route string gets the hub's port as the next
 * tier; a full- or low-speed device talks through the nearest high-speed
 * hub's transaction translator (the hub itself, or the one its hub uses). */
static void place(struct usb_device *dev, const struct usb_place *at)
{
	const struct usb_device *hub = at->hub;
	int slow = dev->speed == SPEED_FULL || dev->speed == SPEED_LOW;

	if (!hub) {
		dev->root_port = dev->port;
		return;
	}
	dev->root_port = hub->root_port;
	dev->depth = (uint8_t)(hub->depth + 1);
	dev->route = hub->route | (at->port & 0xf) << (4 * hub->depth);
	if (slow && hub->speed == SPEED_HIGH)
		dev->tt_slot = hub->slot, dev->tt_port = (uint8_t)at->port;
	else if (slow)
		dev->tt_slot = hub->tt_slot, dev->tt_port = hub->tt_port;
}

static struct usb_device *new_device(const struct usb_place *at, unsigned slot)
{
	struct usb_device *dev = &devices[slot];

	*dev = (struct usb_device){.slot = (uint8_t)slot, .port = (uint8_t)at->port};
	dev->speed = (uint8_t)at->speed;
	dev->hub = at->hub;
	place(dev, at);
	dev->ep0_max = (uint16_t)default_ep0_max(dev->speed);
	dev->in_ctx = xhci_page_alloc(&dev->in_phys);
	dev->out_ctx = xhci_page_alloc(&dev->out_phys);
	dev->buf = xhci_page_alloc(&dev->buf_phys);
	dev->ring[1] = xhci_ring_new();
	if (!dev->in_ctx || !dev->out_ctx || !dev->buf || !dev->ring[1]) {
		free_device(dev);
		return 0;
	}
	return dev;
}

static void status_done(void *ctx, const struct xhci_done *d)
{
	struct xhci_done *w = ctx;

	if (!w->code)
		w->code = d->code;
}

/* The data stage's end: a short packet is noted and the status stage
 * still comes; an error ends the transfer here (the status never does). */
static void data_done(void *ctx, const struct xhci_done *d)
{
	struct xhci_done *w = ctx;

	w->residue = d->residue;
	if (d->code != CC_SUCCESS && d->code != CC_SHORT)
		w->code = d->code;
}

static void queue_control(struct usb_device *dev, const struct usb_setup *s, xhci_callback data,
			  xhci_callback status, void *ctx)
{
	int in = s->type & 0x80;
	struct xhci_trb setup = {.param = s->type | (uint32_t)s->request << 8 |
					  (uint32_t)s->value << 16 | (uint64_t)s->index << 32 |
					  (uint64_t)s->length << 48,
				 .status = 8,
				 .control = TRB_TYPE(TRB_SETUP) | TRB_IDT |
					    (s->length ? (in ? SETUP_TRT_IN : SETUP_TRT_OUT) : 0)};
	/* No IOC: the data stage has an event only when short or failed. */
	struct xhci_trb stage = {.param = dev->buf_phys,
				 .status = s->length,
				 .control = TRB_TYPE(TRB_DATA) | TRB_ISP | (in ? TRB_DIR_IN : 0)};
	struct xhci_trb done = {.control = TRB_TYPE(TRB_STATUS) | TRB_IOC |
					   (s->length && in ? 0 : TRB_DIR_IN)};

	xhci_ring_put(dev->ring[1], &setup, 0, 0);
	if (s->length)
		xhci_ring_put(dev->ring[1], &stage, data, ctx);
	xhci_ring_put(dev->ring[1], &done, status, ctx);
	ring_doorbell(dev, 1);
}

/* A halted endpoint (a stall, an error) running again: Reset Endpoint,
 * then its dequeue pointer at the ring's enqueue point, past what it gave
 * up on (nothing is queued on a halted endpoint meanwhile). */
static void recover_endpoint(struct usb_device *dev, unsigned dci)
{
	struct xhci_done d;
	struct xhci_ring *r = dev->ring[dci];
	struct xhci_trb reset = {.control =
				     TRB_TYPE(TRB_RESET_EP) | TRB_SLOT(dev->slot) | dci << 16};
	struct xhci_trb deq = {.param = (r->phys + r->enq * 16) | r->cycle,
			       .control =
				   TRB_TYPE(TRB_SET_DEQUEUE) | TRB_SLOT(dev->slot) | dci << 16};

	xhci_command(&reset, &d);
	xhci_command(&deq, &d);
}

int usb_control(struct usb_device *dev, const struct usb_setup *s)
{
	struct xhci_done w = {0};
	int err;

	if (s->length > PAGE)
		return -EINVAL;
	if (dev->gone || dev->dead)
		return -ENODEV;
	queue_control(dev, s, data_done, status_done, &w);
	if ((err = xhci_wait(&w, CONTROL_MS))) {
		/* A device pulled out mid-transfer never answers: its ring must
		 * not call back into this stack frame later, and what else is
		 * asked of it fails at once until it is removed (a hub's port
		 * scan would otherwise wait a second for each request). */
		xhci_ring_forget(dev->ring[1], &w);
		dev->dead = 1;
		return err;
	}
	if (w.code != CC_SUCCESS) {
		dev->halted &= ~2u;
		recover_endpoint(dev, 1);
		return -EIO;
	}
	return (int)(s->length - (w.residue <= s->length ? w.residue : s->length));
}

int usb_control_async(struct usb_device *dev, const struct usb_setup *s, xhci_callback cb,
		      void *ctx)
{
	if (s->length > PAGE)
		return -EINVAL;
	if (dev->gone || dev->dead)
		return -ENODEV;
	queue_control(dev, s, cb, cb, ctx);
	return 0;
}

static int get_descriptor(struct usb_device *dev, unsigned type, unsigned len)
{
	struct usb_setup s = {0x80, USB_REQ_GET_DESCRIPTOR, (uint16_t)(type << 8), 0,
			      (uint16_t)len};

	return usb_control(dev, &s);
}

static unsigned interval(const struct usb_device *dev, const struct usb_endpoint_info *e)
{
	unsigned v = e->interval ? e->interval : 1, exp = 0;

	if (dev->speed == SPEED_HIGH || dev->speed >= SPEED_SUPER)
		return v > 16 ? 15 : v - 1; /* 2^(v-1) microframes */
	while ((2u << exp) <= v * 8)	    /* v frames: the largest 2^exp * 125 us within */
		exp++;
	return exp < 3 ? 3 : exp > 10 ? 10 : exp;
}

static void endpoint_context(struct usb_device *dev, unsigned dci,
			     const struct usb_endpoint_info *e)
{
	uint32_t *ep = context(dev->in_ctx, 1 + dci);
	unsigned type = (e->attributes & 3) | (e->address & 0x80 ? 4 : 0);
	unsigned max = e->max_packet & 0x7ff, mult = (e->max_packet >> 11 & 3) + 1;
	uint64_t phys = dev->ring[dci]->phys;

	ep[0] = interval(dev, e) << 16;
	ep[1] = 3u << 1 | type << 3 | max << 16;
	ep[2] = (uint32_t)phys | TRB_CYCLE;
	ep[3] = (uint32_t)(phys >> 32);
	ep[4] = max * mult << 16 | max; /* max ESIT payload, average TRB length */
}

int usb_endpoint_add(struct usb_device *dev, const struct usb_endpoint_info *e)
{
	unsigned num = e->address & 0xf, dci = num * 2 + (e->address & 0x80 ? 1 : 0);
	struct xhci_done d;
	int err;

	if (!num || (e->attributes & 3) == 0 || dev->ring[dci])
		return -EINVAL;
	if (!(dev->ring[dci] = xhci_ring_new()))
		return -ENOMEM;
	memset(dev->in_ctx, 0, PAGE);
	context(dev->in_ctx, 0)[1] = 1u | 1u << dci;
	memcpy(context(dev->in_ctx, 1), context(dev->out_ctx, 0), xhci.ctx_size);
	uint32_t *slot = context(dev->in_ctx, 1), entries = slot[0] >> 27;
	slot[0] = (slot[0] & 0x07ffffffu) | (dci > entries ? dci : entries) << 27;
	slot[3] = 0;
	endpoint_context(dev, dci, e);
	if ((err = command(TRB_CONFIGURE_EP, dev, dev->in_phys, &d))) {
		xhci_ring_free(dev->ring[dci]);
		dev->ring[dci] = 0;
		return err;
	}
	return (int)dci;
}

int usb_transfer(struct usb_device *dev, unsigned dci, uint64_t phys, uint32_t len,
		 xhci_callback cb, void *ctx)
{
	struct xhci_trb t = {
	    .param = phys, .status = len, .control = TRB_TYPE(TRB_NORMAL) | TRB_ISP | TRB_IOC};

	if (dci < 2 || dci > DCI_MAX || !dev->ring[dci] || len > 0x10000)
		return -EINVAL;
	if (dev->gone || dev->dead)
		return -ENODEV;
	xhci_ring_put(dev->ring[dci], &t, cb, ctx);
	ring_doorbell(dev, dci);
	return 0;
}

void usb_transfer_event(unsigned slot, unsigned dci, uint64_t trb, const struct xhci_done *d)
{
	if (!slot || slot > SLOTS_MAX || !dci || dci > DCI_MAX || !devices[slot].ring[dci] ||
	    devices[slot].gone)
		return;
	if (d->code != CC_SUCCESS && d->code != CC_SHORT)
		devices[slot].halted |= 1u << dci; /* recovered by usb_recover, not in here */
	xhci_ring_complete(devices[slot].ring[dci], trb, d);
}

void usb_recover(void)
{
	for (unsigned slot = 1; slot <= SLOTS_MAX; slot++) {
		struct usb_device *dev = &devices[slot];
		for (unsigned dci = 1; dev->halted && !dev->gone && dci <= DCI_MAX; dci++)
			if (dev->halted & 1u << dci) {
				dev->halted &= ~(1u << dci);
				recover_endpoint(dev, dci);
			}
	}
}

static const struct usb_class *class_for(const uint8_t *iface)
{
	for (unsigned i = 0; i < sizeof classes / sizeof *classes; i++)
		if (classes[i]->wants(iface))
			return classes[i];
	return 0;
}

/* An interface a class driver takes, as it is offered. */
struct candidate {
	const struct usb_class *cls;
	struct usb_interface in;
};

static void add_endpoint(struct candidate *c, const uint8_t *d)
{
	if (c->in.neps < USB_IFACE_EPS && (d[3] & 3) >= 2) /* bulk or interrupt */
		c->in.ep[c->in.neps++] =
		    (struct usb_endpoint_info){d[2], d[3], (uint16_t)(d[4] | d[5] << 8), d[6]};
}

/* The configuration's interfaces (alternate setting 0) a class driver
 * wants, with their endpoints, from the descriptors c (len bytes). */
static unsigned walk_config(const uint8_t *c, unsigned len, struct candidate *out, unsigned max)
{
	unsigned n = 0;
	struct candidate *cur = 0;

	for (unsigned off = 0; off + 2 <= len && c[off] >= 2 && off + c[off] <= len;
	     off += c[off]) {
		const uint8_t *d = c + off;
		if (d[1] == USB_DT_INTERFACE && d[0] >= 9) {
			const struct usb_class *cls = d[3] == 0 && n < max ? class_for(d) : 0;
			cur = cls ? &out[n++] : 0;
			if (cur)
				*cur = (struct candidate){.cls = cls, .in = {.desc = d}};
		} else if (d[1] == USB_DT_ENDPOINT && d[0] >= 7 && cur) {
			add_endpoint(cur, d);
		}
	}
	return n;
}

int usb_interrupt_in(const struct usb_interface *in)
{
	for (unsigned i = 0; i < in->neps; i++)
		if (in->dci[i] > 0 && (in->ep[i].address & 0x80) && (in->ep[i].attributes & 3) == 3)
			return (int)i;
	return -1;
}

/* Each class driver its interface: what it keeps, or nothing. */
static void bind(struct usb_device *dev, struct candidate *found, unsigned n)
{
	for (unsigned i = 0, b = 0; i < n && b < USB_BINDINGS; i++) {
		void *state = found[i].cls->attach(dev, &found[i].in);
		if (state)
			dev->bound[b++] = (struct usb_binding){found[i].cls, state};
	}
}

static int configure(struct usb_device *dev)
{
	struct candidate found[USB_BINDINGS];
	int len;

	if ((len = get_descriptor(dev, USB_DT_CONFIG, 9)) < 9)
		return len < 0 ? len : -EIO;
	unsigned total = dev->buf[2] | dev->buf[3] << 8, config = dev->buf[5];
	if ((len = get_descriptor(dev, USB_DT_CONFIG, total < PAGE ? total : PAGE)) < 9)
		return len < 0 ? len : -EIO;
	uint8_t copy[PAGE]; /* the interfaces outlive dev->buf: class requests reuse it */
	memcpy(copy, dev->buf, (unsigned)len);
	unsigned n = walk_config(copy, (unsigned)len, found, USB_BINDINGS);
	for (unsigned i = 0; i < n; i++)
		for (unsigned e = 0; e < found[i].in.neps; e++)
			found[i].in.dci[e] = usb_endpoint_add(dev, &found[i].in.ep[e]);
	int disk = msc_probe(dev, copy, (unsigned)len);
	struct usb_setup set = {0x00, USB_REQ_SET_CONFIGURATION, (uint16_t)config, 0, 0};
	int err = usb_control(dev, &set);
	if (!err)
		bind(dev, found, n);
	if (disk && !err)
		msc_attach(dev);
	return err;
}

static int enable_slot(unsigned port, unsigned *slot)
{
	struct xhci_done d;
	struct xhci_trb t = {.control = TRB_TYPE(TRB_ENABLE_SLOT) |
					(uint32_t)xhci.port_slot_type[port] << 16};
	int err = xhci_command(&t, &d);

	if (!err && d.code != CC_SUCCESS)
		err = -EIO;
	if (!err && (!d.slot || d.slot > xhci.slots))
		err = -EIO; /* a slot the controller has not got */
	*slot = d.slot;
	return err;
}

static int identify(struct usb_device *dev)
{
	int err;

	if ((err = address_device(dev)))
		return err;
	if ((err = get_descriptor(dev, USB_DT_DEVICE, 8)) < 8)
		return err < 0 ? err : -EIO;
	unsigned max = dev->speed >= SPEED_SUPER ? 1u << (dev->buf[7] & 0xf) : dev->buf[7];
	if ((err = fix_ep0_max(dev, max)))
		return err;
	if ((err = get_descriptor(dev, USB_DT_DEVICE, 18)) < 18)
		return err < 0 ? err : -EIO;
	memcpy(dev->desc, dev->buf, 18);
	return 0;
}

static void disable_slot(unsigned slot)
{
	struct xhci_done d;
	struct xhci_trb t = {.control = TRB_TYPE(TRB_DISABLE_SLOT) | TRB_SLOT(slot)};

	xhci_command(&t, &d);
}

static void log_attached(const struct usb_device *dev)
{
	char path[24];

	server_log("xhcid: port %s: USB %u %s-speed device %04x:%04x, slot %u\n",
		   usb_path(dev, path, sizeof path), xhci.port_usb3[dev->root_port] ? 3 : 2,
		   speed_name[dev->speed < 6 ? dev->speed : 0], dev->desc[8] | dev->desc[9] << 8,
		   dev->desc[10] | dev->desc[11] << 8, dev->slot);
}

int usb_attach(const struct usb_place *at)
{
	unsigned root = at->hub ? at->hub->root_port : at->port, slot;
	int err;

	if ((err = enable_slot(root, &slot)))
		return err;
	if (devices[slot].slot) {
		disable_slot(slot); /* the controller's slot is one we still hold */
		return -EIO;
	}
	struct usb_device *dev = new_device(at, slot);
	if (!dev) {
		disable_slot(slot);
		return -ENOMEM;
	}
	/* Announced before its class drivers start: a hub's children after it. */
	if ((err = identify(dev)) || (log_attached(dev), err = configure(dev))) {
		usb_release(dev); /* nothing is bound yet, nothing is behind it */
		return err;
	}
	return 0;
}

/* Disable Slot first (the controller stops its endpoints and writes no
 * more into its buffers; the events still coming for it are dropped),
 * then its class drivers let go, then its rings and pages go back. */
void usb_release(struct usb_device *dev)
{
	dev->gone = 1;
	disable_slot(dev->slot);
	msc_detach(dev);
	for (unsigned i = 0; i < USB_BINDINGS; i++)
		if (dev->bound[i].cls)
			dev->bound[i].cls->detach(dev, dev->bound[i].state);
	free_device(dev);
}

void usb_service_classes(void)
{
	for (unsigned slot = 1; slot <= SLOTS_MAX; slot++)
		for (unsigned i = 0; i < USB_BINDINGS; i++) {
			struct usb_device *dev = &devices[slot];
			if (dev->slot && !dev->gone && dev->bound[i].cls &&
			    dev->bound[i].cls->service)
				dev->bound[i].cls->service(dev, dev->bound[i].state);
		}
}

int usb_hub_slot(struct usb_device *dev, unsigned ports, unsigned ttt, int mtt)
{
	struct xhci_done d;
	uint32_t *slot = context(dev->in_ctx, 1);

	memset(dev->in_ctx, 0, PAGE);
	context(dev->in_ctx, 0)[1] = 1u; /* the slot context alone */
	memcpy(slot, context(dev->out_ctx, 0), xhci.ctx_size);
	slot[0] = (slot[0] & ~(SLOT0_MTT | SLOT0_HUB)) | SLOT0_HUB | (mtt ? SLOT0_MTT : 0);
	slot[1] = (slot[1] & ~SLOT1_PORTS(0xff)) | SLOT1_PORTS(ports);
	slot[2] = (slot[2] & ~SLOT2_TTT(3)) | SLOT2_TTT(ttt);
	slot[3] = 0;
	return command(TRB_CONFIGURE_EP, dev, dev->in_phys, &d);
}
