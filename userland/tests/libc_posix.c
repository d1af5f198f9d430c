/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Issue 14's strings, stdlib and headers on Chapp-E itself: setjmp and
 * longjmp out of nested frames, the environment, mkstemp in /tmp,
 * realpath on dagfs, system() through /bin/sh -c, isatty, getopt,
 * sysconf, sleeping, access, assert's message and status, the C locale
 * and the limits the servers really have. The host unit tests
 * (tests/unit/test_libc_*.c) compare the same code with glibc in bulk.
 */
#include "check.h"

#include <assert.h>
#include <dagfs/dagfs_protocol.h>
#include <libdagfs/format.h>
#include <errno.h>
#include <signal.h>
#include <exec/exec.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/param.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <sys/uio.h>
#include <unistd.h>

/* <limits.h> says what the servers enforce. */
_Static_assert(PATH_MAX == DAGFS_PATH_MAX, "PATH_MAX is dagfs's");
_Static_assert(NAME_MAX == DAGFS_NAME_MAX, "NAME_MAX is dagfs's");
_Static_assert(ARG_MAX == EXEC_ARG_MAX, "ARG_MAX is exec's");
_Static_assert(MAXPATHLEN == PATH_MAX, "sys/param.h");
_Static_assert(sizeof(off_t) == 8 && sizeof(ssize_t) == 8 && sizeof(time_t) == 8, "64-bit");
_Static_assert(sizeof(mode_t) == sizeof(((struct stat *)0)->st_mode), "stat's mode_t");
_Static_assert(sizeof(ino_t) == sizeof(((struct stat *)0)->st_ino), "stat's ino_t");

static jmp_buf env;
static int depth_seen;

static void __attribute__((noinline)) descend(int depth)
{
	volatile char frame[128];

	frame[0] = (char)depth;
	if (depth == 0) {
		depth_seen = 1;
		longjmp(env, 42);
	}
	descend(depth - 1);
	depth_seen += frame[0];
}

static void jumps(void)
{
	volatile int kept = 0;
	sigjmp_buf senv;

	int v = setjmp(env);
	if (v == 0) {
		kept = 7;
		descend(30);
	}
	EXPECT("longjmp out of 30 frames returns", v, 42);
	EXPECT("a volatile local kept", kept, 7);
	EXPECT("the frames were there", depth_seen, 1);
	v = sigsetjmp(senv, 1);
	if (v == 0)
		siglongjmp(senv, 0);
	EXPECT("siglongjmp with 0 returns", v, 1);
}

static void environment(void)
{
	EXPECT("setenv", setenv("CHAPPE_T", "one", 1), 0);
	EXPECT("getenv after setenv", !strcmp(getenv("CHAPPE_T"), "one"), 1);
	EXPECT("setenv without overwrite keeps",
	       (setenv("CHAPPE_T", "two", 0), !strcmp(getenv("CHAPPE_T"), "one")), 1);
	for (int i = 0; i < 200; i++)
		setenv("CHAPPE_T", i % 2 ? "odd" : "even", 1);
	EXPECT("setenv 200 times", !strcmp(getenv("CHAPPE_T"), "odd"), 1);
	static char put[] = "CHAPPE_P=put";
	EXPECT("putenv", putenv(put), 0);
	EXPECT("getenv sees putenv's string", getenv("CHAPPE_P") == put + 9, 1);
	EXPECT("unsetenv", unsetenv("CHAPPE_T"), 0);
	EXPECT("getenv after unsetenv", getenv("CHAPPE_T") == 0, 1);
	EXPECT("setenv a name with =", (setenv("A=B", "x", 1), errno), EINVAL);
}

