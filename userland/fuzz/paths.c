/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * POSIX path calls with a dictionary of edge paths. Each fuzzing process
 * owns a scratch directory (/tmp/fuzz.N) where anything goes; near it lie a
 * canary tree (/tmp/canary) and the shipped files, which the calls aim at
 * only in ways that must not change them: stat, open for reading, chdir,
 * mkdir of what exists, rmdir of what is not empty, unlink of a directory,
 * rename of a path onto itself spelled another way. Where the answer is
 * knowable it must be exact (the empty path is ENOENT in every call; a
 * rename of x onto x is 0 and x is still there); afterwards both trees
 * must be byte-identical to their snapshots.
 */
#include "fuzz.h"
#include "tree.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define CANARY "/tmp/canary"
#define LONG_PATH 4096 /* bytes before the NUL */
#define DEEP 64	       /* components */
#define EDGES_MAX 64
#define POOL_SIZE 12288
#define ANY 1		/* no exact answer is knowable: only a plausible errno */
#define FAILS_SOMEHOW 2 /* a plausible errno, never success */
#define FAILS 10	/* path FAIL lines one process prints in full */

enum kind {
	K_EMPTY,   /* "": ENOENT in every call */
	K_DIR,	   /* a directory that stays: canon is what getcwd says in it */
	K_FILE,	   /* a canary or shipped file that stays */
	K_LONG,	   /* ENAMETOOLONG in every call */
	K_MISSING, /* under a directory that does not exist: ENOENT */
	K_NOTDIR,  /* through a file: ENOTDIR */
	K_ODD,	   /* near the canary, no exact answer: read-only calls only */
	K_SCRATCH, /* in this process's scratch directory: anything goes */
};

/* rmdir of a K_DIR: never (it may be empty), ENOTEMPTY, or just not 0. */
enum fullness { EMPTY_OK, FULL, MUST_FAIL };

struct edge {
	const char *path;
	enum kind kind;
	const char *canon; /* K_DIR, K_FILE: the same entry spelled plainly */
	enum fullness full;
	int same; /* edges with the same non-zero number name one entry */
};

static struct edge edges[EDGES_MAX];
static int nedges;
static char pool[POOL_SIZE];
static size_t pool_used;
static char scratch[32];
static long made, quiet_fails;
static struct tree canary_before, shipped_before[2];
static const char *const shipped_roots[2] = {"/bin", "/etc"};

static const char *keep(const char *s)
{
	size_t n = strlen(s) + 1;
	char *at = pool + pool_used;

	if (pool_used + n > sizeof pool)
		return "";
	memcpy(at, s, n);
	pool_used += n;
	return at;
}

static void add(enum kind kind, const char *path, const char *canon, enum fullness full, int same)
{
	if (nedges < EDGES_MAX)
		edges[nedges++] = (struct edge){keep(path), kind, canon, full, same};
}

/* ---- the canary tree ---------------------------------------------------- */

static const char *const canary_dirs[] = {CANARY, CANARY "/sub", CANARY "/sub/deep",
					  CANARY "/empty"};
static const char *const canary_texts[][2] = {
    {CANARY "/a.txt", "canary a: no path call may change this file\n"},
    {CANARY "/sub/c.txt", "canary c, one level down\n"},
    {CANARY "/sub/deep/d.txt", "canary d, two levels down\n"},
};

