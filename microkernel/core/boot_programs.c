/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/boot_programs.h>

#include <core/bootarc.h>
#include <core/console.h>
#include <core/kconfig.h>
#include <core/proc.h>
#include <string/string.h>

#define LIST_MAX 256

static struct proc *start_with(const char *name, unsigned caps, const char *args)
{
	const void *elf;
	uint64_t size;
	const char *why = "not in the boot archive";
	struct proc *p = 0;

	if (!bootarc_find(name, &elf, &size))
		p = proc_spawn(name, elf, size, caps, args, &why);
	if (!p)
		kprintf_color(CONSOLE_RED, "boot: cannot start %s: %s\n", name, why);
	return p;
}

static struct proc *start(const char *name, unsigned caps)
{
	return start_with(name, caps, 0);
}

/* Start every name in a comma-separated list. */
static void start_list(char *list, unsigned caps)
{
	for (char *name = list; *name;) {
		char *end = name;
		while (*end && *end != ',')
			end++;
		char sep = *end;
		*end = '\0';
		if (*name)
			start(name, caps);
		name = sep ? end + 1 : end;
	}
}

static void start_key(const char *key, const char *fallback, unsigned caps)
{
	char list[LIST_MAX];
	int n = kconfig_get(key, list, sizeof list);

	if (n == -1) {
		int i = 0;
		for (; fallback[i] && i < LIST_MAX - 1; i++)
			list[i] = fallback[i];
		list[i] = '\0';
	} else if (n < 0) {
		kprintf_color(CONSOLE_RED, "boot: %s= is longer than %d bytes\n", key,
			      LIST_MAX - 1);
		return;
	}
	start_list(list, caps);
}

/* init's arguments: init_args= when given (empty: none); otherwise none on
 * a normal boot, and in test mode no /etc/servers and no shell, so a test
 * sees only the programs its BOOT.CFG names. */
static const char *init_args(char *buf, size_t size, int test_mode)
{
	int n = kconfig_get("init_args", buf, size);

	if (n >= 0)
		return buf;
	if (n != -1)
		kprintf_color(CONSOLE_RED, "boot: init_args= is longer than %zu bytes\n", size - 1);
	return test_mode ? "--no-servers --no-shell" : 0;
}

/* The programs after init and the boot servers wait until init has
 * started its drivers (init_ready): a test then finds the system settled,
 * its console driven, nothing starting beside it. */
static char held_test[PROC_NAME_MAX];
static int held, held_is_test;

/* 1 when init runs. */
static int start_init(int test_mode)
{
	char name[PROC_NAME_MAX], args[LIST_MAX];
	const void *elf;
	uint64_t size;
	int n = kconfig_get("init", name, sizeof name);

	if (n == 0 || n == -2)
		return 0; /* init= (empty) runs without one */
	if (n == -1) {
		if (bootarc_find("init", &elf, &size))
			return 0;
		memcpy(name, "init", 5);
	}
	struct proc *p =
	    start_with(name, CAP_DEVICE_GRANT | CAP_POWER, init_args(args, sizeof args, test_mode));
	if (p)
		proc_set_init(p->pid);
	return p != 0;
}

static void apply_limit(void)
{
	uint64_t n = kconfig_get_number("proc_limit", proc_limit());

	proc_set_limit(n > UINT32_MAX ? UINT32_MAX : (unsigned)n); /* it clamps */
}

static void start_programs(const char *test)
{
	if (!test) {
		start_key("run", "", 0);
		return;
	}
	start_key("also", "", 0);
	char args[LIST_MAX];
	int n = kconfig_get("args", args, sizeof args);
	struct proc *p = start_with(test, 0, n > 0 ? args : 0);
	if (!p)
		qemu_exit(QEMU_EXIT_FAIL);
	proc_set_test(p->pid);
}

void boot_programs_start(const char *test)
{
	apply_limit();
	int has_init = start_init(test != 0);
	start_key("servers", "io,memory,exec,dagfs", CAP_SERVER);
	if (test) {
		memcpy(held_test, test, strlen(test) + 1);
		held_is_test = 1;
	}
	held = has_init;
	if (!held)
		start_programs(test ? held_test : 0);
}

void boot_programs_release(void)
{
	if (!held)
		return;
	held = 0;
	start_programs(held_is_test ? held_test : 0);
}
