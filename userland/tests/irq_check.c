/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * integ_irq_com1: COM1's IRQ 4 reaches a driver (irq_driver A, which
 * claims COM1 and reads what arrives) as kernel notices while the runner
 * types; the line stays masked from a notice to its acknowledgement, so a
 * key typed in between brings no second notice until the ack, and then
 * one (an edge is never lost); the errors of irq_bind and irq_ack are
 * exact; a killed binder's line and device are free for the next driver;
 * a notice for a busy driver is owed, not lost.
 * Each "type" line below is a trigger the runner
 * waits for before it types one key on COM1 (tests/meson.build).
 */
#include "check.h"
#include "irq_driver.h"

#include <abi/errno.h>
#include <abi/irq.h>
#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <libserver/client.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define COM1_IRQ 4

static long ask(uint8_t driver, uint64_t op, uint64_t arg)
{
	return server_call(driver, op, arg, 0, 0, 0);
}

/* The driver's notice count once it reaches want, or after 5 s. */
static long notices_reach(uint8_t driver, long want)
{
	long n = 0;

	for (int i = 0; i < 500 && (n = ask(driver, IRQ_OP_NOTICES, 0)) < want; i++)
		nap_ms(10);
	return n;
}

/* Until driver has read the key typed last from the UART, or 5 s. */
static void await_key(uint8_t driver, char key)
{
	long c = 0;

	for (int i = 0; i < 500 && (c = ask(driver, IRQ_OP_LAST_KEY, 0)) != key; i++)
		nap_ms(10);
	if (c != key)
		printf("irq_check: key '%c' never arrived at the driver\n", key);
}

static uint64_t free_frames(void)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	return k.free_frames;
}

/* What a process without the server capability may not do. */
static void unprivileged(void)
{
	EXPECT("irq_bind 4 without the server capability", sys_irq_bind(COM1_IRQ), -EPERM);
	EXPECT("irq_bind 16 (out of range)", sys_irq_bind(IRQ_ISA_COUNT), -EINVAL);
	EXPECT("irq_ack 4 by a non-binder", sys_irq_ack(COM1_IRQ), -EPERM);
	EXPECT("driver's irq_bind before it served a SYS_ID", ask(IRQ_DRIVER_A, IRQ_OP_UNSERVED, 0),
	       -EPERM);
}

static void binding_errors(void)
{
	EXPECT("A binds IRQ 4", ask(IRQ_DRIVER_A, IRQ_OP_BIND, COM1_IRQ), 0);
	EXPECT("A binds IRQ 4 again", ask(IRQ_DRIVER_A, IRQ_OP_BIND, COM1_IRQ), -EBUSY);
	EXPECT("B binds IRQ 4", ask(IRQ_DRIVER_B, IRQ_OP_BIND, COM1_IRQ), -EBUSY);
	EXPECT("B acks IRQ 4", ask(IRQ_DRIVER_B, IRQ_OP_ACK, COM1_IRQ), -EPERM);
	EXPECT("irq_ack 4 by me while A holds it", sys_irq_ack(COM1_IRQ), -EPERM);
	EXPECT("B binds IRQ 0 (the kernel's timer)", ask(IRQ_DRIVER_B, IRQ_OP_BIND, 0), -EBUSY);
	EXPECT("B binds IRQ 2 (the cascade)", ask(IRQ_DRIVER_B, IRQ_OP_BIND, 2), -EBUSY);
	EXPECT("B binds IRQ 16", ask(IRQ_DRIVER_B, IRQ_OP_BIND, IRQ_ISA_COUNT), -EINVAL);
	EXPECT("B binds IRQ -1", ask(IRQ_DRIVER_B, IRQ_OP_BIND, (uint64_t)-1), -EINVAL);
}