static long write_file(const char *path, const void *bytes, size_t n)
{
	long fd = sys_open((long)path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	if (fd < 0)
		return fd;
	long w = sys_write(fd, (long)bytes, (long)n);
	sys_close(fd);
	return w == (long)n ? 0 : w < 0 ? w : -EIO;
}

static int canary_build(void)
{
	static unsigned char big[5000]; /* two blocks */
	long err = 0;

	for (size_t i = 0; i < sizeof canary_dirs / sizeof canary_dirs[0]; i++)
		err = err ? err : sys_mkdir((long)canary_dirs[i], 0755);
	for (size_t i = 0; i < sizeof canary_texts / sizeof canary_texts[0]; i++)
		err = err ? err
			  : write_file(canary_texts[i][0], canary_texts[i][1],
				       strlen(canary_texts[i][1]));
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (unsigned char)(i * 7 + 3);
	err = err ? err : write_file(CANARY "/b.bin", big, sizeof big);
	if (err)
		fuzz_fail("paths", "could not build the canary tree under " CANARY ": %ld", err);
	return err ? -1 : 0;
}

int paths_prepare(void)
{
	if (canary_build())
		return -1;
	tree_snapshot(&canary_before, CANARY);
	for (int i = 0; i < 2; i++)
		tree_snapshot(&shipped_before[i], shipped_roots[i]);
	printf("FUZZ canary: %d entries under " CANARY ", %d under /bin, %d under /etc\n",
	       canary_before.count, shipped_before[0].count, shipped_before[1].count);
	return 0;
}

void paths_verify(void)
{
	static struct tree now;
	int bad = 0;

	tree_snapshot(&now, CANARY);
	bad += tree_compare("canary tree", &canary_before, &now);
	for (int i = 0; i < 2; i++) {
		tree_snapshot(&now, shipped_roots[i]);
		bad += tree_compare("shipped files", &shipped_before[i], &now);
	}
	if (!bad)
		printf("FUZZ canary intact: %d entries under " CANARY
		       " and %d shipped entries byte-identical\n",
		       canary_before.count, shipped_before[0].count + shipped_before[1].count);
}

/* ---- the dictionary ------------------------------------------------------ */

static void add_special(void)
{
	char long_path[LONG_PATH + 1], deep[DEEP * 2 + 32];

	add(K_EMPTY, "", 0, MUST_FAIL, 0);
	memcpy(long_path, "/tmp/", 5);
	memset(long_path + 5, 'a', LONG_PATH - 5);
	long_path[LONG_PATH] = '\0';
	add(K_LONG, long_path, 0, MUST_FAIL, 0);
	memset(long_path, 'n', 256); /* one name over NAME_MAX */
	long_path[256] = '\0';
	add(K_LONG, long_path, 0, MUST_FAIL, 0);
	int n = snprintf(deep, sizeof deep, "%s/nodir", scratch);
	for (int c = 3; c < DEEP; c++)
		n += snprintf(deep + n, sizeof deep - (size_t)n, "/d");
	add(K_MISSING, deep, 0, MUST_FAIL, 0);
	add(K_MISSING, "nodir/x", 0, MUST_FAIL, 0);
	add(K_NOTDIR, "/etc/motd/x", 0, MUST_FAIL, 0);
	add(K_NOTDIR, CANARY "/a.txt/x", 0, MUST_FAIL, 0);
	add(K_ODD, CANARY "/a.txt/", 0, MUST_FAIL, 0);
	add(K_ODD, CANARY "/a.txt/..", 0, MUST_FAIL, 0);
	add(K_ODD, "/@00", 0, MUST_FAIL, 0);
}

static void add_dirs(void)
{
	add(K_DIR, "/", "/", MUST_FAIL, 0); /* EBUSY or ENOTEMPTY: both true */
	add(K_DIR, "//", "/", MUST_FAIL, 0);
	add(K_DIR, "/..", "/", MUST_FAIL, 0);
	add(K_DIR, "/../../..", "/", MUST_FAIL, 0);
	add(K_DIR, ".", scratch, EMPTY_OK, 0);
	add(K_DIR, "..", "/tmp", MUST_FAIL, 0);
	add(K_DIR, "/tmp/", "/tmp", FULL, 0);
	add(K_DIR, "/bin", "/bin", FULL, 0);
	add(K_DIR, "/etc/", "/etc", FULL, 0);
	add(K_DIR, CANARY, CANARY, FULL, 1);
	add(K_DIR, "/tmp/./canary/", CANARY, FULL, 1);
	add(K_DIR, "//tmp//canary//sub", CANARY "/sub", FULL, 2);
	add(K_DIR, CANARY "/sub/deep/..", CANARY "/sub", FULL, 2);
	add(K_DIR, "../canary/sub/", CANARY "/sub", FULL, 2);
	add(K_DIR, CANARY "/empty", CANARY "/empty", EMPTY_OK, 3);
	add(K_DIR, CANARY "/./empty/", CANARY "/empty", EMPTY_OK, 3);
}

static void add_files(void)
{
	char deep[DEEP * 8 + 32];

	add(K_FILE, CANARY "/a.txt", CANARY "/a.txt", 0, 4);
	add(K_FILE, "//tmp/canary/a.txt", CANARY "/a.txt", 0, 4);
	add(K_FILE, "/tmp/./canary/a.txt", CANARY "/a.txt", 0, 4);
	add(K_FILE, CANARY "/../canary/a.txt", CANARY "/a.txt", 0, 4);
	add(K_FILE, "../canary/a.txt", CANARY "/a.txt", 0, 4);
	int n = snprintf(deep, sizeof deep, "%s", CANARY);
	for (int c = 2; c + 2 < DEEP; c += 2) /* 64 components, never deeper than 3 */
		n += snprintf(deep + n, sizeof deep - (size_t)n, "/sub/..");
	snprintf(deep + n, sizeof deep - (size_t)n, "/a.txt");
	add(K_FILE, deep, CANARY "/a.txt", 0, 4);
	add(K_FILE, CANARY "/b.bin", CANARY "/b.bin", 0, 5);
	add(K_FILE, CANARY "//b.bin", CANARY "/b.bin", 0, 5);
	add(K_FILE, CANARY "/sub/deep/d.txt", CANARY "/sub/deep/d.txt", 0, 6);
	add(K_FILE, "/etc/motd", "/etc/motd", 0, 0);
	add(K_FILE, "/bin/true", "/bin/true", 0, 0);
}

static void add_scratch(void)
{
	static const char *const names[][2] = {
	    {"a", "10"},    {"./a", "10"},   {"@/a", "10"}, {"/tmp/./@/a", "10"}, {"b", "11"},
	    {"@//b", "11"}, {"d", "12"},     {"./d", "12"}, {"@/d", "12"},	  {"d/e", "13"},
	    {"d//e", "13"}, {"@/d/e", "13"}, {"d/", "0"},   {"e", "0"},		  {"d/a", "0"},
	};
	char path[64];

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *at = strchr(names[i][0], '@');
		if (at)
			snprintf(path, sizeof path, "%.*s%s%s", (int)(at - names[i][0]),
				 names[i][0], scratch + (names[i][0][0] == '/' ? 5 : 0), at + 1);
		else
			snprintf(path, sizeof path, "%s", names[i][0]);
		add(K_SCRATCH, path, 0, EMPTY_OK,
		    names[i][1][0] == '0' ? 0 : 10 + names[i][1][1] - '0');
	}
}

