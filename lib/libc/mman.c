/* SPDX-License-Identifier: BSD-2-Clause */
/* mmap, munmap, mprotect: the memory server's calls, -errno made errno. A
 * mapping's address is in the lower half, so every answer < 0 is -errno. */
#include <chappe/syscall.h>
#include <errno.h>
#include <sys/mman.h>

static int failed(long r)
{
	if (r >= 0)
		return 0;
	errno = (int)-r;
	return 1;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset)
{
	long r = sys_mmap((long)addr, (long)len, prot, flags, fd, (long)offset);

	return failed(r) ? MAP_FAILED : (void *)r;
}

int munmap(void *addr, size_t len)
{
	return failed(sys_munmap((long)addr, (long)len)) ? -1 : 0;
}

int mprotect(void *addr, size_t len, int prot)
{
	return failed(sys_mprotect((long)addr, (long)len, prot)) ? -1 : 0;
}
