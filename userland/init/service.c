/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /etc/servers and /etc/drivers, one service a line:
 *
 *     name  sys_id  policy  [device=DEVICE]  program [args...]
 *
 * DEVICE makes it a driver that may claim that device (dev_allow): a
 * platform device's name (com1, ps2, fb), pci:VVVV:DDDD (vendor and device
 * ID, hex) or class:CCSS[PP] (PCI class, subclass and optionally prog-if).
 *
 * sys_id is the SYS_ID the server registers (0x40..0xff) or "-"; policy is
 * once, restart (given up on after SERVICE_RESTARTS_DEFAULT crashes in a
 * row) or restart=N. A crash counts as "in a row" when no message reached
 * the server's SYS_ID since it was started: a server that serves between
 * crashes is restarted for ever, one that crashes before doing any work is
 * not. '#' starts a comment.
 */
#include "init.h"

#include <abi/bc.h>
#include <abi/bootarc.h>
#include <abi/wait.h>
#include <abi/kstat.h>
#include <chappe/syscall.h>
#include <libserver/supervise.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#define FILE_MAX 4096
#define READY_WAIT_MS 5000
#define EXEC_FAILED 127

static char *next_word(char **p)
{
	return strtok_r(0, " \t", p);
}

static int parse_sys_id(const char *w)
{
	char *end;
	long id;

	if (!strcmp(w, "-"))
		return -1;
	id = strtol(w, &end, 0);
	return *end || id < SYS_ID_USER_FIRST || id >= SYS_ID_COUNT ? -2 : (int)id;
}

static int parse_policy(const char *w, struct service *s)
{
	s->limit = SERVICE_RESTARTS_DEFAULT;
	if (!strcmp(w, "once")) {
		s->policy = SERVICE_ONCE;
		return 0;
	}
	s->policy = SERVICE_RESTART;
	if (!strcmp(w, "restart"))
		return 0;
	if (strncmp(w, "restart=", 8))
		return -1;
	char *end;
	long n = strtol(w + 8, &end, 10);
	if (*end || n < 1 || n > 1000000)
		return -1;
	s->limit = (int)n;
	return 0;
}

static int hex_field(const char *s, int digits, uint32_t *out)
{
	char *end;
	long v = strtol(s, &end, 16);

	if (end - s != digits || v < 0)
		return -1;
	*out = (uint32_t)v;
	return (int)(end - s);
}

static int parse_pci(const char *w, struct dev_match *m)
{
	uint32_t vendor, device;

	if (hex_field(w, 4, &vendor) < 0 || w[4] != ':' || hex_field(w + 5, 4, &device) < 0 ||
	    w[9] || vendor == DEV_ANY_ID)
		return -1;
	m->bus = DEV_BUS_PCI;
	m->vendor = (uint16_t)vendor;
	m->device = (uint16_t)device;
	return 0;
}

static int parse_class(const char *w, struct dev_match *m)
{
	size_t digits = strlen(w);
	uint32_t code;

	if ((digits != 4 && digits != 6) || hex_field(w, (int)digits, &code) < 0)
		return -1;
	m->bus = DEV_BUS_PCI;
	m->class_code = digits == 4 ? code << 8 : code;
	m->class_mask = digits == 4 ? 0xffff00 : 0xffffff;
	return 0;
}

static int parse_device(const char *w, struct dev_match *m)
{
	*m = (struct dev_match){.vendor = DEV_ANY_ID, .device = DEV_ANY_ID};
	if (!strncmp(w, "pci:", 4))
		return parse_pci(w + 4, m);
	if (!strncmp(w, "class:", 6))
		return parse_class(w + 6, m);
	if (!*w || strlen(w) >= sizeof m->name || strchr(w, ':'))
		return -1;
	m->bus = DEV_BUS_PLATFORM;
	memcpy(m->name, w, strlen(w) + 1);
	return 0;
}

/* An optional device= word before the program. */
static const char *parse_driver(char **rest, struct service *s)
{
	char *w = *rest;

	while (*w == ' ' || *w == '\t')
		w++;

	if (strncmp(w, "device=", 7))
		return 0; /* a program: left for parse_command */
	w = next_word(rest);
	if (parse_device(w + 7, &s->device))
		return "device= is not a name, pci:VVVV:DDDD or class:CCSS[PP]";
	if (s->sys_id < 0)
		return "a driver needs a sys_id: its interrupts come there";
	s->is_driver = 1;
	return 0;
}

