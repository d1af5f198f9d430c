/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mmap, munmap, mprotect (docs/memory.md). Without arguments: anonymous
 * shared memory seen both ways across fork (and a later fork), private
 * memory not shared, zero fill, MAP_FIXED, a file's bytes, the exact
 * errnos, W^X, and free frames and the charge back after a map, fork,
 * exec, unmap, exit cycle. With "faults": what must fault does, each in a
 * child whose wait status is checked (SIGSEGV), and mprotect's effects.
 */
#include "check.h"
#include "elfgen.h"

#include <abi/signal.h>
#include <abi/syscalls.h>
#include <abi/vm.h>
#include <chappe/syscall.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define RW (PROT_READ | PROT_WRITE)
#define ANON_SHARED (MAP_SHARED | MAP_ANON)
#define ANON_PRIVATE (MAP_PRIVATE | MAP_ANON)
#define FILE_SIZE 100000 /* two 64 KiB reads of io and a part page */

static char *map(size_t len, int prot, int flags)
{
	return mmap(0, len, prot, flags, -1, 0);
}

/* The child's wait status. */
static int wait_for(pid_t child)
{
	int status = -1;

	waitpid(child, &status, 0);
	return status;
}

/* Wait up to two seconds for *p to become want: 1 if it did. */
static int seen(volatile char *p, char want)
{
	for (int i = 0; i < 200 && *p != want; i++)
		nap_ms(10);
	return *p == want;
}

/* The child: sees the parent's writes to both, writes its own, waits for
 * the parent's next one, forks a grandchild that writes too. */
static void sharing_child(volatile char *s, volatile char *p)
{
	int ok = s[0] == 1 && p[0] == 1;
	pid_t g;

	s[1] = 2;
	p[1] = 2;
	ok &= seen(&s[2], 3);
	g = fork();
	if (g == 0) {
		s[3] = 4;
		_exit(0);
	}
	ok &= wait_for(g) == 0;
	_exit(ok ? 0 : 1);
}

static void sharing(void)
{
	volatile char *s = map(4 * PAGE, RW, ANON_SHARED), *p = map(4 * PAGE, RW, ANON_PRIVATE);
	pid_t c;

	EXPECT("shared mapping made", s != MAP_FAILED, 1);
	EXPECT("private mapping made", p != MAP_FAILED, 1);
	EXPECT("fresh pages are zero", s[0] + s[4 * PAGE - 1] + p[0] + p[4 * PAGE - 1], 0);
	s[0] = 1;
	p[0] = 1;
	c = fork();
	if (c == 0)
		sharing_child(s, p);
	EXPECT("parent sees the child's shared write", seen(&s[1], 2), 1);
	s[2] = 3;
	EXPECT("child saw the parent's writes, a grandchild forked (status)", wait_for(c), 0);
	EXPECT("grandchild's write seen (a later fork keeps it shared)", s[3], 4);
	EXPECT("private page kept the parent's own", p[1], 0);
	EXPECT("munmap shared", munmap((void *)s, 4 * PAGE), 0);
	EXPECT("munmap private", munmap((void *)p, 4 * PAGE), 0);
}

static uintptr_t page_of(const void *p)
{
	return (uintptr_t)p & ~(uintptr_t)(PAGE - 1);
}

static long fixed_at(uintptr_t addr)
{
	void *r = mmap((void *)addr, PAGE, RW, ANON_PRIVATE | MAP_FIXED, -1, 0);

	return r == MAP_FAILED ? -errno : (long)(r == (void *)addr);
}