static void temporary_file(void)
{
	char name[] = "/tmp/libc_posix_XXXXXX", back[6] = "";
	int fd = mkstemp(name);

	EXPECT("mkstemp in /tmp", fd >= 3, 1);
	EXPECT("mkstemp made a name", strcmp(name, "/tmp/libc_posix_XXXXXX") != 0, 1);
	EXPECT("write to it", write(fd, "hello", 5), 5);
	EXPECT("read it back", (lseek(fd, 0, SEEK_SET), read(fd, back, 5)), 5);
	EXPECT("the same bytes", memcmp(back, "hello", 5), 0);
	close(fd);
	char again[sizeof name];
	memcpy(again, name, sizeof name);
	EXPECT("O_EXCL: the name is taken", (open(again, O_RDWR | O_CREAT | O_EXCL, 0600), errno),
	       EEXIST);
	char resolved[PATH_MAX];
	EXPECT("chdir /tmp", chdir("/tmp"), 0);
	EXPECT("realpath of its relative name",
	       realpath(name + 5, resolved) && !strcmp(resolved, name), 1);
	EXPECT("unlink it", unlink(name), 0);
	char dir[] = "/tmp/libc_posix_dir_XXXXXX";
	struct stat st;
	EXPECT("mkdtemp", mkdtemp(dir) == dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode), 1);
	rmdir(dir);
}

static void paths(void)
{
	char out[PATH_MAX], p[32];

	EXPECT("realpath /tmp/../bin/./sh",
	       realpath("/tmp/../bin/./sh", out) && !strcmp(out, "/bin/sh"), 1);
	EXPECT("realpath //bin//", realpath("//bin//", out) && !strcmp(out, "/bin"), 1);
	EXPECT("realpath .. from /tmp", (chdir("/tmp"), realpath("..", out)) && !strcmp(out, "/"),
	       1);
	EXPECT("realpath of a missing file", (realpath("/bin/nonesuch", out), errno), ENOENT);
	EXPECT("realpath through a file", (realpath("/bin/sh/x", out), errno), ENOTDIR);
	char *mine = realpath("/etc", 0);
	EXPECT("realpath allocates", mine && !strcmp(mine, "/etc"), 1);
	free(mine);
	strcpy(p, "/usr/lib/");
	EXPECT("basename /usr/lib/", !strcmp(basename(p), "lib"), 1);
	strcpy(p, "/usr/lib/");
	EXPECT("dirname /usr/lib/", !strcmp(dirname(p), "/usr"), 1);
	EXPECT("access /bin/sh", access("/bin/sh", F_OK), 0);
	EXPECT("access a missing file", (access("/nonesuch", R_OK), errno), ENOENT);
}

static void shell_commands(void)
{
	int st = system("/bin/true");

	EXPECT("system(/bin/true) exited", WIFEXITED(st), 1);
	EXPECT("system(/bin/true) status", WEXITSTATUS(st), 0);
	EXPECT("system(/bin/false) status", WEXITSTATUS(system("/bin/false")), 1);
	EXPECT("system(exit 3) status", WEXITSTATUS(system("exit 3")), 3);
	EXPECT("system of a missing command", WEXITSTATUS(system("nonesuch")), 127);
	EXPECT("system(NULL): a shell exists", system(0) != 0, 1);
}

static void terminal_and_limits(void)
{
	int fd = open("/etc/motd", O_RDONLY);

	EXPECT("isatty(0)", isatty(0), 1);
	EXPECT("isatty of a file", isatty(fd), 0);
	EXPECT("isatty of a file: errno", errno, ENOTTY);
	close(fd);
	EXPECT("sysconf(_SC_PAGESIZE)", sysconf(_SC_PAGESIZE), 4096);
	EXPECT("sysconf(_SC_OPEN_MAX)", sysconf(_SC_OPEN_MAX), 64);
	EXPECT("sysconf(_SC_CLK_TCK)", sysconf(_SC_CLK_TCK), 100);
	EXPECT("sysconf of an unknown name", (sysconf(-1), errno), EINVAL);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	EXPECT("usleep(20000)", usleep(20000), 0);
	EXPECT("sleep(0)", sleep(0), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	long us = (long)(b.tv_sec - a.tv_sec) * 1000000 + (b.tv_nsec - a.tv_nsec) / 1000;
	EXPECT("usleep slept at least 20 ms", us >= 20000, 1);
}

static void options(void)
{
	char *argv[] = {"prog", "-ab", "val", "-cbx", "--", "-a", 0};
	char got[32] = "";
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt(6, argv, "ab:c")) != -1) {
		char one[8];
		snprintf(one, sizeof one, "%c%s,", c, c == 'b' ? optarg : "");
		strcat(got, one);
	}
	EXPECT("getopt letters and arguments", !strcmp(got, "a,bval,c,bx,"), 1);
	EXPECT("getopt stops after --", optind, 5);
	optind = 1;
	char *bad[] = {"prog", "-z", "-b", 0};
	EXPECT("getopt unknown letter", getopt(3, bad, ":b:"), '?');
	EXPECT("getopt's optopt", optopt, 'z');
	EXPECT("getopt missing argument", getopt(3, bad, ":b:"), ':');
}