/* The words after the policy: the program and its arguments, copied into
 * s->words so the file's buffer can go. */
static int parse_command(char *rest, struct service *s)
{
	size_t used = 0;
	int argc = 0;

	for (char *w; (w = next_word(&rest));) {
		size_t len = strlen(w) + 1;
		if (argc == SERVICE_ARGS_MAX || used + len > sizeof s->words)
			return -1;
		s->argv[argc++] = memcpy(s->words + used, w, len);
		used += len;
	}
	s->argv[argc] = 0;
	return argc ? 0 : -1;
}

/* 0, or the reason the line is not a service. */
static const char *parse_line(char *line, struct service *s)
{
	char *name = next_word(&line), *id = next_word(&line), *policy = next_word(&line);

	if (!policy)
		return "expected: name sys_id policy program [args...]";
	if (strlen(name) >= sizeof s->name)
		return "name longer than 15 bytes";
	*s = (struct service){0};
	memcpy(s->name, name, strlen(name) + 1);
	s->sys_id = parse_sys_id(id);
	if (s->sys_id == -2)
		return "sys_id is not - or a number in 0x40..0xff";
	if (parse_policy(policy, s))
		return "policy is not once, restart or restart=N";
	const char *why = parse_driver(&line, s);
	if (why)
		return why;
	if (parse_command(line, s))
		return "no program, or more than 8 words";
	return 0;
}

static int blank(const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	return *line == '\0';
}

static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY), n = 0;

	if (fd < 0)
		return -errno;
	for (ssize_t r; (size_t)n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0;)
		n += (int)r;
	close(fd);
	buf[n] = '\0';
	return n;
}

int services_load(const char *path, struct service *out, int max)
{
	static char text[FILE_MAX];
	int err = read_file(path, text, sizeof text);

	return err < 0 ? err : services_parse(path, text, out, max);
}

int services_parse(const char *path, char *text, struct service *out, int max)
{
	int n = 0, lineno = 0;

	for (char *line = text, *nl; line && *line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		if (blank(line))
			continue;
		const char *why = n == max ? "too many services" : parse_line(line, &out[n]);
		if (why)
			printf("init: %s:%d: %s\n", path, lineno, why);
		else
			n++;
	}
	return n;
}

static uint64_t routed_to(int sys_id)
{
	struct chappe_bcstat st;

	return sys_id > 0 && sys_bc_stat(sys_id, (long)&st) == 0 ? st.routed : 0;
}

static int registered_by(int sys_id, pid_t pid)
{
	struct chappe_bcstat st;

	return sys_bc_stat(sys_id, (long)&st) == 0 && st.state == BC_STATE_READY &&
	       st.server_pid == pid;
}

static int ended(pid_t pid)
{
	struct chappe_procinfo p;

	return sys_proc_info(pid, (long)&p) != 0 || p.state == PROC_INFO_ZOMBIE;
}

/* Until s registers (1), or ends (0: init's loop reaps and judges it). */
static int await_ready(const struct service *s)
{
	const struct timespec tick = {0, 10 * 1000 * 1000};

	for (int ms = 0; ms < READY_WAIT_MS; ms += 10) {
		if (registered_by(s->sys_id, s->pid))
			return 1;
		if (ended(s->pid))
			return 0;
		nanosleep(&tick, 0);
	}
	printf("init: %s (pid %d) has not registered SYS_ID 0x%02x after %d ms\n", s->name, s->pid,
	       s->sys_id, READY_WAIT_MS);
	return 0;
}

/* What init starts may not fill the process table: a few slots stay for
 * init to restart a server or the shell even while a fork bomb runs. */
static void keep_reserve(void)
{
	struct rlimit r;

	if (getrlimit(RLIMIT_NPROC, &r) == 0 && r.rlim_max > INIT_RESERVED_PROCS) {
		r.rlim_max -= INIT_RESERVED_PROCS;
		r.rlim_cur = r.rlim_cur < r.rlim_max ? r.rlim_cur : r.rlim_max;
		setrlimit(RLIMIT_NPROC, &r);
	}
}

/* The shell's session: it leads a new one, the console becomes that
 * session's controlling terminal and the shell's group its foreground
 * (docs/tty.md); job control works from there. */
