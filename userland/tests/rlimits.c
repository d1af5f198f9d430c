/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * integ_rlimits: getrlimit/setrlimit for open files and processes, with
 * exact errors; per-process limits well below the system's tables, so a
 * dozen processes holding pipes and open files no longer leave everyone
 * else ENFILE (it took 8 processes holding files, or 2 holding pipes).
 * The stack grows on touch up to RLIMIT_STACK, also where the kernel is
 * the first to touch it, and past the limit the process dies alone.
 */
#include "check.h"

#include <abi/errno.h>
#include <abi/syscalls.h>
#include <errno.h>
#include <fcntl.h>
#include <io/io_client.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HOLDERS 12
#define MANY 1024

static int fds[MANY];

static int set(int resource, uint64_t cur, uint64_t max)
{
	struct rlimit r = {cur, max};

	return setrlimit(resource, &r) == 0 ? 0 : -errno;
}

static uint64_t cur_of(int resource)
{
	struct rlimit r = {0, 0};

	getrlimit(resource, &r);
	return r.rlim_cur;
}

/* Open path (or the null device) until it fails: how many, errno in *err. */
static int open_all(const char *path, int *err)
{
	int n = 0;

	while (n < MANY) {
		int fd = path ? open(path, O_RDONLY) : io_devopen("null");
		if (fd < 0) {
			*err = path ? errno : -fd;
			break;
		}
		fds[n++] = fd;
	}
	return n;
}

static void close_all(int n)
{
	for (int i = 0; i < n; i++)
		close(fds[i]);
}

static int exit_code(pid_t pid)
{
	int st = -1;

	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 200 + WTERMSIG(st);
}

static void nofile(void)
{
	struct rlimit r;
	int err = 0, n;

	EXPECT("getrlimit NOFILE",
	       getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur == 64 && r.rlim_max == 1024, 1);
	n = open_all("/etc/motd", &err);
	EXPECT("files opened at the default limit", n, 61);
	EXPECT("then EMFILE", err, EMFILE);
	close_all(n);
	EXPECT("lower NOFILE to 10", set(RLIMIT_NOFILE, 10, 1024), 0);
	n = open_all("/etc/motd", &err);
	EXPECT("files opened at 10", n, 7);
	EXPECT("at 10: EMFILE", err, EMFILE);
	EXPECT("dup2 to fd 10", dup2(0, 10) < 0 ? errno : 0, EBADF);
	close_all(n);
	EXPECT("raise NOFILE to 1024", set(RLIMIT_NOFILE, 1024, 1024), 0);
	n = open_all(0, &err);
	EXPECT("null fds opened at 1024", n, 1021);
	EXPECT("at 1024: EMFILE", err, EMFILE);
	close_all(n);
	EXPECT("soft above hard", set(RLIMIT_NOFILE, 2000, 1024), -EINVAL);
	EXPECT("raise the hard limit", set(RLIMIT_NOFILE, 64, 2048), -EPERM);
	EXPECT("lower the hard limit", set(RLIMIT_NOFILE, 64, 100), 0);
	EXPECT("raise it back", set(RLIMIT_NOFILE, 64, 1024), -EPERM);
}

static void errors(void)
{
	struct rlimit r;

	EXPECT("set RLIMIT_CPU (not enforced)", set(RLIMIT_CPU, 1, 1), -EINVAL);
	EXPECT("get resource 9", getrlimit(RLIM_NLIMITS, &r) < 0 ? errno : 0, EINVAL);
	EXPECT("get into a bad pointer", getrlimit(RLIMIT_NOFILE, (void *)8) < 0 ? errno : 0,
	       EFAULT);
	EXPECT("set from a bad pointer", setrlimit(RLIMIT_NOFILE, (void *)8) < 0 ? errno : 0,
	       EFAULT);
	EXPECT("STACK is 8 MiB", cur_of(RLIMIT_STACK), 8 << 20);
	EXPECT("CPU is unlimited", cur_of(RLIMIT_CPU), RLIM_INFINITY);
	struct rlimit big = {1024, 1024};
	EXPECT("tell io a limit myself (a forged setrlimit)",
	       server_call(SYS_ID_IO, SYS_setrlimit, RLIMIT_NOFILE, (uint64_t)&big, 0, 0), -EPERM);
}

/* A child lowers NPROC to 3 above the processes now alive and forks until
 * it fails; exits with children made * 10 + (the error was EAGAIN). */
static void nproc_child(void)
{
	struct chappe_kstat k;
	pid_t kids[8];
	int made = 0;

	sys_kstat((long)&k);
	set(RLIMIT_NPROC, k.procs + 3, k.procs + 3);
	while (made < 8) {
		pid_t pid = fork();
		if (pid == 0)
			for (;;)
				sched_yield();
		if (pid < 0)
			break;
		kids[made++] = pid;
	}
	int eagain = errno == EAGAIN;
	for (int i = 0; i < made; i++)
		kill(kids[i], SIGKILL), exit_code(kids[i]);
	_exit(made * 10 + eagain);
}

