/* SPDX-License-Identifier: BSD-2-Clause */
/* What the PCI tests ask of the device table and of the test drivers. */
#pragma once

#include <stdint.h>

#define EDU_VENDOR 0x1234
#define EDU_DEVICE 0x11e8
#define PCI_CAP_MSI 0x05
#define COMMAND 0x04
#define COMMAND_MEMORY 0x2
#define COMMAND_MASTER 0x4

/* The index of the first device with these IDs, or -1. */
long pci_find(uint16_t vendor, uint16_t device);
/* Who owns device index (0 none), or -1 when there is no such device. */
long pci_owner(long index);
/* The pid serving a test driver's SYS_ID. */
long pci_driver_pid(uint8_t driver);
long pci_ask(uint8_t driver, uint64_t op, uint64_t a0, uint64_t a1, uint64_t a2);
long pci_claim_ids(uint8_t driver, uint16_t vendor, uint16_t device);
/* The driver claims the device, turns on memory decoding and maps BAR0:
 * the device's index, or the first step's -errno. */
long pci_take(uint8_t driver, uint16_t vendor, uint16_t device);
/* Through the driver: its claimed function's configuration space. */
long pci_driver_config_read(uint8_t driver, unsigned off, unsigned width);
long pci_driver_config_write(uint8_t driver, unsigned off, unsigned width, uint32_t v);
/* The driver's claimed function's capability id, walked through its own
 * config reads: the offset, or 0. */
long pci_find_cap(uint8_t driver, unsigned id);
/* The driver's notice count once it reaches want, or after 5 s. */
long pci_notices_reach(uint8_t driver, long want);
void pci_nap_ms(long ms);
uint64_t pci_free_frames(void);
