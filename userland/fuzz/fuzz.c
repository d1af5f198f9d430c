/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A seeded syscall fuzzer: random numbers (every one in the list, numbers
 * just outside each table, random ones) with arguments drawn from pools of
 * valid and hostile values, through both gates, and random Brain Controller
 * messages to every system. Same seed, same calls: a failure replays with
 * ./chappe fuzz --seed S --calls N. It survives if every call returns and
 * the kernel's free-frame and system counts end where they began.
 *
 * usage: fuzz [--seed S] [--calls N] [--trace 1]
 */
#include <abi/bc.h>
#include <abi/kstat.h>
#include <abi/syscalls.h>
#include <chappe/syscall.h>
#include <io/io_client.h>
#include <libserver/client.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USER_TOP 0x0000800000000000UL
#define BUF_SIZE 8192

static uint64_t rng;
static long my_pid, trace;
static int null_fd;
static _Alignas(4096) unsigned char buf[BUF_SIZE];
static const unsigned char rodata_page[64] = "read-only: the kernel must never write here";

static uint64_t next(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17; /* xorshift64 */
	return rng;
}

static uint64_t pick(uint64_t n)
{
	return next() % n;
}

#define SYSCALL_NR(name, nr, owner, nargs) nr,
static const long known[] = {SYSCALLS(SYSCALL_NR)};
#undef SYSCALL_NR

static long number(void)
{
	switch (pick(8)) {
	case 0:
		return (long)pick(SYSCALL_CHAPPE_LIMIT + 4) - 2;
	case 1:
		return (long)next();
	case 2:
		return SYSCALL_POSIX_LIMIT + (long)pick(3) - 1;
	case 3:
		return SYSCALL_CHAPPE_LIMIT + (long)pick(3) - 1;
	default:
		return known[pick(sizeof known / sizeof known[0])];
	}
}

/* A string with no NUL before the end of user space. */
static uint64_t unterminated(void)
{
	memset((void *)(USER_TOP - 64), 'A', 64);
	return USER_TOP - 64;
}

static uint64_t value(void)
{
	static const uint64_t hostile[] = {
	    0,
	    1,
	    (uint64_t)-1,
	    0x0000800000000000UL,
	    0x8000000000000000UL,
	    0xffff7fffffffffffUL,
	    0xffff800000001000UL,
	    0xffffffff80000000UL,
	    0x80000000UL,
	    0x7fffffffUL,
	    USER_TOP - 4096,
	    USER_TOP - 8,
	    4096,
	    0x10,
	};

	switch (pick(10)) {
	case 0:
	case 1:
		return (uint64_t)buf;
	case 2:
		return pick(2) ? BUF_SIZE : pick(64);
	case 3:
		return unterminated();
	case 4:
		return (uint64_t)buf + 1 + pick(7); /* misaligned */
	case 5:
		return (uint64_t)rodata_page; /* read-only output buffer */
	case 6:
		return pick(64);
	case 7:
		return next();
	default:
		return hostile[pick(sizeof hostile / sizeof hostile[0])];
	}
}

static const uint8_t systems[] = {SYS_ID_IO, SYS_ID_MEMORY, SYS_ID_EXEC, SYS_ID_DAGFS, 0x40, 0x77,
				  0};

/* A random message in buf, for bc_send and bc_call. */
static void message(void)
{
	struct bc_msg *m = (struct bc_msg *)buf;

	m->sys_id = pick(4) ? systems[pick(sizeof systems)] : (uint8_t)next();
	m->msg_type = pick(2) ? MSG_TYPE_COMMAND : (uint8_t)next();
	m->flags = (uint16_t)next();
	m->sender = (uint32_t)next();
	m->opcode = pick(2) ? (uint64_t)number() : pick(0x210);
	for (int i = 0; i < 6; i++)
		m->arg[i] = value();
}

/* Memory of ours a timespec could be read from. */
static int readable(uint64_t p)
{
	return (p >= (uint64_t)buf && p < (uint64_t)buf + BUF_SIZE) ||
	       (p >= USER_TOP - 16 * 4096 && p < USER_TOP) ||
	       (p >= (uint64_t)rodata_page && p < (uint64_t)rodata_page + sizeof rodata_page) ||
	       (p >= 0x400000 && p < (uint64_t)buf);
}

/* Calls that would hang or spray the console are made harmless (never skipped
 * silently: the arguments are changed, the call is still made). */
/* fd calls on io: reads and writes only on the null device (a pipe the run
 * made could block it for good, the console would wait for a keyboard or be
 * sprayed), and stdout, stderr and the null fd are never closed or replaced. */
