/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xhcid, the USB driver for xHCI controllers (docs/usb.md): the registers,
 * TRBs and contexts as the xHCI 1.2 specification lays them out, and what
 * the driver's parts share. controller.c takes the controller from the
 * firmware and runs the command and event rings; ring.c holds the DMA pool
 * and the TRB rings; device.c enumerates a device on a root port or a
 * hub's port, moves its transfers and removes it when it goes; hid.c is
 * the boot-protocol keyboard, hub.c the hub class driver.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define PAGE 4096u

/* Capability registers (BAR0). */
#define CAP_CAPLENGTH 0x00
#define CAP_HCSPARAMS1 0x04
#define CAP_HCSPARAMS2 0x08
#define CAP_HCCPARAMS1 0x10
#define CAP_DBOFF 0x14
#define CAP_RTSOFF 0x18
#define HCS1_SLOTS(p) ((p)&0xff)
#define HCS1_PORTS(p) ((p) >> 24)
#define HCS2_SCRATCHPADS(p) (((p) >> 27 & 0x1f) | ((p) >> 21 & 0x1f) << 5)
#define HCC1_CSZ 0x4 /* 64-byte contexts */
#define HCC1_XECP(p) ((p) >> 16)

/* Operational registers (BAR0 + CAPLENGTH). */
#define OP_USBCMD 0x00
#define OP_USBSTS 0x04
#define OP_PAGESIZE 0x08
#define OP_CRCR 0x18
#define OP_DCBAAP 0x30
#define OP_CONFIG 0x38
#define OP_PORTSC(port) (0x400 + 0x10 * ((port)-1)) /* ports count from 1 */
#define CMD_RUN 0x1
#define CMD_HCRST 0x2
#define CMD_INTE 0x4
#define STS_HCH 0x1 /* halted */
#define STS_HSE 0x4 /* host system error */
#define STS_EINT 0x8
#define STS_CNR 0x800 /* controller not ready */

/* PORTSC: the change bits (and PED) clear when written with 1. */
#define PORT_CCS 0x1
#define PORT_PED 0x2
#define PORT_PR 0x10
#define PORT_PP 0x200
#define PORT_SPEED(p) ((p) >> 10 & 0xf)
#define PORT_CSC (1u << 17)
#define PORT_PRC (1u << 21)
#define PORT_CHANGES 0x00fe0000u
#define PORT_KEEP 0x0e00c200u /* PP, the indicator, the wake enables: written back as read */

/* Runtime registers (BAR0 + RTSOFF): interrupter 0. */
#define RT_IMAN 0x20
#define RT_IMOD 0x24
#define RT_ERSTSZ 0x28
#define RT_ERSTBA 0x30
#define RT_ERDP 0x38
#define IMAN_IP 0x1
#define IMAN_IE 0x2
#define ERDP_EHB 0x8

/* Extended capabilities. */
#define XCAP_LEGACY 1
#define XCAP_PROTOCOL 2
#define LEGACY_BIOS_OWNED (1u << 16)
#define LEGACY_OS_OWNED (1u << 24)

/* TRBs: 16 bytes; the type in control bits 15:10, the cycle bit 0. */
struct xhci_trb {
	uint64_t param;
	uint32_t status;
	uint32_t control;
};
_Static_assert(sizeof(struct xhci_trb) == 16, "a TRB is 16 bytes");

#define TRB_CYCLE 0x1
#define TRB_TOGGLE 0x2 /* a link TRB: flip the cycle bit */
#define TRB_ISP 0x4    /* interrupt on a short packet */
#define TRB_IOC 0x20
#define TRB_IDT 0x40 /* the data is in the TRB (a setup stage) */
#define TRB_TYPE(t) ((uint32_t)(t) << 10)
#define TRB_TYPE_OF(c) ((c) >> 10 & 0x3f)
#define TRB_SLOT(s) ((uint32_t)(s) << 24)
#define TRB_SLOT_OF(c) ((c) >> 24)
#define TRB_EP_OF(c) ((c) >> 16 & 0x1f)
#define TRB_DIR_IN (1u << 16)
#define TRB_CODE_OF(s) ((s) >> 24)
#define TRB_RESIDUE_OF(s) ((s)&0xffffff)

