/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The benchmarks both systems run through the POSIX calls a program
 * makes: the loops of the Linux anchor (same n, same calls), in one source
 * built for Chapp-E with its libc (bench.c calls posix_bench) and for
 * Linux with gcc -static as the /init of tools/bench/linux (main below).
 * Under QEMU -icount the TSC advances with instructions executed.
 * docs/bench.md says what each line measures.
 */
#ifdef __linux__
#define _GNU_SOURCE
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/sysmacros.h>
#endif
#include "posix_bench.h"

#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The file the loops open, read and stat, and the program fork_exec_wait
 * runs (told "t", it exits at once): on Linux the bench itself, /init
 * (a static glibc binary, about 770 KB); on Chapp-E a program of about
 * that size (1 MB), and the bench itself for exec. */
#ifdef __linux__
#define BENCH_FILE "/init"
#define BENCH_SELF "/init"
#else
#define BENCH_FILE "/test/exec_echo"
#define BENCH_SELF "/test/bench"
#endif

static inline uint64_t ticks(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* A loop's first tick, marked for tools/bench/tickprof. */
static uint64_t bench_start(void)
{
	BENCH_MARK(1);
	return ticks();
}

static int failed(const char *what)
{
	printf("bench: %s failed\n", what);
	return 1;
}

/* A 3-instruction body (and the loop's own two): what one tick is. */
static int calib_loop5(long n)
{
	uint64_t t = bench_start();

	for (long i = 0; i < n; i++)
		__asm__ volatile("nop; nop; nop" ::: "memory");
	bench_report("calib_loop5", ticks() - t, n);
	return 0;
}

static int null_syscall(long n)
{
	uint64_t t = bench_start();

	for (long i = 0; i < n; i++)
		getppid();
	bench_report("null_syscall", ticks() - t, n);
	return 0;
}

static int write_1byte(long n)
{
	int fd = open("/dev/null", O_WRONLY);
	char c = 'x';
	uint64_t t = bench_start();

	for (long i = 0; i < n; i++)
		if (write(fd, &c, 1) != 1)
			return failed("write_1byte");
	bench_report("write_1byte", ticks() - t, n);
	return close(fd) != 0;
}

static int open_close(long n)
{
	uint64_t t = bench_start();

	for (long i = 0; i < n; i++) {
		int f = open(BENCH_FILE, O_RDONLY);
		if (f < 0 || close(f))
			return failed("open_close");
	}
	bench_report("open_close", ticks() - t, n);
	return 0;
}

/* The same first bytes of the file again and again: cached after the first. */
static int read_at_0(const char *name, char *buf, size_t size, long n)
{
	int f = open(BENCH_FILE, O_RDONLY);
	uint64_t t = bench_start();

	for (long i = 0; i < n; i++)
		if (pread(f, buf, size, 0) != (ssize_t)size)
			return failed(name);
	bench_report(name, ticks() - t, n);
	return close(f) != 0;
}

static int stat_loop(long n)
{
	struct stat st;
	uint64_t t = bench_start();

	for (long i = 0; i < n; i++)
		if (stat(BENCH_FILE, &st))
			return failed("stat");
	bench_report("stat", ticks() - t, n);
	return 0;
}

static char big[65536];

static void write_all_n(int fd, long n)
{
	for (long i = 0; i < n; i++)
		for (size_t d = 0; d < sizeof big;) {
			ssize_t k = write(fd, big + d, sizeof big - d);
			if (k <= 0)
				_exit(1);
			d += (size_t)k;
		}
	_exit(0);
}

/* n × 64 KiB from a child through a pipe, read 64 KiB at a time. */
static int pipe_64k(long n)
{
	int q[2], status = -1;
	long got = 0;
	ssize_t k;

	if (pipe(q))
		return failed("pipe_64k");
	pid_t w = fork();
	if (w == 0)
		write_all_n(q[1], n);
	close(q[1]);
	uint64_t t = bench_start();
	while ((k = read(q[0], big, sizeof big)) > 0)
		got += k;
	bench_report("pipe_64k", ticks() - t, got / (long)sizeof big);
	waitpid(w, &status, 0);
	close(q[0]);
	return got != n * (long)sizeof big || status != 0 ? failed("pipe_64k") : 0;
}

/* One byte to a child and one back, over two pipes. */
static int pipe_pingpong(long n)
{
	int a[2], b[2], status = -1;
	char c = 'x';

	if (pipe(a) || pipe(b))
		return failed("pipe_pingpong");
	pid_t p = fork();
	if (p == 0) {
		for (long i = 0; i < n; i++)
			if (read(a[0], &c, 1) != 1 || write(b[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	uint64_t t = bench_start();
	for (long i = 0; i < n; i++)
		if (write(a[1], &c, 1) != 1 || read(b[0], &c, 1) != 1)
			return failed("pipe_pingpong");
	bench_report("pipe_pingpong", ticks() - t, n);
	waitpid(p, &status, 0);
	close(a[0]), close(a[1]), close(b[0]), close(b[1]);
	return status != 0 ? failed("pipe_pingpong") : 0;
}

static int fork_wait(const char *name, long n, int exec_self)
{
	char *argv[] = {BENCH_SELF, "t", 0};
	int status = -1;
	uint64_t t = bench_start();

	for (long i = 0; i < n; i++) {
		pid_t q = fork();
		if (q == 0) {
			if (exec_self)
				execv(argv[0], argv);
			_exit(exec_self);
		}
		if (q < 0 || waitpid(q, &status, 0) != q || status != 0)
			return failed(name);
	}
	bench_report(name, ticks() - t, n);
	return 0;
}

/* ---- files on a disk (issue 16) ----------------------------------------------
 * In `dir` on the disk under test (Chapp-E: dagfs's data partition; Linux:
 * ext4), names prefixed with the disk's kind. Reads are of blocks in no
 * cache: on Linux the page cache is dropped first; on Chapp-E a file just
 * written and synced is on the disk only (a commit empties the write area
 * and writes do not fill the read cache), so each read loop reads a file
 * written for it. */
#define DISK_FILE (16u << 20)
/* The read loops read 4 MiB of their file: under -icount a read that
 * waits for the device is slow in wall time. */
#define DISK_BLOCKS 1024u

static char disk_buf[65536];

static int disk_write_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), bad = fd < 0;

	/* Each 4 KiB block its own (its number in its first bytes): no
	 * filesystem may store one block for many. */
	for (unsigned i = 0; !bad && i < DISK_FILE / sizeof disk_buf; i++) {
		for (unsigned b = 0; b < sizeof disk_buf / 4096; b++) {
			uint64_t id = (uint64_t)i * (sizeof disk_buf / 4096) + b + 1;
			memcpy(disk_buf + b * 4096, &id, sizeof id);
			memcpy(disk_buf + b * 4096 + 8, path, 8);
		}
		bad = write(fd, disk_buf, sizeof disk_buf) != (ssize_t)sizeof disk_buf;
	}
	bad = bad || fsync(fd);
	close(fd);
	return bad;
}

static void drop_caches(void)
{
#ifdef __linux__
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

	sync();
	if (fd >= 0 && write(fd, "3", 1) != 1)
		printf("bench: drop_caches failed\n");
	close(fd);
#endif
}

static void disk_name(char *out, size_t n, const char *kind, const char *loop)
{
	snprintf(out, n, "disk_%s_%s", kind, loop);
}

/* 16 MiB in 64 KiB writes, then one fsync: ticks per write, fsync included. */
static int disk_seq_write(const char *dir, const char *kind)
{
	char path[128], name[64];

	snprintf(path, sizeof path, "%s/seq", dir);
	uint64_t t = bench_start();
	if (disk_write_file(path))
		return failed("disk_seq_write");
	disk_name(name, sizeof name, kind, "write_64k_fsync");
	bench_report(name, ticks() - t, DISK_FILE / sizeof disk_buf);
	return 0;
}

static int disk_read_loop(const char *dir, const char *kind, int random)
{
	char path[128], name[64];
	int fd;

	snprintf(path, sizeof path, "%s/%s", dir, random ? "rand" : "seqr");
	if (disk_write_file(path) || (drop_caches(), fd = open(path, O_RDONLY)) < 0)
		return failed("disk_read");
	uint64_t t = bench_start();
	/* random: block 1237 i mod 4096 (1237 odd: each block once) */
	for (unsigned i = 0; i < DISK_BLOCKS; i++)
		if (pread(fd, disk_buf, 4096, (off_t)((random ? i * 1237u % (DISK_FILE / 4096) : i) * 4096u)) !=
		    4096)
			return close(fd), failed("disk_read");
	disk_name(name, sizeof name, kind, random ? "rand_read_4k" : "seq_read_4k");
	bench_report(name, ticks() - t, DISK_BLOCKS);
	close(fd);
	unlink(path);
	return 0;
}

/* A 100-byte change and its fsync. */
static int disk_fsync_small(const char *dir, const char *kind)
{
	char path[128], name[64];
	int fd;
	long n = 200;

	snprintf(path, sizeof path, "%s/small", dir);
	if ((fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644)) < 0 || write(fd, disk_buf, 8192) != 8192 ||
	    fsync(fd))
		return failed("disk_fsync");
	uint64_t t = bench_start();
	for (long i = 0; i < n; i++) {
		disk_buf[0] = (char)i;
		if (pwrite(fd, disk_buf, 100, (i % 80) * 100) != 100 || fsync(fd))
			return close(fd), failed("disk_fsync");
	}
	disk_name(name, sizeof name, kind, "pwrite_100_fsync");
	bench_report(name, ticks() - t, n);
	close(fd);
	return 0;
}

int posix_bench_disk(const char *dir, const char *kind)
{
	char path[128];
	int bad = disk_seq_write(dir, kind);

	snprintf(path, sizeof path, "%s/seq", dir);
	unlink(path);
	bad += disk_read_loop(dir, kind, 0) + disk_read_loop(dir, kind, 1);
	return bad + disk_fsync_small(dir, kind);
}

int posix_bench(void)
{
	static char buf[65536];
	int bad = calib_loop5(1000000) + null_syscall(20000) + write_1byte(20000);

	bad += open_close(5000) + read_at_0("read_4k", buf, 4096, 5000);
	bad += read_at_0("read_64k", buf, sizeof buf, 1000) + stat_loop(5000);
	bad += pipe_64k(500) + pipe_pingpong(5000);
	bad += fork_wait("fork_exit_wait", 300, 0) + fork_wait("fork_exec_wait", 200, 1);
	return bad;
}

int posix_bench_exec_target(int argc, char **argv)
{
	return argc > 1 && argv[1][0] == 't';
}

#ifdef __linux__
void bench_report(const char *name, uint64_t t, long n)
{
	BENCH_MARK(2);
	printf("BENCH %s %llu ticks/op (n=%ld)\n", name, (unsigned long long)(t / (uint64_t)n), n);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	if (posix_bench_exec_target(argc, argv))
		return 0;
	if (access("/dev/null", F_OK)) /* an initramfs has no devtmpfs */
		mknod("/dev/null", S_IFCHR | 0666, makedev(1, 3));
	int bad = posix_bench();
	/* The disk tools/bench/linux/run.sh gives: ext4 on NVMe. */
	mkdir("/proc", 0755), mkdir("/dev2", 0755), mkdir("/mnt", 0755);
	if (mount("proc", "/proc", "proc", 0, 0) == 0 &&
	    mount("devtmpfs", "/dev2", "devtmpfs", 0, 0) == 0 &&
	    mount("/dev2/nvme0n1", "/mnt", "ext4", 0, 0) == 0)
		bad += posix_bench_disk("/mnt", "nvme");
	else
		printf("bench: no ext4 on /dev/nvme0n1\n");
	printf("BENCH done\n");
	fflush(stdout);
	if (getpid() == 1)
		reboot(RB_POWER_OFF);
	return bad;
}
#endif
