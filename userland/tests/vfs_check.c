/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Issue 15: io owns a process's POSIX file state. Relative paths after
 * chdir, the working directory across fork and execve, exact errnos, /dev
 * as io's own filesystem, offsets io keeps (lseek SEEK_END, a 64 KiB read),
 * fchdir and ftruncate, and dagfs's handles out of reach of anyone but io.
 * "vfs_check cwd" is the image execve starts: it prints its getcwd.
 */
#include "check.h"

#include <abi/errno.h>
#include <abi/vfs.h>
#include <chappe/syscall.h>
#include <dagfs/dagfs_client.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BIG 70000

static char big[BIG], back[BIG];

static int cwd_is(const char *want)
{
	char buf[VFS_PATH_MAX];

	return getcwd(buf, sizeof buf) && !strcmp(buf, want);
}

static long put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long n = fd < 0 ? -errno : write(fd, text, strlen(text));

	close(fd);
	return n;
}

static void relative_paths(void)
{
	struct stat st;

	EXPECT("mkdir /tmp/v", mkdir("/tmp/v", 0755), 0);
	EXPECT("chdir /tmp/v", chdir("/tmp/v"), 0);
	EXPECT("getcwd is /tmp/v", cwd_is("/tmp/v"), 1);
	EXPECT("open f relative, write abc", put("f", "abc"), 3);
	EXPECT("stat f relative", (stat("f", &st), (long)st.st_size), 3);
	EXPECT("the same file by its absolute path", (stat("/tmp/v/f", &st), (long)st.st_size), 3);
	EXPECT("mkdir d relative", mkdir("d", 0755), 0);
	EXPECT("/tmp/v/d is a directory", (stat("/tmp/v/d", &st), S_ISDIR(st.st_mode)), 1);
	EXPECT("rename f d/g relative", rename("f", "d/g"), 0);
	EXPECT("f is gone", (stat("f", &st), errno), ENOENT);
	EXPECT("lstat ./d/../d/g", (lstat("./d/../d/g", &st), (long)st.st_size), 3);
	EXPECT("access d/g", access("d/g", F_OK | R_OK), 0);
	EXPECT("access of a missing file", (access("nope", F_OK), errno), ENOENT);
	EXPECT("access with a bad mode", (access("d/g", 0x10), errno), EINVAL);
	EXPECT("unlink d/g relative", unlink("d/g"), 0);
	EXPECT("rmdir d relative", rmdir("d"), 0);
	EXPECT("chdir ..", chdir(".."), 0);
	EXPECT("getcwd is /tmp", cwd_is("/tmp"), 1);
	EXPECT("chdir v/../.. is the root", (chdir("v/../.."), cwd_is("/")), 1);
	EXPECT("chdir ../.. stays at the root", (chdir("../.."), cwd_is("/")), 1);
}

/* The child starts where the parent is; its chdir moves only itself. */
static void fork_keeps_cwd(void)
{
	int status = -1;

	chdir("/tmp/v");
	pid_t pid = fork();
	if (pid == 0)
		_exit(cwd_is("/tmp/v") && chdir("/bin") == 0 && cwd_is("/bin") ? 0 : 1);
	waitpid(pid, &status, 0);
	EXPECT("the child saw /tmp/v and moved to /bin", status, 0);
	EXPECT("the parent is still in /tmp/v", cwd_is("/tmp/v"), 1);
}

/* What execve of path said, from a child: its -errno. */
static long execve_error(const char *path)
{
	char *argv[] = {(char *)path, 0};
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit((int)-sys_execve((long)path, (long)argv, 0));
	waitpid(pid, &status, 0);
	return -(long)WEXITSTATUS(status);
}

/* execve keeps the working directory, and resolves a relative path in it. */
static void execve_keeps_cwd(void)
{
	char *self[] = {"/boot/vfs_check", "cwd", 0}, *echo[] = {"echo", "relative", "execve", 0};

	chdir("/tmp/v");
	EXPECT("the new image's cwd", check_run(self), 0);
	chdir("/bin");
	EXPECT("execve echo relative to /bin", check_run(echo), 0);
	EXPECT("execve of a missing relative path", execve_error("nosuch"), -ENOENT);
	chdir("/");
	EXPECT("execve echo relative to /, where it is not", execve_error("echo"), -ENOENT);
}

