/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One owner per device. A claim ends with its driver (dev_proc_exit), so a
 * restarted driver claims the same device again. The right to claim is the
 * server capability (any device) or what init allowed (dev_allow): a
 * process init starts from /etc/servers with a device= word gets exactly
 * that, and nothing it forks inherits it.
 */
#include <dev/dev.h>

#include <abi/errno.h>
#include <core/console.h>
#include <bc/irq.h>
#include <core/proc.h>
#include <dev/pci.h>
#include <dev/platform.h>
#include <string/string.h>

struct allowance {
	int pid; /* 0: unused */
	struct dev_match match;
};

static struct dev_info devices[DEV_MAX];
static unsigned ndevices;
static struct allowance allowed[PROC_MAX];

int dev_add(const struct dev_info *info)
{
	if (ndevices == DEV_MAX)
		return -1;
	devices[ndevices] = *info;
	devices[ndevices].index = ndevices;
	devices[ndevices].owner = 0;
	return (int)ndevices++;
}

unsigned dev_count(void)
{
	return ndevices;
}

const struct dev_info *dev_get(unsigned index)
{
	return index < ndevices ? &devices[index] : 0;
}

int dev_owned_by(unsigned index, const struct proc *p)
{
	return index < ndevices && devices[index].owner == (uint32_t)p->pid;
}

int dev_owns_any(const struct proc *p)
{
	for (unsigned i = 0; i < ndevices; i++)
		if (devices[i].owner == (uint32_t)p->pid)
			return 1;
	return 0;
}

/* [base, base + len) inside r, without overflow. */
static int region_holds(const struct dev_region *r, uint64_t base, uint64_t len)
{
	return base >= r->base && len <= r->size && base - r->base <= r->size - len;
}

static int region_touches(const struct dev_region *r, uint64_t base, uint64_t len)
{
	return r->size && base < r->base + r->size && r->base < base + len;
}

int dev_owned_region(const struct proc *p, uint32_t kind, uint64_t base, uint64_t len,
		     struct dev_region *out)
{
	for (unsigned i = 0; i < ndevices; i++) {
		if (devices[i].owner != (uint32_t)p->pid)
			continue;
		for (int r = 0; r < DEV_REGIONS; r++) {
			const struct dev_region *reg = &devices[i].region[r];
			if (reg->kind == kind && region_holds(reg, base, len)) {
				*out = *reg;
				return 0;
			}
		}
	}
	return -EPERM;
}

int dev_region_overlaps(uint32_t kind, uint64_t base, uint64_t len)
{
	for (unsigned i = 0; i < ndevices; i++)
		for (int r = 0; r < DEV_REGIONS; r++)
			if (devices[i].region[r].kind == kind &&
			    region_touches(&devices[i].region[r], base, len))
				return 1;
	return 0;
}

static int name_matches(const char *want, const char *name)
{
	return want[0] == '\0' || strncmp(want, name, DEV_NAME_MAX) == 0;
}

static int matches(const struct dev_match *m, const struct dev_info *d)
{
	return (m->bus == DEV_BUS_ANY || m->bus == d->bus) &&
	       (m->vendor == DEV_ANY_ID || m->vendor == d->vendor) &&
	       (m->device == DEV_ANY_ID || m->device == d->device) &&
	       (d->class_code & m->class_mask) == m->class_code && name_matches(m->name, d->name);
}

/* A match that names nothing is refused: "any device" is never meant. */
static int match_valid(const struct dev_match *m)
{
	if (memchr(m->name, '\0', DEV_NAME_MAX) == 0 || m->bus > DEV_BUS_PCI)
		return 0;
	if (m->class_code & ~m->class_mask)
		return 0;
	return m->vendor != DEV_ANY_ID || m->device != DEV_ANY_ID || m->class_mask || m->name[0];
}

static const struct allowance *allowance_of(const struct proc *p)
{
	const struct allowance *a = &allowed[p->pid % PROC_MAX];

	return a->pid == p->pid ? a : 0;
}

static int may_claim(const struct proc *p, const struct dev_info *d)
{
	const struct allowance *a = allowance_of(p);

	return (p->caps & CAP_SERVER) || (a && matches(&a->match, d));
}

int64_t dev_claim(struct proc *p, const struct dev_match *m)
{
	int found = 0, permitted = 0;

	if (!match_valid(m))
		return -EINVAL;
	for (unsigned i = 0; i < ndevices; i++) {
		struct dev_info *d = &devices[i];
		if (!matches(m, d))
			continue;
		found = 1;
		if (!may_claim(p, d))
			continue;
		permitted = 1;
		if (d->owner)
			continue;
		d->owner = (uint32_t)p->pid;
		return i;
	}
	return !found ? -ENOENT : !permitted ? -EPERM : -EBUSY;
}

int64_t dev_allow(struct proc *p, int pid, const struct dev_match *m)
{
	struct proc *child = proc_by_pid(pid);

	if (!child || child->ppid != p->pid)
		return -ESRCH;
	if (!match_valid(m))
		return -EINVAL;
	allowed[pid % PROC_MAX] = (struct allowance){pid, *m};
	return 0;
}

void dev_proc_exit(struct proc *p)
{
	struct allowance *a = &allowed[p->pid % PROC_MAX];

	for (unsigned i = 0; i < ndevices; i++)
		if (devices[i].owner == (uint32_t)p->pid) {
			devices[i].owner = 0;
			pci_release(i); /* a PCI device stops its DMA and messages */
		}
	if (a->pid == p->pid)
		a->pid = 0;
}

static void print_devices(void)
{
	unsigned pci = 0;

	kprintf("dev: %u devices:", ndevices);
	for (unsigned i = 0; i < ndevices; i++)
		if (devices[i].bus == DEV_BUS_PLATFORM)
			kprintf(" %s", devices[i].name);
		else
			pci++;
	kprintf(", %u PCI functions\n", pci);
}

void dev_init(const struct bootfb *fb)
{
	platform_devices_add(fb);
	pci_devices_add();
	print_devices();
}

int64_t dev_bind_irq(struct proc *p, unsigned index, uint64_t which)
{
	const struct dev_info *d = dev_get(index);

	if (!d || !dev_owned_by(index, p))
		return d ? -EPERM : -ENOENT;
	if (d->bus == DEV_BUS_PCI)
		return pci_bind_irq(p, index, which);
	if (which >= DEV_IRQS || d->isa_irq[which] == DEV_IRQ_NONE)
		return -ENXIO;
	int64_t err = irq_bind(p, d->isa_irq[which]);
	return err ? err : d->isa_irq[which];
}

int dev_isa_irq_owner(unsigned irq)
{
	for (unsigned i = 0; i < ndevices; i++)
		for (int k = 0; k < DEV_IRQS; k++)
			if (devices[i].owner && devices[i].isa_irq[k] == irq)
				return (int)devices[i].owner;
	return 0;
}

int dev_platform_owner(const char *name)
{
	for (unsigned i = 0; i < ndevices; i++)
		if (devices[i].bus == DEV_BUS_PLATFORM &&
		    strncmp(devices[i].name, name, DEV_NAME_MAX) == 0)
			return (int)devices[i].owner;
	return 0;
}
