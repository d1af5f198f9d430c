/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Resource exhaustion. A capacity is how many children can be forked, files
 * opened and pipes made before the system says no; measured at the start
 * and at the end of the run (and after the exhaustion cycles), all three
 * and the free frames must be equal: whatever a process held must be given
 * back when it ends, however it ends and however many end at once. The hogs
 * check that a few processes holding all they can still leave a bystander
 * room to open a file, make a pipe and run a program.
 */
#include "fuzz.h"

#include <abi/errno.h>
#include <abi/wait.h>
#include <abi/signal.h>
#include <chappe/syscall.h>
#include <fcntl.h>
#include <stdio.h>

#define CAP_MAX 250  /* a count comes back in an exit status */
#define HOLD_MAX 256 /* fds one process tries to fill */
#define CYCLE_KIDS 8
#define FILE_HOGS 12
#define PIPE_HOGS 4
#define HOG_MAX 127
#define HOG_PIPES 128
#define EXEC_FAILED 150 /* a child whose execve failed exits 150 + errno */

/* The fds one process took. */
struct held {
	int fd[HOLD_MAX];
	int n;
};

/* Each takes one more of its resource: 0, or the -errno that refused it.
 * Files are opens of "/": the path calls may damage any file, not the root. */
static long take_file(struct held *h)
{
	long fd = sys_open((long)"/", O_RDONLY | O_DIRECTORY, 0);

	if (fd >= 0)
		h->fd[h->n++] = (int)fd;
	return fd < 0 ? fd : 0;
}

static long take_pipe(struct held *h)
{
	int p[2];
	long r = sys_pipe((long)p);

	if (r == 0)
		h->fd[h->n++] = p[0], h->fd[h->n++] = p[1];
	return r;
}

static void release(struct held *h)
{
	for (int i = 0; i < h->n; i++)
		sys_close(h->fd[i]);
	h->n = 0;
}

static long (*taking)(struct held *);
static struct held *parents; /* what a child inherited and gives back first */

/* Takes until refused; when this process's own table is full (EMFILE) a
 * child with an empty table carries on, so a system-wide limit shows. */
static int take_all(long budget);

static int take_in_child(long budget)
{
	release(parents);
	return take_all(budget);
}

static int take_all(long budget)
{
	struct held h = {.n = 0};
	long got = 0, err = 0;

	while (got < budget && h.n + 2 <= HOLD_MAX && !(err = taking(&h)))
		got++;
	if (err == -EMFILE && got > 0 && got < budget) {
		parents = &h;
		int pid = fuzz_spawn(take_in_child, budget - got), status = 0;
		if (pid > 0)
			status = fuzz_reap(pid);
		if (pid > 0 && WIFEXITED(status))
			got += WEXITSTATUS(status);
	}
	release(&h);
	return (int)got;
}

static long capacity_of(long (*take)(struct held *))
{
	taking = take;
	return take_all(CAP_MAX);
}

static int sleep_forever(long unused)
{
	(void)unused;
	for (;;)
		fuzz_sleep_ms(10000);
}

static void kill_all(const int *pids, int n)
{
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			sys_kill(pids[i], SIGKILL);
}

static long fork_capacity(void)
{
	static int kids[CAP_MAX];
	int n = 0;

	while (n < CAP_MAX && (kids[n] = fuzz_spawn(sleep_forever, 0)) > 0)
		n++;
	kill_all(kids, n); /* all at once: many exit notices together */
	for (int i = 0; i < n; i++)
		fuzz_reap(kids[i]);
	return n;
}

/* Servers hear of exits by notice: give them a moment before counting. */
static void settle(void)
{
	fuzz_sleep_ms(50);
}

void capacity_measure(struct capacity *c)
{
	settle();
	c->fork = fork_capacity();
	settle();
	c->open = capacity_of(take_file);
	c->pipe = capacity_of(take_pipe);
	settle();
	c->frames = fuzz_free_frames();
}

