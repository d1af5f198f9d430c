/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A loop of ordinary syscalls must not starve other processes. Each write
 * hands the CPU to io and back; the slice used to start afresh at every
 * hand-off, so such a loop was never preempted (a 10 ms sleep woke seconds
 * late). A sleeper's worst lateness while two such loops run is reported
 * and bounded.
 */
#include "check.h"

#include <io/io_client.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SLEEPS 50
#define BOUND_MS 100

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static pid_t syscall_loop(int null_fd)
{
	pid_t pid = fork();

	if (pid == 0)
		for (;;)
			write(null_fd, "x", 1);
	return pid;
}

int main(void)
{
	struct timespec ten_ms = {0, 10 * 1000 * 1000};
	uint64_t worst = 0;
	int fd, status;
	pid_t a, b;

	check_start("sched_fair");
	fd = io_devopen("null");
	a = syscall_loop(fd);
	b = syscall_loop(fd);
	EXPECT("two syscall loops started", a > 0 && b > 0, 1);
	nanosleep(&ten_ms, 0); /* let them get going */
	for (int i = 0; i < SLEEPS; i++) {
		uint64_t t0 = now_ns();
		nanosleep(&ten_ms, 0);
		uint64_t late = now_ns() - t0 - 10000000ull;
		if ((int64_t)late > (int64_t)worst)
			worst = late;
	}
	printf("sched_fair: worst lateness %lu ms over %d sleeps of 10 ms beside two write loops\n",
	       worst / 1000000, SLEEPS);
	EXPECT("worst lateness within 100 ms", worst / 1000000 < BOUND_MS, 1);
	kill(a, SIGKILL);
	kill(b, SIGKILL);
	EXPECT("loop a reaped", waitpid(a, &status, 0), a);
	EXPECT("loop b reaped", waitpid(b, &status, 0), b);
	return check_finish();
}
