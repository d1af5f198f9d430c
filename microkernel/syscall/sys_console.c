/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The console device for the io server: the kernel keeps the hardware
 * (COM1, framebuffer, keyboard), the server keeps the policy (fds, colours,
 * blocking reads).
 */
#include <syscall/syscall.h>

#include <abi/errno.h>
#include <arch/x86_64/input.h>
#include <arch/x86_64/percpu.h>
#include <core/console.h>
#include <core/proc.h>

#define CONSOLE_CHUNK 256
#define CONSOLE_WRITE_MAX 4096

/* console_write(buf, len, rgb) */
int64_t sys_console_write(struct trap_frame *tf)
{
	struct proc *p = current_proc();
	char buf[CONSOLE_CHUNK];
	uint64_t len = tf->rsi;

	if (!(p->caps & CAP_SERVER))
		return -EPERM;
	if (len > CONSOLE_WRITE_MAX)
		return -EINVAL;
	if (!vm_range_ok(&p->vm, tf->rdi, len, 0))
		return -EFAULT;
	for (uint64_t done = 0; done < len;) {
		uint64_t n = len - done < CONSOLE_CHUNK ? len - done : CONSOLE_CHUNK;
		vm_copy_in(&p->vm, buf, tf->rdi + done, n);
		console_write(buf, n, (uint32_t)tf->rdx & 0xffffff);
		done += n;
	}
	return (int64_t)len;
}

/* console_read(buf, len): what input has arrived, never blocks. */
int64_t sys_console_read(struct trap_frame *tf)
{
	struct proc *p = current_proc();
	char buf[CONSOLE_CHUNK];
	uint64_t want = tf->rsi < CONSOLE_CHUNK ? tf->rsi : CONSOLE_CHUNK;

	if (!(p->caps & CAP_SERVER))
		return -EPERM;
	if (!vm_range_ok(&p->vm, tf->rdi, want, 1))
		return -EFAULT;
	size_t n = input_take(buf, want);
	vm_copy_out(&p->vm, tf->rdi, buf, n);
	return (int64_t)n;
}

int64_t sys_klog_read(struct trap_frame *tf)
{
	(void)tf;
	return -ENOSYS;
}
