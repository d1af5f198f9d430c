/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * reboot(2)'s refusals, exact errnos (docs/power.md), and its halt:
 *   reboot_check refused  started by the kernel as the test, without the
 *                         power capability: every call -EPERM, before its
 *                         argument is looked at; its child has none either
 *   reboot_check einval   run from init's shell (the capability, inherited
 *                         through fork and execve): unknown bits -EINVAL
 *   reboot_check halt     reboot(RB_HALT): the kernel halts, never returns
 *   reboot_check reset    reboot(RB_AUTOBOOT) with no sync first: a power
 *                         cut, for the tests of what poweroff and init sync
 */
#include "check.h"

#include <errno.h>
#include <sys/reboot.h>
#include <termios.h>

#define RB_NOSYNC 0x0004 /* OpenBSD's: Chapp-E's kernel never syncs, so it does not take it */

/* What a forked child's reboot(howto) answered: its exit status, -errno. */
static int in_child(long howto)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		_exit((int)-sys_reboot(howto));
	waitpid(pid, &status, 0);
	return WEXITSTATUS(status);
}

static void refused(void)
{
	EXPECT("reboot(RB_HALT | RB_POWERDOWN) without the power capability",
	       sys_reboot(RB_HALT | RB_POWERDOWN), -EPERM);
	EXPECT("reboot(RB_AUTOBOOT) without it", sys_reboot(RB_AUTOBOOT), -EPERM);
	EXPECT("an unknown bit without it: EPERM first", sys_reboot(RB_NOSYNC), -EPERM);
	EXPECT("libc's reboot(RB_AUTOBOOT)", reboot(RB_AUTOBOOT), -1);
	EXPECT("errno", errno, EPERM);
	EXPECT("its forked child's reboot(RB_AUTOBOOT), -errno", in_child(RB_AUTOBOOT), EPERM);
}

static void einval(void)
{
	EXPECT("reboot(RB_NOSYNC)", sys_reboot(RB_NOSYNC), -EINVAL);
	EXPECT("reboot(RB_POWERDOWN | 0x40000)", sys_reboot(RB_POWERDOWN | 0x40000), -EINVAL);
	EXPECT("reboot(-1)", sys_reboot(-1), -EINVAL);
	EXPECT("reboot(1 << 32): the register is read whole", sys_reboot(1L << 32), -EINVAL);
	EXPECT("libc's reboot(RB_HALT | 0x2)", reboot(RB_HALT | 0x2), -1);
	EXPECT("errno", errno, EINVAL);
	EXPECT("its forked child's reboot(RB_NOSYNC), -errno", in_child(RB_NOSYNC), EINVAL);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	check_start("reboot_check");
	if (!strcmp(mode, "refused"))
		refused();
	else if (!strcmp(mode, "einval"))
		einval();
	else if (!strcmp(mode, "halt")) {
		printf("reboot_check: halting\n");
		tcdrain(STDOUT_FILENO);
		reboot(RB_HALT);
		printf("reboot_check: reboot(RB_HALT) returned, errno %d FAIL\n", errno);
		return 1;
	} else if (!strcmp(mode, "reset")) {
		reboot(RB_AUTOBOOT);
		printf("reboot_check: reboot(RB_AUTOBOOT) returned, errno %d FAIL\n", errno);
		return 1;
	} else {
		printf("usage: reboot_check refused|einval|halt|reset\n");
		return 2;
	}
	return check_finish();
}
