/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libserver for drivers (docs/drivers.md): claim a device, open its ports,
 * map its memory, bind its interrupt. The kernel checks every one of these
 * against the device table (lib/abi/device.h); these are conveniences.
 */
#pragma once

#include <stdint.h>

#include <abi/device.h>

/* Claim the platform device called name ("com1", "ps2", "fb") and fill
 * *info: its index, or -errno (-ENOENT none, -EBUSY owned, -EPERM no right). */
int driver_claim_named(const char *name, struct dev_info *info);
/* A driver's start: claim the platform device called name and fill *info,
 * or end the program: with status 0 when there is no such device (nothing
 * to drive is not a crash to be restarted after), else with 1 and a line
 * naming prog. Returns the device's index. */
int driver_claim_or_exit(const char *prog, const char *name, struct dev_info *info);
/* The same for the first unowned device matching m (a PCI driver's
 * vendor:device or class); what names the device in the line. */
int driver_claim_match_or_exit(const char *prog, const char *what, const struct dev_match *m,
			       struct dev_info *info);
/* A PCI driver's start: claim the first unowned function of class_code
 * (all 24 bits) as driver_claim_match_or_exit does, turn its memory
 * decoding and bus mastering on and map region bar uncached, or end with
 * driver_fail. *info filled, *index the device's; returns the mapping. */
volatile void *driver_take_pci_class(const char *prog, const char *what, uint32_t class_code,
				     int bar, int *index, struct dev_info *info);
/* End a driver that cannot go on: "prog: what: error N", status 1. */
__attribute__((noreturn)) void driver_fail(const char *prog, const char *what, long err);
/* The pid of the io server, whose one-way notices a console driver trusts. */
uint32_t driver_io_pid(void);
/* Claim the first unowned device matching m and fill *info. */
int driver_claim(const struct dev_match *m, struct dev_info *info);
/* io_ports for each port region of the device: 0 or the first -errno. */
int driver_open_ports(const struct dev_info *info);
/* A claimed PCI function's memory decoding and bus mastering on (its
 * command register), as a device that DMAs needs: 0 or -errno. */
int driver_pci_dma_on(int index);
/* CLOCK_MONOTONIC in milliseconds: a driver's deadlines. */
uint64_t driver_now_ms(void);
/* mmio_map of region r (DEV_MAP_* flags): the address, or 0 with *err. */
volatile void *driver_map(const struct dev_info *info, int r, unsigned flags, long *err);

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void cpu_pause(void)
{
	__asm__ volatile("pause");
}
