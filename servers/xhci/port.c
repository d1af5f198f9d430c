/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The tree of devices: the controller's root ports, and under them the
 * hubs' ports (hub.c). At start every connected root port is reset and its
 * device enumerated (a hub enumerates its own ports as it starts). After
 * that a root port's change comes as a Port Status Change event, which is
 * only noted while the event ring is read; the driver's loop handles it
 * (usb_service): a device that went is removed with everything behind
 * it, a device that came is enumerated as at start. Nothing is kept by
 * what is removed: its slot is disabled, its rings, contexts and buffers
 * go back to the DMA pool, and a log line says what is still in use.
 */
#include "xhci.h"

#include <abi/errno.h>
#include <libserver/driver.h>
#include <libserver/server.h>
#include <stdio.h>

#define PORT_RESET_MS 500
#define DEBOUNCE_MS 100 /* USB 2's TATTDB: a connection settles before the reset */

static uint8_t changed[256]; /* root ports with a change event not yet handled */

static uint32_t portsc(unsigned port)
{
	return xhci_reg(xhci.op, OP_PORTSC(port));
}

/* A reset (USB 2: what enables the port; USB 3: a hot reset), then the
 * change bits cleared: 0 with the port enabled, or -errno. */
static int port_reset(unsigned port)
{
	uint64_t end = driver_now_ms() + PORT_RESET_MS;

	if (!(portsc(port) & PORT_PP)) {
		xhci_set(xhci.op, OP_PORTSC(port), PORT_PP);
		usb_nap_ms(20);
	}
	xhci_set(xhci.op, OP_PORTSC(port), (portsc(port) & PORT_KEEP) | PORT_PR);
	while (!(portsc(port) & PORT_PRC)) {
		if (driver_now_ms() > end)
			return -ETIMEDOUT;
		usb_nap_ms(1);
	}
	xhci_set(xhci.op, OP_PORTSC(port), (portsc(port) & PORT_KEEP) | PORT_CHANGES);
	usb_nap_ms(10); /* USB 2's reset recovery time, before the first request */
	return (portsc(port) & (PORT_CCS | PORT_PED)) == (PORT_CCS | PORT_PED) ? 0 : -EIO;
}

static void root_attach(unsigned port)
{
	int err = port_reset(port);

	if (!err)
		err = usb_attach(&(struct usb_place){0, port, PORT_SPEED(portsc(port))});
	if (err)
		server_log("xhcid: port %u: device not enumerated: error %d\n", port, err);
}

unsigned usb_enumerate_ports(void)
{
	for (unsigned port = 1; port <= xhci.ports; port++)
		if (portsc(port) & PORT_CCS)
			root_attach(port);
	return usb_devices();
}

struct usb_device *usb_device_at(const struct usb_device *hub, unsigned port)
{
	for (unsigned slot = 1; slot <= SLOTS_MAX; slot++) {
		struct usb_device *dev = usb_slot_device(slot);
		if (dev && !dev->gone && dev->hub == hub && dev->port == port)
			return dev;
	}
	return 0;
}

unsigned usb_devices(void)
{
	unsigned n = 0;

	for (unsigned slot = 1; slot <= SLOTS_MAX; slot++)
		n += usb_slot_device(slot) != 0;
	return n;
}

void usb_log_usage(const char *why)
{
	server_log("xhcid: %s: %u slot(s), %u ring(s), %u DMA page(s), %u keyboard(s) in use\n",
		   why, usb_devices(), xhci_rings_used(), xhci_pages_used(), hid_keyboards);
}

const char *usb_path(const struct usb_device *dev, char *buf, size_t len)
{
	unsigned tiers[USB_DEPTH_MAX + 1], n = 0;

	for (; dev && n <= USB_DEPTH_MAX; dev = dev->hub)
		tiers[n++] = dev->port;
	size_t at = 0;
	while (n-- && at < len)
		at += (size_t)snprintf(buf + at, len - at, at ? ".%u" : "%u", tiers[n]);
	return buf;
}

void usb_remove(struct usb_device *dev)
{
	char path[24];
	unsigned slot = dev->slot;

	for (unsigned s = 1; s <= SLOTS_MAX; s++) {
		struct usb_device *child = usb_slot_device(s);
		if (child && child->hub == dev)
			usb_remove(child);
	}
	usb_path(dev, path, sizeof path);
	usb_release(dev);
	server_log("xhcid: port %s: device removed, slot %u freed\n", path, slot);
}

void usb_port_changed(unsigned port)
{
	if (port && port <= xhci.ports)
		changed[port] = 1;
}

/* A connection change (a device unplugged, plugged in, or both since the
 * last look) or a device no longer there: the old one removed, a new one
 * enumerated once its connection has settled. Only a connection change
 * starts an enumeration, so a device that fails it is not reset again and
 * again by the change events its own resets cause. */
static void root_port_change(unsigned port)
{
	uint32_t sc = portsc(port);
	struct usb_device *dev = usb_device_at(0, port);

	xhci_set(xhci.op, OP_PORTSC(port), (sc & PORT_KEEP) | (sc & PORT_CHANGES));
	if (dev && (!(sc & PORT_CCS) || (sc & PORT_CSC))) {
		usb_remove(dev);
		usb_log_usage("after the removal");
		dev = 0;
	}
	if (dev || (sc & (PORT_CSC | PORT_CCS)) != (PORT_CSC | PORT_CCS))
		return;
	usb_nap_ms(DEBOUNCE_MS);
	if (!(portsc(port) & PORT_CCS))
		return;
	root_attach(port);
	usb_log_usage("after the enumeration");
}

void usb_service(void)
{
	usb_recover();
	/* A change that comes while one is handled is handled in this call. */
	for (int round = 0, any = 1; any && round < 4; round++) {
		any = 0;
		for (unsigned port = 1; port <= xhci.ports; port++)
			if (changed[port]) {
				changed[port] = 0, any = 1;
				root_port_change(port);
			}
	}
	usb_service_classes();
}