static void exact_errnos(void)
{
	static char longest[VFS_PATH_MAX + 2];
	struct stat st;
	char small[8];

	chdir("/tmp/v");
	EXPECT("getcwd into 6 bytes for /tmp/v", (getcwd(small, 6), errno), ERANGE);
	EXPECT("getcwd into 7 bytes", getcwd(small, 7) == small, 1);
	EXPECT("stat a missing file", (stat("missing", &st), errno), ENOENT);
	EXPECT("stat under a file", (stat("/etc/motd/x", &st), errno), ENOTDIR);
	EXPECT("chdir to a file", (chdir("/etc/motd"), errno), ENOTDIR);
	EXPECT("chdir to a missing directory", (chdir("/nope"), errno), ENOENT);
	EXPECT("the cwd did not move", cwd_is("/tmp/v"), 1);
	/* Names of 199 bytes (dagfs takes 255), so only the whole is too long. */
	for (int i = 0; i <= VFS_PATH_MAX; i++)
		longest[i] = i % 200 ? 'a' : '/';
	EXPECT("a 1025-byte path", (stat(longest, &st), errno), ENAMETOOLONG);
	longest[VFS_PATH_MAX - 1] = '\0';
	EXPECT("a 1023-byte path", (stat(longest, &st), errno), ENOENT);
	EXPECT("1022 bytes, too long once joined to the cwd", (stat(longest + 1, &st), errno),
	       ENAMETOOLONG);
	EXPECT("a bad path pointer", sys_stat(0x10, (long)&st), -EFAULT);
	EXPECT("a bad stat buffer", sys_stat((long)"/etc", 0x10), -EFAULT);
	EXPECT("a bad getcwd buffer", sys___getcwd(0x10, 64), -EFAULT);
	EXPECT("the empty path", (stat("", &st), errno), ENOENT);
	EXPECT("open a directory to write", (open("/etc", O_WRONLY), errno), EISDIR);
	EXPECT("mkdir /tmp again", (mkdir("/tmp", 0755), errno), EEXIST);
	EXPECT("O_CREAT|O_EXCL of a file there",
	       (open("/etc/motd", O_CREAT | O_EXCL | O_WRONLY), errno), EEXIST);
	chdir("/");
}