static void locale_and_numbers(void)
{
	char buf[64];

	EXPECT("setlocale(LC_ALL, \"\")", !strcmp(setlocale(LC_ALL, ""), "C"), 1);
	EXPECT("setlocale to another locale", setlocale(LC_NUMERIC, "de_DE") == 0, 1);
	EXPECT("localeconv's decimal point", !strcmp(localeconv()->decimal_point, "."), 1);
	errno = 0;
	EXPECT("strtoll overflow", strtoll("9223372036854775808", 0, 10) == LLONG_MAX, 1);
	EXPECT("strtoll overflow errno", errno, ERANGE);
	EXPECT("strtoumax hex", strtoumax("0xffffffffffffffff", 0, 16) == UINTMAX_MAX, 1);
	int64_t big = INT64_MIN;
	uint32_t u = 4000000000u;
	snprintf(buf, sizeof buf, "%" PRId64 " %" PRIu32 " %" PRIxPTR, big, u, (uintptr_t)255);
	EXPECT("PRId64 PRIu32 PRIxPTR", !strcmp(buf, "-9223372036854775808 4000000000 ff"), 1);
	EXPECT("strerror_r",
	       (strerror_r(ENOENT, buf, sizeof buf), !strcmp(buf, "No such file or directory")), 1);
	EXPECT("strsignal", !strcmp(strsignal(11), "Segmentation fault"), 1);
	char *d = strdup("dup me");
	EXPECT("strdup", d && !strcmp(d, "dup me"), 1);
	free(d);
}

/* A child fails an assert: the message is on the console (the test's
 * pattern checks it), and it ends as abort does. */
static void failed_assert(void)
{
	int st = 0;
	pid_t pid = fork();

	if (pid == 0) {
		int answer = 41;
		assert(answer == 42);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	EXPECT("a failed assert ends the child with SIGABRT", WIFSIGNALED(st) ? WTERMSIG(st) : -1,
	       SIGABRT);
}

/* readv and writev: pieces in order through one pipe, small and large,
 * and the counts POSIX refuses. */
static void scatter_gather(void)
{
	static char big[3][1000], back[3][1000];
	char a[4], b[3], c[5];
	struct iovec out[3] = {{"one", 3}, {"-two-", 5}, {"three", 5}};
	struct iovec in[3] = {{a, sizeof a}, {b, sizeof b}, {c, sizeof c}};
	int p[2];

	pipe(p);
	EXPECT("writev three pieces", writev(p[1], out, 3), 13);
	EXPECT("readv them into three others", readv(p[0], in, 3), 12);
	EXPECT("in order", !memcmp(a, "one-", 4) && !memcmp(b, "two", 3) && !memcmp(c, "-thre", 5),
	       1);
	EXPECT("the byte left over", (read(p[0], a, 1), a[0]), 'e');
	for (int i = 0; i < 3; i++) {
		memset(big[i], 'a' + i, sizeof big[i]);
		out[i] = (struct iovec){big[i], sizeof big[i]};
		in[i] = (struct iovec){back[i], sizeof back[i]};
	}
	EXPECT("writev 3000 bytes", writev(p[1], out, 3), 3000);
	EXPECT("readv 3000 bytes", readv(p[0], in, 3), 3000);
	EXPECT("large pieces in order", !memcmp(back, big, sizeof big), 1);
	EXPECT("iovcnt 0", (writev(p[1], out, 0), errno), EINVAL);
	EXPECT("iovcnt past IOV_MAX", (readv(p[0], in, IOV_MAX + 1), errno), EINVAL);
	close(p[1]);
	EXPECT("readv at end of file", readv(p[0], in, 3), 0);
	close(p[0]);
}

int main(void)
{
	check_start("libc_posix");
	scatter_gather();
	jumps();
	environment();
	temporary_file();
	paths();
	shell_commands();
	terminal_and_limits();
	options();
	locale_and_numbers();
	failed_assert();
	return check_finish();
}
