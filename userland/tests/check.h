/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Checks for user-mode test programs: each case prints what it got, and the
 * program ends with "NAME: k/n cases ok" and exit status 0 only if all held.
 */
#pragma once

#include <abi/bc.h>
#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <libserver/client.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *check_prog = "test";
static int check_cases, check_failures;

/* Tests start beside the boot servers: wait for them, so a count taken
 * at the start (free frames, systems) does not move by itself. */
static inline void check_start(const char *prog)
{
	int down = server_await_boot(10000);

	check_prog = prog;
	if (down)
		printf("%s: SYS_ID 0x%02x is still not served\n", prog, down);
}

static inline void nap_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&t, 0);
}

/* Run argv[0] in a child and give back its wait status; an execve that
 * fails says so and ends the child with 99. */
static inline int check_run(char *const argv[])
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		execv(argv[0], argv);
		printf("%s: execve %s failed FAIL\n", check_prog, argv[0]);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	return status;
}

#define EXPECT(what, got, want) check_expect(what, (long)(got), (long)(want))

static inline void check_expect(const char *what, long got, long want)
{
	check_cases++;
	if (got == want) {
		printf("%s: %s = %ld ok\n", check_prog, what, got);
		return;
	}
	check_failures++;
	printf("%s: %s = %ld, expected %ld FAIL\n", check_prog, what, got, want);
}

/* 1 when sys_id is ready and served by a process called name. */
static inline int check_served_by(uint8_t sys_id, const char *name)
{
	struct chappe_bcstat st;
	struct chappe_procinfo p;

	return sys_bc_stat(sys_id, (long)&st) == 0 && st.state == BC_STATE_READY &&
	       sys_proc_info(st.server_pid, (long)&p) == 0 && !strcmp(p.name, name);
}

static inline int check_finish(void)
{
	printf("%s: %d/%d cases ok\n", check_prog, check_cases - check_failures, check_cases);
	return check_failures != 0;
}
