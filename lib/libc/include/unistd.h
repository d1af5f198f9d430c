/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

ssize_t write(int fd, const void *buf, size_t n);
ssize_t read(int fd, void *buf, size_t n);
pid_t getpid(void);
pid_t getppid(void);
/* Process groups and sessions (docs/signals.md). */
pid_t getpgrp(void);
pid_t getpgid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t setsid(void);
pid_t getsid(pid_t pid);
unsigned alarm(unsigned seconds);
int pause(void);
int sched_yield(void);
__attribute__((noreturn)) void _exit(int status);
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int brk(void *addr);
int chdir(const char *path);
int fchdir(int fd);
char *getcwd(char *buf, size_t size);
int close(int fd);
int dup(int fd);
int dup2(int from, int to);
int pipe(int fds[2]);
off_t lseek(int fd, off_t offset, int whence);
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
int rmdir(const char *path);
int unlink(const char *path);
void *sbrk(intptr_t incr);
/* issue 15: read and write at an offset; the fd's own offset stays. */
ssize_t pread(int fd, void *buf, size_t n, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset);
int ftruncate(int fd, off_t length);
void sync(void);
int fsync(int fd);
int fdatasync(int fd);

/* lib/libc/unistd_ext.c and getopt.c. */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
/* Whether path exists: no filesystem keeps owners, so every mode is granted. */
int access(const char *path, int mode);
/* lib/libc/termios.c: the terminal. 1 for the console (the one
 * terminal), 0 with errno ENOTTY otherwise (EBADF for no fd). */
int isatty(int fd);
/* The terminal's name, /dev/console; 0 with errno for another file. */
char *ttyname(int fd);
int ttyname_r(int fd, char *buf, size_t len);
/* The foreground process group of the caller's controlling terminal fd
 * (POSIX's errors: ENOTTY, and EINVAL or EPERM for a bad group). */
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
unsigned sleep(unsigned seconds);
int usleep(unsigned long usec);
/* OpenBSD's numbers; the ones Chapp-E answers. */
#define _SC_ARG_MAX 1
#define _SC_CHILD_MAX 2
#define _SC_CLK_TCK 3
#define _SC_OPEN_MAX 5
#define _SC_PAGESIZE 28
#define _SC_PAGE_SIZE _SC_PAGESIZE
#define _SC_NPROCESSORS_CONF 502
#define _SC_NPROCESSORS_ONLN 503
long sysconf(int name);
int getopt(int argc, char *const argv[], const char *optstring);
extern char *optarg;
extern int optind, opterr, optopt;
