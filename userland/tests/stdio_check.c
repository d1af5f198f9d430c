/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * stdio on Chapp-E's files, pipes and commands: every fopen mode, positions,
 * pushback, long lines, buffering modes, tmpfile, remove/rename, freopen,
 * fdopen on a pipe, popen/pclose, fflush(NULL), exit's flush, sprintf,
 * tmpnam, and the errno of each failure. Files live in /tmp and are removed at the
 * end.
 */
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define LONG_LINE 50000

static char text[LONG_LINE + 2];

static void put_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	fputs(s, f);
	fclose(f);
}

/* The file's bytes as a string in text, or "(missing)". */
static const char *contents(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;

	if (!f)
		return "(missing)";
	text[n] = '\0';
	fclose(f);
	return text;
}

static long size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) < 0 ? -errno : st.st_size;
}

#define EXPECT_STR(what, got, want) EXPECT(what " (same text)", strcmp(got, want), 0)

static void modes(void)
{
	put_file("/tmp/m", "hello world");
	put_file("/tmp/m", "hi");
	EXPECT_STR("w truncates: \"hi\"", contents("/tmp/m"), "hi");
	FILE *f = fopen("/tmp/m", "a");
	EXPECT("a starts at the end: ftell", ftell(f), 2);
	fseek(f, 0, SEEK_SET);
	fputs("X", f);
	fclose(f);
	EXPECT_STR("a appends after fseek 0: \"hiX\"", contents("/tmp/m"), "hiX");
	f = fopen("/tmp/m", "a+");
	EXPECT("a+ reads from the start", fgetc(f), 'h');
	fseek(f, 0, SEEK_CUR);
	fputs("Y", f);
	EXPECT("a+ ftell after the write is the end", ftell(f), 4);
	fclose(f);
	EXPECT_STR("a+ wrote at the end: \"hiXY\"", contents("/tmp/m"), "hiXY");
	f = fopen("/tmp/m", "r+");
	fputs("AB", f);
	fclose(f);
	EXPECT_STR("r+ overwrites in place: \"ABXY\"", contents("/tmp/m"), "ABXY");
	f = fopen("/tmp/m", "w+");
	fputs("abcdef", f);
	rewind(f);
	EXPECT("w+ reads back what it wrote", fgetc(f), 'a');
	fseek(f, 2, SEEK_CUR);
	fputs("XY", f);
	rewind(f);
	EXPECT("w+ read, seek, write, rewind, read: count", fread(text, 1, 100, f), 6);
	text[6] = '\0';
	EXPECT_STR("w+ switching: \"abcXYf\"", text, "abcXYf");
	fclose(f);
	f = fopen("/tmp/m", "rb+");
	EXPECT("b is accepted: rb+ opens", f != 0, 1);
	fclose(f);
}

static void open_errors(void)
{
	errno = 0;
	EXPECT("r+ does not create: NULL", fopen("/tmp/none", "r+") == 0, 1);
	EXPECT("r+ of a missing file: errno", errno, ENOENT);
	EXPECT("r+ left no file: stat", size_of("/tmp/none"), -ENOENT);
	EXPECT("r of a missing file: errno", (fopen("/tmp/none", "r"), errno), ENOENT);
	EXPECT("wx of an existing file: NULL", fopen("/tmp/m", "wx") == 0, 1);
	EXPECT("wx of an existing file: errno", errno, EEXIST);
	EXPECT_STR("wx left it alone", contents("/tmp/m"), "abcXYf");
	FILE *f = fopen("/tmp/x", "wx");
	EXPECT("wx of a new file opens", f != 0, 1);
	fclose(f);
	EXPECT("w of a directory: errno", (fopen("/tmp", "w"), errno), EISDIR);
	EXPECT("a+ of a directory: errno", (fopen("/tmp", "a+"), errno), EISDIR);
	EXPECT("mode \"z\": errno", (fopen("/tmp/m", "z"), errno), EINVAL);
	f = fopen("/tmp", "r");
	EXPECT("r of a directory opens", f != 0, 1);
	EXPECT("reading it gives EOF", fgetc(f), EOF);
	EXPECT("with the error indicator", ferror(f), 1);
	EXPECT("and errno", errno, EISDIR);
	clearerr(f);
	EXPECT("clearerr clears it", ferror(f), 0);
	fclose(f);
	f = fopen("/tmp/m", "r");
	EXPECT("fputc on an r stream", fputc('x', f), EOF);
	EXPECT("fputc on an r stream: errno", errno, EBADF);
	EXPECT("fputc on an r stream: ferror", ferror(f), 1);
	fclose(f);
	f = fopen("/tmp/m", "a");
	EXPECT("fgetc on an a stream", fgetc(f), EOF);
	EXPECT("fgetc on an a stream: errno", errno, EBADF);
	fclose(f);
}

