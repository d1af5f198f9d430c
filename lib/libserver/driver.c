/* SPDX-License-Identifier: BSD-2-Clause */
#include "driver.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int driver_claim(const struct dev_match *m, struct dev_info *info)
{
	long index = sys_dev_claim((long)m);

	if (index < 0)
		return (int)index;
	long err = sys_dev_info(index, (long)info);
	return err ? (int)err : (int)index;
}

static struct dev_match platform_match(const char *name)
{
	struct dev_match m = {.bus = DEV_BUS_PLATFORM, .vendor = DEV_ANY_ID, .device = DEV_ANY_ID};
	size_t n = strlen(name);

	memcpy(m.name, name, n < sizeof m.name ? n : sizeof m.name - 1);
	return m;
}

int driver_claim_named(const char *name, struct dev_info *info)
{
	struct dev_match m = platform_match(name);

	return driver_claim(&m, info);
}

void driver_fail(const char *prog, const char *what, long err)
{
	printf("%s: %s: error %ld\n", prog, what, err);
	exit(1);
}

int driver_claim_match_or_exit(const char *prog, const char *what, const struct dev_match *m,
			       struct dev_info *info)
{
	int index = driver_claim(m, info);

	if (index == -ENOENT) {
		printf("%s: no %s device\n", prog, what);
		exit(0);
	}
	if (index < 0)
		driver_fail(prog, "cannot claim its device", index);
	return index;
}

volatile void *driver_take_pci_class(const char *prog, const char *what, uint32_t class_code,
				     int bar, int *index, struct dev_info *info)
{
	struct dev_match match = {.bus = DEV_BUS_PCI,
				  .vendor = DEV_ANY_ID,
				  .device = DEV_ANY_ID,
				  .class_code = class_code,
				  .class_mask = 0xffffff};
	volatile void *regs;
	long err;

	*index = driver_claim_match_or_exit(prog, what, &match, info);
	if ((err = driver_pci_dma_on(*index)))
		driver_fail(prog, "cannot enable decoding and bus mastering", err);
	if (!(regs = driver_map(info, bar, DEV_MAP_UNCACHED, &err)))
		driver_fail(prog, "cannot map its registers", err);
	return regs;
}

int driver_claim_or_exit(const char *prog, const char *name, struct dev_info *info)
{
	struct dev_match m = platform_match(name);

	return driver_claim_match_or_exit(prog, name, &m, info);
}

uint32_t driver_io_pid(void)
{
	struct chappe_bcstat io;

	return sys_bc_stat(SYS_ID_IO, (long)&io) == 0 ? (uint32_t)io.server_pid : 0;
}

int driver_open_ports(const struct dev_info *info)
{
	for (int r = 0; r < DEV_REGIONS; r++) {
		const struct dev_region *reg = &info->region[r];
		long err = reg->kind == DEV_REGION_PORT
			       ? sys_io_ports((long)reg->base, (long)reg->size)
			       : 0;
		if (err)
			return (int)err;
	}
	return 0;
}

volatile void *driver_map(const struct dev_info *info, int r, unsigned flags, long *err)
{
	const struct dev_region *reg = &info->region[r];
	long va = sys_mmio_map((long)reg->base, (long)reg->size, (long)flags);

	*err = va < 0 ? va : 0;
	return va < 0 ? 0 : (volatile void *)va;
}

#define PCI_COMMAND 0x04
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4

int driver_pci_dma_on(int index)
{
	long cmd = sys_pci_config_read(index, PCI_COMMAND, 2);

	if (cmd < 0)
		return (int)cmd;
	return (int)sys_pci_config_write(index, PCI_COMMAND, 2,
					 cmd | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
}

uint64_t driver_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}