static void take_terminal(void)
{
	if (setsid() < 0 || ioctl(STDIN_FILENO, TIOCSCTTY, 0) < 0 ||
	    tcsetpgrp(STDIN_FILENO, getpid()) < 0)
		printf("init: the shell gets no terminal: %s\n", strerror(errno));
}

int service_start(struct service *s, int wait_ready)
{
	uint64_t routed = routed_to(s->sys_id); /* before the server can be sent anything */
	/* A server's SYS_ID is reserved for it before it runs: while it
	 * restarts, nobody else can take it and receive what its clients send. */
	pid_t pid = s->sys_id < 0  ? fork()
		    : s->is_driver ? supervise_fork_driver((uint8_t)s->sys_id, &s->device)
				   : supervise_fork((uint8_t)s->sys_id);

	if (pid == 0) {
		keep_reserve();
		if (s->terminal)
			take_terminal();
		if (s->env[0])
			execve(s->argv[0], s->argv, s->env);
		else
			execv(s->argv[0], s->argv);
		printf("init: %s: cannot run %s: %s\n", s->name, s->argv[0], strerror(errno));
		_exit(EXEC_FAILED);
	}
	if (pid < 0) {
		int err = s->sys_id > 0 ? -pid : errno;
		printf("init: %s: cannot start it: %s\n", s->name, strerror(err));
		return 0;
	}
	s->pid = pid;
	s->routed = routed;
	return !wait_ready || s->sys_id < 0 || await_ready(s);
}

/* Whether s ending with status should start it again, counting the crash. */
static int wants_restart(struct service *s, int status)
{
	int crashed = !WIFEXITED(status) || WEXITSTATUS(status) != 0;

	if (WIFEXITED(status) && WEXITSTATUS(status) == EXEC_FAILED)
		return 0; /* the child said why; trying again would say it again */
	if (s->policy == SERVICE_ONCE || (s->policy == SERVICE_RESTART && !crashed))
		return 0;
	if (!crashed) {
		s->crashes = 0; /* a clean end (exit in the shell) breaks a run of crashes */
		return 1;
	}
	/* Without a SYS_ID there is no way to see progress: every crash counts. */
	int progress = s->sys_id > 0 && routed_to(s->sys_id) != s->routed;
	s->crashes = progress ? 1 : s->crashes + 1;
	if (s->crashes > s->limit) {
		printf("init: giving up on %s: it crashed %d times in a row without serving a "
		       "message\n",
		       s->name, s->crashes);
		return 0;
	}
	return 1;
}

/* The shell cannot run (root filesystem damaged, missing or empty): say so
 * and how to recover, then run the boot archive's shell with its programs. */
static void start_rescue(struct service *s)
{
	printf(
	    "init: the shell %s cannot run. Starting the rescue shell " BOOTARC_EXEC_DIR
	    "/sh from the boot archive; its commands are the archive's programs "
	    "(PATH=" BOOTARC_EXEC_DIR ").\n"
	    "init: to recover, check the root filesystem \\CHAPPE\\ROOT.DFS on the EFI partition: "
	    "copy a good one there (build/mkdagfs --verify checks it) or write build/chappe.img "
	    "to the disk again.\n",
	    s->argv[0]);
	snprintf(s->words, sizeof s->words, BOOTARC_EXEC_DIR "/sh");
	s->argv[0] = s->words;
	s->env[0] = "PATH=" BOOTARC_EXEC_DIR;
	s->rescue = 0;
	s->crashes = 0;
	service_start(s, 0);
}

int service_ended(struct service *list, int n, pid_t pid, int status)
{
	struct service *s = 0;

	for (int i = 0; i < n && !s; i++)
		if (list[i].pid == pid)
			s = &list[i];
	if (!s)
		return 0;
	s->pid = 0;
	if (s->sync_on_end) {
		sync(); /* an exit from the last shell, then a power cut: nothing lost */
		printf("init: synced after the %s ended\n", s->name);
	}
	printf("init: %s (pid %d) ended, wait status 0x%x\n", s->name, pid, status);
	if (wants_restart(s, status))
		service_start(s, 0);
	else if (s->rescue)
		start_rescue(s);
	else if (s->sys_id > 0)
		sys_bc_supervise(s->sys_id, 0); /* not coming back: free it */
	if (s->pid)
		printf("init: restarted %s as pid %d\n", s->name, s->pid);
	return 1;
}
