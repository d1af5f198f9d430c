/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pci_test storm (integ_irq_storm): edu's INTx, bound with DEV_IRQ_LEGACY
 * to the level-triggered ISA IRQ the firmware routed it to, storms: driver
 * A acknowledges every notice with irq_ack but never quiets edu, so the
 * line is still asserted when the kernel unmasks it and fires again at
 * once. The kernel masks the line from each interrupt to its ack, so the
 * storm runs at the pace of A's loop, and A is one process the fair
 * scheduler shares the CPU with: a fixed piece of work (forks, a file read,
 * timed naps) takes no longer beside the storm than beside a process that
 * spins (within STORM_SLACK), and no nap wakes later than LATE_BOUND_MS.
 */
#pragma once

#include "pci_client.h"
#include "pci_driver.h"

#include <abi/device.h>
#include <abi/errno.h>
#include <abi/wait.h>
#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HOST_BRIDGE_VENDOR 0x8086 /* q35's, which has no interrupt pin */
#define HOST_BRIDGE_DEVICE 0x29c0
#define INT_LINE 0x3c
#define COMMAND_INTX_DISABLE 0x400
#define EDU_RAISE 0x60
#define EDU_ACK 0x64
#define EDU_STATUS 0x24
#define CHILDREN 50
#define NAPS 20
#define NAP_MS 10
/* sched_fair's bound: a sleeper beside busy processes wakes within it. */
#define LATE_BOUND_MS 100
/* Beside the storm, the work may take this many times what it takes
 * beside one spinning process (TCG's timing wanders under load). */
#define STORM_SLACK 2
#define STORM_MIN_NOTICES 1000

struct work {
	uint64_t ns, worst_late_ns;
	int reaped;
	long bytes;
};

static uint64_t storm_now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static int fork_and_reap(void)
{
	int reaped = 0, status;

	for (int i = 0; i < CHILDREN; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(7);
		if (pid > 0 && waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 7)
			reaped++;
	}
	return reaped;
}

/* /etc/motd through io and dagfs. */
static long read_motd(void)
{
	char buf[256];
	long total = 0, n;
	int fd = open("/etc/motd", O_RDONLY);

	if (fd < 0)
		return fd;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		total += n;
	close(fd);
	return total;
}

static uint64_t worst_nap_lateness(void)
{
	struct timespec nap = {0, NAP_MS * 1000000L};
	uint64_t worst = 0;

	for (int i = 0; i < NAPS; i++) {
		uint64_t t0 = storm_now_ns();
		nanosleep(&nap, 0);
		uint64_t late = storm_now_ns() - t0 - NAP_MS * 1000000ull;
		if ((int64_t)late > (int64_t)worst)
			worst = late;
	}
	return worst;
}

static struct work do_work(const char *beside)
{
	struct work w;
	uint64_t t0 = storm_now_ns();

	w.reaped = fork_and_reap();
	w.bytes = read_motd();
	w.worst_late_ns = worst_nap_lateness();
	w.ns = storm_now_ns() - t0;
	printf("%s: work %s: %lu ms, %d children reaped, %ld bytes read, worst nap lateness %lu "
	       "ms\n",
	       check_prog, beside, w.ns / 1000000, w.reaped, w.bytes, w.worst_late_ns / 1000000);
	return w;
}

static struct work work_beside_spinner(void)
{
	pid_t spinner = fork();
	struct work w;
	int status;

	if (spinner == 0)
		for (;;)
			;
	w = do_work("beside a spinning process");
	kill(spinner, SIGKILL);
	waitpid(spinner, &status, 0);
	return w;
}

static struct chappe_kstat storm_kstat(void)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	return k;
}

static long notices_of_a(void)
{
	return pci_ask(PCI_DRIVER_A, PCI_OP_NOTICES, 0, 0, 0);
}

/* The refusals, and A's binding: the ISA IRQ in edu's line register. */
static void storm_bind(void)
{
	long line;

	line = pci_driver_config_read(PCI_DRIVER_A, INT_LINE, 1);
	printf("%s: the firmware routed edu's INTx to ISA IRQ %ld\n", check_prog, line);
	EXPECT("B takes the host bridge",
	       pci_claim_ids(PCI_DRIVER_B, HOST_BRIDGE_VENDOR, HOST_BRIDGE_DEVICE) >= 0, 1);
	EXPECT("B binds the host bridge's INTx (it has no pin)",
	       pci_ask(PCI_DRIVER_B, PCI_OP_BIND, DEV_IRQ_LEGACY, 0, 0), -ENXIO);
	EXPECT("A binds edu's INTx: its line",
	       pci_ask(PCI_DRIVER_A, PCI_OP_BIND, DEV_IRQ_LEGACY, 0, 0), line);
	EXPECT("A binds it again", pci_ask(PCI_DRIVER_A, PCI_OP_BIND, DEV_IRQ_LEGACY, 0, 0),
	       -EBUSY);
	EXPECT("B binds the line with irq_bind", pci_ask(PCI_DRIVER_B, PCI_OP_IRQ_BIND, line, 0, 0),
	       -EBUSY);
	EXPECT("INTx-disable after the bind",
	       pci_driver_config_read(PCI_DRIVER_A, COMMAND, 2) & COMMAND_INTX_DISABLE, 0);
	EXPECT("the line is bound (kstat)", (long)(storm_kstat().irqs_bound >> line) & 1, 1);
}