static void positions(void)
{
	fpos_t at;

	put_file("/tmp/p", "0123456789");
	FILE *f = fopen("/tmp/p", "r");
	fseek(f, 3, SEEK_SET);
	EXPECT("fseek 3, fgetc", fgetc(f), '3');
	EXPECT("ftell after it", ftell(f), 4);
	fseek(f, -2, SEEK_END);
	EXPECT("fseek -2 from the end, fgetc", fgetc(f), '8');
	EXPECT("fgetpos", fgetpos(f, &at), 0);
	EXPECT("ftello", ftello(f), 9);
	rewind(f);
	EXPECT("rewind, fgetc", fgetc(f), '0');
	EXPECT("ungetc", ungetc('Z', f), 'Z');
	EXPECT("ftell after ungetc", ftell(f), 0);
	EXPECT("fgetc gives the pushed byte", fgetc(f), 'Z');
	EXPECT("then the next of the file", fgetc(f), '1');
	ungetc('Q', f);
	fseeko(f, 0, SEEK_CUR);
	EXPECT("fseek drops pushback: the byte at the position, not Q", fgetc(f), '1');
	EXPECT("fsetpos", fsetpos(f, &at), 0);
	EXPECT("fgetc there", fgetc(f), '9');
	EXPECT("then EOF", fgetc(f), EOF);
	EXPECT("feof", feof(f), 1);
	EXPECT("ungetc at EOF", ungetc('!', f), '!');
	EXPECT("clears feof", feof(f), 0);
	EXPECT("and gives the byte", fgetc(f), '!');
	EXPECT("fseek before the start", fseek(f, -1, SEEK_SET), -1);
	EXPECT("fseek before the start: errno", errno, EINVAL);
	EXPECT("fseek whence 7: errno", (fseek(f, 0, 7), errno), EINVAL);
	fclose(f);
}

static void long_lines(void)
{
	static const size_t lens[] = {10000, LONG_LINE, 0, 3};
	FILE *f = fopen("/tmp/l", "w");
	char *line = 0;
	size_t cap = 0;

	for (size_t i = 0; i < 4; i++) {
		for (size_t k = 0; k < lens[i]; k++)
			fputc('a' + (int)(k + i) % 26, f);
		fputc('\n', f);
	}
	fputs("no newline", f);
	fclose(f);
	f = fopen("/tmp/l", "r");
	for (size_t i = 0; i < 4; i++) {
		ssize_t n = getline(&line, &cap, f);
		int right = n == (ssize_t)lens[i] + 1 && line[n - 1] == '\n' && line[n] == '\0';
		for (size_t k = 0; right && k < lens[i]; k++)
			right = line[k] == 'a' + (int)(k + i) % 26;
		EXPECT("getline of a line: length and bytes right", right ? (long)lens[i] : -1,
		       (long)lens[i]);
	}
	EXPECT("getdelim up to ' '", getdelim(&line, &cap, ' ', f), 3);
	EXPECT("the last line without a newline", getline(&line, &cap, f), 7);
	EXPECT("getline at EOF", getline(&line, &cap, f), -1);
	EXPECT("feof after it", feof(f), 1);
	EXPECT("getline without a buffer pointer: errno", (getline(0, &cap, f), errno), EINVAL);
	rewind(f);
	EXPECT("fgets of a long line in 100-byte pieces", fgets(text, 100, f) == text, 1);
	EXPECT("piece length", strlen(text), 99);
	free(line);
	fclose(f);
}

