/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * integ_kill: kill(2) ends a child wherever it is (running, asleep, in
 * wait4, blocked on a pipe, queued at a server, serving) with the signal as
 * its wait status; errors are exact; nothing leaks.
 */
#include "check.h"

#include <errno.h>
#include <abi/bc.h>
#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TEST_SYS_ID_QUEUE 0x46

/* 1 once pid is in state (PROC_INFO_*), within a second. */
static int reaches(pid_t pid, uint32_t state)
{
	struct chappe_procinfo p;

	for (int i = 0; i < 500; i++, nap_ms(2))
		if (sys_proc_info(pid, (long)&p) == 0 && p.state == state)
			return 1;
	return 0;
}

/* Blocked in the kernel, where the test put it. */
static int asleep(pid_t pid)
{
	return reaches(pid, PROC_INFO_SLEEPING);
}

static int status_of(pid_t pid)
{
	int st = -1;

	return waitpid(pid, &st, 0) == pid ? st : -1;
}

/* Fork a child that runs fn; the parent gets its pid. */
static pid_t child(void (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	return pid;
}

static void spin(void)
{
	for (volatile long i = 0;; i++)
		;
}

static void sleep_long(void)
{
	nap_ms(100000);
}

static int ends[2];

static void read_pipe(void)
{
	char c;

	read(ends[0], &c, 1);
}

static void wait_for_grandchild(void)
{
	pid_t g = child(sleep_long);

	write(ends[1], &g, sizeof g);
	waitpid(g, 0, 0);
}

static void call_queue(void)
{
	_exit((int)-server_call(TEST_SYS_ID_QUEUE, 0, 0, 0, 0, 0));
}

static void where_it_is(void)
{
	pid_t p = child(spin);
	nap_ms(30);
	EXPECT("kill a running child", kill(p, SIGKILL), 0);
	EXPECT("it ends with SIGKILL", status_of(p), SIGKILL);

	p = child(sleep_long);
	EXPECT("asleep in nanosleep", asleep(p), 1);
	EXPECT("kill it", kill(p, SIGTERM), 0);
	EXPECT("it ends with SIGTERM, not in 100 s", status_of(p), SIGTERM);

	pipe(ends);
	p = child(read_pipe);
	EXPECT("blocked reading an empty pipe", asleep(p), 1);
	EXPECT("kill it", kill(p, SIGINT), 0);
	EXPECT("it ends with SIGINT", status_of(p), SIGINT);
	EXPECT("the pipe still works", write(ends[1], "x", 1), 1);
	close(ends[0]), close(ends[1]);

	pipe(ends);
	p = child(wait_for_grandchild);
	pid_t grandchild = 0;
	read(ends[0], &grandchild, sizeof grandchild);
	EXPECT("blocked in wait4", asleep(p), 1);
	EXPECT("kill it", kill(p, SIGHUP), 0);
	EXPECT("it ends with SIGHUP", status_of(p), SIGHUP);
	EXPECT("kill the orphan (init's now)", kill(grandchild, SIGKILL), 0);
	close(ends[0]), close(ends[1]);
}

/* A server that never receives: its callers queue. Killing the first caller
 * must take it out of the queue, so the server's first message is the
 * second caller's. */
static int go[2], said[2];

static void lazy_server(void)
{
	char c;
	struct bc_msg m;

	if (sys_bc_register(TEST_SYS_ID_QUEUE, 0))
		_exit(1);
	write(said[1], "r", 1);
	read(go[0], &c, 1);
	if (sys_bc_recv((long)&m))
		_exit(2);
	write(said[1], &m.sender, sizeof m.sender);
	struct bc_msg answer = {.msg_type = MSG_TYPE_RESPONSE};
	sys_bc_reply(m.sender, (long)&answer);
	_exit(0);
}

static void queued(void)
{
	char c;
	uint32_t first = 0;

	pipe(go), pipe(said);
	pid_t server = child(lazy_server);
	read(said[0], &c, 1);
	pid_t a = child(call_queue);
	EXPECT("first caller queued", asleep(a), 1);
	pid_t b = child(call_queue);
	EXPECT("second caller queued", asleep(b), 1);
	EXPECT("kill the first caller", kill(a, SIGKILL), 0);
	EXPECT("it ends with SIGKILL", status_of(a), SIGKILL);
	write(go[1], "g", 1);
	read(said[0], &first, sizeof first);
	EXPECT("the server's first message is the second caller's", first, b);
	EXPECT("the second caller got its answer", status_of(b), 0);
	EXPECT("the server ended", status_of(server), 0);

	server = child(lazy_server);
	read(said[0], &c, 1);
	a = child(call_queue);
	EXPECT("a caller queued again", asleep(a), 1);
	EXPECT("kill the server", kill(server, SIGTERM), 0);
	EXPECT("it ends with SIGTERM", status_of(server), SIGTERM);
	EXPECT("its caller got EIO", status_of(a), EIO << 8);
}

static void errors(void)
{
	struct chappe_bcstat io;

	sys_bc_stat(SYS_ID_IO, (long)&io);
	EXPECT("kill init", kill(1, SIGTERM) == -1 && errno == EPERM, 1);
	EXPECT("kill io (a boot server)", sys_kill(io.server_pid, SIGKILL), -EPERM);
	EXPECT("kill no such pid", sys_kill(60000, SIGTERM), -ESRCH);
	EXPECT("pid 0, signal 0: the caller's own group", sys_kill(0, 0), 0);
	EXPECT("a group nobody is in", sys_kill(-59999, 0), -ESRCH);
	pid_t p = child(sleep_long);
	EXPECT("signal 99", sys_kill(p, 99), -EINVAL);
	EXPECT("signal -1", sys_kill(p, -1), -EINVAL);
	EXPECT("signal 0 checks only", sys_kill(p, 0), 0);
	EXPECT("still asleep after signal 0", asleep(p), 1);
	kill(p, SIGKILL), status_of(p);
	p = fork();
	if (p == 0)
		_exit(kill(getpid(), SIGTERM) == 0 ? 7 : 8); /* must not get to exit */
	EXPECT("a child kills itself", status_of(p), SIGTERM);
	p = fork();
	if (p == 0)
		_exit(3);
	EXPECT("a child that exited is a zombie", reaches(p, PROC_INFO_ZOMBIE), 1);
	EXPECT("kill a zombie", sys_kill(p, SIGKILL), 0);
	EXPECT("its status stays its exit", status_of(p), 3 << 8);
}

int main(void)
{
	struct chappe_kstat before, after;

	check_start("kill_check");
	sys_kstat((long)&before);
	where_it_is();
	queued();
	errors();
	nap_ms(50); /* the last stacks are freed by whoever runs next */
	sys_kstat((long)&after);
	EXPECT("free frames back", (long)(before.free_frames - after.free_frames), 0);
	EXPECT("processes back", (long)after.procs - (long)before.procs, 0);
	EXPECT("no zombies", after.zombies, 0);
	return check_finish();
}
