/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exit notices are never lost: io frees a process's fd table when the
 * kernel tells it the process ended. Many processes ending at once used to
 * overflow the server's 8-message ring, io's client table leaked and fork
 * failed with ENOMEM for everyone. Fork, open-file and pipe capacity must be
 * the same after mass kills and 1,000 fork/kill cycles as before.
 */
#include "check.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_KIDS 256
#define MAX_FDS 4096
#define CYCLES 1000
#define BATCH 8

static pid_t kids[MAX_KIDS];
static int fds[MAX_FDS];

static void sleep_forever(void)
{
	struct timespec t = {1000, 0};

	for (;;)
		nanosleep(&t, 0);
}

/* Fork up to want sleepers (or until fork fails); how many there are. */
static int fork_sleepers(int want, int *err)
{
	int n = 0;

	*err = 0;
	while (n < want) {
		pid_t pid = fork();
		if (pid == 0)
			sleep_forever();
		if (pid < 0) {
			*err = errno;
			break;
		}
		kids[n++] = pid;
	}
	return n;
}

/* Kill them all at once, then reap: their exits reach io together. */
static int kill_and_reap(int n)
{
	int reaped = 0, status;

	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	while (reaped < n && wait(&status) > 0)
		reaped++;
	return reaped;
}

static int fork_capacity(void)
{
	int err, n = fork_sleepers(MAX_KIDS, &err);

	if (kill_and_reap(n) != n)
		printf("exit_notices: could not reap all %d children\n", n);
	return n;
}

static int open_capacity(void)
{
	int n = 0;

	while (n < MAX_FDS && (fds[n] = open("/etc/motd", O_RDONLY)) >= 0)
		n++;
	for (int i = 0; i < n; i++)
		close(fds[i]);
	return n;
}

static int pipe_capacity(void)
{
	int n = 0, p[2];

	while (n + 1 < MAX_FDS && pipe(p) == 0) {
		fds[n++] = p[0];
		fds[n++] = p[1];
	}
	for (int i = 0; i < n; i++)
		close(fds[i]);
	return n / 2;
}

static uint64_t free_frames(void)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	return k.free_frames;
}

int main(void)
{
	int forks0, opens0, pipes0, err, done = 0;
	uint64_t frames0;

	check_start("exit_notices");
	forks0 = fork_capacity();
	opens0 = open_capacity();
	pipes0 = pipe_capacity();
	frames0 = free_frames();
	printf("exit_notices: before: fork %d, open %d, pipe %d, %lu free frames\n", forks0, opens0,
	       pipes0, frames0);
	for (int round = 0; round < 5; round++) /* mass kills */
		EXPECT("a mass kill reaps everyone", kill_and_reap(fork_sleepers(forks0, &err)),
		       forks0);
	for (int c = 0; c < CYCLES / BATCH; c++)
		done += kill_and_reap(fork_sleepers(BATCH, &err));
	EXPECT("fork/kill cycles", done, CYCLES);
	int forks1 = fork_capacity(), opens1 = open_capacity(), pipes1 = pipe_capacity();
	uint64_t frames1 = free_frames();
	printf("exit_notices: after: fork %d, open %d, pipe %d, %lu free frames\n", forks1, opens1,
	       pipes1, frames1);
	EXPECT("fork capacity kept", forks1, forks0);
	EXPECT("open capacity kept", opens1, opens0);
	EXPECT("pipe capacity kept", pipes1, pipes0);
	EXPECT("free frames back", frames1, frames0);
	EXPECT("some fork capacity at all", forks0 > 16, 1);
	return check_finish();
}
