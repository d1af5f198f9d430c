/* SPDX-License-Identifier: BSD-2-Clause */
/* init's services: the servers of /etc/servers and the console shell. */
#pragma once

#include <stdint.h>

#include <abi/device.h>
#include <unistd.h>

#define SERVICE_ARGS_MAX 8
#define SERVICES_MAX 16
#define SERVICE_RESTARTS_DEFAULT 5
#define INIT_RESERVED_PROCS 4 /* below the process limit, for init alone */

enum service_policy {
	SERVICE_ONCE,	 /* started once, never again */
	SERVICE_RESTART, /* started again when it crashes */
	SERVICE_RESPAWN, /* started again whenever it ends (the console shell) */
};

struct service {
	char name[16];
	int sys_id; /* the SYS_ID it registers, or -1 */
	enum service_policy policy;
	int limit; /* crashes in a row with no message served before init gives up */
	char *argv[SERVICE_ARGS_MAX + 1];
	char words[128]; /* argv's strings */
	pid_t pid;	 /* 0 while not running */
	int crashes;	 /* in a row, with no progress between them */
	uint64_t routed; /* messages routed to sys_id when it was last started */
	char *env[2];	 /* the environment it runs with (NULL-terminated) */
	int rescue;	 /* the shell: run the boot archive's when this one cannot run */
	int sync_on_end; /* the shell: what its user wrote goes to disk when it ends */
	int terminal;	 /* the shell: a session of its own, the console its terminal */
	int is_driver;	 /* device= given: it may claim what device matches */
	struct dev_match device;
};

/* Parse a servers file into out[]: the number of services, each bad line
 * reported and skipped; -errno when the file cannot be read. */
int services_load(const char *path, struct service *out, int max);
/* The same for text already read (it is cut up); path names it in messages. */
int services_parse(const char *path, char *text, struct service *out, int max);
/* Fork and exec s; with wait_ready, return once its SYS_ID is registered,
 * it ended, or a few seconds passed. 1 when it started (and registered). */
int service_start(struct service *s, int wait_ready);
/* A child of init ended: act on s's policy if pid is one of list's. */
int service_ended(struct service *list, int n, pid_t pid, int status);