/* TRB types: transfer, command, then event. */
enum { TRB_NORMAL = 1, TRB_SETUP, TRB_DATA, TRB_STATUS, TRB_LINK = 6 };
enum { TRB_ENABLE_SLOT = 9, TRB_DISABLE_SLOT, TRB_ADDRESS_DEVICE, TRB_CONFIGURE_EP, TRB_EVALUATE };
enum { TRB_RESET_EP = 14, TRB_SET_DEQUEUE = 16 };
enum { TRB_EV_TRANSFER = 32, TRB_EV_COMMAND, TRB_EV_PORT };
#define SETUP_TRT_OUT (2u << 16)
#define SETUP_TRT_IN (3u << 16)

/* Completion codes. */
#define CC_SUCCESS 1
#define CC_STALL 6
#define CC_SHORT 13

/* Endpoint context types. */
#define EP_CONTROL 4
#define EP_INTERRUPT_IN 7
#define EP_BULK_OUT 2
#define EP_BULK_IN 6

/* Slot context fields, by dword (xHCI 6.2.2). */
#define SLOT0_SPEED(s) ((uint32_t)(s) << 20) /* dword 0 also: the route string, 19:0 */
#define SLOT0_MTT (1u << 25)
#define SLOT0_HUB (1u << 26)
#define SLOT0_ENTRIES(n) ((uint32_t)(n) << 27)
#define SLOT1_ROOT_PORT(p) ((uint32_t)(p) << 16)
#define SLOT1_PORTS(n) ((uint32_t)(n) << 24)
#define SLOT2_TT(slot, port) ((uint32_t)(slot) | (uint32_t)(port) << 8)
#define SLOT2_TTT(t) ((uint32_t)((t)&3) << 16)

#define RING_TRBS (PAGE / sizeof(struct xhci_trb)) /* one page; the last is the link */
#define SLOTS_MAX 32
#define DCI_MAX 31 /* device context index: 1 EP0, 2n OUT n, 2n+1 IN n */

/* What a transfer or command ends with. */
struct xhci_done {
	int code;	  /* completion code, 0 while pending */
	uint32_t residue; /* bytes not transferred */
	uint32_t slot;	  /* Enable Slot's answer */
};
typedef void (*xhci_callback)(void *ctx, const struct xhci_done *d);

/* A producer ring (command or transfer): one page of TRBs and, per TRB,
 * whom its completion goes to. */
struct xhci_ring {
	struct xhci_trb *trb;
	uint64_t phys;
	unsigned enq;
	uint32_t cycle;
	xhci_callback cb[RING_TRBS];
	void *ctx[RING_TRBS];
};

struct usb_endpoint_info {
	uint8_t address; /* bit 7 IN */
	uint8_t attributes;
	uint16_t max_packet;
	uint8_t interval;
};

struct usb_device;

/* An interface a class driver takes: its descriptor (alternate setting
 * 0), its endpoints and the DCI each was given (0: none). */
#define USB_IFACE_EPS 4
struct usb_interface {
	const uint8_t *desc;
	unsigned neps;
	struct usb_endpoint_info ep[USB_IFACE_EPS];
	int dci[USB_IFACE_EPS];
};

/* A class driver (device.c's table: the keyboard, the hub; storage next).
 * wants sees an interface descriptor; attach runs once the device is
 * configured (endpoints added, SET_CONFIGURATION done) and returns its
 * state, or 0 to leave the interface alone; service runs from the
 * driver's loop, outside event handling, where commands and synchronous
 * transfers may be waited for; detach runs when the device goes (its slot
 * still enabled, its rings not yet freed) and frees the state. */
