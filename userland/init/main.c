/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * init, pid 1. The kernel has started the boot servers (io, memory, exec,
 * dagfs: BOOT.CFG's servers=), without which no file can be read. init
 * starts the servers of /etc/servers in order, each registered before the
 * next begins, prints /etc/motd and runs the shell on the console; it
 * restarts what its policy says to restart and reaps every orphan.
 *
 * usage: init [--drivers FILE | --no-drivers] [--servers FILE | --no-servers]
 *             [--shell PROGRAM | --no-shell]
 * (test boots pass --no-servers --no-shell unless BOOT.CFG says init_args=:
 * they keep the drivers of /etc/drivers, the console's among them)
 */
#include "init.h"

#include <abi/bc.h>
#include <abi/bootarc.h>
#include <chappe/syscall.h>
#include <dagfs/dagfs_client.h>
#include <fbcon/fbcon_server.h>
#include <fcntl.h>
#include <libserver/client.h>
#include <ps2kbd/ps2kbd.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <uart/uart.h>

static struct service services[SERVICES_MAX + 1]; /* the last slot: the shell */
static int nservices;

static void show_motd(void)
{
	char buf[512];
	int fd = open("/etc/motd", O_RDONLY);

	for (ssize_t n; fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0;)
		write(STDOUT_FILENO, buf, (size_t)n);
	if (fd >= 0)
		close(fd);
}

static void add_shell(const char *path)
{
	struct service *s = &services[nservices++];

	*s = (struct service){.name = "shell",
			      .sys_id = -1,
			      .policy = SERVICE_RESPAWN,
			      .limit = SERVICE_RESTARTS_DEFAULT,
			      .rescue = 1,
			      .sync_on_end = 1,
			      .terminal = 1};
	snprintf(s->words, sizeof s->words, "%s", path);
	s->argv[0] = s->words;
	show_motd();
	service_start(s, 0);
}

/* Without a readable /etc/drivers (a damaged root filesystem) the console
 * still needs its drivers: the boot archive's, as /etc/drivers names them. */
#define WORD(x) #x
#define NUMBER(x) WORD(x)
static char rescue_drivers[] = "uart " NUMBER(
    UART_SYS_ID) " restart device=com1 " BOOTARC_EXEC_DIR "/uartd\n"
		 "ps2kbd " NUMBER(
		     PS2KBD_SYS_ID) " restart device=ps2 " BOOTARC_EXEC_DIR "/ps2kbd\n"
				    "fbcon " NUMBER(
					FBCON_SYS_ID) " restart device=fb " BOOTARC_EXEC_DIR
						      "/fbcond\n";

static int load_list(const char *path, int is_drivers)
{
	int first = nservices, n = services_load(path, services + first, SERVICES_MAX - first);

	if (n >= 0 || !is_drivers) {
		if (n < 0)
			printf("init: cannot read %s: %s\n", path, strerror(-n));
		return n;
	}
	printf("init: cannot read %s: %s; starting the boot archive's console drivers\n", path,
	       strerror(-n));
	return services_parse("(rescue drivers)", rescue_drivers, services + first,
			      SERVICES_MAX - first);
}

/* Drivers first: the console's are what everything after it writes to. */
static void start_list(const char *path, int is_drivers)
{
	int first = nservices, n = load_list(path, is_drivers);

	for (; n > 0 && nservices < first + n; nservices++) {
		struct service *s = &services[nservices];
		if (service_start(s, 1))
			printf("init: started %s (pid %d)\n", s->name, s->pid);
	}
}

/* Reap one child (restarting it if it is a service): its pid, else what
 * wait4 answered. */
static pid_t reap(int options)
{
	int status;
	pid_t pid = wait4(-1, &status, options, 0);

	if (pid > 0 && !service_ended(services, nservices, pid, status))
		printf("init: reaped pid %d, wait status 0x%x\n", pid, status);
	return pid;
}

int main(int argc, char **argv)
{
	const struct timespec idle = {0, 50 * 1000 * 1000};
	const char *drivers = "/etc/drivers", *servers = "/etc/servers", *shell = "/bin/sh";

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--no-drivers"))
			drivers = 0;
		else if (!strcmp(argv[i], "--drivers") && i + 1 < argc)
			drivers = argv[++i];
		else if (!strcmp(argv[i], "--no-servers"))
			servers = 0;
		else if (!strcmp(argv[i], "--no-shell"))
			shell = 0;
		else if (!strcmp(argv[i], "--servers") && i + 1 < argc)
			servers = argv[++i];
		else if (!strcmp(argv[i], "--shell") && i + 1 < argc)
			shell = argv[++i];
		else
			printf("init: ignoring argument %s\n", argv[i]);
	}
	/* The kernel starts init first: the boot servers may still be starting. */
	int down = drivers || servers || shell ? server_await_boot(10000) : 0;
	if (down)
		printf("init: SYS_ID 0x%02x is still not served\n", down);
	if (drivers) {
		start_list(drivers, 1);
		dagfs_attach(); /* the disk drivers are up: files live on the disk now */
	}
	if (servers)
		start_list(servers, 0);
	/* What ended while starting (a driver without its device) holds no
	 * process slot when the test starts. */
	while (reap(WNOHANG) > 0)
		;
	sys_init_ready(); /* the kernel starts a test, or run=, only now */
	if (shell)
		add_shell(shell);
	for (;;)
		if (reap(0) <= 0)
			nanosleep(&idle, 0); /* no children yet: look again soon */
}