void paths_enter(void)
{
	snprintf(scratch, sizeof scratch, "/tmp/fuzz.%ld", fuzz_stream);
	nedges = 0, pool_used = 0, made = 0;
	add_special();
	add_dirs();
	add_files();
	add_scratch();
	sys_mkdir((long)scratch, 0755);
	sys_chdir((long)scratch);
}

long paths_finish(void)
{
	if (quiet_fails)
		fuzz_fail("paths", "%ld more broken path answers not shown", quiet_fails);
	quiet_fails = 0;
	return made;
}

/* ---- the calls and what they must answer -------------------------------- */

enum op { OP_STAT, OP_OPEN, OP_CHDIR, OP_MKDIR, OP_RMDIR, OP_UNLINK, OP_RENAME };
static const char *const op_names[] = {"stat",	"open",	  "chdir", "mkdir",
				       "rmdir", "unlink", "rename"};

/* What a correct system answers, ANY where nothing exact is knowable
 * (0 for open means a descriptor). */
static long expected(enum op op, const struct edge *e)
{
	switch (e->kind) {
	case K_EMPTY:
	case K_MISSING:
		return -ENOENT;
	case K_LONG:
		return -ENAMETOOLONG;
	case K_NOTDIR:
		return -ENOTDIR;
	case K_DIR:
		if (op == OP_MKDIR)
			return -EEXIST;
		if (op == OP_UNLINK)
			return -EPERM;
		if (op == OP_RMDIR)
			return e->full == FULL ? -ENOTEMPTY : FAILS_SOMEHOW;
		return 0;
	case K_FILE:
		if (op == OP_MKDIR)
			return -EEXIST;
		return op == OP_CHDIR || op == OP_RMDIR ? -ENOTDIR : 0;
	default:
		return ANY;
	}
}

/* An answer no path call should ever give with valid pointers. */
static int plausible(long r)
{
	static const long fine[] = {ENOENT, ENOTDIR, EISDIR,	   EEXIST, ENOTEMPTY, EPERM, EINVAL,
				    ENOSPC, EFBIG,   ENAMETOOLONG, EMFILE, ENFILE,    EBUSY, EROFS};

	for (size_t i = 0; r < 0 && i < sizeof fine / sizeof fine[0]; i++)
		if (r == -fine[i])
			return 1;
	return r >= 0;
}

static void shown(char *out, size_t n, const char *path)
{
	size_t len = strlen(path);

	if (len > 48)
		snprintf(out, n, "\"%.32s...\" (%zu bytes)", path, len);
	else
		snprintf(out, n, "\"%s\"", path);
}