struct usb_class {
	const char *name;
	int (*wants)(const uint8_t *iface);
	void *(*attach)(struct usb_device *dev, const struct usb_interface *in);
	void (*service)(struct usb_device *dev, void *state);
	void (*detach)(struct usb_device *dev, void *state);
};

#define USB_BINDINGS 4
struct usb_binding {
	const struct usb_class *cls;
	void *state;
};

/* One device in one slot: where it is, its contexts, rings and class
 * drivers. A device behind hubs has a route string (4 bits a tier, the
 * port on each hub from the root down) and, when it is full or low speed
 * behind a high-speed hub, that hub's transaction translator. */
struct usb_device {
	uint8_t slot, port, speed; /* port: on the hub, or the root port's number */
	uint8_t root_port, depth;  /* depth: hubs between it and the root port */
	uint8_t tt_slot, tt_port;
	uint32_t route;
	struct usb_device *hub; /* 0: on a root port */
	uint16_t ep0_max;
	uint8_t *in_ctx, *out_ctx; /* input context; the controller's output context */
	uint64_t in_phys, out_phys;
	struct xhci_ring *ring[DCI_MAX + 1];
	uint8_t *buf; /* one DMA page for its control transfers */
	uint64_t buf_phys;
	uint8_t desc[18]; /* the device descriptor */
	uint32_t halted;  /* endpoints (1 << DCI) a stall or error stopped */
	uint8_t gone;	  /* being removed: its transfers' ends are dropped */
	uint8_t dead;	  /* EP0 timed out: nothing more is asked of it */
	struct usb_binding bound[USB_BINDINGS];
};

/* Where a new device is: a root port (hub 0) or a hub's port. */
struct usb_place {
	struct usb_device *hub;
	unsigned port, speed;
};

/* The controller as controller.c found it. */
struct xhci {
	volatile uint8_t *cap, *op, *rt;
	volatile uint32_t *db;
	uint64_t bar_size;
	unsigned slots, ports;
	unsigned ctx_size;	/* 32 or 64 bytes */
	uint8_t port_usb3[256]; /* per port: 1 a USB 3 port, 0 USB 2 */
	uint8_t port_slot_type[256];
	uint64_t *dcbaa;
};

extern struct xhci xhci;

/* ring.c: pages from one DMA pool (zeroed), and rings in them. */
int xhci_pool_init(void);
void *xhci_page_alloc(uint64_t *phys);
void xhci_page_free(void *page);
struct xhci_ring *xhci_ring_new(void);
void xhci_ring_free(struct xhci_ring *r);
/* Put one TRB (cycle bit ours to set) on r: its physical address. */
uint64_t xhci_ring_put(struct xhci_ring *r, const struct xhci_trb *t, xhci_callback cb, void *ctx);
/* The completion for TRB phys of r: its callback, then the entry cleared. */
void xhci_ring_complete(struct xhci_ring *r, uint64_t phys, const struct xhci_done *d);
/* Drop every callback of r with this ctx (a transfer given up on). */
void xhci_ring_forget(struct xhci_ring *r, const void *ctx);
/* Pool pages and rings in use (a device that went must give all back). */
unsigned xhci_pages_used(void);
unsigned xhci_rings_used(void);

/* controller.c */
uint32_t xhci_reg(volatile uint8_t *base, unsigned off);
void xhci_set(volatile uint8_t *base, unsigned off, uint32_t v);
int xhci_start(volatile void *bar0, uint64_t size);
/* One command, waited for (events meanwhile handled): 0 with *d, or -errno. */
int xhci_command(struct xhci_trb *t, struct xhci_done *d);
/* Handle every event waiting: 1 when there was one. */
int xhci_events(void);
/* Wait for *d to complete (code set), handling events; -ETIMEDOUT after ms. */
int xhci_wait(const struct xhci_done *d, unsigned ms);
void xhci_irq_ack(void);
/* 1 once the controller has stopped by itself (a host system error). */
int xhci_failed(void);

