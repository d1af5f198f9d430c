/* SPDX-License-Identifier: BSD-2-Clause */
/* Every bad pointer, length and fd gets its exact -errno, and we go on. */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define USER_TOP 0x0000800000000000L
#define STACK_BOTTOM (USER_TOP - 16 * 4096)
#define STACK_FLOOR (USER_TOP - (8 << 20)) /* RLIMIT_STACK's default: it grows no lower */
#define LONG_LINES 82

static long wr(long fd, long buf, long len)
{
	return sys_write(fd, buf, len);
}

static void bad_buffers(void)
{
	EXPECT("null buffer", wr(1, 0, 5), -EFAULT);
	EXPECT("kernel-half buffer", wr(1, (long)0xffffffff80000000UL, 5), -EFAULT);
	EXPECT("non-canonical 0x0000800000000000", wr(1, USER_TOP, 5), -EFAULT);
	EXPECT("non-canonical 0x8000000000000000", wr(1, (long)0x8000000000000000UL, 5), -EFAULT);
	EXPECT("unmapped buffer", wr(1, 0x10000000, 5), -EFAULT);
	EXPECT("straddling the end of user space", wr(1, USER_TOP - 16, 32), -EFAULT);
	EXPECT("straddling an unmapped page (below the stack's floor)", wr(1, STACK_FLOOR - 8, 16),
	       -EFAULT);
	EXPECT("below the mapped stack: grown on demand", wr(1, STACK_BOTTOM - 8, 16), 16);
	EXPECT("length SIZE_MAX", wr(1, (long)"x", -1), -EINVAL);
}

static void bad_fds(void)
{
	EXPECT("fd 3", wr(3, (long)"x", 1), -EBADF);
	EXPECT("fd 99", wr(99, (long)"x", 1), -EBADF);
	EXPECT("fd -1", wr(-1, (long)"x", 1), -EBADF);
	EXPECT("fd 2^40", wr(1L << 40, (long)"x", 1), -EBADF);
	EXPECT("fd 0 (stdin) for writing", wr(0, (long)"x", 1), -EBADF);
	EXPECT("read from fd 1", sys_read(1, (long)"x", 1), -EBADF);
	EXPECT("read into a null buffer", sys_read(0, 0, 4), -EFAULT);
	EXPECT("read into the kernel half", sys_read(0, (long)0xffffffff80001000UL, 4), -EFAULT);
}

static void lengths(void)
{
	static char line[100];
	static char big[LONG_LINES * sizeof line];

	EXPECT("length 0", wr(1, (long)"x", 0), 0);
	EXPECT("length 0, null buffer", wr(1, 0, 0), 0);
	EXPECT("one byte", wr(1, (long)"\n", 1), 1);
	memset(line, '.', sizeof line);
	memcpy(line, "write_errors: long write line", 29);
	line[sizeof line - 1] = '\n';
	for (int i = 0; i < LONG_LINES; i++)
		memcpy(big + i * sizeof line, line, sizeof line);
	EXPECT("8200-byte write completes", wr(1, (long)big, sizeof big), sizeof big);
	EXPECT("stderr write", wr(2, (long)"write_errors: to stderr\n", 24), 24);
}

/* A buffer whose second page is not mapped: the first page is written and
 * the count says so, nothing past the fault; a write that starts at the
 * fault is EFAULT. Into a dagfs file, so the bytes that arrived can be
 * counted afterwards. */
static void partial_write(void)
{
	char *top = sbrk(0), *page = (char *)(((uintptr_t)top + 4095) & ~(uintptr_t)4095);
	struct stat st = {0};

	EXPECT("heap grown to one more page", sbrk(page + 4096 - top) != (void *)-1, 1);
	memset(page, 'p', 4096); /* the next page is past the break: unmapped */
	int fd = open("/tmp/partial", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	EXPECT("open /tmp/partial", fd >= 0, 1);
	EXPECT("8192 bytes of which 4096 are mapped", wr(fd, (long)page, 8192), 4096);
	EXPECT("starting in the unmapped page", wr(fd, (long)page + 4096, 10), -EFAULT);
	EXPECT("fstat", fstat(fd, &st), 0);
	EXPECT("the file holds what the count said", st.st_size, 4096);
	close(fd);
}

int main(void)
{
	check_start("write_errors");
	bad_buffers();
	bad_fds();
	lengths();
	partial_write();
	return check_finish();
}
