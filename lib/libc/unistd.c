/* SPDX-License-Identifier: BSD-2-Clause */
/* POSIX wrappers: -errno from the kernel becomes -1 and errno. */
#include <chappe/syscall.h>
#include <errno.h>
#include <time.h>
#include <abi/layout.h>
#include <fcntl.h>
#include <stdarg.h>
#include <signal.h>
#include <termios.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int errno;

static long check(long r)
{
	if (r < 0 && r >= -4095) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return check(sys_write(fd, (long)buf, (long)n));
}

ssize_t read(int fd, void *buf, size_t n)
{
	return check(sys_read(fd, (long)buf, (long)n));
}

int sched_yield(void)
{
	return (int)check(sys_sched_yield());
}

void _exit(int status)
{
	sys_exit(status);
	__builtin_unreachable();
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
	return (int)check(sys_clock_gettime(id, (long)ts));
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)check(sys_nanosleep((long)req, (long)rem));
}

pid_t fork(void)
{
	return (pid_t)check(sys_fork());
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)check(sys_execve((long)path, (long)argv, (long)envp));
}

int execv(const char *path, char *const argv[])
{
	static char *const no_env[] = {0};

	return execve(path, argv, no_env);
}

pid_t wait4(pid_t pid, int *status, int options, void *rusage)
{
	return (pid_t)check(sys_wait4(pid, (long)status, options, (long)rusage));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, 0);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, 0);
}

static char *heap_break = (char *)CHAPPE_HEAP_BASE;

int brk(void *addr)
{
	if (check(sys_break((long)addr)) < 0)
		return -1;
	heap_break = addr;
	return 0;
}

/* The kernel maps whole pages; the break itself is kept to the byte. */
void *sbrk(intptr_t incr)
{
	char *old = heap_break;

	if (incr && brk(old + incr) < 0)
		return (void *)-1;
	return old;
}

int stat(const char *path, struct stat *st)
{
	return (int)check(sys_stat((long)path, (long)st));
}

int lstat(const char *path, struct stat *st)
{
	return (int)check(sys_lstat((long)path, (long)st));
}

int mkdir(const char *path, mode_t mode)
{
	return (int)check(sys_mkdir((long)path, (long)mode));
}

int rmdir(const char *path)
{
	return (int)check(sys_rmdir((long)path));
}

int unlink(const char *path)
{
	return (int)check(sys_unlink((long)path));
}

int chdir(const char *path)
{
	return (int)check(sys_chdir((long)path));
}

int fchdir(int fd)
{
	return (int)check(sys_fchdir(fd));
}

int ftruncate(int fd, off_t length)
{
	return (int)check(sys_ftruncate(fd, (long)length));
}

/* sync cannot fail in POSIX: a filesystem that could not write says so on
 * its console, and the next fsync reports it. */
void sync(void)
{
	sys_sync();
}

int fsync(int fd)
{
	return (int)check(sys_fsync(fd));
}

/* dagfs commits a whole root: a file's data and its metadata are one. */
int fdatasync(int fd)
{
	return fsync(fd);
}

int rename(const char *from, const char *to)
{
	return (int)check(sys_rename((long)from, (long)to));
}

int open(const char *path, int flags, ...)
{
	va_list ap;

	va_start(ap, flags);
	int mode = flags & O_CREAT ? va_arg(ap, int) : 0;
	va_end(ap);
	return (int)check(sys_open((long)path, flags, mode));
}

int close(int fd)
{
	return (int)check(sys_close(fd));
}

int dup(int fd)
{
	return (int)check(sys_dup(fd));
}

int dup2(int from, int to)
{
	return (int)check(sys_dup2(from, to));
}

int pipe(int fds[2])
{
	return (int)check(sys_pipe((long)fds));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return (off_t)check(sys_lseek(fd, offset, whence));
}

ssize_t pread(int fd, void *buf, size_t n, off_t offset)
{
	return check(sys_pread(fd, (long)buf, (long)n, offset));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset)
{
	return check(sys_pwrite(fd, (long)buf, (long)n, offset));
}

int fstat(int fd, struct stat *st)
{
	return (int)check(sys_fstat(fd, (long)st));
}

char *getcwd(char *buf, size_t size)
{
	return check(sys___getcwd((long)buf, (long)size)) < 0 ? 0 : buf;
}

pid_t getpgrp(void)
{
	return (pid_t)sys_getpgrp();
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)check(sys_getpgid(pid));
}

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)check(sys_setpgid(pid, pgid));
}

pid_t setsid(void)
{
	return (pid_t)check(sys_setsid());
}

pid_t getsid(pid_t pid)
{
	return (pid_t)check(sys_getsid(pid));
}

int kill(pid_t pid, int sig)
{
	return (int)check(sys_kill(pid, sig));
}

int getrlimit(int resource, struct rlimit *rl)
{
	return (int)check(sys_getrlimit(resource, (long)rl));
}

int setrlimit(int resource, const struct rlimit *rl)
{
	return (int)check(sys_setrlimit(resource, (long)rl));
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	long arg;

	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	return (int)check(sys_ioctl(fd, (long)request, arg));
}

int tcdrain(int fd)
{
	return ioctl(fd, TIOCDRAIN, 0L);
}
