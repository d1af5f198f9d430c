/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Random system calls: random numbers (every one in the list, numbers just
 * outside each table, random ones) with arguments drawn from pools of valid
 * and hostile values, through both gates, and random Brain Controller
 * messages to every system.
 */
#include "fuzz.h"

#include <abi/bc.h>
#include <abi/syscalls.h>
#include <chappe/syscall.h>
#include <io/io_client.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#define USER_TOP 0x0000800000000000UL
#define BUF_SIZE 8192

static long my_pid;
static int null_fd;
static _Alignas(4096) unsigned char buf[BUF_SIZE];
static const unsigned char rodata_page[64] = "read-only: the kernel must never write here";

#define SYSCALL_NR(name, nr, owner, nargs, priv) nr,
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

/* The fuzzing processes, the watchdog and its holder are ordinary processes
 * any of them could kill: a real signal only ever goes to a pid that cannot
 * exist, signal 0 (may I?) to any. */
static void tame_kill(long nr, uint64_t a[6])
{
	if (nr == SYS_kill && a[1] != 0)
		a[0] = 0x7fff0000 + (a[0] & 0xffff);
}

void __sigtramp(void); /* libc's: where a handler returns */
static _Alignas(16) unsigned char alt_stack[SIGSTKSZ];
static volatile long caught;

static void count_signal(int sig)
{
	(void)sig;
	caught++;
}

/* Signal calls whose random arguments would end or hang the fuzzer: a
 * handler is only ever ours (a random address would run wild when a
 * SIGCHLD or SIGALRM comes), SIGALRM is always caught, an alternate stack
 * is only ever ours, and sigsuspend has its SIGALRM on the way. sigreturn
 * with a random context would kill the fuzzer: sigframes.c forges those in
 * children. */
static void tame_signals(long *nr, uint64_t a[6])
{
	static const uint64_t handlers[] = {CHAPPE_SIG_DFL, CHAPPE_SIG_IGN, (uint64_t)count_signal};
	struct chappe_sigaction *act = (struct chappe_sigaction *)(buf + 4096);
	stack_t *ss = (stack_t *)(buf + 4096);

	if (*nr == SYS_sigaction && a[1]) {
		act->handler = (a[0] & 0xff) == SIGALRM	  ? (uint64_t)count_signal
			       : (a[0] & 0xff) == SIGPIPE ? CHAPPE_SIG_IGN
							  : handlers[pick(3)];
		act->mask = next();
		act->flags = (int)(next() & 0x7f);
		if ((a[0] & 0xff) == SIGALRM)
			act->flags &= ~SA_RESETHAND;
		act->restorer = (uint64_t)__sigtramp;
		a[1] = (uint64_t)act;
	}
	if (*nr == SYS_sigaltstack && a[0]) {
		*ss = (stack_t){alt_stack, sizeof alt_stack, pick(2) ? 0 : SS_DISABLE};
		a[0] = (uint64_t)ss;
	}
	if (*nr == SYS_sigsuspend) {
		/* Periodic: one SIGALRM could come before the call sleeps. */
		struct itimerval soon = {{0, 1000}, {0, 1000}};
		a[0] &= ~(1ULL << SIGALRM);
		setitimer(ITIMER_REAL, &soon, 0);
	}
	if (*nr == SYS_sigreturn)
		*nr = SYS_sigpending;
}

static void tame(long nr, uint64_t a[6])
{
	struct bc_msg *m = (struct bc_msg *)buf;

	tame_io(nr, a);
	tame_kill(nr, a);
	mman_shape(nr, a);
	if (nr == SYS_reboot)
		a[0] |= 0x40000000; /* a bit reboot refuses: run from a shell, the fuzzer goes on */
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

void calls_one(void)
{
	long nr = pick(16) ? number() : mman_number();
	uint64_t a[6];

	for (int i = 0; i < 6; i++)
		a[i] = value();
	if (nr == SYS_exit)
		nr = SYS_getpid; /* the only call that would end the fuzzer itself */
	tame_signals(&nr, a);
	tame(nr, a);
	if (fuzz_opt.trace) {
		const struct bc_msg *m = (const struct bc_msg *)buf;
		printf("FUZZ %ld call nr=%ld args=%lx %lx %lx %lx %lx %lx\n", fuzz_stream, nr, a[0],
		       a[1], a[2], a[3], a[4], a[5]);
		if ((nr == SYS_bc_call || nr == SYS_bc_send) && a[0] == (uint64_t)buf)
			printf("FUZZ   msg sys_id=%#x type=%#x op=%#lx args=%lx %lx %lx %lx\n",
			       m->sys_id, m->msg_type, m->opcode, m->arg[0], m->arg[1], m->arg[2],
			       m->arg[3]);
	}
	long (*gate)(long, long, long, long, long, long, long) =
	    pick(2) ? syscall6 : int80_syscall6;
	mman_note(nr,
		  gate(nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4], (long)a[5]));
	if (nr == SYS_sigsuspend)
		setitimer(ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 0}}, 0);
	if (sys_getpid() != my_pid)
		sys_exit(0); /* a fork (direct, or asked of the memory server): the child leaves */
}

/* In each fuzzing process, before its first call. */
void calls_init(void)
{
	my_pid = sys_getpid();
	null_fd = io_devopen("null");
	signal(SIGALRM, count_signal);
	signal(SIGPIPE, SIG_IGN); /* a pipe it made and closed: EPIPE is the answer to see */
	mman_init();
}