static void fixed(void)
{
	char *a = map(2 * PAGE, RW, ANON_PRIVATE), local = 0;

	memset(a, 'x', 2 * PAGE);
	EXPECT("MAP_FIXED over a mapping gives that address", fixed_at((uintptr_t)a + PAGE), 1);
	EXPECT("the page replaced is zero", a[PAGE], 0);
	EXPECT("the page beside it kept its bytes", a[0], 'x');
	EXPECT("MAP_FIXED on the image", fixed_at(page_of(&fixed)), -ENOMEM);
	EXPECT("MAP_FIXED on the heap", fixed_at(page_of(sbrk(0)) - PAGE), -ENOMEM);
	EXPECT("MAP_FIXED on the stack", fixed_at(page_of(&local)), -ENOMEM);
	EXPECT("MAP_FIXED at page 0", fixed_at(0), -ENOMEM);
	EXPECT("MAP_FIXED unaligned", fixed_at((uintptr_t)a + 1), -EINVAL);
	munmap(a, 2 * PAGE);
}

static int make_file(const char *path, char *bytes)
{
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);

	for (int i = 0; i < FILE_SIZE; i++)
		bytes[i] = (char)(i * 7 + i / 4096);
	for (long done = 0, n = 1; done < FILE_SIZE && n > 0; done += n)
		n = write(fd, bytes + done, FILE_SIZE - (size_t)done); /* io moves 64 KiB a call */
	close(fd);
	return open(path, O_RDONLY);
}

/* The page-rounded tail past the end of the file reads zero. */
static int zero_tail(const char *m, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (m[i])
			return 0;
	return 1;
}

/* Six arguments through each gate: the offset (the sixth, %r9) must
 * arrive, and the fourth (flags) in %r10 on SYSCALL, %rcx on neither. */
static void both_gates(int fd, const char *bytes)
{
	long via_syscall = syscall6(SYS_mmap, 0, PAGE, PROT_READ, MAP_PRIVATE, fd, 3 * PAGE);
	long via_int80 = int80_syscall6(SYS_mmap, 0, PAGE, PROT_READ, MAP_PRIVATE, fd, 4 * PAGE);

	EXPECT("six arguments through SYSCALL",
	       via_syscall > 0 && !memcmp((void *)via_syscall, bytes + 3 * PAGE, PAGE), 1);
	EXPECT("six arguments through INT 0x80",
	       via_int80 > 0 && !memcmp((void *)via_int80, bytes + 4 * PAGE, PAGE), 1);
	munmap((void *)via_syscall, PAGE);
	munmap((void *)via_int80, PAGE);
}