static void print_capacity(const char *when, const struct capacity *a, const struct capacity *b)
{
	printf("FUZZ capacity%s fork=%ld->%ld open=%ld->%ld pipe=%ld->%ld frames=%lu->%lu\n", when,
	       a->fork, b->fork, a->open, b->open, a->pipe, b->pipe, a->frames, b->frames);
}

static void compare_one(const char *what, long a, long b)
{
	if (a != b)
		fuzz_fail("capacity",
			  "%s capacity %ld at the start, %ld now: something a process held "
			  "outlived it",
			  what, a, b);
}

void capacity_compare(const struct capacity *a, const struct capacity *b)
{
	print_capacity("", a, b);
	compare_one("fork", a->fork, b->fork);
	compare_one("open-file", a->open, b->open);
	compare_one("pipe", a->pipe, b->pipe);
	if (a->frames != b->frames)
		fuzz_fail("capacity", "free frames %lu at the start, %lu now (%ld lost)", a->frames,
			  b->frames, (long)(a->frames - b->frames));
}

static int exec_true(long unused)
{
	char *argv[] = {"true", 0};

	(void)unused;
	return EXEC_FAILED + (int)-sys_execve((long)"/bin/true", (long)argv, 0);
}

/* A child that holds two files and a pipe while it sleeps, until killed. */
static int hold_and_sleep(long unused)
{
	struct held h = {.n = 0};

	(void)unused;
	take_file(&h), take_file(&h), take_pipe(&h);
	return sleep_forever(0);
}

/* Half the children exec /bin/true, half hold files and a pipe; on even
 * cycles all are killed at once, on odd ones the execs finish first.
 * The parent fills its own fd table with files, then with pipes. */
static int one_cycle(long cycle)
{
	int kids[CYCLE_KIDS], n = 0, bad = 0;

	for (; n < CYCLE_KIDS; n++)
		if ((kids[n] = fuzz_spawn(n % 2 ? hold_and_sleep : exec_true, 0)) < 0)
			break;
	if (n < CYCLE_KIDS)
		fuzz_fail("exhaustion", "cycle %ld: fork of child %d = %d", cycle, n, kids[n]),
		    bad++;
	for (int i = cycle % 2; i < n; i += 1 + cycle % 2)
		sys_kill(kids[i], SIGKILL);
	for (int i = 0; i < n; i++) {
		int status = fuzz_reap(kids[i]);
		if (i % 2 == 0 && status != 0 && status != SIGKILL && !bad++)
			fuzz_fail("exhaustion",
				  "cycle %ld: exec of /bin/true ended with status %#x%s", cycle,
				  status,
				  WIFEXITED(status) && WEXITSTATUS(status) > EXEC_FAILED
				      ? " (execve failed: status is 150 + errno)"
				      : "");
	}
	struct held h = {.n = 0};
	while (h.n + 2 <= HOLD_MAX && !take_file(&h))
		;
	release(&h);
	while (h.n + 2 <= HOLD_MAX && !take_pipe(&h))
		;
	release(&h);
	return bad;
}

void exhaust_cycles(const struct capacity *first, long cycles)
{
	struct capacity start, after;
	long done = 0;

	capacity_measure(&start);
	if (start.fork != first->fork || start.open != first->open || start.pipe != first->pipe)
		fuzz_fail("capacity",
			  "measuring once (forking %ld sleepers, all killed at once) changed the "
			  "capacities: fork %ld->%ld open %ld->%ld pipe %ld->%ld",
			  first->fork, first->fork, start.fork, first->open, start.open,
			  first->pipe, start.pipe);
	while (done < cycles && one_cycle(done) == 0)
		done++;
	capacity_measure(&after);
	printf("FUZZ exhaustion: %ld of %ld cycles of %d children (exec or hold and be killed)\n",
	       done, cycles, CYCLE_KIDS);
	print_capacity(" across the exhaustion cycles", &start, &after);
	if (start.fork != after.fork || start.open != after.open || start.pipe != after.pipe ||
	    start.frames != after.frames)
		fuzz_fail(
		    "exhaustion",
		    "across %ld exhaustion cycles: fork capacity %ld->%ld, open %ld->%ld, pipe "
		    "%ld->%ld, free frames %lu->%lu",
		    done, start.fork, after.fork, start.open, after.open, start.pipe, after.pipe,
		    start.frames, after.frames);
}

