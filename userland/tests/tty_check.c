/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The terminal's line discipline (docs/tty.md), typed on COM1 by the test
 * runner; one boot per mode.
 *
 * tty_check raw (integ_tty_raw): single keystrokes with no Enter; VMIN 0
 * VTIME 5 answers 0 bytes after half a second; VMIN 5 VTIME 3 answers the
 * two bytes typed once 0.3 s pass after the last; VMIN 0 VTIME 0 at once.
 *
 * tty_check canon (integ_tty_canon): erase (DEL, ^H), kill (^U), word
 * erase (^W) on the line typed, the echo of each, ^A echoed as ^A; ^D
 * ends a line without its newline and, at a line's start, is end of file.
 *
 * tty_check ctty (integ_tty_signals): a child of the program makes a
 * session and takes the console as its controlling terminal;
 * tcsetpgrp's and TIOCSCTTY's refusals; a child of a background group
 * that reads is stopped by SIGTTIN, one that ignores SIGTTIN gets EIO;
 * then ^C typed on COM1 reaches its SIGINT handler and the half-typed
 * line is gone.
 *
 * tty_check winsize (integ_tty_winsize, integ_tty_winsize_fb): the window
 * size, TIOCSWINSZ, isatty and ttyname on the console, a pipe and a file.
 */
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>

static struct termios saved;

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void set_minmax(struct termios *t, int vmin, int vtime)
{
	t->c_cc[VMIN] = (cc_t)vmin;
	t->c_cc[VTIME] = (cc_t)vtime;
	tcsetattr(STDIN_FILENO, TCSANOW, t);
}

static int raw_mode(void)
{
	struct termios t;
	char buf[16];
	uint64_t start;
	long n;

	check_start("tty_raw");
	EXPECT("tcgetattr", tcgetattr(STDIN_FILENO, &saved), 0);
	EXPECT("canonical with echo at first", (saved.c_lflag & (ICANON | ECHO)) == (ICANON | ECHO),
	       1);
	t = saved;
	cfmakeraw(&t);
	EXPECT("tcsetattr raw", tcsetattr(STDIN_FILENO, TCSAFLUSH, &t), 0);
	tcgetattr(STDIN_FILENO, &t);
	EXPECT("raw read back", t.c_lflag & (ICANON | ECHO | ISIG), 0);
	printf("tty_raw: type one key\n");
	n = read(STDIN_FILENO, buf, sizeof buf);
	EXPECT("one keystroke, no Enter", n == 1 && buf[0] == 'k', 1);
	printf("tty_raw: type another\n");
	n = read(STDIN_FILENO, buf, sizeof buf);
	EXPECT("Enter is CR in raw mode", n == 1 && buf[0] == '\r', 1);

	set_minmax(&t, 0, 5);
	start = now_ms();
	n = read(STDIN_FILENO, buf, sizeof buf);
	uint64_t waited = now_ms() - start;
	printf("tty_raw: VMIN 0 VTIME 5 answered %ld after %lu ms\n", n, (unsigned long)waited);
	EXPECT("VMIN 0 VTIME 5: nothing typed", n, 0);
	EXPECT("after half a second", waited >= 480 && waited < 1500, 1);

	set_minmax(&t, 0, 0);
	start = now_ms();
	n = read(STDIN_FILENO, buf, sizeof buf);
	EXPECT("VMIN 0 VTIME 0: at once", n == 0 && now_ms() - start < 100, 1);

	set_minmax(&t, 5, 3);
	printf("tty_raw: type two bytes\n");
	n = read(STDIN_FILENO, buf, sizeof buf);
	EXPECT("VMIN 5 VTIME 3: the two bytes once the time passed",
	       n == 2 && buf[0] == 'x' && buf[1] == 'y', 1);
	tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	return check_finish();
}

/* One read of a line: its length, and the bytes in line. */
static long read_line(char *line, size_t max)
{
	long n = read(STDIN_FILENO, line, max - 1);

	line[n > 0 ? n : 0] = '\0';
	return n;
}

static int canonical(void)
{
	char line[128];
	long n;

	check_start("tty_canon");
	printf("tty_canon: type the edited line\n");
	n = read_line(line, sizeof line);
	printf("tty_canon: got %ld [%s]\n", n, line);
	EXPECT("abc DEL d ^U xyz ^W w gives w", strcmp(line, "w\n"), 0);
	printf("tty_canon: type with backspace\n");
	n = read_line(line, sizeof line);
	EXPECT("ab ^H c gives ac", strcmp(line, "ac\n"), 0);
	printf("tty_canon: type a control character\n");
	n = read_line(line, sizeof line);
	EXPECT("^A is kept in the line", strcmp(line, "\001\n"), 0);
	printf("tty_canon: type x and ^D\n");
	n = read_line(line, sizeof line);
	EXPECT("^D ends the line without a newline", n == 1 && line[0] == 'x', 1);
	printf("tty_canon: type ^D alone\n");
	EXPECT("^D at a line's start: end of file", read_line(line, sizeof line), 0);
	printf("tty_canon: type a long line\n");
	n = read(STDIN_FILENO, line, 4);
	EXPECT("a short read takes part of the line", n, 4);
	n = read_line(line, sizeof line);
	EXPECT("the next read the rest", strcmp(line, "efg\n"), 0);
	return check_finish();
}

