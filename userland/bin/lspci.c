/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lspci: every device the kernel keeps (docs/pci.md), PCI functions and
 * the platform's own: where it is, its IDs and class, its regions and
 * interrupts, and which process owns it.
 */
#include <abi/device.h>
#include <abi/errno.h>
#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <stdio.h>

struct class_name {
	uint32_t class_sub; /* class << 8 | subclass */
	const char *name;
};

static const struct class_name subclasses[] = {
    {0x0100, "SCSI"},	    {0x0101, "IDE"},	    {0x0106, "SATA"},	{0x0108, "NVMe"},
    {0x0200, "Ethernet"},   {0x0300, "VGA"},	    {0x0403, "audio"},	{0x0600, "host bridge"},
    {0x0601, "ISA bridge"}, {0x0604, "PCI bridge"}, {0x0700, "serial"}, {0x0c03, "USB"},
    {0x0c05, "SMBus"},
};

static const char *const classes[] = {
    "unclassified",  "storage", "network", "display", "multimedia", "memory",	  "bridge",
    "communication", "system",	"input",   "docking", "processor",  "serial bus",
};

static const char *class_name(uint32_t class_code)
{
	uint32_t class_sub = class_code >> 8, class = class_code >> 16;

	for (unsigned i = 0; i < sizeof subclasses / sizeof subclasses[0]; i++)
		if (subclasses[i].class_sub == class_sub)
			return subclasses[i].name;
	return class < sizeof classes / sizeof classes[0] ? classes[class] : "other";
}

static void print_where(const struct dev_info *d)
{
	if (d->bus == DEV_BUS_PCI)
		printf("%04x:%02x:%02x.%u ", d->pci_segment, d->pci_bdf >> 8,
		       (d->pci_bdf >> 3) & 31, d->pci_bdf & 7);
	else
		printf("platform     ");
}

static void print_owner(const struct dev_info *d)
{
	struct chappe_procinfo p;

	if (!d->owner)
		printf(" owner -\n");
	else if (sys_proc_info(d->owner, (long)&p) == 0)
		printf(" owner %u (%s)\n", d->owner, p.name);
	else
		printf(" owner %u\n", d->owner);
}

static void print_identity(const struct dev_info *d)
{
	if (d->bus != DEV_BUS_PCI) {
		printf("%-9s %-6s %-13s", d->name, "-", "-");
		return;
	}
	printf("%04x:%04x %06x %-13s", d->vendor, d->device, d->class_code,
	       class_name(d->class_code));
}

static void print_interrupts(const struct dev_info *d)
{
	for (int i = 0; i < DEV_IRQS; i++)
		if (d->isa_irq[i] != DEV_IRQ_NONE)
			printf(" irq %u", d->isa_irq[i]);
	if (d->msi & DEV_HAS_MSIX)
		printf(" msi-x");
	if (d->msi & DEV_HAS_MSI)
		printf(" msi");
	if (d->pci_irq_pin)
		printf(" int%c", 'a' + d->pci_irq_pin - 1);
}

static void print_size(uint64_t size)
{
	if (size >= (1u << 20) && size % (1u << 20) == 0)
		printf("%lu MiB", (unsigned long)(size >> 20));
	else if (size >= 1024 && size % 1024 == 0)
		printf("%lu KiB", (unsigned long)(size >> 10));
	else
		printf("%lu bytes", (unsigned long)size);
}

static void print_region(const struct dev_info *d, int i)
{
	const struct dev_region *r = &d->region[i];

	printf("    %s%d %s 0x%lx size ", d->bus == DEV_BUS_PCI ? "BAR" : "region", i,
	       r->kind == DEV_REGION_PORT ? "ports" : "mem", (unsigned long)r->base);
	print_size(r->size);
	printf("%s%s\n", r->flags & DEV_REGION_PREFETCH ? " prefetchable" : "",
	       r->flags & DEV_REGION_64BIT ? " 64-bit" : "");
}

static void print_device(const struct dev_info *d)
{
	printf("%2u ", d->index);
	print_where(d);
	print_identity(d);
	print_interrupts(d);
	print_owner(d);
	for (int i = 0; i < DEV_REGIONS; i++)
		if (d->region[i].kind != DEV_REGION_NONE)
			print_region(d, i);
}

int main(void)
{
	struct dev_info d;
	unsigned n = 0;

	for (long i = 0; sys_dev_info(i, (long)&d) == 0; i++, n++)
		print_device(&d);
	printf("lspci: %u devices\n", n);
	return 0;
}
