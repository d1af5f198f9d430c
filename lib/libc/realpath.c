/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * realpath: the absolute path with no ".", ".." or repeated slash, each
 * component checked with stat (a missing one is ENOENT, a file where a
 * directory must be is ENOTDIR). dagfs has no symbolic links, so after
 * those checks ".." can be taken off the text: nothing else could make
 * "a/.." differ from where "a" started.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Add component name (len bytes) to out (now used bytes long), or take
 * its last component off for ".."; the new length, or -1 with errno. */
static long append_component(char *out, size_t used, const char *name, size_t len)
{
	if (len == 1 && name[0] == '.')
		return (long)used;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		while (used > 1 && out[--used] != '/')
			;
		out[used] = '\0';
		return (long)used;
	}
	size_t sep = used > 1;
	if (used + sep + len >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (sep)
		out[used] = '/';
	memcpy(out + used + sep, name, len);
	out[used + sep + len] = '\0';
	return (long)(used + sep + len);
}

/* What stat says of out: 0 if it is there and a directory (or may_be_file:
 * the last component, with no slash after it), else -1 with errno. */
static int check_component(const char *out, int may_be_file)
{
	struct stat st;

	if (stat(out, &st) < 0)
		return -1;
	if (!may_be_file && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

static int resolve(const char *path, char *out)
{
	long used;

	if (path[0] == '/') {
		strcpy(out, "/");
	} else if (!getcwd(out, PATH_MAX)) {
		return -1;
	}
	used = (long)strlen(out);
	for (const char *p = path;;) {
		p += strspn(p, "/");
		size_t len = strcspn(p, "/");
		if (!len)
			return 0;
		used = append_component(out, (size_t)used, p, len);
		p += len;
		if (used < 0 || check_component(out, !*p) < 0)
			return -1;
	}
}

char *realpath(const char *restrict path, char *restrict resolved)
{
	char out[PATH_MAX];

	if (!path) {
		errno = EINVAL;
		return 0;
	}
	if (!*path) {
		errno = ENOENT;
		return 0;
	}
	if (resolve(path, out) < 0)
		return 0;
	if (!resolved && !(resolved = malloc(strlen(out) + 1))) {
		errno = ENOMEM;
		return 0;
	}
	return strcpy(resolved, out);
}
