/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Every hostile pointer against every pointer-taking call and message: the
 * exact errno, and nothing written where it must not be (a read-only page
 * and the bytes next to a straddling buffer keep their contents).
 */
#include "check.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
#include <dagfs/dagfs_protocol.h>
#include <io/io_protocol.h>
#include <string.h>

#define USER_TOP 0x0000800000000000UL

static const char rodata[4096] __attribute__((aligned(4096))) = "read-only";

struct hostile {
	const char *name;
	uint64_t p;
	int output_only; /* fine to read from, bad to write to */
};

static struct hostile pool[] = {
    {"NULL", 0, 0},
    {"1", 1, 0},
    {"0x0000800000000000", 0x0000800000000000UL, 0},
    {"0x8000000000000000", 0x8000000000000000UL, 0},
    {"direct map", 0xffff800000001000UL, 0},
    {"kernel text", 0xffffffff80000000UL, 0},
    {"0xffffffffffffffff", 0xffffffffffffffffUL, 0},
    {"INT_MAX+1", 0x80000000UL, 0},
    {"misaligned, unmapped", 0x10000001UL, 0},
    {"straddling the top", USER_TOP - 2, 0},
    {"read-only page", (uint64_t)rodata, 1},
};

#define NPOOL (sizeof pool / sizeof pool[0])

static long call_msg(uint8_t sys_id, uint64_t op, uint64_t a0, uint64_t a1, uint64_t a2,
		     uint64_t a3)
{
	struct bc_msg m = {.sys_id = sys_id, .msg_type = MSG_TYPE_COMMAND, .opcode = op};

	m.arg[0] = a0, m.arg[1] = a1, m.arg[2] = a2, m.arg[3] = a3;
	return sys_bc_call((long)&m);
}

static void out_cases(const struct hostile *h, char *what, size_t size)
{
	snprintf(what, size, "clock_gettime into %s", h->name);
	EXPECT(what, sys_clock_gettime(3, (long)h->p), -EFAULT);
	snprintf(what, size, "kstat into %s", h->name);
	EXPECT(what, sys_kstat((long)h->p), -EFAULT);
	snprintf(what, size, "proc_info into %s", h->name);
	EXPECT(what, sys_proc_info(sys_getpid(), (long)h->p), -EFAULT);
	snprintf(what, size, "wait4 status into %s", h->name);
	EXPECT(what, sys_wait4(-1, (long)h->p, 0, 0), h->p ? -EFAULT : -ECHILD);
	snprintf(what, size, "read(0) into %s", h->name);
	EXPECT(what, sys_read(0, (long)h->p, 16), -EFAULT);
	/* bc_call(NULL) takes its message from registers (docs/syscalls.md):
	 * with all of them 0 it is no command. */
	snprintf(what, size, "bc_call with message at %s", h->name);
	EXPECT(what, h->p ? sys_bc_call((long)h->p) : syscall6(SYS_bc_call, 0, 0, 0, 0, 0, 0),
	       h->p ? -EFAULT : -EINVAL);
	snprintf(what, size, "stat into %s", h->name);
	EXPECT(what, sys_stat((long)"/etc", (long)h->p), -EFAULT);
	snprintf(what, size, "nanosleep remainder into %s", h->name);
	EXPECT(what, sys_nanosleep((long)(uint64_t[2]){0, 1}, (long)h->p), h->p ? -EFAULT : 0);
}

static void in_cases(const struct hostile *h, char *what, size_t size)
{
	snprintf(what, size, "write from %s", h->name);
	EXPECT(what, sys_write(1, (long)h->p, 16), -EFAULT);
	snprintf(what, size, "nanosleep from %s", h->name);
	EXPECT(what, sys_nanosleep((long)h->p, 0), -EFAULT);
	snprintf(what, size, "execve path %s", h->name);
	EXPECT(what, sys_execve((long)h->p, 0, 0), -EFAULT);
	if (h->p) { /* a NULL argv is allowed: it would really run /bin/true */
		snprintf(what, size, "execve argv %s", h->name);
		EXPECT(what, sys_execve((long)"/bin/true", (long)h->p, 0), -EFAULT);
	}
	snprintf(what, size, "bc_send from %s", h->name);
	EXPECT(what, sys_bc_send((long)h->p), -EFAULT);
	/* 40 bytes: too long to travel in the message, so dagfs copies them. */
	snprintf(what, size, "dagfs stat path %s", h->name);
	EXPECT(what, call_msg(SYS_ID_DAGFS, VFS_OP_STAT, VFS_PATH_WORD(40, 0), h->p, 0, 0),
	       -EFAULT);
	snprintf(what, size, "dagfs open path %s", h->name);
	EXPECT(what, call_msg(SYS_ID_DAGFS, VFS_OP_OPEN, VFS_PATH_WORD(40, 0), h->p, 0, 0),
	       -EFAULT);
	snprintf(what, size, "dagfs rename to %s", h->name);
	EXPECT(what, call_msg(SYS_ID_DAGFS, VFS_OP_RENAME, 4, (uint64_t) "/tmp", 4, h->p), -EFAULT);
	snprintf(what, size, "io devopen name %s", h->name);
	EXPECT(what, call_msg(SYS_ID_IO, IO_OP_DEVOPEN, h->p, 4, 0, 0), -EFAULT);
}

static unsigned checksum(const void *p, size_t n)
{
	unsigned s = 0;

	for (size_t i = 0; i < n; i++)
		s = s * 31 + ((const unsigned char *)p)[i];
	return s;
}

int main(void)
{
	char what[96];
	unsigned before = checksum(rodata, sizeof rodata);
	volatile uint64_t *top = (volatile uint64_t *)(USER_TOP - 8);
	uint64_t canary = 0x0123456789abcdefUL, saved = *top;

	check_start("bad_pointers");
	*top = canary;
	for (unsigned i = 0; i < NPOOL; i++) {
		out_cases(&pool[i], what, sizeof what);
		if (!pool[i].output_only)
			in_cases(&pool[i], what, sizeof what);
	}
	EXPECT("unterminated path at the top",
	       (memset((void *)(USER_TOP - 64), 'A', 56), sys_execve((long)(USER_TOP - 64), 0, 0)),
	       -EFAULT);
	EXPECT("read-only page unchanged", checksum(rodata, sizeof rodata), before);
	EXPECT("bytes beside the straddling buffer unchanged", *top == canary, 1);
	*top = saved;
	return check_finish();
}
