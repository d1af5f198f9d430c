/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * execve into echo, which prints "exec ok"; then execve into probe, which
 * proves it kept the pid and that the old image's memory is gone.
 */
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A page only this image has: probe checks it is unmapped after execve.
 * At a 1 MiB boundary, past where probe's own image (a few pages from
 * 0x400000) could ever reach, however libc grows. */
static char marker[4096] __attribute__((aligned(1 << 20)));

int main(void)
{
	char pid_arg[24], addr_arg[24];

	check_start("exec_echo");
	char *echo[] = {"/bin/echo", "exec", "ok", 0};
	EXPECT("echo's wait status", check_run(echo), 0);
	memset(marker, 0x5a, sizeof marker);
	snprintf(pid_arg, sizeof pid_arg, "%d", getpid());
	snprintf(addr_arg, sizeof addr_arg, "%p", (void *)marker);
	printf("exec_echo: pid %d execs probe, old marker page at %s\n", getpid(), addr_arg);
	char *probe[] = {"/test/probe", pid_arg, addr_arg, 0};
	execv(probe[0], probe);
	EXPECT("execve of probe returned", 1, 0);
	return check_finish();
}