static void file_mapping(void)
{
	static char bytes[FILE_SIZE];
	int fd = make_file("/tmp/mmap_file", bytes);
	size_t len = (FILE_SIZE + PAGE - 1) & ~(size_t)(PAGE - 1);
	char *m = mmap(0, FILE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
	char *off = mmap(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 2 * PAGE);

	EXPECT("file mapped", m != MAP_FAILED && off != MAP_FAILED, 1);
	EXPECT("its bytes equal the file's", memcmp(m, bytes, FILE_SIZE), 0);
	EXPECT("past the end of the file, zeroes", zero_tail(m, FILE_SIZE, len), 1);
	EXPECT("at offset 8192, the file's bytes there", memcmp(off, bytes + 2 * PAGE, PAGE), 0);
	EXPECT("the fd's offset did not move", lseek(fd, 0, SEEK_CUR), 0);
	munmap(m, len);
	munmap(off, PAGE);
	both_gates(fd, bytes);
	close(fd);
}

/* 0, or -errno; what was mapped goes again. */
static long mmap_err(void *addr, size_t len, int prot, int flags, int fd, off_t pos)
{
	void *m;

	errno = 0;
	m = mmap(addr, len, prot, flags, fd, pos);
	if (m == MAP_FAILED)
		return -errno;
	munmap(m, len);
	return 0;
}

static long result(int r)
{
	return r ? -errno : 0;
}

static void file_errors(void)
{
	int fd = open("/tmp/mmap_file", O_RDONLY),
	    wr = open("/tmp/mmap_w", O_CREAT | O_WRONLY, 0644);
	int pipe_fds[2];

	pipe(pipe_fds);
	EXPECT("file at an unaligned offset", mmap_err(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 100),
	       -EINVAL);
	EXPECT("file, bad fd", mmap_err(0, PAGE, PROT_READ, MAP_PRIVATE, 99, 0), -EBADF);
	EXPECT("file, write-only fd", mmap_err(0, PAGE, PROT_READ, MAP_PRIVATE, wr, 0), -EACCES);
	EXPECT("file, a pipe", mmap_err(0, PAGE, PROT_READ, MAP_PRIVATE, pipe_fds[0], 0), -ENODEV);
	EXPECT("file, MAP_SHARED", mmap_err(0, PAGE, PROT_READ, MAP_SHARED, fd, 0), -ENODEV);
	close(fd);
	close(wr);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
}

static void errors(void)
{
	char *a = map(PAGE, RW, ANON_PRIVATE);

	EXPECT("length 0", mmap_err(0, 0, RW, ANON_PRIVATE, -1, 0), -EINVAL);
	EXPECT("neither shared nor private", mmap_err(0, PAGE, RW, MAP_ANON, -1, 0), -EINVAL);
	EXPECT("both shared and private", mmap_err(0, PAGE, RW, ANON_SHARED | MAP_PRIVATE, -1, 0),
	       -EINVAL);
	EXPECT("unknown flag", mmap_err(0, PAGE, RW, ANON_PRIVATE | 0x100000, -1, 0), -EINVAL);
	EXPECT("unknown protection", mmap_err(0, PAGE, 8, ANON_PRIVATE, -1, 0), -EINVAL);
	EXPECT("anonymous with an fd", mmap_err(0, PAGE, RW, ANON_PRIVATE, 0, 0), -EINVAL);
	EXPECT("W^X: write and exec", mmap_err(0, PAGE, RW | PROT_EXEC, ANON_PRIVATE, -1, 0),
	       -ENOTSUP);
	EXPECT("length past the area", mmap_err(0, 1ULL << 60, RW, ANON_PRIVATE, -1, 0), -ENOMEM);
	EXPECT("64 GiB, more than can be had", mmap_err(0, 64ULL << 30, RW, ANON_PRIVATE, -1, 0),
	       -ENOMEM);
	EXPECT("mprotect W^X", result(mprotect(a, PAGE, RW | PROT_EXEC)), -ENOTSUP);
	EXPECT("mprotect unaligned", result(mprotect(a + 1, PAGE, PROT_READ)), -EINVAL);
	EXPECT("mprotect unknown bits", result(mprotect(a, PAGE, 0x10)), -EINVAL);
	EXPECT("mprotect past the mapping", result(mprotect(a, 2 * PAGE, PROT_READ)), -ENOMEM);
	EXPECT("mprotect the image", result(mprotect((void *)page_of(&errors), PAGE, PROT_READ)),
	       -ENOMEM);
	EXPECT("munmap unaligned", result(munmap(a + 1, PAGE)), -EINVAL);
	EXPECT("munmap length 0", result(munmap(a, 0)), -EINVAL);
	EXPECT("munmap the image", result(munmap((void *)page_of(&errors), PAGE)), -EINVAL);
	EXPECT("munmap twice is no error", result(munmap(a, PAGE)) + result(munmap(a, PAGE)), 0);
	file_errors();
}

/* 64 regions at most: the next mapping, and an munmap that would split
 * one, are ENOMEM, and nothing changes. */
static void table_full(void)
{
	char *maps[VM_REGIONS_MAX + 1];
	int n = 0;
	long err;

	while (n <= VM_REGIONS_MAX && (maps[n] = map(3 * PAGE, RW, ANON_PRIVATE)) != MAP_FAILED)
		maps[n++][PAGE] = 1;
	err = n <= VM_REGIONS_MAX ? -errno : 0;
	EXPECT("the region table full: mmap", err, -ENOMEM);
	EXPECT("  after this many", n, VM_REGIONS_MAX);
	EXPECT("  an munmap that would split a region", result(munmap(maps[0] + PAGE, PAGE)),
	       -ENOMEM);
	EXPECT("  the region intact", maps[0][PAGE], 1);
	EXPECT("  an munmap of a region's end", result(munmap(maps[0] + 2 * PAGE, PAGE)), 0);
	munmap(maps[--n], 3 * PAGE);
	EXPECT("  one entry free: a 3 MiB mapping (3 steps, one region)",
	       mmap_err(0, 3 << 20, RW, ANON_PRIVATE, -1, 0), 0);
	while (n > 0)
		munmap(maps[--n], 3 * PAGE);
	EXPECT("  mapping again after", mmap_err(0, PAGE, RW, ANON_PRIVATE, -1, 0), 0);
}

/* One round: shared and private memory written, a child that writes both,
 * maps its own and execs, everything unmapped. */
static int cycle(void)
{
	char *s = map(1 << 20, RW, ANON_SHARED), *p = map(1 << 20, RW, ANON_PRIVATE);
	char *argv[] = {"true", 0};
	pid_t c;

	if (s == MAP_FAILED || p == MAP_FAILED)
		return -1;
	memset(s, 1, 1 << 20);
	memset(p, 1, 1 << 20);
	c = fork();
	if (c == 0) {
		char *own = map(256 * 1024, RW, ANON_PRIVATE);
		memset(s, 2, 1 << 20);
		memset(p, 2, 1 << 20);
		memset(own, 3, 256 * 1024);
		execv("/bin/true", argv);
		_exit(99);
	}
	if (wait_for(c) != 0 || s[12345] != 2 || p[12345] != 1)
		return -1;
	return munmap(s, 1 << 20) | munmap(p, 1 << 20);
}

static uint64_t commit_now(void)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	return k.commit_used;
}