static void nproc(void)
{
	pid_t pid = fork();

	if (pid == 0)
		nproc_child();
	EXPECT("NPROC: 3 more processes, then EAGAIN", exit_code(pid), 31);
	pid = fork();
	if (pid == 0) {
		char *argv[] = {"/test/rlimits", "--report", 0};
		set(RLIMIT_NOFILE, 20, 500);
		execv(argv[0], argv);
		_exit(99);
	}
	EXPECT("fork and execve keep the limit (reported)", exit_code(pid), 20);
}

/* Hold 20 pipes and 21 files (all 64 fds), then wait to be killed. */
static void holder(void)
{
	struct timespec t = {1000, 0};
	int p[2], err;

	for (int i = 0; i < 20; i++)
		if (pipe(p) < 0)
			_exit(1);
	if (open_all("/etc/motd", &err) != 21)
		_exit(2);
	for (;;)
		nanosleep(&t, 0);
}

static void system_tables(void)
{
	pid_t kids[HOLDERS], pid;
	int p[2], ok = 1;
	struct timespec settle = {0, 300 * 1000 * 1000};

	for (int i = 0; i < HOLDERS; i++)
		if ((kids[i] = fork()) == 0)
			holder();
	nanosleep(&settle, 0);
	for (int i = 0; i < HOLDERS; i++)
		ok &= kill(kids[i], 0) == 0; /* still alive: it got all it asked for */
	EXPECT("12 holders of 20 pipes and 21 files each alive", ok, 1);
	EXPECT("a pipe for me too", pipe(p), 0);
	close(p[0]), close(p[1]);
	int fd = open("/etc/motd", O_RDONLY);
	EXPECT("a file for me too", fd >= 0, 1);
	close(fd);
	if ((pid = fork()) == 0) {
		char *argv[] = {"/bin/true", 0};
		execv(argv[0], argv);
		_exit(99);
	}
	EXPECT("exec still works", exit_code(pid), 0);
	for (int i = 0; i < HOLDERS; i++)
		kill(kids[i], SIGKILL), exit_code(kids[i]);
}

/* Each level holds 4 KiB of stack and touches all of it: the levels
 * whose frame still held its mark when the deeper ones returned. */
static long descend(int levels)
{
	volatile char frame[4096];

	for (size_t i = 0; i < sizeof frame; i += 512)
		frame[i] = (char)levels;
	long below = levels ? descend(levels - 1) : 0;
	return below + (frame[0] == (char)levels && frame[3584] == (char)levels);
}

/* A buffer far below anything touched yet, filled first by the kernel. */
static long read_into_deep_buffer(int fd)
{
	char big[2 << 20];
	long n = read(fd, big, 4096); /* big's lowest page: untouched */

	return n == 4096 && big[0] == 'z' && big[4095] == 'z' ? n : -1;
}

static uint64_t free_frames(void)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	return k.free_frames;
}

/* First, while this stack is still small: a child whose limit is 1 MiB
 * goes 2 MiB deep. */
static void stack_limit(void)
{
	uint64_t before = free_frames();
	pid_t pid = fork();

	if (pid == 0) {
		set(RLIMIT_STACK, 1 << 20, 8 << 20);
		descend(512);
		_exit(0);
	}
	EXPECT("past RLIMIT_STACK (1 MiB) it dies of SIGSEGV (200 + 11)", exit_code(pid),
	       200 + SIGSEGV);
	nap_ms(50); /* its kernel stack is freed by whoever runs next */
	EXPECT("free frames back after it", (long)(before - free_frames()), 0);
	EXPECT("STACK above its hard limit", set(RLIMIT_STACK, 8 << 20, 512 << 20), -EPERM);
}

static void stack(void)
{
	int p[2];
	char page[4096];

	stack_limit();
	EXPECT("recursion through 6 MiB of stack", descend(1536), 1537);
	memset(page, 'z', sizeof page);
	pipe(p);
	write(p[1], page, sizeof page);
	EXPECT("read(2) into a 2 MiB stack buffer's untouched end", read_into_deep_buffer(p[0]),
	       4096);
	close(p[0]);
	close(p[1]);
	pid_t pid = fork();
	if (pid == 0) /* the grown pages came along, copy-on-write */
		_exit(descend(1536) == 1537 ? 0 : 1);
	EXPECT("the child of a grown stack recurses as deep", exit_code(pid), 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--report"))
		return (int)cur_of(RLIMIT_NOFILE);
	check_start("rlimits");
	errors();
	stack();
	nproc();
	system_tables();
	nofile(); /* last: it lowers this process's hard limit */
	return check_finish();
}
