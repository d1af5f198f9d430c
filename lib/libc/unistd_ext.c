/* SPDX-License-Identifier: BSD-2-Clause */
/* POSIX calls portable programs expect, on what the kernel already does. */
#include <chappe/syscall.h>
#include <errno.h>
#include <limits.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* io checks the mode (EINVAL) and that the file exists. */
int access(const char *path, int mode)
{
	long r = sys_access((long)path, mode);

	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return 0;
}

/* nanosleep never stops early (there are no signal handlers), so sleep
 * always sleeps all of it. */
unsigned sleep(unsigned seconds)
{
	struct timespec ts = {seconds, 0}, rem = {0, 0};

	if (nanosleep(&ts, &rem) < 0)
		return (unsigned)rem.tv_sec + (rem.tv_nsec > 0);
	return 0;
}

int usleep(unsigned long usec)
{
	struct timespec ts = {(time_t)(usec / 1000000), (long)(usec % 1000000) * 1000};

	return nanosleep(&ts, 0);
}

#define PAGE_SIZE 4096
#define CLK_TCK 100 /* times(2) would count in hundredths, as OpenBSD's */

long sysconf(int name)
{
	struct rlimit rl;

	switch (name) {
	case _SC_ARG_MAX:
		return ARG_MAX;
	case _SC_CHILD_MAX:
		return getrlimit(RLIMIT_NPROC, &rl) < 0 ? -1 : (long)rl.rlim_cur;
	case _SC_CLK_TCK:
		return CLK_TCK;
	case _SC_OPEN_MAX:
		return getrlimit(RLIMIT_NOFILE, &rl) < 0 ? -1 : (long)rl.rlim_cur;
	case _SC_PAGESIZE:
		return PAGE_SIZE;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return 1; /* the scheduler runs on the boot CPU */
	default:
		errno = EINVAL;
		return -1;
	}
}