static void tame_io(long op, uint64_t a[6])
{
	if ((op == SYS_write || op == SYS_read) && a[0] < 64)
		a[0] = (uint64_t)null_fd;
	if ((op == SYS_close || op == SYS_dup2) && a[op == SYS_dup2] <= (uint64_t)null_fd)
		a[op == SYS_dup2] = 31; /* the null device itself must stay put too */
}

static void tame(long nr, uint64_t a[6])
{
	struct bc_msg *m = (struct bc_msg *)buf;

	tame_io(nr, a);
	/* Serving a user SYS_ID would leave a later bc_recv waiting for good
	 * (and change the system count): the system range gives EPERM instead. */
	if (nr == SYS_bc_register && a[0] >= SYS_ID_USER_FIRST && a[0] < SYS_ID_COUNT)
		a[0] = SYS_ID_USER_FIRST - 1;
	if (nr == SYS_nanosleep && readable(a[0])) {
		a[0] = (uint64_t)buf; /* garbage there could mean a century */
		memcpy(buf, (uint64_t[2]){0, 1000}, 16);
	}
	if ((nr == SYS_bc_call || nr == SYS_bc_send) && a[0] == (uint64_t)buf) {
		message();
		if (m->sys_id == SYS_ID_IO)
			tame_io((long)m->opcode, m->arg);
	}
}

static long one_call(void)
{
	long nr = number();
	uint64_t a[6];

	for (int i = 0; i < 6; i++)
		a[i] = value();
	if (nr == SYS_exit)
		nr = SYS_getpid; /* the only call that would end the fuzzer itself */
	tame(nr, a);
	if (trace) {
		const struct bc_msg *m = (const struct bc_msg *)buf;
		printf("FUZZ call nr=%ld args=%lx %lx %lx %lx %lx %lx\n", nr, a[0], a[1], a[2],
		       a[3], a[4], a[5]);
		if ((nr == SYS_bc_call || nr == SYS_bc_send) && a[0] == (uint64_t)buf)
			printf("FUZZ   msg sys_id=%#x type=%#x op=%#lx args=%lx %lx %lx %lx\n",
			       m->sys_id, m->msg_type, m->opcode, m->arg[0], m->arg[1], m->arg[2],
			       m->arg[3]);
	}
	long (*gate)(long, long, long, long, long, long, long) =
	    pick(2) ? syscall6 : int80_syscall6;
	long r = gate(nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4], (long)a[5]);
	if (sys_getpid() != my_pid)
		sys_exit(0); /* a fork (direct, or asked of the memory server): the child leaves */
	return r;
}

static void reap(int wait_all)
{
	int status;

	while (sys_wait4(-1, (long)&status, wait_all ? 0 : WNOHANG, 0) > 0)
		;
}

static long arg(int argc, char **argv, const char *name, long fallback)
{
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], name))
			return strtol(argv[i + 1], 0, 0);
	return fallback;
}

int main(int argc, char **argv)
{
	long seed = arg(argc, argv, "--seed", 1), calls = arg(argc, argv, "--calls", 20000);
	struct chappe_kstat before, after;

	trace = arg(argc, argv, "--trace", 0);
	rng = (uint64_t)seed * 0x9e3779b97f4a7c15ULL + 1;
	my_pid = sys_getpid();
	int down = server_await_boot(10000);
	if (down)
		return printf("FUZZ: SYS_ID %#x never came up\n", down), 1;
	null_fd = io_devopen("null");
	/* The heap region's upper page tables live until exit: make them now,
	 * so only what the run itself leaks shows in the counts. */
	sys_break((long)(CHAPPE_HEAP_BASE + 4096));
	sys_break((long)CHAPPE_HEAP_BASE);
	reap(1);
	sys_kstat((long)&before);
	printf("FUZZ seed=%ld calls=%ld starting: %lu free frames, %u systems\n", seed, calls,
	       before.free_frames, before.systems);
	for (long i = 1; i <= calls; i++) {
		one_call();
		if (i % 64 == 0)
			reap(0);
		if (i % (calls / 10 ? calls / 10 : 1) == 0)
			printf("FUZZ progress %ld/%ld\n", i, calls);
	}
	reap(1);
	sys_break((long)CHAPPE_HEAP_BASE); /* whatever break the run left */
	sys_kstat((long)&after);
	printf("FUZZ seed=%ld after: %lu free frames, %u systems\n", seed, after.free_frames,
	       after.systems);
	if (after.free_frames != before.free_frames || after.systems != before.systems) {
		printf("FUZZ seed=%ld calls=%ld FAILED: counts changed\n", seed, calls);
		return 1;
	}
	printf("FUZZ seed=%ld calls=%ld survived\n", seed, calls);
	return 0;
}