static int all_zero(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void devices(void)
{
	struct stat st;
	char buf[100];
	int fd;

	EXPECT("stat /dev/null", stat("/dev/null", &st), 0);
	EXPECT("/dev/null is a character device", S_ISCHR(st.st_mode), 1);
	EXPECT("/dev is a directory", (stat("/dev", &st), S_ISDIR(st.st_mode)), 1);
	EXPECT("open /dev/nosuch", (open("/dev/nosuch", O_RDONLY), errno), ENOENT);
	EXPECT("mkdir under /dev", (mkdir("/dev/x", 0755), errno), EROFS);
	EXPECT("unlink /dev/null", (unlink("/dev/null"), errno), EROFS);
	EXPECT("rename /dev/null away", (rename("/dev/null", "/tmp/n"), errno), EROFS);
	fd = open("/dev/zero", O_RDWR);
	memset(buf, 0xff, sizeof buf);
	EXPECT("read 100 bytes of /dev/zero", read(fd, buf, sizeof buf), 100);
	EXPECT("they are zeros", all_zero(buf, sizeof buf), 1);
	EXPECT("/dev/zero takes a write", write(fd, "abc", 3), 3);
	EXPECT("read 64 KiB of /dev/zero", read(fd, back, 65536), 65536);
	EXPECT("all zeros", all_zero(back, 65536), 1);
	close(fd);
	chdir("/dev");
	fd = open("null", O_WRONLY);
	EXPECT("open null relative to /dev", fd >= 0, 1);
	EXPECT("fstat of it is a character device", (fstat(fd, &st), S_ISCHR(st.st_mode)), 1);
	close(fd);
	chdir("/");
}

static void offsets(void)
{
	int fd = open("/tmp/v/s", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[4] = {0};
	long done = 0, n;

	write(fd, "0123456789", 10);
	EXPECT("lseek -3 from SEEK_END", lseek(fd, -3, SEEK_END), 7);
	EXPECT("read 3 there", read(fd, buf, 3), 3);
	EXPECT("they are 789", strcmp(buf, "789"), 0);
	EXPECT("lseek 5 past SEEK_END", lseek(fd, 5, SEEK_END), 15);
	EXPECT("read past the end", read(fd, buf, 3), 0);
	EXPECT("a bad whence", (lseek(fd, 0, 7), errno), EINVAL);
	EXPECT("before the start", (lseek(fd, -11, SEEK_END), errno), EINVAL);
	EXPECT("ftruncate to 4", ftruncate(fd, 4), 0);
	EXPECT("the offset stays", lseek(fd, 0, SEEK_CUR), 15);
	EXPECT("SEEK_END after ftruncate", lseek(fd, 0, SEEK_END), 4);
	EXPECT("ftruncate to a negative length", (ftruncate(fd, -1), errno), EINVAL);
	close(fd);
	fd = open("/tmp/v/s", O_RDONLY);
	EXPECT("ftruncate of a read-only fd", (ftruncate(fd, 0), errno), EBADF);
	close(fd);
	EXPECT("ftruncate of the console", (ftruncate(1, 0), errno), EINVAL);
	fd = open("/tmp/v/s", O_WRONLY | O_APPEND);
	EXPECT("pwrite at 0 with O_APPEND", pwrite(fd, "xy", 2, 0), 2);
	EXPECT("appended, as Linux", lseek(fd, 0, SEEK_END), 6);
	EXPECT("write with O_APPEND after a seek to 0", (lseek(fd, 0, SEEK_SET), write(fd, "z", 1)),
	       1);
	EXPECT("appended too", lseek(fd, 0, SEEK_CUR), 7);
	close(fd);
	for (int i = 0; i < BIG; i++)
		big[i] = (char)(i % 251);
	fd = open("/tmp/v/big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	while (done < BIG && (n = write(fd, big + done, BIG - (size_t)done)) > 0)
		done += n;
	lseek(fd, 0, SEEK_SET);
	EXPECT("read 64 KiB in one call", read(fd, back, 65536), 65536);
	EXPECT("the right 64 KiB", memcmp(back, big, 65536), 0);
	EXPECT("the offset moved by 64 KiB", lseek(fd, 0, SEEK_CUR), 65536);
	close(fd);
	unlink("/tmp/v/big");
	unlink("/tmp/v/s");
}

static void change_by_fd(void)
{
	int dir = open("/tmp/v", O_RDONLY | O_DIRECTORY), file = open("/etc/motd", O_RDONLY);

	EXPECT("fchdir to /tmp/v", fchdir(dir), 0);
	EXPECT("getcwd after fchdir", cwd_is("/tmp/v"), 1);
	EXPECT("fchdir to a file", (fchdir(file), errno), ENOTDIR);
	EXPECT("fchdir of a closed fd", (fchdir(99), errno), EBADF);
	close(dir);
	close(file);
	chdir("/");
}

/* dagfs's handles belong to io: the same numbers sent straight to dagfs
 * name none of this process's. */
static void handles_are_io_s(void)
{
	int fd = open("/etc/motd", O_RDONLY), theirs = 0;

	for (uint64_t h = 0; h < 64; h++) {
		struct bc_msg m = {.sys_id = SYS_ID_DAGFS,
				   .msg_type = MSG_TYPE_COMMAND,
				   .opcode = VFS_OP_FSTAT,
				   .arg = {h}};
		theirs += sys_bc_call((long)&m) != -EBADF;
	}
	EXPECT("io's handles answer another sender", theirs, 0);
	close(fd);
}

/* dagfs keeps what (root, path) named: every change moves the root, so a
 * stat after one sees it. */
static void stat_after_changes(void)
{
	struct stat st;

	EXPECT("stat /tmp/v/c, 3 bytes",
	       (put("/tmp/v/c", "abc"), stat("/tmp/v/c", &st), st.st_size), 3);
	EXPECT("again after a write of 10",
	       (put("/tmp/v/c", "0123456789"), stat("/tmp/v/c", &st), st.st_size), 10);
	EXPECT("gone after a rename",
	       (rename("/tmp/v/c", "/tmp/v/c2"), stat("/tmp/v/c", &st), errno), ENOENT);
	EXPECT("a directory of that name",
	       (mkdir("/tmp/v/c", 0755), stat("/tmp/v/c", &st), S_ISDIR(st.st_mode)), 1);
	rmdir("/tmp/v/c");
	unlink("/tmp/v/c2");
}

/* The kernel stamps the flags and arg[5] of a forward: a process that
 * claims one still gets its own answer, into its own buffer. */
static void forged_forward(void)
{
	char buf[8] = {0};
	int h = dagfs_open("/etc/motd", DAGFS_O_RDONLY);
	struct bc_msg m = {.sys_id = SYS_ID_DAGFS,
			   .msg_type = MSG_TYPE_COMMAND,
			   .flags = BC_FLAG_FORWARDED | BC_FLAG_GRANT | BC_FLAG_FROM_SERVER,
			   .opcode = VFS_OP_READ,
			   .arg = {(uint64_t)h, 0, 7, (uint64_t)buf, 0, 1}};

	EXPECT("a read claiming to be forwarded for pid 1", sys_bc_call((long)&m), 7);
	EXPECT("its bytes came to the sender", strcmp(buf, "Welcome"), 0);
	dagfs_close(h);
}

/* The kernel checks the window io lends against the client's memory. */
static void bad_buffers(void)
{
	int in = open("/etc/motd", O_RDONLY), out = open("/tmp/v/w", O_WRONLY | O_CREAT, 0644);

	EXPECT("read into a bad buffer", sys_read(in, 0x10, 10), -EFAULT);
	EXPECT("pread into kernel space", sys_pread(in, (long)0xffffffff80000000ULL, 10, 0),
	       -EFAULT);
	EXPECT("write from a bad buffer", sys_write(out, 0x10, 10), -EFAULT);
	EXPECT("pwrite from a bad buffer", sys_pwrite(out, 0x10, 10, 0), -EFAULT);
	EXPECT("nothing was written", lseek(out, 0, SEEK_END), 0);
	close(in);
	close(out);
	unlink("/tmp/v/w");
}

/* dagfs keeps the last block a read met (ops.c): a write through the fd,
 * and a reclamation that moves the write area's blocks, must not leave a
 * later read on stale bytes. */
static void kept_blocks(void)
{
	static char a[3000], b[3000], got[3000];
	struct dagfs_space sp;
	int fd;

	memset(a, 'a', sizeof a), memset(b, 'b', sizeof b);
	fd = open("/tmp/garbage", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	write(fd, b, sizeof b);
	close(fd);
	unlink("/tmp/garbage"); /* dead blocks below the next file's */
	fd = open("/tmp/kept", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, a, sizeof a);
	EXPECT("read a new file",
	       pread(fd, got, sizeof got, 0) == sizeof got && !memcmp(got, a, 100), 1);
	pwrite(fd, b, 10, 5);
	EXPECT("a write through the fd is seen",
	       pread(fd, got, sizeof got, 0) == sizeof got && !memcmp(got + 5, b, 10), 1);
	EXPECT("reclaim", dagfs_space(&sp, DAGFS_SPACE_RECLAIM), 0);
	/* New blocks now land where the file's blocks were before they moved. */
	for (int i = 0; i < 16; i++) {
		int over = open("/tmp/over", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		memset(got, 'c' + i, sizeof got);
		write(over, got, sizeof got);
		close(over);
	}
	memset(got, 0, sizeof got);
	EXPECT("the same bytes after the blocks moved",
	       pread(fd, got, sizeof got, 0) == sizeof got && !memcmp(got, a, 5) &&
		   !memcmp(got + 5, b, 10) && !memcmp(got + 15, a + 15, sizeof a - 15),
	       1);
	close(fd);
	unlink("/tmp/kept");
	unlink("/tmp/over");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "cwd")) {
		char buf[VFS_PATH_MAX];
		printf("vfs_check: cwd after execve = %s\n", getcwd(buf, sizeof buf));
		return cwd_is("/tmp/v") ? 0 : 1;
	}
	check_start("vfs_check");
	kept_blocks(); /* first: the write area is small, so new blocks soon cover old places */
	relative_paths();
	fork_keeps_cwd();
	execve_keeps_cwd();
	exact_errnos();
	devices();
	offsets();
	change_by_fd();
	handles_are_io_s();
	stat_after_changes();
	forged_forward();
	bad_buffers();
	return check_finish();
}