/* One key, one notice; a key before the ack: none (masked, coalesced). */
static void masked_until_ack(void)
{
	EXPECT("notices before any key", ask(IRQ_DRIVER_A, IRQ_OP_NOTICES, 0), 0);
	printf("irq_check: type the first key\n");
	EXPECT("notices after the first key", notices_reach(IRQ_DRIVER_A, 1), 1);
	await_key(IRQ_DRIVER_A, 'a');
	printf("irq_check: type the second key before the ack\n");
	nap_ms(300);
	EXPECT("notices after the second key, unacknowledged", ask(IRQ_DRIVER_A, IRQ_OP_NOTICES, 0),
	       1);
	EXPECT("A acks IRQ 4", ask(IRQ_DRIVER_A, IRQ_OP_ACK, COM1_IRQ), 0);
	EXPECT("the key typed while masked: its notice at the ack", notices_reach(IRQ_DRIVER_A, 2),
	       2);
	await_key(IRQ_DRIVER_A, 'b');
	EXPECT("A acks IRQ 4 again", ask(IRQ_DRIVER_A, IRQ_OP_ACK, COM1_IRQ), 0);
	nap_ms(100);
	EXPECT("notices after an ack with nothing pending", ask(IRQ_DRIVER_A, IRQ_OP_NOTICES, 0),
	       2);
	printf("irq_check: type the third key after the ack\n");
	EXPECT("notices after the third key", notices_reach(IRQ_DRIVER_A, 3), 3);
	await_key(IRQ_DRIVER_A, 'c');
	EXPECT("A acks IRQ 4 a third time", ask(IRQ_DRIVER_A, IRQ_OP_ACK, COM1_IRQ), 0);
}

/* A notice a process builds carries its pid as the sender: no forgery. */
static void forged_notice(void)
{
	struct bc_msg m = {.sys_id = IRQ_DRIVER_A,
			   .msg_type = MSG_TYPE_INPUT,
			   .sender = BC_SENDER_KERNEL,
			   .opcode = BC_NOTICE_IRQ,
			   .arg = {COM1_IRQ}};

	EXPECT("a forged notice is sent", sys_bc_send((long)&m), 0);
	EXPECT("A counted it as forged", ask(IRQ_DRIVER_A, IRQ_OP_FORGED, 0), 1);
	EXPECT("and not as an interrupt", ask(IRQ_DRIVER_A, IRQ_OP_NOTICES, 0), 3);
}

/* A killed binder's line is masked and free: B binds it and gets notices. */
static void binder_killed(void)
{
	EXPECT("a call that kills A", ask(IRQ_DRIVER_A, IRQ_OP_CRASH, 0), -EIO);
	EXPECT("B binds IRQ 4 after A died", ask(IRQ_DRIVER_B, IRQ_OP_BIND, COM1_IRQ), 0);
	printf("irq_check: type the fourth key for B\n");
	EXPECT("B's notices after the fourth key", notices_reach(IRQ_DRIVER_B, 1), 1);
	await_key(IRQ_DRIVER_B, 'd');
	EXPECT("B acks IRQ 4", ask(IRQ_DRIVER_B, IRQ_OP_ACK, COM1_IRQ), 0);
}

/* B's notice count once its binding is open: an acknowledgement may bring
 * one more notice at once (an edge the UART raised while B was masked is
 * kept, not lost), and that one wants acknowledging too. */
static long open_binding(uint8_t driver)
{
	long n = ask(driver, IRQ_OP_NOTICES, 0);

	for (int i = 0; i < 5; i++) {
		ask(driver, IRQ_OP_ACK, COM1_IRQ);
		nap_ms(50);
		long now = ask(driver, IRQ_OP_NOTICES, 0);
		if (now == n)
			break;
		n = now;
	}
	return n;
}

/* A key while B is out of bc_recv: the notice is owed, then comes first. */
static void owed_while_busy(void)
{
	struct bc_msg m = {.sys_id = IRQ_DRIVER_B,
			   .msg_type = MSG_TYPE_COMMAND,
			   .opcode = IRQ_OP_SPIN,
			   .arg = {3000}};

	long before = open_binding(IRQ_DRIVER_B);

	EXPECT("B is sent off to spin", sys_bc_send((long)&m), 0);
	nap_ms(50);
	printf("irq_check: type the fifth key while B spins\n");
	EXPECT("B's notices after the fifth key: one more",
	       notices_reach(IRQ_DRIVER_B, before + 1) - before, 1);
	await_key(IRQ_DRIVER_B, 'e');
	EXPECT("the owed notice came before my queued call",
	       ask(IRQ_DRIVER_B, IRQ_OP_OWED_FIRST, 0), 1);
}

int main(void)
{
	check_start("irq_check");
	if (server_await(IRQ_DRIVER_A, 5000) || server_await(IRQ_DRIVER_B, 5000))
		printf("irq_check: the two irq drivers are not both served\n");
	unprivileged();
	uint64_t before = free_frames();
	binding_errors();
	masked_until_ack();
	forged_notice();
	EXPECT("free frames after binding, notices and acks", (long)(before - free_frames()), 0);
	binder_killed();
	owed_while_busy();
	return check_finish();
}
