/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A grant is a few port ranges, kept per process slot. It belongs to the
 * process, not to its image: exec keeps it (the claim it rests on lives
 * on), fork's child does not get it (it owns nothing), exit ends it.
 */
#include <arch/x86_64/ioport.h>

#include <abi/device.h>
#include <abi/errno.h>
#include <arch/x86_64/gdt.h>
#include <core/proc.h>
#include <dev/dev.h>

#define PORT_RANGES 8 /* a device has at most DEV_REGIONS; a driver a few devices */

struct port_range {
	uint32_t base, count;
};

struct port_grant {
	int pid; /* 0: none */
	unsigned n;
	struct port_range range[PORT_RANGES];
};

static struct port_grant grants[PROC_MAX];
const struct port_grant *ioport_open;

static void set_open(const struct port_grant *g, int open)
{
	for (unsigned i = 0; i < g->n; i++)
		gdt_io_permit(g->range[i].base, g->range[i].count, open);
}

void ioport_switch_slow(const struct proc *next)
{
	const struct port_grant *g = next->ports;

	if (g == ioport_open)
		return;
	if (ioport_open)
		set_open(ioport_open, 0);
	if (g)
		set_open(g, 1);
	ioport_open = g;
}

static int covered(const struct port_grant *g, uint32_t base, uint32_t count)
{
	for (unsigned i = 0; i < g->n; i++)
		if (base >= g->range[i].base &&
		    base + count <= g->range[i].base + g->range[i].count)
			return 1;
	return 0;
}

/* The slot of p's grant, made on its first range. */
static struct port_grant *grant_for(struct proc *p)
{
	struct port_grant *g = p->ports;

	if (!g) {
		g = &grants[p->pid % PROC_MAX];
		*g = (struct port_grant){.pid = p->pid};
		p->ports = g;
	}
	return g;
}

int64_t ioport_grant(struct proc *p, uint64_t base, uint64_t count)
{
	struct dev_region r;
	struct port_grant *g;

	if (count == 0 || base >= GDT_IO_PORTS || count > GDT_IO_PORTS - base)
		return -EINVAL;
	if (dev_owned_region(p, DEV_REGION_PORT, base, count, &r))
		return -EPERM;
	g = grant_for(p);
	if (covered(g, (uint32_t)base, (uint32_t)count))
		return 0;
	if (g->n == PORT_RANGES)
		return -ENOMEM;
	g->range[g->n++] = (struct port_range){(uint32_t)base, (uint32_t)count};
	if (ioport_open == g) /* p is running: open the new range now */
		gdt_io_permit((uint32_t)base, (uint32_t)count, 1);
	else
		ioport_switch_slow(p);
	return 0;
}

void ioport_proc_exit(struct proc *p)
{
	struct port_grant *g = p->ports;

	if (!g)
		return;
	if (ioport_open == g) {
		set_open(g, 0);
		ioport_open = 0;
	}
	g->pid = 0;
	p->ports = 0;
}
