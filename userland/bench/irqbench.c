/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The device interrupt a benchmark can rely on under -icount: the CMOS
 * clock's periodic interrupt (IRQ 8), which QEMU times on the virtual
 * clock (-rtc clock=vm), so each one arrives while everything is idle and
 * the driver waits in bc_recv, as a real device's would.
 */
#include "irqbench.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <abi/irq.h>
#include <chappe/syscall.h>
#include <libserver/driver.h>
#include <libserver/server.h>

#define CMOS_NMI_OFF 0x80
#define RTC_A 0x0a
#define RTC_B 0x0b
#define RTC_C 0x0c
#define RATE_1024HZ 6
#define B_PERIODIC 0x40

static uint16_t cmos;
static long irq = -1;

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint8_t cmos_read(uint8_t reg)
{
	outb(cmos, CMOS_NMI_OFF | reg);
	return inb(cmos + 1);
}

static void cmos_write(uint8_t reg, uint8_t v)
{
	outb(cmos, CMOS_NMI_OFF | reg);
	outb(cmos + 1, v);
}

static void periodic(int on)
{
	uint8_t b = cmos_read(RTC_B);

	cmos_write(RTC_A, (uint8_t)((cmos_read(RTC_A) & 0xf0) | RATE_1024HZ));
	cmos_write(RTC_B, on ? b | B_PERIODIC : b & ~B_PERIODIC);
	cmos_read(RTC_C); /* reading C ends the interrupt it raised */
}

static long setup(void)
{
	struct dev_info dev;
	int index = cmos ? 0 : driver_claim_named("rtc", &dev);
	long err;

	if (cmos)
		return 0;
	if (index < 0)
		return index;
	if ((err = driver_open_ports(&dev)))
		return err;
	cmos = (uint16_t)dev.region[0].base;
	irq = sys_dev_irq(index, 0);
	return irq < 0 ? irq : 0;
}

/* One interrupt: wait for its notice, time it, end it at the clock and
 * acknowledge it. */
static void one(struct irqbench_result *r)
{
	struct bc_msg m;

	for (;;) {
		long err = sys_bc_recv((long)&m);
		uint64_t arrived = rdtsc();
		if (err == 0 && m.sender == BC_SENDER_KERNEL && m.opcode == BC_NOTICE_IRQ &&
		    (long)m.arg[0] == irq) {
			r->to_driver += arrived - m.arg[1];
			cmos_read(RTC_C);
			sys_irq_ack(irq);
			r->to_ack += rdtsc() - m.arg[1];
			r->count++;
			return;
		}
	}
}

static int64_t op_run(const struct bc_msg *m)
{
	struct irqbench_result r = {0, 0, 0};
	long err = setup();

	if (err)
		return err;
	periodic(1);
	while (r.count < m->arg[0])
		one(&r);
	periodic(0);
	return server_copy_to(m->sender, m->arg[1], &r, sizeof r);
}

static const server_op ops[IRQB_OP_COUNT] = {[IRQB_OP_RUN] = op_run};

int main(void)
{
	struct server s = {"irqbench", IRQBENCH_SYS_ID, ops, IRQB_OP_COUNT, 0, 0};

	return server_run(&s);
}
