/* SPDX-License-Identifier: BSD-2-Clause */
/* Device memory, ports and DMA buffers for drivers (docs/device-memory.md):
 * register decoding; the work is in arch/x86_64/ioport.c and mm/devmem.c. */
#include <syscall/syscall.h>

#include <arch/x86_64/ioport.h>
#include <arch/x86_64/percpu.h>
#include <mm/devmem.h>

int64_t ksys_io_ports(struct trap_frame *tf)
{
	return ioport_grant(current_proc(), tf->rdi, tf->rsi);
}

int64_t ksys_mmio_map(struct trap_frame *tf)
{
	return devmem_mmio_map(current_proc(), tf->rdi, tf->rsi, tf->rdx);
}

int64_t ksys_dma_alloc(struct trap_frame *tf)
{
	return devmem_dma_alloc(current_proc(), tf->rdi, tf->rsi);
}

int64_t ksys_dma_free(struct trap_frame *tf)
{
	return devmem_dma_free(current_proc(), tf->rdi);
}