/* device.c */
#define SPEED_FULL 1
#define SPEED_LOW 2
#define SPEED_HIGH 3
#define SPEED_SUPER 4
#define USB_DEPTH_MAX 5 /* tiers of hubs a route string can name */
struct usb_setup {
	uint8_t type, request;
	uint16_t value, index, length;
};
/* Enumerate what is on each connected root port: the count of devices
 * (those behind hubs too). */
unsigned usb_enumerate_ports(void);
/* A device whose port has been reset, at *at: slot, address, descriptors,
 * configuration, class drivers. 0 or -errno (nothing kept). */
int usb_attach(const struct usb_place *at);
/* The device gone: what is behind it first, its class drivers told,
 * Disable Slot, its rings and pages freed. */
void usb_remove(struct usb_device *dev);
/* The same for one with nothing behind it and no log line. */
void usb_release(struct usb_device *dev);
/* The device in slot, or 0. */
struct usb_device *usb_slot_device(unsigned slot);
/* Each class driver's service, for each device. */
void usb_service_classes(void);
/* The device on hub's port (hub 0: the root port), or 0. */
struct usb_device *usb_device_at(const struct usb_device *hub, unsigned port);
/* Devices enumerated, and the slots, rings and DMA pages in use. */
unsigned usb_devices(void);
void usb_log_usage(const char *why);
/* Its place as text: root port, then the hub ports ("3", "3.1.2"). */
const char *usb_path(const struct usb_device *dev, char *buf, size_t len);
/* Update the slot context's hub fields (Configure Endpoint): ports, the
 * TT think time, multi-TT. */
int usb_hub_slot(struct usb_device *dev, unsigned ports, unsigned ttt, int mtt);
/* The driver's loop, outside event handling: halted endpoints restarted,
 * root port changes handled, every class driver serviced. */
void usb_service(void);
/* A root port's change (from the event ring): handled by usb_service. */
void usb_port_changed(unsigned port);
/* A control transfer on EP0 with dev->buf as its data, waited for: the
 * bytes moved, or -errno (-EIO for a stall or error, -ETIMEDOUT, -ENODEV
 * for a device being removed or one that timed out before). */
int usb_control(struct usb_device *dev, const struct usb_setup *s);
/* The same without waiting: cb gets a short or failed data stage's end,
 * then the status stage's (not after a failure). */
int usb_control_async(struct usb_device *dev, const struct usb_setup *s, xhci_callback cb,
		      void *ctx);
/* The interface's first interrupt IN endpoint the controller took (an
 * index into in->ep), or -1. */
int usb_interrupt_in(const struct usb_interface *in);
/* Give the controller an endpoint (interrupt or bulk) from its
 * descriptor: its DCI, or -errno. */
int usb_endpoint_add(struct usb_device *dev, const struct usb_endpoint_info *e);
/* Queue one transfer of len bytes at phys on endpoint dci: cb at its end. */
int usb_transfer(struct usb_device *dev, unsigned dci, uint64_t phys, uint32_t len,
		 xhci_callback cb, void *ctx);
/* The transfer event for slot's endpoint dci. */
void usb_transfer_event(unsigned slot, unsigned dci, uint64_t trb, const struct xhci_done *d);
/* Restart the endpoints a stall or error halted (outside event handling:
 * it waits for commands). */
void usb_recover(void);
/* A 1 ms-granular sleep (the timer rounds it up to its tick). */
void usb_nap_ms(unsigned ms);

/* hid.c: the boot keyboard. */
extern const struct usb_class hid_class;
/* The repeat timer: type the held key again if it is due. */
void hid_repeat(uint64_t now_ms);
/* When the next repeat is due (the ms clock), or 0 for none. */
uint64_t hid_next_repeat(void);
extern unsigned hid_keyboards; /* keyboards typing into the console */
/* The LEDs the first keyboard took last, or -ENXIO. */
int hid_leds(void);

/* hub.c: USB 2 hubs. */
extern const struct usb_class hub_class;
