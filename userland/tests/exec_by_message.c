/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * execve sent as a message (bc_call to SYS_ID_EXEC) starts the new image as
 * clean as the execve syscall does: nothing of the old call's answer may land
 * in it. The message lives in bss, so in the new image the same bytes must
 * still be zero.
 */
#include "check.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <abi/syscalls.h>
#include <chappe/syscall.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SELF "/test/exec_by_message"

static struct bc_msg msg;

/* The new image's verdict: 0 when msg is untouched bss. */
static int bss_is_clean(void)
{
	const unsigned char *b = (const unsigned char *)&msg;

	for (size_t i = 0; i < sizeof msg; i++)
		if (b[i])
			return 3;
	return 0;
}

static long execve_by_message(const char *path, char **argv)
{
	msg = (struct bc_msg){.sys_id = SYS_ID_EXEC,
			      .msg_type = MSG_TYPE_COMMAND,
			      .opcode = SYS_execve,
			      .arg = {(uint64_t)path, (uint64_t)argv, 0}};
	return sys_bc_call((long)&msg);
}

/* The wait status of a child that execs SELF "check" one way or the other. */
static int exec_in_child(int by_message)
{
	char *argv[] = {"exec_by_message", "check", 0};
	int status = -1;
	pid_t c = fork();

	if (c == 0) {
		if (by_message)
			execve_by_message(SELF, argv);
		else
			sys_execve((long)SELF, (long)argv, 0);
		_exit(99);
	}
	waitpid(c, &status, 0);
	return status;
}

int main(int argc, char **argv)
{
	char *args[] = {"x", 0};

	if (argc > 1 && !strcmp(argv[1], "check"))
		return bss_is_clean();
	check_start("exec_by_message");
	EXPECT("new image after the execve syscall is clean (status)", exec_in_child(0), 0);
	EXPECT("new image after execve by message is clean (status)", exec_in_child(1), 0);
	EXPECT("failed execve by message", execve_by_message("/bin/no-such", args), -ENOENT);
	EXPECT("  its answer came back in the message", (long)msg.arg[0], -ENOENT);
	return check_finish();
}
