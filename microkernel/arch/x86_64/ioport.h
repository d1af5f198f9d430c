/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * I/O ports for drivers (io_ports, docs/device-memory.md): a process that
 * owns a device may open that device's ports to in/out in ring 3. The TSS
 * permission bitmap is shared by every process, so only the ports of the
 * process about to run are open in it: switching to or from a process that
 * holds ports rewrites just those bits; between two processes without
 * ports a switch costs one comparison.
 */
#pragma once

#include <stdint.h>

#include <core/proc.h>

struct proc;

/* io_ports(base, count): 0, -EINVAL, -EPERM or -ENOMEM (too many ranges). */
int64_t ioport_grant(struct proc *p, uint64_t base, uint64_t count);
/* p is ending: its ports close for good. */
void ioport_proc_exit(struct proc *p);

struct port_grant;
extern const struct port_grant *ioport_open; /* whose ports the bitmap opens now */
void ioport_switch_slow(const struct proc *next);

/* The scheduler, before it switches to next (proc.ports is ioport.c's). */
static inline int ioport_switch_needed(const struct proc *next)
{
	return next->ports != ioport_open;
}

static inline void ioport_switch(const struct proc *next)
{
	if (ioport_switch_needed(next))
		ioport_switch_slow(next);
}
