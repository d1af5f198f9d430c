/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * integ_io_ports: a driver that owns COM1 opens its ports with io_ports and
 * uses them from ring 3 (the scratch register reads back what it wrote);
 * every other port still faults, for the driver (PS/2, not its own), its
 * forked child and any other process, before and after its grant; the
 * errors are exact; exec keeps the grant (and drops the old image's DMA
 * buffer); the grant dies with the driver and the next owner of
 * COM1 gets the ports again. Two driver copies serve A and B.
 */
#include "check.h"
#include "devmem_driver.h"

#include <abi/errno.h>
#include <abi/signal.h>
#include <chappe/syscall.h>
#include <libserver/client.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static long ask(uint8_t driver, uint64_t op, uint64_t a0, uint64_t a1)
{
	return server_call(driver, op, a0, a1, 0, 0);
}

static uint64_t name_word(const char *name)
{
	uint64_t w = 0;

	memcpy(&w, name, strlen(name));
	return w;
}

/* The wait status of a child of ours that reads port: SIGSEGV when it faults. */
static long my_child_inb(uint16_t port)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		inb(port);
		_exit(0); /* it did not fault */
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid ? status : -1;
}

static void unprivileged(void)
{
	EXPECT("io_ports 0x3f8+8 by a process that owns nothing", sys_io_ports(0x3f8, 8), -EPERM);
}

static void grant_errors(void)
{
	EXPECT("A: io_ports 0x3f8+8 before it claimed com1",
	       ask(DEVMEM_DRIVER_A, DEVMEM_OP_IO_PORTS, 0x3f8, 8), -EPERM);
	EXPECT("A claims com1", ask(DEVMEM_DRIVER_A, DEVMEM_OP_CLAIM, name_word("com1"), 0) >= 0,
	       1);
	EXPECT("A: io_ports 0x3f8 count 0", ask(DEVMEM_DRIVER_A, DEVMEM_OP_IO_PORTS, 0x3f8, 0),
	       -EINVAL);
	EXPECT("A: io_ports 0xfffc+8 (past 0xffff)",
	       ask(DEVMEM_DRIVER_A, DEVMEM_OP_IO_PORTS, 0xfffc, 8), -EINVAL);
	EXPECT("A: io_ports 0x3f8+9 (one past com1)",
	       ask(DEVMEM_DRIVER_A, DEVMEM_OP_IO_PORTS, 0x3f8, 9), -EPERM);
	EXPECT("A: io_ports 0x60+1 (ps2, not A's)",
	       ask(DEVMEM_DRIVER_A, DEVMEM_OP_IO_PORTS, 0x60, 1), -EPERM);
}

static void granted(void)
{
	EXPECT("A: io_ports 0x3f8+8", ask(DEVMEM_DRIVER_A, DEVMEM_OP_IO_PORTS, 0x3f8, 8), 0);
	EXPECT("A: io_ports 0x3fc+4 (held already)",
	       ask(DEVMEM_DRIVER_A, DEVMEM_OP_IO_PORTS, 0x3fc, 4), 0);
	EXPECT("A: scratch register reads back 0x5a",
	       ask(DEVMEM_DRIVER_A, DEVMEM_OP_SCRATCH, 0x5a, 0), 0x5a);
	EXPECT("A: scratch register reads back 0xa5",
	       ask(DEVMEM_DRIVER_A, DEVMEM_OP_SCRATCH, 0xa5, 0), 0xa5);
	EXPECT("A's forked child reading 0x3ff ends with",
	       ask(DEVMEM_DRIVER_A, DEVMEM_OP_CHILD_INB, COM1_SCRATCH, 0), SIGSEGV);
	EXPECT("my child reading 0x3ff while A holds it ends with", my_child_inb(COM1_SCRATCH),
	       SIGSEGV);
	EXPECT("A: scratch register after the others ran",
	       ask(DEVMEM_DRIVER_A, DEVMEM_OP_SCRATCH, 0x3c, 0), 0x3c);
}

/* The grant is the process's: exec keeps it; the image's DMA buffer goes. */
static void across_exec(void)
{
	long buf = ask(DEVMEM_DRIVER_A, DEVMEM_OP_DMA_ALLOC, 4096, 0);

	EXPECT("A: a DMA buffer before exec", buf > 0, 1);
	EXPECT("A after exec: scratch register with no new io_ports",
	       ask(DEVMEM_DRIVER_A, DEVMEM_OP_EXEC, 0x42, 0), 0x42);
	EXPECT("A after exec: dma_free of the old image's buffer",
	       ask(DEVMEM_DRIVER_A, DEVMEM_OP_DMA_FREE, (uint64_t)buf, 0), -EINVAL);
	EXPECT("my child reading 0x3ff after A's exec ends with", my_child_inb(COM1_SCRATCH),
	       SIGSEGV);
}

static void after_driver_death(void)
{
	EXPECT("A reads 0x64 (ps2, not granted): the call",
	       ask(DEVMEM_DRIVER_A, DEVMEM_OP_INB, 0x64, 0), -EIO);
	EXPECT("my child reading 0x3ff after A died ends with", my_child_inb(COM1_SCRATCH),
	       SIGSEGV);
	EXPECT("B claims com1 after A died",
	       ask(DEVMEM_DRIVER_B, DEVMEM_OP_CLAIM, name_word("com1"), 0) >= 0, 1);
	EXPECT("B: io_ports 0x3f8+8", ask(DEVMEM_DRIVER_B, DEVMEM_OP_IO_PORTS, 0x3f8, 8), 0);
	EXPECT("B: scratch register reads back 0x77",
	       ask(DEVMEM_DRIVER_B, DEVMEM_OP_SCRATCH, 0x77, 0), 0x77);
}

int main(void)
{
	check_start("io_ports_check");
	if (server_await(DEVMEM_DRIVER_A, 5000) || server_await(DEVMEM_DRIVER_B, 5000))
		printf("io_ports_check: the drivers are not both served\n");
	unprivileged();
	grant_errors();
	granted();
	across_exec();
	after_driver_death();
	return check_finish();
}