static int ready_fd;

/* A hog holds all the files (kind 0) or pipes (kind 1) it can get, up to
 * HOG_MAX, says how many in one byte (HOG_PIPES added for pipes: the bytes
 * come in any order), and sleeps until killed. */
static int hog(long kind)
{
	struct held h = {.n = 0};
	unsigned char got = 0;

	while (got < HOG_MAX && !(kind ? take_pipe : take_file)(&h))
		got++;
	got += kind ? HOG_PIPES : 0;
	sys_write(ready_fd, (long)&got, 1);
	return sleep_forever(0);
}

/* What the hogs that ran hold: [0] files, [1] pipes. */
struct hoard {
	long held[2];
	int procs[2];
};

static void bystander(const struct hoard *h)
{
	int p[2];
	long fd = sys_open((long)"/", O_RDONLY | O_DIRECTORY, 0), r = sys_pipe((long)p);

	if (fd < 0)
		fuzz_fail("hogs",
			  "while %d processes hold %ld files, a bystander's open = %ld: one "
			  "process's limit must leave room in the system's table",
			  h->procs[0], h->held[0], fd);
	if (r < 0)
		fuzz_fail("hogs",
			  "while %d processes hold %ld pipes, a bystander's pipe = %ld: one "
			  "process's limit must leave room in the system's table",
			  h->procs[1], h->held[1], r);
	sys_close(fd);
	if (r == 0)
		sys_close(p[0]), sys_close(p[1]);
	int pid = fuzz_spawn(exec_true, 0), status = pid > 0 ? fuzz_reap(pid) : pid;
	if (status != 0)
		fuzz_fail("hogs",
			  "while hogs hold files and pipes, a bystander's fork+exec of /bin/true = "
			  "%#x (fork's -errno, or the status: 150 + errno when execve failed)",
			  status);
}

void exhaust_hogs(void)
{
	int ready[2], pids[FILE_HOGS + PIPE_HOGS];
	struct hoard h = {{0, 0}, {0, 0}};

	if (sys_pipe((long)ready) < 0) {
		fuzz_fail("hogs", "no pipe for the hogs to report through");
		return;
	}
	ready_fd = ready[1];
	for (int i = 0; i < FILE_HOGS + PIPE_HOGS; i++)
		if ((pids[i] = fuzz_spawn(hog, i < PIPE_HOGS)) < 0)
			fuzz_fail("hogs", "fork of hog %d of %d = %d", i + 1, FILE_HOGS + PIPE_HOGS,
				  pids[i]);
	sys_close(ready[1]);
	for (int i = 0; i < FILE_HOGS + PIPE_HOGS; i++) {
		unsigned char n = 0;
		if (pids[i] > 0 && sys_read(ready[0], (long)&n, 1) == 1)
			h.held[n >= HOG_PIPES] += n % HOG_PIPES, h.procs[n >= HOG_PIPES]++;
	}
	bystander(&h);
	kill_all(pids, FILE_HOGS + PIPE_HOGS);
	for (int i = 0; i < FILE_HOGS + PIPE_HOGS; i++)
		if (pids[i] > 0)
			fuzz_reap(pids[i]);
	sys_close(ready[0]);
	printf("FUZZ hogs: %d processes held %ld files, %d held %ld pipes\n", h.procs[0], h.held[0],
	       h.procs[1], h.held[1]);
}
