/* SPDX-License-Identifier: BSD-2-Clause */
/* Device memory, ports and DMA buffers for drivers (docs/device-memory.md). */
#include <syscall/syscall.h>

#include <abi/errno.h>
#include <arch/x86_64/ioport.h>
#include <arch/x86_64/percpu.h>

int64_t sys_io_ports(struct trap_frame *tf)
{
	return ioport_grant(current_proc(), tf->rdi, tf->rsi);
}

int64_t sys_mmio_map(struct trap_frame *tf)
{
	(void)tf;
	return -ENOSYS;
}

int64_t sys_dma_alloc(struct trap_frame *tf)
{
	(void)tf;
	return -ENOSYS;
}

int64_t sys_dma_free(struct trap_frame *tf)
{
	(void)tf;
	return -ENOSYS;
}
