/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * setenv, unsetenv and putenv. The first change copies the environment
 * crt0 found (or the one a program pointed environ at) into an array of
 * our own, so an array the program made is never written. Strings setenv built are remembered, so
 * that replacing or removing one frees it: setting the same name again and again keeps one string
 * alive, not one per call (POSIX lets a getenv result go stale).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

extern char **environ; /* <stdlib.h> has it too, a host's <stdlib.h> not */

static char **own_env;	 /* environ, when it is our array */
static size_t env_slots; /* entries own_env has room for, NULL included */
static char **built;	 /* the strings setenv allocated, still in use */
static size_t nbuilt, built_slots;

static size_t env_count(void)
{
	size_t n = 0;

	while (environ && environ[n])
		n++;
	return n;
}

/* environ as our array with room for one more entry; -1 without memory. */
static int env_make_room(void)
{
	size_t n = env_count();

	if (environ == own_env && n + 2 <= env_slots)
		return 0;
	size_t slots = (n + 2) * 2;
	char **e = malloc(slots * sizeof *e);
	if (!e)
		return -1;
	if (n)
		memcpy(e, environ, n * sizeof *e);
	e[n] = 0;
	if (environ == own_env)
		free(own_env);
	environ = own_env = e;
	env_slots = slots;
	return 0;
}

/* Free s if setenv made it. */
static void drop_string(char *s)
{
	for (size_t i = 0; i < nbuilt; i++) {
		if (built[i] == s) {
			built[i] = built[--nbuilt];
			free(s);
			return;
		}
	}
}

static int remember_string(char *s)
{
	if (nbuilt == built_slots) {
		size_t slots = built_slots ? built_slots * 2 : 8;
		char **b = realloc(built, slots * sizeof *b);
		if (!b)
			return -1;
		built = b, built_slots = slots;
	}
	built[nbuilt++] = s;
	return 0;
}

/* The index of the entry for the name that is string's first len bytes,
 * or the count of entries if there is none. */
static size_t env_find(const char *name, size_t len)
{
	size_t i = 0;

	for (; environ && environ[i]; i++)
		if (!strncmp(environ[i], name, len) && environ[i][len] == '=')
			return i;
	return i;
}

static int valid_name(const char *name)
{
	return name && *name && !strchr(name, '=');
}

/* entry ("NAME=value") in place of NAME's entry, or added at the end. */
static int env_put(char *entry, size_t name_len)
{
	if (env_make_room() < 0)
		return -1;
	size_t i = env_find(entry, name_len);
	if (environ[i]) {
		drop_string(environ[i]);
	} else {
		environ[i + 1] = 0;
	}
	environ[i] = entry;
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	if (!valid_name(name)) {
		errno = EINVAL;
		return -1;
	}
	size_t n = strlen(name), v = strlen(value);
	if (!overwrite && environ && environ[env_find(name, n)])
		return 0;
	char *entry = malloc(n + v + 2);
	if (!entry || remember_string(entry) < 0) {
		free(entry);
		errno = ENOMEM;
		return -1;
	}
	memcpy(entry, name, n);
	entry[n] = '=';
	memcpy(entry + n + 1, value, v + 1);
	if (env_put(entry, n) < 0) {
		drop_string(entry);
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

int putenv(char *string)
{
	char *eq = strchr(string, '=');

	if (!eq || eq == string) {
		errno = EINVAL;
		return -1;
	}
	if (env_put(string, (size_t)(eq - string)) < 0) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

int unsetenv(const char *name)
{
	if (!valid_name(name)) {
		errno = EINVAL;
		return -1;
	}
	size_t n = strlen(name), count = env_count();
	/* A program's own array is copied before anything leaves it. */
	if (env_find(name, n) < count && env_make_room() < 0) {
		errno = ENOMEM;
		return -1;
	}
	for (size_t i; (i = env_find(name, n)) < count; count--) {
		drop_string(environ[i]);
		/* The order of the others is kept; NULL moves down too. */
		memmove(environ + i, environ + i + 1, (count - i) * sizeof *environ);
	}
	return 0;
}