static void buffering(void)
{
	char mine[64];
	FILE *f = fopen("/tmp/b", "w");

	EXPECT("setvbuf _IOFBF with a buffer of 64", setvbuf(f, mine, _IOFBF, sizeof mine), 0);
	fputs("0123456789", f);
	EXPECT("full: nothing in the file yet", size_of("/tmp/b"), 0);
	fputs("\n", f);
	EXPECT("full: a newline does not flush", size_of("/tmp/b"), 0);
	for (int i = 0; i < 60; i++)
		fputc('x', f);
	EXPECT("full: 64 bytes went out when the buffer filled", size_of("/tmp/b"), 64);
	fflush(f);
	EXPECT("full: fflush wrote the rest", size_of("/tmp/b"), 71);
	EXPECT("setvbuf _IOLBF", setvbuf(f, 0, _IOLBF, 0), 0);
	fputs("ab", f);
	EXPECT("line: no newline, nothing written", size_of("/tmp/b"), 71);
	fputs("c\n", f);
	EXPECT("line: the newline wrote the line", size_of("/tmp/b"), 75);
	fputs("d", f);
	EXPECT("setvbuf _IONBF", setvbuf(f, 0, _IONBF, 0), 0);
	EXPECT("setvbuf to none flushed the \"d\"", size_of("/tmp/b"), 76);
	fputc('e', f);
	EXPECT("none: each byte goes out", size_of("/tmp/b"), 77);
	EXPECT("setvbuf mode 9: errno", (setvbuf(f, 0, 9, 0), errno), EINVAL);
	setbuf(f, 0);
	fputc('f', f);
	EXPECT("setbuf NULL is unbuffered", size_of("/tmp/b"), 78);
	fclose(f);
}

