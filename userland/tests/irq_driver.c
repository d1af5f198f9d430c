/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A driver for the interrupt tests: binds what it is told to, counts the
 * interrupt notices it receives and acknowledges only when told to, so the
 * test (irq_check) sees what the kernel delivers between acknowledgements.
 */
#include "irq_driver.h"

#include <abi/errno.h>
#include <abi/irq.h>
#include <chappe/syscall.h>
#include <libserver/driver.h>
#include <libserver/server.h>
#include <time.h>

static long bound = -1, notices, forged, unserved;
static int spun;	     /* a spin ended; the next message is not yet seen */
static long owed_first = -1; /* was that next message the interrupt notice? */

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void spin(long ms)
{
	for (long end = now_ms() + ms; now_ms() < end;)
		;
	spun = 1;
}

static void first_after_spin(int is_notice)
{
	if (spun)
		owed_first = is_notice;
	spun = 0;
}

#define COM1_IRQ 4
#define LSR_DATA_READY 0x01

static uint16_t com1; /* its ports, once claimed */
static long last_key;

static long claim_com1(void)
{
	struct dev_info dev;
	int index = com1 ? 0 : driver_claim_named("com1", &dev);

	if (index < 0)
		return index;
	if (!com1 && driver_open_ports(&dev) == 0)
		com1 = (uint16_t)dev.region[0].base;
	return 0;
}

static void read_com1(void)
{
	while (com1 && (inb(com1 + 5) & LSR_DATA_READY))
		last_key = inb(com1);
}

static int64_t op_last_key(const struct bc_msg *m)
{
	(void)m;
	return last_key;
}

static int64_t op_bind(const struct bc_msg *m)
{
	long r = m->arg[0] == COM1_IRQ ? claim_com1() : 0;

	if (r)
		return r;
	r = sys_irq_bind((long)m->arg[0]);

	if (r == 0)
		bound = (long)m->arg[0];
	return r;
}

static int64_t op_ack(const struct bc_msg *m)
{
	return sys_irq_ack((long)m->arg[0]);
}

static int64_t op_notices(const struct bc_msg *m)
{
	(void)m;
	return notices;
}

static int64_t op_forged(const struct bc_msg *m)
{
	(void)m;
	return forged;
}

static int64_t op_unserved(const struct bc_msg *m)
{
	(void)m;
	return unserved;
}

static int64_t op_owed_first(const struct bc_msg *m)
{
	(void)m;
	return owed_first;
}

static int64_t op_crash(const struct bc_msg *m)
{
	(void)m;
	return *(volatile int64_t *)0;
}

/* Only the kernel's notice for the line we bound counts; one a process
 * built (its sender is its pid, whatever it wrote) is counted apart. */
static void on_notice(const struct bc_msg *m)
{
	int from_kernel = m->sender == BC_SENDER_KERNEL && (long)m->arg[0] == bound;

	if (m->msg_type == MSG_TYPE_COMMAND && m->opcode == IRQ_OP_SPIN) {
		spin((long)m->arg[0]);
		return;
	}
	if (m->msg_type != MSG_TYPE_INPUT || m->opcode != BC_NOTICE_IRQ)
		return;
	first_after_spin(from_kernel);
	if (from_kernel && bound == COM1_IRQ)
		read_com1();
	if (from_kernel)
		notices++;
	else
		forged++;
}

static const server_op handlers[IRQ_OP_COUNT] = {
    [IRQ_OP_BIND] = op_bind,
    [IRQ_OP_ACK] = op_ack,
    [IRQ_OP_NOTICES] = op_notices,
    [IRQ_OP_FORGED] = op_forged,
    [IRQ_OP_UNSERVED] = op_unserved,
    [IRQ_OP_CRASH] = op_crash,
    [IRQ_OP_OWED_FIRST] = op_owed_first,
    [IRQ_OP_LAST_KEY] = op_last_key,
};

/* Every call passes here first, to see what came first after a spin. */
static int64_t op_any(const struct bc_msg *m)
{
	first_after_spin(0);
	return handlers[m->opcode] ? handlers[m->opcode](m) : -ENOSYS;
}

static const server_op ops[IRQ_OP_COUNT] = {[0 ... IRQ_OP_COUNT - 1] = op_any};

int main(void)
{
	struct server s = {"irq_driver", IRQ_DRIVER_A, ops, IRQ_OP_COUNT, on_notice, 0};

	/* The server capability alone is not enough: notices need a SYS_ID. */
	unserved = sys_irq_bind(4);
	if (server_register(&s)) {
		s.sys_id = IRQ_DRIVER_B;
		if (server_register(&s))
			return 1;
	}
	server_loop(&s);
}
