/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc realpath.c, libgen.c and mkstemp.c on the host. realpath runs
 * on the host's own stat and getcwd against glibc's realpath in a fresh
 * directory tree with no symbolic links (dagfs has none): random paths of
 * existing, missing and file components, ".", ".." and repeated slashes,
 * absolute and relative. basename and dirname against glibc's POSIX ones
 * (__xpg_basename) on a table and on random paths. mkstemp and mkdtemp
 * make distinct new names in /tmp, replacing only the XXXXXX.
 */
#include "libc_names.h"
char *realpath(const char *restrict path, char *restrict resolved);
char *basename(char *path);
char *dirname(char *path);
int mkstemp(char *template);
char *mkdtemp(char *template);
#define LIBC_NAMES_UNDO
#include "libc_names.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "host_alloc.h"

static uint64_t rng = 0xbe5466cf34e90c6cull;

static unsigned below(unsigned n)
{
	return (unsigned)(check_random(&rng) >> 17) % n;
}

static char root[64];

/* The tree: directories a, a/b, a/b/c, d; files a/f, a/b/g, h. */
static void make_tree(void)
{
	static const char *const dirs[] = {"a", "a/b", "a/b/c", "d"};
	static const char *const files[] = {"a/f", "a/b/g", "h"};
	char p[128];

	snprintf(root, sizeof root, "/tmp/chappe_realpath_XXXXXX");
	CHECK(mkdtemp(root) != 0);
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		snprintf(p, sizeof p, "%s/%s", root, dirs[i]);
		CHECK(mkdir(p, 0755) == 0);
	}
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(p, sizeof p, "%s/%s", root, files[i]);
		int fd = open(p, O_CREAT | O_WRONLY, 0644);
		CHECK(fd >= 0);
		close(fd);
	}
}

static void remove_tree(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	CHECK(system(cmd) == 0);
}

static int reported;

static int same_realpath(const char *path)
{
	char mine[PATH_MAX], theirs[PATH_MAX];

	errno = 0;
	char *c = chappe_realpath(path, mine);
	int err_c = errno;
	errno = 0;
	char *h = realpath(path, theirs);
	int same = !c == !h && (c ? c == mine && !strcmp(mine, theirs) : err_c == errno);
	if (!same && reported++ < 20)
		fprintf(stderr, "  realpath(\"%s\"): %s (%d), glibc %s (%d)\n", path,
			c ? mine : "NULL", err_c, h ? theirs : "NULL", errno);
	return same;
}

static void random_path(char *p, size_t size)
{
	static const char *const parts[] = {"a", "b", "c", "d", "f", "g", "h", "x", ".", "..", ""};
	size_t n = 1 + below(6);

	*p = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i || below(3) == 0)
			strncat(p, below(4) ? "/" : "//", size - strlen(p) - 1);
		strncat(p, parts[below(sizeof parts / sizeof *parts)], size - strlen(p) - 1);
	}
	if (below(5) == 0)
		strncat(p, "/", size - strlen(p) - 1);
}

static void resolve_paths(void)
{
	char rel[80], path[160];
	int ok = 1;
	static const char *const cwds[] = {"", "/a", "/a/b", "/a/b/c", "/d"};

	make_tree();
	for (size_t w = 0; w < sizeof cwds / sizeof *cwds; w++) {
		snprintf(path, sizeof path, "%s%s", root, cwds[w]);
		CHECK(chdir(path) == 0);
		for (int round = 0; round < 4000; round++) {
			random_path(rel, sizeof rel);
			/* Relative to the cwd, or absolute inside the tree. */
			if (rel[0] == '/')
				snprintf(path, sizeof path, "%s%s", root, rel);
			else
				snprintf(path, sizeof path, "%s", rel);
			ok &= same_realpath(path);
		}
		ok &= same_realpath(".") && same_realpath("..") && same_realpath("/") &&
		      same_realpath("//") && same_realpath("/..");
	}
	CHECK(ok);
	CHECK(chdir("/") == 0);
	/* No buffer: one of malloc's, just big enough. */
	long live = host_alloc_live;
	char *p = chappe_realpath("/tmp/../tmp", 0);
	CHECK(p && !strcmp(p, "/tmp") && host_alloc_live == live + 1);
	free(p);
	errno = 0;
	CHECK(chappe_realpath("", path) == 0 && errno == ENOENT);
	errno = 0;
	CHECK(chappe_realpath(0, path) == 0 && errno == EINVAL);
	static char longname[PATH_MAX + 10];
	memset(longname, 'n', sizeof longname - 1);
	longname[0] = '/';
	errno = 0;
	CHECK(chappe_realpath(longname, path) == 0 && errno == ENAMETOOLONG);
	remove_tree();
}

static int same_names(const char *path)
{
	char a[64], b[64], c[64], d[64];

	snprintf(a, sizeof a, "%s", path), snprintf(b, sizeof b, "%s", path);
	snprintf(c, sizeof c, "%s", path), snprintf(d, sizeof d, "%s", path);
	int same = !strcmp(chappe_basename(a), __xpg_basename(b)) &&
		   !strcmp(chappe_dirname(c), dirname(d));
	if (!same && reported++ < 20)
		fprintf(stderr, "  basename/dirname(\"%s\") differ from glibc's\n", path);
	return same;
}

