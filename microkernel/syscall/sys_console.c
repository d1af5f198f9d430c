/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel's side of the console for the io server (docs/console.md):
 * writing to the devices no driver owns yet, and the kernel log for the
 * ones a driver owns. Input comes from the drivers, not from here.
 */
#include <syscall/syscall.h>

#include <abi/console.h>
#include <abi/errno.h>
#include <arch/x86_64/percpu.h>
#include <core/console.h>
#include <core/klog.h>
#include <core/proc.h>

#define CONSOLE_CHUNK 256
#define CONSOLE_WRITE_MAX 4096
#define KLOG_READ_CHUNK 1024

/* io names the devices it has no driver for; any other server's line is
 * a kernel line (server_log), in order with the kernel's own. */
static void write_for(const struct proc *p, unsigned how, const char *buf, size_t n)
{
	unsigned devices = how & CONSOLE_TO_ALL;

	if (devices && p->serves == SYS_ID_IO)
		console_write_devices(devices, buf, n, how & CONSOLE_RGB_MASK);
	else
		console_write(buf, n, how & CONSOLE_RGB_MASK);
}

/* console_write(buf, len, rgb | CONSOLE_TO_*) */
int64_t ksys_console_write(struct trap_frame *tf)
{
	struct proc *p = current_proc();
	char buf[CONSOLE_CHUNK];
	uint64_t len = tf->rsi;

	if (len > CONSOLE_WRITE_MAX)
		return -EINVAL;
	if (!vm_range_ok(&p->vm, tf->rdi, len, 0))
		return -EFAULT;
	for (uint64_t done = 0; done < len;) {
		uint64_t n = len - done < CONSOLE_CHUNK ? len - done : CONSOLE_CHUNK;
		vm_copy_in(&p->vm, buf, tf->rdi + done, n);
		write_for(p, (unsigned)tf->rdx, buf, n);
		done += n;
	}
	return (int64_t)len;
}

/* klog_read(buf, len): whole records; 0 when the log is empty. */
int64_t ksys_klog_read(struct trap_frame *tf)
{
	struct proc *p = current_proc();
	char buf[KLOG_READ_CHUNK];
	uint64_t want = tf->rsi < sizeof buf ? tf->rsi : sizeof buf;

	if (!vm_range_ok(&p->vm, tf->rdi, want, 1))
		return -EFAULT;
	size_t n = klog_take(buf, want);
	vm_copy_out(&p->vm, tf->rdi, buf, n);
	return (int64_t)n;
}

int64_t ksys_console_drained(struct trap_frame *tf)
{
	(void)tf;
	console_drained();
	return 0;
}