static void storm_runs(const struct work *spin)
{
	long before, during;
	struct work w;

	EXPECT("A storms", pci_ask(PCI_DRIVER_A, PCI_OP_STORM, 1, 0, 0), 0);
	pci_ask(PCI_DRIVER_A, PCI_OP_WRITE, EDU_RAISE, 1, 0);
	EXPECT("the storm began", pci_notices_reach(PCI_DRIVER_A, 100) >= 100, 1);
	before = notices_of_a();
	w = do_work("beside the storm");
	during = notices_of_a() - before;
	printf("%s: %ld notices during the work (%lu a second); %lu%% of the time beside a "
	       "spinner\n",
	       check_prog, during, (uint64_t)during * 1000000000ul / w.ns, w.ns * 100 / spin->ns);
	EXPECT("notices during the work at least 1000", during >= STORM_MIN_NOTICES, 1);
	EXPECT("children reaped beside the storm", w.reaped, CHILDREN);
	EXPECT("/etc/motd read beside the storm", w.bytes, spin->bytes);
	EXPECT("worst nap lateness within 100 ms", w.worst_late_ns / 1000000 < LATE_BOUND_MS, 1);
	EXPECT("the work took at most twice its time beside a spinner",
	       w.ns <= STORM_SLACK * spin->ns, 1);
}

static void storm_stops(uint64_t frames)
{
	long settled;

	EXPECT("A quiets edu", pci_ask(PCI_DRIVER_A, PCI_OP_WRITE, EDU_ACK, 1, 0), 0);
	pci_nap_ms(100); /* the notice in flight, acknowledged */
	settled = notices_of_a();
	pci_nap_ms(500);
	EXPECT("notices in 500 ms after edu was quieted", notices_of_a() - settled, 0);
	EXPECT("edu's interrupt status", pci_ask(PCI_DRIVER_A, PCI_OP_READ, EDU_STATUS, 0, 0), 0);
	printf("%s: A received %ld notices in all\n", check_prog, settled);
	EXPECT("free frames after binding, the storm and its end, as before",
	       (long)(frames - pci_free_frames()), 0);
}

/* A's exit unbinds the line and disables edu's INTx again. */
static void storm_driver_ends(long edu, const struct chappe_kstat *k0)
{
	struct chappe_kstat k;

	EXPECT("A exits under a call", pci_ask(PCI_DRIVER_A, PCI_OP_EXIT, 0, 0, 0), -EIO);
	for (int i = 0; i < 200 && pci_owner(edu) != 0; i++)
		pci_nap_ms(10);
	k = storm_kstat();
	EXPECT("irqs bound after A exited, as before", (long)(k.irqs_bound ^ k0->irqs_bound), 0);
	printf("%s: A's exit freed %ld frames\n", check_prog,
	       (long)(k.free_frames - k0->free_frames));
	EXPECT("B claims edu after A exited", pci_claim_ids(PCI_DRIVER_B, EDU_VENDOR, EDU_DEVICE),
	       edu);
	EXPECT("INTx-disable after A's claim ended",
	       pci_driver_config_read(PCI_DRIVER_B, COMMAND, 2) & COMMAND_INTX_DISABLE,
	       COMMAND_INTX_DISABLE);
}

static void storm_cases(void)
{
	long edu = pci_find(EDU_VENDOR, EDU_DEVICE);
	struct chappe_kstat k0;
	struct work spin;

	EXPECT("edu is in the device table", edu >= 0, 1);
	do_work("alone");
	spin = work_beside_spinner();
	EXPECT("A takes edu", pci_take(PCI_DRIVER_A, EDU_VENDOR, EDU_DEVICE), edu);
	k0 = storm_kstat();
	storm_bind();
	storm_runs(&spin);
	storm_stops(k0.free_frames);
	storm_driver_ends(edu, &k0);
}
