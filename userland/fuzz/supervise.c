/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Supervised servers killed and restarted mid-run: while the fuzzing
 * processes run, a supervisor keeps the echo server (0x40) alive the way
 * init does (fork, exec, bc_supervise) and ends it at seeded moments (a
 * kill, or a call that crashes it); an impostor it also started tries all
 * along to register 0x40 and to kill the server. The impostor must never
 * get either, every restart must serve again, and each restart must be
 * counted once.
 */
#include "echo.h"
#include "fuzz.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <abi/wait.h>
#include <abi/signal.h>
#include <chappe/syscall.h>
#include <libserver/client.h>
#include <libserver/supervise.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#define READY_MS 3000
#define START_ATTEMPTS 50

static int server_pid(void)
{
	struct chappe_bcstat st;

	return sys_bc_stat(ECHO_SYS_ID, (long)&st) == 0 && st.state == BC_STATE_READY
		   ? st.server_pid
		   : 0;
}

/* Exit status: 1 if it ever registered 0x40, 2 if it ever killed the
 * server, 0 when it was only ever refused (it runs until killed). */
static int impostor(long unused)
{
	(void)unused;
	for (;;) {
		if (sys_bc_register(ECHO_SYS_ID, 0) == 0)
			return 1;
		int pid = server_pid();
		/* 0 is right only for a server that already ended (a zombie). */
		if (pid > 0 && sys_kill(pid, SIGKILL) == 0 && server_pid() == pid)
			return 2;
		sys_sched_yield();
	}
}

/* 1 once pid serves 0x40, 0 if it ended first (reaped), -ETIMEDOUT. */
static int await_serving(int pid)
{
	uint64_t until = fuzz_now_ns() + READY_MS * 1000000ull;
	int status;

	while (fuzz_now_ns() < until) {
		if (server_pid() == pid)
			return 1;
		if (sys_wait4(pid, (long)&status, WNOHANG, 0) == pid)
			return 0;
		fuzz_sleep_ms(1);
	}
	return -ETIMEDOUT;
}

/* A new echo server, reserved for it: its pid once it serves, or -errno.
 * While the fuzzing processes run, fork may fail for a moment (their
 * children fill the process table: -EAGAIN) and a random message may crash
 * the new server before it is seen serving (*early counts those); both are
 * tried again. */
static int start_server(long *early)
{
	char *argv[] = {"/test/echo_server", 0};

	for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
		int pid = supervise_fork(ECHO_SYS_ID), serving;
		if (pid == 0) {
			sys_execve((long)argv[0], (long)argv, 0);
			exit(127);
		}
		if (pid == -EAGAIN || pid == -ENOMEM) {
			fuzz_sleep_ms(10);
			continue;
		}
		if (pid < 0)
			return pid;
		serving = await_serving(pid);
		if (serving)
			return serving > 0 ? pid : serving;
		(*early)++;
	}
	return -EAGAIN;
}

/* End the server the seeded way; 1 when it ended as it should. */
static int end_server(int pid)
{
	int status;

	fuzz_sleep_ms((long)pick(20));
	if (pick(2) && server_call(ECHO_SYS_ID, ECHO_OP_CRASH, 0, 0, 0, 0) != -EIO)
		return 0;
	sys_kill(pid, SIGKILL); /* mine: allowed (already dead after a crash) */
	status = fuzz_reap(pid);
	return status >= 0 && WIFSIGNALED(status);
}

static int rounds_of_restarts(long rounds)
{
	long restarts0 = BC_RESTARTS(sys_bc_get_state(ECHO_SYS_ID)), done = 0, early = 0;
	int registered_before = BC_STATE(sys_bc_get_state(ECHO_SYS_ID)) != BC_STATE_ABSENT;

	for (long r = 0; r < rounds; r++) {
		int pid = start_server(&early);
		if (pid < 0) {
			fuzz_fail("supervision", "restart %ld: the echo server did not serve (%d)",
				  r, pid);
			break;
		}
		/* -EIO: a fuzzing process's random message crashed it first. */
		long who = server_call(ECHO_SYS_ID, ECHO_OP_PID, 0, 0, 0, 0);
		if (who != pid && who != -EIO)
			fuzz_fail("supervision", "restart %ld: 0x40 answered %ld, not %d", r, who,
				  pid);
		if (!end_server(pid))
			fuzz_fail("supervision", "restart %ld: the server did not end as told", r);
		done++;
	}
	/* A server crashed before it was seen serving may have registered. */
	long restarts = BC_RESTARTS(sys_bc_get_state(ECHO_SYS_ID)) - restarts0;
	long least = done - (registered_before ? 0 : 1);
	if (restarts < least || restarts > least + early)
		fuzz_fail("supervision",
			  "%ld restarts counted for %ld servers started (%ld more ended "
			  "before serving)",
			  restarts, done, early);
	return (int)done;
}

int supervise_phase(long rounds)
{
	int thief, done, status, failed_before = fuzz_failures();

	/* Mine before the impostor exists: it must never find 0x40 free. */
	if (sys_bc_supervise(ECHO_SYS_ID, sys_getpid()) != 0)
		fuzz_fail("supervision", "cannot reserve 0x40");
	thief = fuzz_spawn(impostor, 0);
	rng_seed(fuzz_opt.seed ^ 0x5e7f);
	done = rounds_of_restarts(rounds);
	if (sys_kill(thief, 0) != 0)
		fuzz_fail("supervision", "the impostor stopped trying: it got 0x40 or a kill");
	sys_kill(thief, SIGKILL);
	status = fuzz_reap(thief);
	if (!WIFSIGNALED(status))
		fuzz_fail("supervision",
			  "the impostor ended with status %#x (1: registered 0x40, "
			  "2: killed the server)",
			  status);
	sys_bc_supervise(ECHO_SYS_ID, 0);
	if (fuzz_failures() != failed_before)
		return 1; /* the FAIL lines said what; no line claims success */
	printf("FUZZ supervision: %d kills and restarts of a supervised server, the impostor "
	       "refused throughout\n",
	       done);
	return 0;
}