/* With no region yet, a one-page mapping charges its page and the page
 * tables 64 regions may need (3 each); munmap gives both back. */
static void first_region_charge(void)
{
	uint64_t before = commit_now(), mapped, after;
	char *p = map(PAGE, RW, ANON_PRIVATE);

	mapped = commit_now();
	munmap(p, PAGE);
	after = commit_now();
	EXPECT("charge of a first one-page mapping", mapped - before, 1 + 3 * VM_REGIONS_MAX);
	EXPECT("  given back by munmap", after, before);
}

static void accounting(void)
{
	struct chappe_kstat before, after;
	int ok = 0;

	first_region_charge();
	cycle(); /* whatever the first round allocates once (tables, stdio) */
	before = elfgen_memory_report("mmap_check", "before");
	for (int i = 0; i < 5; i++)
		ok += cycle() == 0;
	after = elfgen_memory_report("mmap_check", "after");
	EXPECT("map, fork, exec, unmap, exit rounds", ok, 5);
	EXPECT("free frames back", after.free_frames, before.free_frames);
	EXPECT("commit charge back", after.commit_used, before.commit_used);
}

/* --- faults --- */

/* Run what in a child: its wait status. */
static int in_child(void (*what)(char *), char *arg)
{
	pid_t c = fork();

	if (c == 0) {
		what(arg);
		_exit(0); /* it did not fault */
	}
	return wait_for(c);
}

static void write_byte(char *p)
{
	*(volatile char *)p = 5;
}

static void read_byte(char *p)
{
	(void)*(volatile char *)p;
}

/* In the child itself: a write that works, mprotect, the same write. */
static void write_protect_write(char *p)
{
	*(volatile char *)p = 6;
	if (p[0] != 6 || mprotect(p, PAGE, PROT_READ))
		_exit(1);
	*(volatile char *)p = 7;
}

static void touch_after_unmap(char *p)
{
	*(volatile char *)p = 1;
	munmap(p, PAGE);
	*(volatile char *)p = 2;
}

