/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A driver for the device-memory tests: each call makes one request of
 * the kernel (claim, io_ports, mmio_map, dma_alloc, ...) or touches what it
 * was granted from ring 3, and answers what happened, so the test program
 * (io_ports_check, mmio_dma_check) prints and checks it in order.
 */
#include "devmem_driver.h"

#include <abi/bootarc.h>
#include <abi/device.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/server.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static uint64_t last_phys;

static int64_t op_claim(const struct bc_msg *m)
{
	struct dev_match match = {.vendor = DEV_ANY_ID, .device = DEV_ANY_ID};

	memcpy(match.name, &m->arg[0], sizeof m->arg[0]);
	return sys_dev_claim((long)&match);
}

static int64_t op_io_ports(const struct bc_msg *m)
{
	return sys_io_ports((long)m->arg[0], (long)m->arg[1]);
}

static int64_t op_scratch(const struct bc_msg *m)
{
	outb(COM1_SCRATCH, (uint8_t)m->arg[0]);
	return inb(COM1_SCRATCH);
}

static int64_t op_inb(const struct bc_msg *m)
{
	return inb((uint16_t)m->arg[0]);
}

/* The wait status of a forked child that runs body(arg) and exits 0 if
 * body did not fault. */
static int64_t child_status(void (*body)(uint64_t), uint64_t arg)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		body(arg);
		_exit(0);
	}
	if (pid < 0)
		return pid;
	return waitpid(pid, &status, 0) == pid ? status : -ECHILD;
}

static void read_port(uint64_t port)
{
	inb((uint16_t)port);
}

static void read_word(uint64_t addr)
{
	(void)*(volatile uint32_t *)addr;
}

static int64_t op_child_inb(const struct bc_msg *m)
{
	return child_status(read_port, m->arg[0]);
}

static int64_t op_mmio_map(const struct bc_msg *m)
{
	return sys_mmio_map((long)m->arg[0], (long)m->arg[1], (long)m->arg[2]);
}

static uint32_t pattern_at(uint64_t i)
{
	return (uint32_t)(i * 0x9e3779b1u) ^ 0x00c0ffeeu;
}

static int64_t op_pattern(const struct bc_msg *m)
{
	volatile uint32_t *w = (volatile uint32_t *)m->arg[0];
	uint64_t n = m->arg[1] / 4, bad = 0;

	for (uint64_t i = 0; i < n; i++)
		w[i] = pattern_at(i);
	for (uint64_t i = 0; i < n; i++)
		bad += w[i] != pattern_at(i);
	return (int64_t)bad;
}

static int64_t op_read32(const struct bc_msg *m)
{
	return *(volatile uint32_t *)m->arg[0];
}

static int64_t op_dma_alloc(const struct bc_msg *m)
{
	return sys_dma_alloc((long)m->arg[0], m->arg[1] ? (long)m->arg[1] : (long)&last_phys);
}

static int64_t op_last_phys(const struct bc_msg *m)
{
	(void)m;
	return (int64_t)last_phys;
}

static int64_t op_nonzero(const struct bc_msg *m)
{
	const volatile uint8_t *b = (const volatile uint8_t *)m->arg[0];
	int64_t n = 0;

	for (uint64_t i = 0; i < m->arg[1]; i++)
		n += b[i] != 0;
	return n;
}

static int64_t op_dma_free(const struct bc_msg *m)
{
	return sys_dma_free((long)m->arg[0]);
}

static int64_t op_child_read(const struct bc_msg *m)
{
	return child_status(read_word, m->arg[0]);
}

static int64_t op_kstat_into(const struct bc_msg *m)
{
	return sys_kstat((long)m->arg[0]);
}

static int64_t op_map_sweep(const struct bc_msg *m)
{
	int64_t refused = 0;

	for (uint64_t a = m->arg[0]; a < m->arg[1]; a += m->arg[2])
		refused += sys_mmio_map((long)a, 4096, 0) == -EPERM;
	return refused;
}

static int64_t op_exec(const struct bc_msg *m)
{
	char pid[24], value[24];
	char *argv[] = {"devmem_driver", "after-exec", pid, value, 0};

	snprintf(pid, sizeof pid, "%u", m->sender);
	snprintf(value, sizeof value, "%lu", (unsigned long)m->arg[0]);
	execv(BOOTARC_EXEC_DIR "/devmem_driver", argv); /* in the boot archive only */
	return -EIO; /* execv failed: the caller is still ours to answer */
}

/* The new image answers the call the old one took (the caller still waits
 * on this SYS_ID, which exec keeps). */
static void after_exec(char **argv)
{
	outb(COM1_SCRATCH, (uint8_t)strtol(argv[3], 0, 10));
	server_reply((uint32_t)strtol(argv[2], 0, 10), inb(COM1_SCRATCH));
}

static int64_t op_exit(const struct bc_msg *m)
{
	(void)m;
	_exit(0);
}

static const server_op ops[DEVMEM_OP_COUNT] = {
    [DEVMEM_OP_CLAIM] = op_claim,
    [DEVMEM_OP_IO_PORTS] = op_io_ports,
    [DEVMEM_OP_SCRATCH] = op_scratch,
    [DEVMEM_OP_INB] = op_inb,
    [DEVMEM_OP_CHILD_INB] = op_child_inb,
    [DEVMEM_OP_MMIO_MAP] = op_mmio_map,
    [DEVMEM_OP_PATTERN] = op_pattern,
    [DEVMEM_OP_READ32] = op_read32,
    [DEVMEM_OP_DMA_ALLOC] = op_dma_alloc,
    [DEVMEM_OP_LAST_PHYS] = op_last_phys,
    [DEVMEM_OP_NONZERO] = op_nonzero,
    [DEVMEM_OP_DMA_FREE] = op_dma_free,
    [DEVMEM_OP_EXIT] = op_exit,
    [DEVMEM_OP_CHILD_READ] = op_child_read,
    [DEVMEM_OP_KSTAT_INTO] = op_kstat_into,
    [DEVMEM_OP_MAP_SWEEP] = op_map_sweep,
    [DEVMEM_OP_EXEC] = op_exec,
};

int main(int argc, char **argv)
{
	struct server s = {"devmem_driver", DEVMEM_DRIVER_A, ops, DEVMEM_OP_COUNT, 0, 0};

	if (argc == 4 && !strcmp(argv[1], "after-exec")) {
		after_exec(argv);
		server_loop(&s);
	}
	if (server_register(&s)) {
		s.sys_id = DEVMEM_DRIVER_B;
		if (server_register(&s))
			return 1;
	}
	server_loop(&s);
}
