/* SPDX-License-Identifier: BSD-2-Clause */
/* Register decoding for the interrupt calls; the work is in bc/irq.c. */
#include <syscall/syscall.h>

#include <arch/x86_64/percpu.h>
#include <bc/irq.h>

int64_t ksys_irq_bind(struct trap_frame *tf)
{
	return irq_bind(current_proc(), tf->rdi);
}

int64_t ksys_irq_ack(struct trap_frame *tf)
{
	return irq_ack(current_proc(), tf->rdi);
}