static void flush_null(void)
{
	FILE *a = fopen("/tmp/fa", "w"), *b = fopen("/tmp/fb", "a");

	fputs("first", a);
	fputs("second", b);
	EXPECT("before fflush(NULL): a empty", size_of("/tmp/fa"), 0);
	EXPECT("fflush(NULL)", fflush(0), 0);
	EXPECT("after: a written", size_of("/tmp/fa"), 5);
	EXPECT("after: b written", size_of("/tmp/fb"), 6);
	fclose(a);
	fclose(b);
	pid_t pid = fork();
	if (pid == 0) {
		FILE *c = fopen("/tmp/fc", "w");
		fputs("written at exit", c);
		exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	EXPECT_STR("exit flushed a child's stream", contents("/tmp/fc"), "written at exit");
}

/* tmpfile's name is its own affair; here it is /tmp/tmp.<pid>.<n>. */
static void temporary(void)
{
	char name[64];
	FILE *f = tmpfile();

	EXPECT("tmpfile opens", f != 0, 1);
	fputs("scratch", f);
	rewind(f);
	EXPECT("tmpfile reads back",
	       fgets(text, sizeof text, f) == text && !strcmp(text, "scratch"), 1);
	if (fork() == 0)
		exit(0); /* a child's exit leaves the parent's tmpfile alone */
	wait(0);
	snprintf(name, sizeof name, "/tmp/tmp.%d.0", getpid());
	EXPECT("its file exists while open, after a child's exit", size_of(name), 7);
	fclose(f);
	EXPECT("fclose removed it", size_of(name), -ENOENT);
	pid_t pid = fork();
	if (pid == 0) {
		FILE *t = tmpfile();
		fputs("x", t);
		snprintf(name, sizeof name, "/tmp/tmp.%d.1", getpid());
		exit(size_of(name) == 0 ? 0 : 1); /* still buffered */
	}
	int st;
	waitpid(pid, &st, 0);
	snprintf(name, sizeof name, "/tmp/tmp.%d.1", pid);
	EXPECT("a child's tmpfile existed", WEXITSTATUS(st), 0);
	EXPECT("and exit removed it", size_of(name), -ENOENT);
	int fd = open("/tmp/u", O_RDWR | O_CREAT, 0600);
	unlink("/tmp/u");
	write(fd, "x", 1);
	EXPECT("dagfs: a write after unlink brings the name back (so tmpfile keeps it)",
	       size_of("/tmp/u"), 1);
	close(fd);
	unlink("/tmp/u");
}

static void names(void)
{
	put_file("/tmp/r1", "moved");
	EXPECT("rename", rename("/tmp/r1", "/tmp/r2"), 0);
	EXPECT("the old name is gone", size_of("/tmp/r1"), -ENOENT);
	EXPECT_STR("the new name has it", contents("/tmp/r2"), "moved");
	EXPECT("remove a file", remove("/tmp/r2"), 0);
	EXPECT("it is gone", size_of("/tmp/r2"), -ENOENT);
	mkdir("/tmp/rd", 0755);
	EXPECT("remove an empty directory", remove("/tmp/rd"), 0);
	EXPECT("it is gone too", size_of("/tmp/rd"), -ENOENT);
	EXPECT("remove a missing name: errno", (remove("/tmp/rd"), errno), ENOENT);
	mkdir("/tmp/rd", 0755);
	put_file("/tmp/rd/f", "");
	EXPECT("remove a full directory: errno", (remove("/tmp/rd"), errno), ENOTEMPTY);
	remove("/tmp/rd/f");
	remove("/tmp/rd");
}

static void reopen(void)
{
	put_file("/tmp/o1", "one");
	FILE *f = fopen("/tmp/o1", "r");
	EXPECT("freopen on another file", freopen("/tmp/o2", "w", f) == f, 1);
	fputs("two", f);
	fclose(f);
	EXPECT_STR("it wrote there", contents("/tmp/o2"), "two");
	EXPECT_STR("the first is as it was", contents("/tmp/o1"), "one");
	fflush(stdout);
	int saved = dup(STDOUT_FILENO);
	int same = freopen("/tmp/o3", "w", stdout) == stdout, fd = fileno(stdout);
	printf("to the file\n");
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	EXPECT("freopen stdout", same, 1);
	EXPECT("stdout kept fd 1", fd, 1);
	EXPECT_STR("printf went to the file", contents("/tmp/o3"), "to the file\n");
	f = fopen("/tmp/o1", "r");
	EXPECT("freopen of a missing file", freopen("/tmp/none", "r", f) == 0, 1);
	EXPECT("freopen of a missing file: errno", errno, ENOENT);
}

static void pipes(void)
{
	int p[2];

	pipe(p);
	FILE *w = fdopen(p[1], "w"), *r = fdopen(p[0], "r");
	fputs("through the pipe\n", w);
	fflush(w);
	EXPECT("fdopen: a line through a pipe",
	       fgets(text, sizeof text, r) == text && !strcmp(text, "through the pipe\n"), 1);
	EXPECT("fseek on a pipe: errno", (fseek(r, 0, SEEK_SET), errno), ESPIPE);
	EXPECT("ftell on a pipe", ftell(r), -1);
	fclose(w);
	EXPECT("the writer closed: EOF", fgetc(r), EOF);
	EXPECT("feof", feof(r), 1);
	fclose(r);
	EXPECT("fdopen of a closed fd: errno", (fdopen(p[0], "r"), errno), EBADF);
}

static void commands(void)
{
	FILE *f = popen("echo hi", "r");

	EXPECT("popen echo hi", f != 0, 1);
	EXPECT("read back \"hi\\n\"", fgets(text, sizeof text, f) == text && !strcmp(text, "hi\n"),
	       1);
	int st = pclose(f);
	EXPECT("pclose: exited", WIFEXITED(st), 1);
	EXPECT("pclose: status", WEXITSTATUS(st), 0);
	EXPECT("pclose of false: status", WEXITSTATUS(pclose(popen("false", "r"))), 1);
	EXPECT("pclose of a missing command: status", WEXITSTATUS(pclose(popen("nosuch", "r"))),
	       127);
	f = popen("cat > /tmp/pw", "w");
	fputs("via popen\n", f);
	EXPECT("pclose of a writer", pclose(f), 0);
	EXPECT_STR("the command got the bytes", contents("/tmp/pw"), "via popen\n");
	EXPECT("popen mode \"x\": errno", (popen("true", "x"), errno), EINVAL);
	f = fopen("/tmp/m", "r");
	EXPECT("pclose of an fopen stream: errno", (pclose(f), errno), ECHILD);
	fclose(f);
}

/* A line-buffered stdout is written before stdin is read: stdout and
 * stderr share one pipe, so the order on it tells. */
static void prompt_before_read(void)
{
	int out[2];

	put_file("/tmp/in", "y");
	pipe(out);
	pid_t pid = fork();
	if (pid == 0) {
		int in = open("/tmp/in", O_RDONLY);
		dup2(in, STDIN_FILENO), dup2(out[1], STDOUT_FILENO), dup2(out[1], STDERR_FILENO);
		close(out[0]), close(out[1]), close(in);
		printf("prompt? ");
		int c = getchar();
		fprintf(stderr, "read %c\n", c);
		exit(0);
	}
	close(out[1]);
	size_t n = 0;
	for (ssize_t k; (k = read(out[0], text + n, sizeof text - 1 - n)) > 0;)
		n += (size_t)k;
	text[n] = '\0';
	close(out[0]);
	waitpid(pid, 0, 0);
	EXPECT_STR("stdout flushed before reading stdin", text, "prompt? read y\n");
}

/* Streams opened and closed give back their fds and memory. */
static void no_leaks(void)
{
	int opened = 0, lowest = open("/tmp/m", O_RDONLY);

	close(lowest);
	fclose(fopen("/tmp/m", "r"));
	void *brk_before = sbrk(0);
	for (int i = 0; i < 300; i++) {
		FILE *f = fopen("/tmp/m", "r+");
		opened += f && fgetc(f) == 'a' && fputc('a', f) == 'a';
		if (f)
			fclose(f);
	}
	EXPECT("300 streams opened, used and closed", opened, 300);
	EXPECT("the heap did not grow", (char *)sbrk(0) - (char *)brk_before, 0);
	int fds = 0;
	for (int i = 0; i < 10; i++)
		fds += pclose(popen("true", "r")) == 0;
	EXPECT("10 popen/pclose", fds, 10);
	int fd = open("/tmp/m", O_RDONLY);
	EXPECT("the lowest free fd is as before", fd, lowest);
	close(fd);
}

/* sprintf, tmpnam and the _unlocked calls. (C11's sticky end of file is
 * checked on the host: a dagfs handle never sees another's writes.) */
static void extras(void)
{
	put_file("/tmp/s", "a");
	FILE *r = fopen("/tmp/s", "r");
	EXPECT("getc_unlocked", getc_unlocked(r), 'a');
	EXPECT("then EOF", getc_unlocked(r), EOF);
	EXPECT("putc_unlocked on it fails", putc_unlocked('b', r), EOF);
	fclose(r);
	EXPECT("sprintf", sprintf(text, "%d-%s|%3x", 7, "x", 255), 7);
	EXPECT_STR("sprintf's text", text, "7-x| ff");
	char *name = tmpnam(0);
	EXPECT("tmpnam is in /tmp", strncmp(name, "/tmp/", 5), 0);
	EXPECT("and free", size_of(name), -ENOENT);
	FILE *f = fopen(name, "wx");
	EXPECT("fopen wx of it", f != 0, 1);
	fclose(f);
	EXPECT("removed", remove(name), 0);
}

static void clean_up(void)
{
	static const char *files[] = {"/tmp/m",	 "/tmp/x",  "/tmp/p",  "/tmp/l",  "/tmp/b",
				      "/tmp/fa", "/tmp/fb", "/tmp/fc", "/tmp/o1", "/tmp/o2",
				      "/tmp/o3", "/tmp/pw", "/tmp/in", "/tmp/s"};
	int gone = 0;

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		gone += remove(files[i]) == 0;
	EXPECT("test files removed", gone, (long)(sizeof files / sizeof files[0]));
}

int main(void)
{
	check_start("stdio_check");
	modes();
	open_errors();
	positions();
	long_lines();
	buffering();
	flush_null();
	temporary();
	names();
	reopen();
	pipes();
	commands();
	prompt_before_read();
	no_leaks();
	extras();
	clean_up();
	return check_finish();
}
