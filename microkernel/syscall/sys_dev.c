/* SPDX-License-Identifier: BSD-2-Clause */
/* Register decoding for the device table's calls; the work is in dev/dev.c. */
#include <syscall/syscall.h>

#include <abi/errno.h>
#include <arch/x86_64/percpu.h>
#include <core/proc.h>
#include <dev/dev.h>
#include <dev/pci.h>

int64_t ksys_dev_info(struct trap_frame *tf)
{
	struct proc *p = current_proc();

	/* Checked at 64 bits: an index past 2^32 must not wrap to a device. */
	if (tf->rdi >= dev_count())
		return -ENOENT;
	return vm_copy_out(&p->vm, tf->rsi, dev_get((unsigned)tf->rdi), sizeof(struct dev_info));
}

static int64_t match_in(struct proc *p, uint64_t user, struct dev_match *m)
{
	return vm_copy_in(&p->vm, m, user, sizeof *m);
}

int64_t ksys_dev_claim(struct trap_frame *tf)
{
	struct proc *p = current_proc();
	struct dev_match m;

	return match_in(p, tf->rdi, &m) ? -EFAULT : dev_claim(p, &m);
}

int64_t ksys_dev_allow(struct trap_frame *tf)
{
	struct proc *p = current_proc();
	struct dev_match m;

	return match_in(p, tf->rsi, &m) ? -EFAULT : dev_allow(p, (int)tf->rdi, &m);
}

int64_t ksys_pci_config_read(struct trap_frame *tf)
{
	if (tf->rdi >= DEV_MAX)
		return -ENOENT;
	return pci_config_read(current_proc(), (unsigned)tf->rdi, tf->rsi, tf->rdx);
}

int64_t ksys_pci_config_write(struct trap_frame *tf)
{
	if (tf->rdi >= DEV_MAX)
		return -ENOENT;
	return pci_config_write(current_proc(), (unsigned)tf->rdi, tf->rsi, tf->rdx, tf->r10);
}

int64_t ksys_dev_irq(struct trap_frame *tf)
{
	if (tf->rdi >= DEV_MAX)
		return -ENOENT;
	return dev_bind_irq(current_proc(), (unsigned)tf->rdi, tf->rsi);
}