static void protections(void)
{
	char *p = map(PAGE, RW, ANON_PRIVATE), *g = map(PAGE, PROT_NONE, ANON_PRIVATE);
	int fds[2];

	pipe(fds);

	p[0] = 9;
	EXPECT("write before mprotect worked", p[0], 9);
	EXPECT("mprotect read-only", mprotect(p, PAGE, PROT_READ), 0);
	EXPECT("still readable", p[0], 9);
	write(fds[1], "x", 1);
	EXPECT("the kernel writes no read-only page (read)", read(fds[0], p, 1) == -1 ? errno : 0,
	       EFAULT);
	EXPECT("a write to it (wait status)", in_child(write_byte, p), SIGSEGV);
	EXPECT("write, mprotect, write in one process (wait status)",
	       in_child(write_protect_write, map(PAGE, RW, ANON_PRIVATE)), SIGSEGV);
	EXPECT("mprotect back to read-write", mprotect(p, PAGE, RW), 0);
	p[0] = 10;
	EXPECT("writable again", p[0], 10);
	EXPECT("a read of PROT_NONE (wait status)", in_child(read_byte, g), SIGSEGV);
	/* Both fit the pipe's ring together: a broken kernel does not block. */
	EXPECT("the kernel reads no PROT_NONE page (long write)",
	       write(fds[1], g, PAGE / 2) == -1 ? errno : 0, EFAULT);
	EXPECT("the kernel reads no PROT_NONE page (write)", write(fds[1], g, 16) == -1 ? errno : 0,
	       EFAULT);
	EXPECT("PROT_NONE to read-write", mprotect(g, PAGE, RW), 0);
	g[0] = 1;
	EXPECT("then written", g[0], 1);
	EXPECT("munmap, then a touch (wait status)",
	       in_child(touch_after_unmap, map(PAGE, RW, ANON_PRIVATE)), SIGSEGV);
	close(fds[0]);
	close(fds[1]);
}

static void guard_pages(void)
{
	char *a = map(PAGE, RW, ANON_PRIVATE), *b = map(PAGE, RW, ANON_PRIVATE);

	EXPECT("two mappings not adjacent", b - a != PAGE && a - b != PAGE, 1);
	EXPECT("the page past one (wait status)", in_child(write_byte, a + PAGE), SIGSEGV);
	EXPECT("the page before one (wait status)", in_child(write_byte, a - PAGE), SIGSEGV);
}

/* A private page shared with a child by fork stays the child's after the
 * parent's mprotect to read-write: the write copies, never writes through. */
static void protect_after_fork(void)
{
	char *q = map(PAGE, RW, ANON_PRIVATE);
	pid_t c;

	q[0] = 1;
	c = fork();
	if (c == 0) {
		nap_ms(300);
		_exit(q[0] == 1 ? 0 : 1);
	}
	mprotect(q, PAGE, PROT_READ);
	mprotect(q, PAGE, RW);
	q[0] = 2;
	EXPECT("child's copy untouched by the parent's write (status)", wait_for(c), 0);
	EXPECT("parent's own write", q[0], 2);
}

/* W^X the legal way: write code, then make it read-exec, then run it. */
static void write_then_exec(void)
{
	static const unsigned char ret42[] = {0xb8, 42, 0, 0, 0, 0xc3}; /* mov $42,%eax; ret */
	unsigned char *code = (unsigned char *)map(PAGE, RW, ANON_PRIVATE);
	int (*fn)(void) = (int (*)(void))(void *)code;

	memcpy(code, ret42, sizeof ret42);
	EXPECT("mprotect read-exec", mprotect(code, PAGE, PROT_READ | PROT_EXEC), 0);
	EXPECT("code written then run", fn(), 42);
	EXPECT("a write to the read-exec code (wait status)", in_child(write_byte, (char *)code),
	       SIGSEGV);
}

int main(int argc, char **argv)
{
	check_start("mmap_check");
	if (argc > 1 && !strcmp(argv[1], "faults")) {
		protections();
		guard_pages();
		protect_after_fork();
		write_then_exec();
		return check_finish();
	}
	sharing();
	fixed();
	file_mapping();
	errors();
	table_full();
	accounting();
	return check_finish();
}