static void broken(const char *fmt, const char *a, const char *b, long got, const char *want)
{
	char pa[80], pb[80];

	if (quiet_fails || fuzz_failures() >= FAILS) {
		quiet_fails++;
		return;
	}
	shown(pa, sizeof pa, a);
	shown(pb, sizeof pb, b ? b : "");
	fuzz_fail("paths", fmt, pa, pb, got, got < 0 ? strerror((int)-got) : "ok", want);
}

static void check(enum op op, const struct edge *e, long got)
{
	long want = expected(op, e);
	char what[96];

	if (want == ANY			 ? plausible(got)
	    : want == FAILS_SOMEHOW	 ? got < 0 && plausible(got)
	    : want == 0 && op == OP_OPEN ? got >= 0
					 : got == want)
		return;
	if (op == OP_OPEN && (got == -EMFILE || got == -ENFILE))
		return; /* the random calls may have filled this process's table */
	snprintf(what, sizeof what, "%s",
		 want == ANY ? "a plausible errno" : "a plausible errno, not success");
	if (want != ANY && want != FAILS_SOMEHOW)
		snprintf(what, sizeof what, "%ld (%s)", want, want ? strerror((int)-want) : "ok");
	char fmt[96];
	snprintf(fmt, sizeof fmt, "%s(%%s)%%.0s = %%ld (%%s), expected %%s", op_names[op]);
	broken(fmt, e->path, 0, got, what);
}

static void do_stat(const struct edge *e)
{
	struct stat st;
	long r = sys_stat((long)e->path, (long)&st);

	check(OP_STAT, e, r);
	if (r == 0 && e->kind == K_DIR && !S_ISDIR(st.st_mode))
		broken("stat(%s)%.0s = %ld (%s) but it is no longer a directory %s", e->path, 0, r,
		       "");
	if (r == 0 && e->kind == K_FILE && !S_ISREG(st.st_mode))
		broken("stat(%s)%.0s = %ld (%s) but it is no longer a file %s", e->path, 0, r, "");
}

static void do_open(const struct edge *e)
{
	static const int scratch_flags[] = {
	    O_RDONLY,		O_CREAT | O_WRONLY,	     O_CREAT | O_EXCL | O_WRONLY,
	    O_WRONLY | O_TRUNC, O_RDWR | O_CREAT | O_APPEND, O_RDONLY | O_DIRECTORY};
	int flags = e->kind == K_SCRATCH ? scratch_flags[pick(6)] : O_RDONLY;
	if (e->kind == K_EMPTY && pick(2))
		flags = O_CREAT | O_WRONLY | O_TRUNC; /* must not create or truncate anything */
	long fd = sys_open((long)e->path, flags, 0644);

	check(OP_OPEN, e, fd);
	if (fd >= 0 && (flags & O_ACCMODE) != O_RDONLY)
		sys_write(fd, (long)"scratch bytes\n", 14);
	if (fd >= 0)
		sys_close(fd);
}

/* After chdir the working directory is what the path names, spelled
 * plainly; after a failed chdir it has not moved. */
static void do_chdir(const struct edge *e)
{
	char cwd[1100];
	long r = sys_chdir((long)e->path);

	check(OP_CHDIR, e, r);
	long g = sys___getcwd((long)cwd, sizeof cwd);
	const char *want = r == 0 ? (e->kind == K_DIR ? e->canon : 0) : scratch;
	if (g == 0 && want && strcmp(cwd, want))
		broken("chdir(%s)%.0s = %ld (%s), then getcwd says %s", e->path, 0, r, cwd);
	if (g != 0)
		broken("getcwd after chdir(%s)%.0s = %ld (%s)%s", e->path, 0, g, "");
	r = sys___getcwd((long)cwd, strlen(cwd)); /* one byte short of the NUL */
	if (g == 0 && r != -ERANGE)
		broken("getcwd into %s%.0s one byte short = %ld (%s), expected -34 (ERANGE)%s", cwd,
		       0, r, "");
	sys_chdir((long)scratch); /* the random calls' relative paths stay in scratch */
}

static void do_path_op(enum op op, const struct edge *e)
{
	long r = op == OP_MKDIR	  ? sys_mkdir((long)e->path, 0755)
		 : op == OP_RMDIR ? sys_rmdir((long)e->path)
				  : sys_unlink((long)e->path);

	check(op, e, r);
}

