/* SPDX-License-Identifier: BSD-2-Clause */
/* POSIX basename and dirname: trailing slashes are cut off in place. */
#include <string.h>

/* path's length without trailing slashes (a path of only slashes keeps one). */
static size_t trimmed(const char *path)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	return n;
}

char *basename(char *path)
{
	static char dot[] = ".";

	if (!path || !*path)
		return dot;
	size_t n = trimmed(path);
	path[n] = '\0';
	if (n == 1 && path[0] == '/')
		return path;
	char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *dirname(char *path)
{
	static char dot[] = ".";

	if (!path || !*path)
		return dot;
	size_t n = trimmed(path);
	while (n && path[n - 1] != '/')
		n--;
	if (!n)
		return dot;
	while (n > 1 && path[n - 1] == '/')
		n--;
	/* POSIX leaves a leading "//" to the implementation: glibc keeps it. */
	if (n == 1 && path[0] == '/' && path[1] == '/' && path[2] != '/')
		n = 2;
	path[n] = '\0';
	return path;
}