static void path_names(void)
{
	static const char *const table[] = {
	    "",	     "/",      "//",	  "///",  "a",	    "a/",	"a//",	    "/a", "/a/",
	    "//a",   "a/b",    "a/b/",	  "/a/b", "/a/b//", "a//b",	".",	    "..", "./a",
	    "../a/", "/a/b/c", "usr/lib", "usr",  "/usr/",  "a///b///", "//a//b//", "/.", "./"};
	int ok = 1;
	char p[40];

	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		ok &= same_names(table[i]);
	for (int round = 0; round < 50000; round++) {
		size_t n = below(12);
		for (size_t i = 0; i < n; i++)
			p[i] = "ab/./"[below(5)];
		p[n] = '\0';
		ok &= same_names(p);
	}
	CHECK(ok);
	CHECK(!strcmp(chappe_basename(0), ".") && !strcmp(chappe_dirname(0), "."));
}

/* mkstemp's and mkdtemp's open and mkdir (libc_mkstemp.c): the last
 * flags and mode, the names tried, and EEXIST for the first `busy`. */
static int spy_flags, spy_busy, spy_tries;
static mode_t spy_mode;
static char spy_names[8][40];

static int spy_refuses(const char *path)
{
	snprintf(spy_names[spy_tries % 8], sizeof spy_names[0], "%s", path);
	spy_tries++;
	if (spy_busy > 0) {
		spy_busy--;
		errno = EEXIST;
		return 1;
	}
	return 0;
}

int spy_open(const char *path, int flags, ...);
int spy_mkdir(const char *path, mode_t mode);

int spy_open(const char *path, int flags, ...)
{
	va_list ap;

	va_start(ap, flags);
	spy_mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	spy_flags = flags;
	return spy_refuses(path) ? -1 : open(path, flags, spy_mode);
}

int spy_mkdir(const char *path, mode_t mode)
{
	spy_mode = mode;
	return spy_refuses(path) ? -1 : mkdir(path, mode);
}

/* Names that are taken make it try others, each new; only EEXIST does. */
static void taken_names(void)
{
	char t[40];

	snprintf(t, sizeof t, "/tmp/chappe_mkstemp_XXXXXX");
	spy_busy = 5, spy_tries = 0;
	int fd = chappe_mkstemp(t);
	CHECK(fd >= 0 && spy_tries == 6 && !strcmp(spy_names[5], t));
	CHECK(spy_flags == (O_RDWR | O_CREAT | O_EXCL) && spy_mode == 0600);
	int distinct = 1;
	for (int i = 0; i < 6; i++)
		for (int j = 0; j < i; j++)
			distinct &= strcmp(spy_names[i], spy_names[j]) != 0;
	CHECK(distinct);
	close(fd);
	unlink(t);
	spy_busy = 1000000, spy_tries = 0; /* every name taken: it gives up */
	snprintf(t, sizeof t, "/tmp/chappe_mkstemp_XXXXXX");
	errno = 0;
	CHECK(chappe_mkstemp(t) == -1 && errno == EEXIST && spy_tries == 1000);
	spy_busy = 2, spy_tries = 0;
	snprintf(t, sizeof t, "/tmp/chappe_mkdtemp_XXXXXX");
	CHECK(chappe_mkdtemp(t) == t && spy_tries == 3 && spy_mode == 0700);
	rmdir(t);
	spy_busy = 0;
}

static void temporary_names(void)
{
	char names[50][40], t[40];
	int fds_ok = 1, distinct = 1;
	struct stat st;

	for (int i = 0; i < 50; i++) {
		snprintf(names[i], sizeof names[i], "/tmp/chappe_mkstemp_XXXXXX");
		int fd = chappe_mkstemp(names[i]);
		fds_ok &= fd >= 0 && !strncmp(names[i], "/tmp/chappe_mkstemp_", 20) &&
			  strcmp(names[i] + 20, "XXXXXX") && strlen(names[i]) == 26 &&
			  fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600;
		close(fd);
		for (int j = 0; j < i; j++)
			distinct &= strcmp(names[i], names[j]) != 0;
	}
	CHECK(fds_ok);
	CHECK(distinct);
	for (int i = 0; i < 50; i++)
		unlink(names[i]);
	static const char *const bad[] = {"", "XXXXX", "/tmp/aXXXXXb", "/tmp/XXXXX"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		snprintf(t, sizeof t, "%s", bad[i]);
		errno = 0;
		CHECK(chappe_mkstemp(t) == -1 && errno == EINVAL && !strcmp(t, bad[i]));
	}
	snprintf(t, sizeof t, "/nonexistent_dir/XXXXXX");
	errno = 0;
	CHECK(chappe_mkstemp(t) == -1 && errno == ENOENT);
	snprintf(t, sizeof t, "/tmp/chappe_mkdtemp_XXXXXX");
	CHECK(chappe_mkdtemp(t) == t && stat(t, &st) == 0 && S_ISDIR(st.st_mode) &&
	      (st.st_mode & 0777) == 0700);
	rmdir(t);
}

int main(void)
{
	resolve_paths();
	path_names();
	temporary_names();
	taken_names();
	return check_summary("unit_libc_paths");
}