static const struct edge *pick_edge(void)
{
	return pick(6) == 0 ? &edges[0] : &edges[pick((uint64_t)nedges)];
}

static int movable(const struct edge *e)
{
	return e->kind == K_SCRATCH;
}

/* rename(x, x) spelled two ways: 0 and x is still there, unchanged (or
 * the error stat gives for x when x cannot be reached). */
static void rename_same(const struct edge *e, const struct edge *f)
{
	struct stat before, after;
	long had = sys_stat((long)e->path, (long)&before);
	long r = sys_rename((long)e->path, (long)f->path);
	long has = sys_stat((long)e->path, (long)&after);
	char want[32];

	snprintf(want, sizeof want, "%ld (as stat says)", had);
	if (r != had)
		broken("rename(%s, %s) of a path onto itself = %ld (%s), expected %s", e->path,
		       f->path, r, want);
	else if (!had &&
		 (has || before.st_mode != after.st_mode || before.st_size != after.st_size))
		broken("rename(%s, %s) of a path onto itself = 0, then stat = %ld (%s): %s",
		       e->path, f->path, has, has ? "the path is gone" : "it changed type or size");
}

/* The error a path alone gives in any call, or 0. */
static long path_error(const struct edge *e)
{
	return e->kind == K_EMPTY || e->kind == K_MISSING ? -ENOENT
	       : e->kind == K_LONG			  ? -ENAMETOOLONG
	       : e->kind == K_NOTDIR			  ? -ENOTDIR
							  : 0;
}

/* Renames whose answer is knowable without moving anything that must stay:
 * one of the two paths' own errors (POSIX orders none; a scratch source
 * may also be missing or under a file), ANY between scratch paths, 0 for a
 * rename that is not made. */
static long rename_answer(const struct edge *e, const struct edge *f, long alt[2])
{
	long a = path_error(e), b = path_error(f);

	alt[0] = b ? b : a, alt[1] = alt[0];
	if (b && movable(e))
		alt[0] = -ENOENT, alt[1] = -ENOTDIR;
	if (a || (b && (e->kind == K_FILE || (e->kind == K_DIR && e->same) || movable(e))))
		return a ? a : b;
	return movable(e) && movable(f) ? ANY : 0;
}

static void do_rename(const struct edge *e, const struct edge *f)
{
	static const struct edge inside = {CANARY "/sub/deep/moved", K_SCRATCH, 0, EMPTY_OK, 0};
	long want, alt[2] = {0, 0};

	if (e->same && e->same == f->same) {
		rename_same(e, f);
		return;
	}
	if (e->same == 2 && pick(2)) /* a directory into itself */
		f = &inside, want = alt[0] = alt[1] = -EINVAL;
	else
		want = rename_answer(e, f, alt);
	if (want == 0)
		return; /* it could move what must stay: not made */
	long r = sys_rename((long)e->path, (long)f->path);
	if (want == ANY ? !plausible(r) : r != want && r != alt[0] && r != alt[1]) {
		char w[64];
		snprintf(w, sizeof w, want == ANY ? "a plausible errno" : "%ld (%s)", want,
			 want == ANY ? "" : strerror((int)-want));
		broken("rename(%s, %s) = %ld (%s), expected %s", e->path, f->path, r, w);
	}
}

static void trace(enum op op, const struct edge *e)
{
	char p[80];

	shown(p, sizeof p, e->path);
	printf("FUZZ %ld path %s %s\n", fuzz_stream, op_names[op], p);
}

void paths_one(void)
{
	enum op op = (enum op)pick(8);
	const struct edge *e = pick_edge();

	made++;
	if (sys_chdir((long)scratch) < 0) /* a random call may have moved or removed it */
		sys_mkdir((long)scratch, 0755), sys_chdir((long)scratch);
	if (op > OP_RENAME)
		op = OP_RENAME;
	if ((op == OP_UNLINK && e->kind == K_FILE) ||
	    (op == OP_RMDIR && e->kind == K_DIR && e->full == EMPTY_OK) ||
	    (e->kind == K_ODD && op >= OP_MKDIR))
		op = OP_STAT; /* it would remove what must stay */
	if (fuzz_opt.trace)
		trace(op, e);
	if (op == OP_STAT)
		do_stat(e);
	else if (op == OP_OPEN)
		do_open(e);
	else if (op == OP_CHDIR)
		do_chdir(e);
	else if (op == OP_RENAME)
		do_rename(e, pick_edge());
	else
		do_path_op(op, e);
}
