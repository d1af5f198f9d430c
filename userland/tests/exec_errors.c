/* SPDX-License-Identifier: BSD-2-Clause */
/* Every failing execve leaves the caller's image exactly as it was. */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile long marker = 0x1234abcd;
static char big[40 * 1024];
static char long_path[1100]; /* over PATH_MAX (1024, with its NUL) */

static void fails(const char *what, long path, long argv, long err)
{
	EXPECT(what, sys_execve(path, argv, 0), err);
	EXPECT("  image intact after it", marker, 0x1234abcd);
}

/* /boot/NAME runs the boot archive's NAME: its exit status. */
static int boot_program_status(void)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		char *echo[] = {"/boot/echo", "from", "the", "archive", 0};
		execv(echo[0], echo);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	return st;
}

int main(void)
{
	char *argv[] = {"x", 0};
	char *huge[] = {"x", big, 0};
	char *bad_arg[] = {"x", (char *)0x10, 0};

	check_start("exec_errors");
	EXPECT("/boot/echo runs from the boot archive", boot_program_status(), 0);
	fails("missing file", (long)"/bin/no-such-program", (long)argv, -ENOENT);
	fails("not an ELF file", (long)"/test/notelf", (long)argv, -ENOEXEC);
	fails("truncated ELF", (long)"/test/truncated", (long)argv, -ENOEXEC);
	memset(big, 'a', sizeof big - 1);
	fails("argv over 32 KiB", (long)"/bin/true", (long)huge, -E2BIG);
	for (size_t i = 0; i < sizeof long_path - 1; i++)
		long_path[i] = i % 100 ? 'p' : '/'; /* names dagfs would take */
	fails("path over 1023 bytes", (long)long_path, (long)argv, -ENAMETOOLONG);
	fails("null path", 0, (long)argv, -EFAULT);
	fails("kernel path", (long)0xffffffff80000000UL, (long)argv, -EFAULT);
	fails("argv pointer unmapped", (long)"/bin/true", 0x10, -EFAULT);
	fails("argv string unmapped", (long)"/bin/true", (long)bad_arg, -EFAULT);
	fails("a boot archive program that is not there", (long)"/boot/no-such-program", (long)argv,
	      -ENOENT);
	fails("a path below /boot/NAME", (long)"/boot/sh/x", (long)argv, -ENOENT);
	fails("a boot archive file that is not an ELF", (long)"/boot/notelf", (long)argv, -ENOEXEC);
	return check_finish();
}
