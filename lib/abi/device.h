/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Devices that servers own (docs/drivers.md). The kernel keeps one table of
 * the devices it found: the platform's own (COM1, the PS/2 controller, the
 * firmware's framebuffer) and every PCI function. A driver claims one, and
 * until it ends it alone may map the device's memory, use its I/O ports and
 * bind its interrupt.
 *
 *   dev_info(index, &info)       anyone: what device index is, and its owner
 *   dev_claim(&match)            the first unowned device that matches
 *   dev_allow(pid, &match)       init only: what a child it starts may claim
 *   dev_irq(index, which)        bind the device's interrupt: the irq number
 *   io_ports(base, count)        open the device's ports to in/out in ring 3
 *   mmio_map(phys, len, flags)   map device memory: the user address
 *   dma_alloc(len, &phys)        zeroed, contiguous, pinned memory: address
 *   dma_free(addr)
 *
 * Who may claim: a boot server (the server capability) any device; a
 * process init started from /etc/servers with a device= word only what
 * that word matches (init passes it on with dev_allow); nobody else.
 */
#pragma once

#include <stdint.h>

#define DEV_MAX 64 /* devices the kernel keeps track of */
#define DEV_NAME_MAX 16
#define DEV_REGIONS 6 /* a PCI function's BARs */
#define DEV_IRQS 2    /* a platform device's ISA IRQs (PS/2: keyboard, mouse) */
#define DEV_IRQ_NONE 0xff

enum dev_bus {
	DEV_BUS_ANY = 0, /* in a match */
	DEV_BUS_PLATFORM = 1,
	DEV_BUS_PCI = 2,
};

enum dev_region_kind {
	DEV_REGION_NONE = 0,
	DEV_REGION_MEM = 1,  /* physical memory-mapped registers or buffer */
	DEV_REGION_PORT = 2, /* x86 I/O ports */
};

#define DEV_REGION_PREFETCH 0x1 /* may be mapped write-combining */
#define DEV_REGION_64BIT 0x2	/* a 64-bit BAR (it used two slots) */

struct dev_region {
	uint64_t base;
	uint64_t size;
	uint32_t kind; /* enum dev_region_kind */
	uint32_t flags;
};

/* dev_info's msi field. */
#define DEV_HAS_MSI 0x1
#define DEV_HAS_MSIX 0x2

struct dev_info {
	uint32_t index;
	uint16_t bus;	  /* enum dev_bus */
	uint16_t pci_bdf; /* bus << 8 | device << 3 | function */
	uint16_t pci_segment;
	uint16_t vendor; /* PCI IDs; 0 for a platform device */
	uint16_t device;
	uint8_t msi;		   /* DEV_HAS_* */
	uint8_t pci_irq_pin;	   /* 1..4 = INTA..INTD, 0 none */
	uint32_t class_code;	   /* class << 16 | subclass << 8 | prog_if */
	uint8_t isa_irq[DEV_IRQS]; /* platform: ISA IRQs it raises; else DEV_IRQ_NONE */
	uint16_t pad;
	uint32_t owner;		 /* pid of the driver that claimed it; 0 none */
	char name[DEV_NAME_MAX]; /* platform: "com1", "ps2", "fb"; PCI: "" */
	struct dev_region region[DEV_REGIONS];
	/* "fb": its geometry, as the firmware set it up (abi/bootinfo.h's
	 * bootfb); 0 for other devices. */
	uint32_t fb_width, fb_height, fb_pitch_pixels, fb_format;
};

/* What dev_claim and dev_allow match: every field that is not "any" must
 * agree. A platform device is matched by name. */
#define DEV_ANY_ID 0xffff
struct dev_match {
	uint16_t bus;	 /* enum dev_bus; DEV_BUS_ANY */
	uint16_t vendor; /* DEV_ANY_ID for any */
	uint16_t device; /* DEV_ANY_ID for any */
	uint16_t pad;
	uint32_t class_code;	 /* matches when (class_code of the device & class_mask) == this */
	uint32_t class_mask;	 /* 0: any class */
	char name[DEV_NAME_MAX]; /* "" any */
};

/* mmio_map flags: uncached is the default, right for registers. */
#define DEV_MAP_UNCACHED 0x0
#define DEV_MAP_WRITE_COMBINING 0x1 /* framebuffers, prefetchable BARs */
/* The most one mmio_map maps (a larger BAR is mapped in parts); each
 * mapping takes one slot of the device window (CHAPPE_DEVICE_* in
 * <abi/layout.h>), so a process holds at most CHAPPE_DEVICE_SLOTS mappings
 * and DMA buffers together. */
#define DEV_MAP_MAX (64u << 20) /* 16384 entries: no call runs long */

/* dev_irq's which: a platform device's ISA IRQ slot, or for PCI the MSI-X
 * vector (0..), and DEV_IRQ_LEGACY the INTx line the firmware routed: the
 * ISA IRQ in the interrupt-line register when the MADT makes it
 * level-triggered, one binder a line (docs/pci.md). */
#define DEV_IRQ_LEGACY 0x100

/* The most one dma_alloc returns, and the most a process holds at once. */
#define DMA_ALLOC_MAX (4u << 20)
#define DMA_HELD_MAX (16u << 20)