static volatile sig_atomic_t interrupts;

static void on_sigint(int sig)
{
	interrupts += sig == SIGINT;
}

/* A child in a group of its own (in the background) reads: its status. */
static int background_read(int ignore)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		char c;
		setpgid(0, 0);
		if (ignore)
			signal(SIGTTIN, SIG_IGN);
		long n = read(STDIN_FILENO, &c, 1);
		_exit(n < 0 && errno == EIO ? 5 : 1);
	}
	waitpid(pid, &status, WUNTRACED);
	if (WIFSTOPPED(status)) {
		kill(pid, SIGKILL);
		waitpid(pid, 0, 0);
	}
	return status;
}

/* A child that leads a session of its own tries to take the terminal. */
static int steal_terminal(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		setsid();
		_exit(ioctl(STDIN_FILENO, TIOCSCTTY, 0) < 0 ? errno : 0);
	}
	waitpid(pid, &status, 0);
	return WEXITSTATUS(status);
}

static void refusals(void)
{
	int p[2];

	pipe(p);
	EXPECT("tcsetpgrp on a pipe", tcsetpgrp(p[0], getpgrp()) < 0 ? errno : 0, ENOTTY);
	close(p[0]), close(p[1]);
	EXPECT("tcsetpgrp to no group", tcsetpgrp(STDIN_FILENO, -1) < 0 ? errno : 0, EINVAL);
	EXPECT("tcsetpgrp to a group that is not there",
	       tcsetpgrp(STDIN_FILENO, 30000) < 0 ? errno : 0, EPERM);
	EXPECT("tcsetpgrp to init's group, another session's",
	       tcsetpgrp(STDIN_FILENO, 1) < 0 ? errno : 0, EPERM);
	EXPECT("another session's leader cannot take it", steal_terminal(), EPERM);
}

static int controlling(void)
{
	struct sigaction sa = {.sa_handler = on_sigint}; /* no SA_RESTART */
	char line[64];
	long n;

	EXPECT("a session leader", setsid(), getpid());
	EXPECT("no controlling terminal yet", tcgetpgrp(STDIN_FILENO) < 0 ? errno : 0, ENOTTY);
	EXPECT("TIOCSCTTY", ioctl(STDIN_FILENO, TIOCSCTTY, 0), 0);
	EXPECT("its group is the foreground", tcgetpgrp(STDIN_FILENO), getpgrp());
	EXPECT("tcgetsid", tcgetsid(STDIN_FILENO), getpid());
	refusals();
	int st = background_read(0);
	EXPECT("a background reader is stopped by SIGTTIN", WIFSTOPPED(st) ? WSTOPSIG(st) : -1,
	       SIGTTIN);
	st = background_read(1);
	EXPECT("one that ignores SIGTTIN reads EIO", WIFEXITED(st) ? WEXITSTATUS(st) : -1, 5);

	sigaction(SIGINT, &sa, 0);
	printf("tty_ctty: type half a line, then ^C\n");
	n = read(STDIN_FILENO, line, sizeof line);
	EXPECT("^C interrupts the read", n < 0 ? errno : 0, EINTR);
	EXPECT("the SIGINT handler ran once", interrupts, 1);
	printf("tty_ctty: type a line\n");
	n = read_line(line, sizeof line);
	EXPECT("the half line went with ^C", strcmp(line, "after\n"), 0);
	return check_finish();
}

/* The kernel lets nobody signal what it started itself: the session
 * leader is a child of the program. */
static int in_a_child(int (*test)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(test());
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static int window(void)
{
	struct winsize w, big = {30, 100, 0, 0};
	int p[2], fd = open("/etc/motd", O_RDONLY);
	const char *name = ttyname(STDIN_FILENO);

	check_start("tty_winsize");
	EXPECT("TIOCGWINSZ", ioctl(STDOUT_FILENO, TIOCGWINSZ, &w), 0);
	printf("tty_winsize: %ux%u\n", w.ws_col, w.ws_row);
	EXPECT("isatty(0)", isatty(STDIN_FILENO), 1);
	EXPECT("ttyname(0) is /dev/console", name && !strcmp(name, "/dev/console"), 1);
	pipe(p);
	EXPECT("isatty on a pipe", isatty(p[0]) == 0 ? errno : 0, ENOTTY);
	EXPECT("ttyname of a pipe", ttyname(p[1]) == 0 ? errno : 0, ENOTTY);
	EXPECT("TIOCGWINSZ on a file", ioctl(fd, TIOCGWINSZ, &w) < 0 ? errno : 0, ENOTTY);
	EXPECT("isatty on a file", isatty(fd) == 0 ? errno : 0, ENOTTY);
	EXPECT("isatty on no fd", isatty(40) == 0 ? errno : 0, EBADF);
	EXPECT("TIOCSWINSZ", ioctl(STDIN_FILENO, TIOCSWINSZ, &big), 0);
	ioctl(STDIN_FILENO, TIOCGWINSZ, &w);
	EXPECT("the size told is the size", w.ws_col == 100 && w.ws_row == 30, 1);
	return check_finish();
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "raw"))
		return raw_mode();
	if (!strcmp(mode, "canon"))
		return canonical();
	if (!strcmp(mode, "ctty")) {
		check_start("tty_ctty");
		return in_a_child(controlling);
	}
	return window();
}
