/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc's stdio on the host against glibc's, on files in a temporary
 * directory: the same random sequences of fwrite, fread, fgetc, fputc,
 * fputs, fprintf, ungetc, fgets, getline, getdelim, fseek, ftell, rewind,
 * fgetpos/fsetpos, fflush and clearerr on two copies of one file, in every
 * fopen mode and buffering mode, must give the same return values, bytes,
 * errno on failure, indicators and positions after every step, and the
 * same files at the end. Then fopen's errors, remove, sticky EOF, tmpfile, freopen,
 * fdopen on a pipe, popen/pclose, perror, printf, vprintf, sprintf, puts
 * and the _unlocked calls, the same way; tmpnam on its own.
 */
#define _POSIX_C_SOURCE 200809L

#define LIBC_NAMES_STDIO
#include "libc_names.h"
#include "../../lib/libc/include/stdio.h"
#define LIBC_NAMES_UNDO
#include "libc_names.h"
/* Chapp-E's values of these differ from glibc's. */
#undef FILENAME_MAX
enum { chappe_L_tmpnam = L_tmpnam };
#undef L_tmpnam

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define SEQUENCES_PER_MODE 100
#define STEPS 250
#define BIG 70000

static char dir[] = "/tmp/stdio_test.XXXXXX";
static uint64_t rng = 0x5eed5eed1234ULL;
static unsigned char data[BIG], got_c[BIG], got_g[BIG];

/* The two streams of one sequence, and what it has done so far. */
struct pair {
	chappe_FILE *c;
	FILE *g;
	const char *mode;
	int seq, step, unget_pending, skipped;
	int got_byte, got_byte_before; /* fgetc gave a byte (this step, the last) */
	int last_dir;		       /* 1 read, 2 write, 0 after a seek or flush */
	int last_io;		       /* 1 read, 2 write: the last of either */
	const char *op;
	chappe_fpos_t pos_c;
	fpos_t pos_g;
	int have_pos;
};

static int reported;
static long compared;

static int same(struct pair *p, const char *what, long c, long g)
{
	compared++;
	if (c == g)
		return 1;
	if (reported++ < 30)
		fprintf(stderr, "  mode %s sequence %d step %d (%s): %s: chappe %ld, glibc %ld\n",
			p->mode, p->seq, p->step, p->op, what, c, g);
	return 0;
}

static unsigned pick(unsigned n)
{
	return (unsigned)(check_random(&rng) % n);
}

/* Random bytes with lines of varied length (and sometimes no newline). */
static void random_bytes(unsigned char *p, size_t n)
{
	unsigned line = 1 + pick(pick(8) ? 80 : 3000);

	for (size_t i = 0; i < n; i++)
		p[i] =
		    pick(line) == 0 ? '\n' : (unsigned char)(pick(4) ? 'a' + pick(26) : pick(256));
}

static void path_of(char *out, size_t n, const char *side, int seq)
{
	snprintf(out, n, "%s/%s%d", dir, side, seq);
}

static void write_file(const char *path, const unsigned char *p, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0 && write(fd, p, n) == (ssize_t)n);
	close(fd);
}

static size_t read_file(const char *path, unsigned char *p)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, p, BIG);

	close(fd);
	return n < 0 ? (size_t)-1 : (size_t)n;
}

/* Results and errno of one call on each side; errno counts when it failed. */
static void same_result(struct pair *p, long c, int errno_c, long g, int errno_g, long fail)
{
	if (same(p, "result", c, g) && c == fail)
		same(p, "errno", errno_c, errno_g);
}

#define BOTH(p, fail, call_c, call_g)                                                              \
	do {                                                                                       \
		errno = 0;                                                                         \
		long r_c = (long)(call_c);                                                         \
		int e_c = errno;                                                                   \
		errno = 0;                                                                         \
		long r_g = (long)(call_g);                                                         \
		same_result(p, r_c, e_c, r_g, errno, fail);                                        \
	} while (0)

static void op_fwrite(struct pair *p)
{
	size_t size = 1 + pick(3), n = pick(pick(6) ? 200 : 6000) / size;

	random_bytes(data, size * n);
	BOTH(p, 0, chappe_fwrite(data, size, n, p->c), fwrite(data, size, n, p->g));
}

static void op_fread(struct pair *p)
{
	size_t size = 1 + pick(3), n = pick(pick(6) ? 200 : 9000) / size;

	errno = 0;
	size_t c = chappe_fread(got_c, size, n, p->c);
	int e = errno;
	errno = 0;
	size_t g = fread(got_g, size, n, p->g);
	same_result(p, (long)c, e, (long)g, errno, 0);
	if (c == g)
		same(p, "bytes read", memcmp(got_c, got_g, c * size), 0);
}

static void op_fgetc(struct pair *p)
{
	errno = 0;
	int c = chappe_fgetc(p->c), e = errno;
	errno = 0;
	int g = fgetc(p->g);

	same_result(p, c, e, g, errno, EOF);
	p->got_byte = c != EOF && c == g;
}

static void op_fputc(struct pair *p)
{
	int ch = pick(3) ? 'a' + (int)pick(26) : '\n';

	BOTH(p, EOF, chappe_fputc(ch, p->c), fputc(ch, p->g));
}

/* Pushback right after fgetc gave a byte: glibc 2.36 mishandles others
 * that C allows (after a flush of input, after output, on an output-only
 * stream: its pushback area is later freed twice, or the position skews),
 * and C leaves the position after pushback at offset 0 unspecified. */
static void op_ungetc(struct pair *p)
{
	int ch = pick(10) ? (int)pick(256) : EOF;

	p->skipped = !p->got_byte_before || p->unget_pending || ftello(p->g) <= 0;
	if (p->skipped)
		return;
	BOTH(p, EOF, chappe_ungetc(ch, p->c), ungetc(ch, p->g));
	p->unget_pending = ch != EOF;
}

/* glibc's fputs says 1, Chapp-E's 0: C asks only for nonnegative. */
static void op_fputs(struct pair *p)
{
	char s[64];
	size_t n = pick(sizeof s);

	random_bytes((unsigned char *)s, n);
	for (size_t i = 0; i < n; i++)
		s[i] = s[i] ? s[i] : 'z';
	s[n] = '\0';
	BOTH(p, 1, chappe_fputs(s, p->c) == EOF, fputs(s, p->g) == EOF);
}

static void op_fprintf(struct pair *p)
{
	int v = (int)pick(100000) - 50000;

	BOTH(p, -1, chappe_fprintf(p->c, "%d:%5x|%s\n", v, (unsigned)v, p->mode),
	     fprintf(p->g, "%d:%5x|%s\n", v, (unsigned)v, p->mode));
}

static void op_fgets(struct pair *p)
{
	int n = (int)pick(pick(4) ? 100 : 5000);
	char *c = chappe_fgets((char *)got_c, n, p->c), *g = fgets((char *)got_g, n, p->g);

	if (same(p, "fgets gave the buffer", c != 0, g != 0) && c)
		same(p, "fgets line", strcmp(c, g), 0);
}

static void op_getdelim(struct pair *p)
{
	static const int delims[] = {'\n', '\n', 'a', 0, 256 + '\n'};
	int delim = delims[pick(5)];
	char *line_c = 0, *line_g = 0;
	size_t cap_c = 0, cap_g = 0;

	errno = 0;
	ssize_t c = chappe_getdelim(&line_c, &cap_c, delim, p->c);
	int e = errno;
	errno = 0;
	ssize_t g = getdelim(&line_g, &cap_g, delim, p->g);
	same_result(p, c, e, g, errno, -1);
	if (c == g && c > 0)
		same(p, "getdelim line", memcmp(line_c, line_g, (size_t)c + 1), 0);
	free(line_c);
	free(line_g);
}

static void op_fseek(struct pair *p)
{
	int whence = (int)pick(3);
	long off = whence == SEEK_SET ? (long)pick(40000) - 50 : (long)pick(20000) - 10000;

	if (whence == SEEK_SET && !pick(4))
		off = pick(200);
	errno = 0;
	int c = chappe_fseek(p->c, off, whence), e = errno;
	errno = 0;
	int g = fseek(p->g, off, whence);
	same_result(p, c, e, g, errno, -1);
	p->unget_pending = 0;
	p->last_dir = c == 0 && g == 0 ? 0 : p->last_dir;
}

static void op_rewind(struct pair *p)
{
	chappe_rewind(p->c);
	rewind(p->g);
	p->unget_pending = 0;
	p->last_dir = 0;
}

/* Not with a byte pushed back: glibc moves the fd back over it but keeps
 * it and its read-ahead, so the two disagree (POSIX drops the byte). */
static void op_fflush(struct pair *p)
{
	p->skipped = p->unget_pending;
	if (p->skipped)
		return;
	BOTH(p, EOF, chappe_fflush(p->c), fflush(p->g));
	p->last_dir = p->last_dir == 2 ? 0 : p->last_dir; /* output may turn to input */
}

static void op_pos(struct pair *p)
{
	if (p->have_pos && pick(2)) {
		BOTH(p, -1, chappe_fsetpos(p->c, &p->pos_c), fsetpos(p->g, &p->pos_g));
		p->unget_pending = 0;
		p->last_dir = 0; /* the position was good when taken */
		return;
	}
	errno = 0;
	int c = chappe_fgetpos(p->c, &p->pos_c), e = errno;
	errno = 0;
	int g = fgetpos(p->g, &p->pos_g);
	same_result(p, c, e, g, errno, -1);
	p->have_pos = c == 0 && g == 0;
}

static void op_clearerr(struct pair *p)
{
	chappe_clearerr(p->c);
	clearerr(p->g);
}

struct op {
	const char *name;
	void (*run)(struct pair *p);
	int dir; /* 1 reads, 2 writes, 0 neither */
	int weight;
};

static const struct op ops[] = {
    {"fwrite", op_fwrite, 2, 6},       {"fread", op_fread, 1, 6},
    {"fgetc", op_fgetc, 1, 6},	       {"fputc", op_fputc, 2, 4},
    {"ungetc", op_ungetc, 1, 4},       {"fputs", op_fputs, 2, 3},
    {"fprintf", op_fprintf, 2, 2},     {"fgets", op_fgets, 1, 4},
    {"getdelim", op_getdelim, 1, 4},   {"fseek", op_fseek, 0, 5},
    {"rewind", op_rewind, 0, 1},       {"fflush", op_fflush, 0, 2},
    {"fgetpos/fsetpos", op_pos, 0, 2}, {"clearerr", op_clearerr, 0, 1},
};
#define NOPS (sizeof ops / sizeof ops[0])

static const struct op *pick_op(void)
{
	unsigned total = 0, k;

	for (size_t i = 0; i < NOPS; i++)
		total += (unsigned)ops[i].weight;
	k = pick(total);
	for (size_t i = 0;; i++) {
		if (k < (unsigned)ops[i].weight)
			return &ops[i];
		k -= (unsigned)ops[i].weight;
	}
}

/* C asks for a seek (or, after writing, a flush) between writing and
 * reading on an update stream; a pending pushback is dropped by it too. */
static void switch_direction(struct pair *p, int dir)
{
	int writing_over_pushback = dir == 2 && p->unget_pending;

	if (!writing_over_pushback && (!dir || !p->last_dir || dir == p->last_dir))
		return;
	p->op = "fseek 0 from here, to switch";
	BOTH(p, -1, chappe_fseek(p->c, 0, SEEK_CUR), fseek(p->g, 0, SEEK_CUR));
	p->unget_pending = 0;
}

static void same_state(struct pair *p)
{
	same(p, "feof", chappe_feof(p->c), feof(p->g) != 0);
	same(p, "ferror", chappe_ferror(p->c), ferror(p->g) != 0);
	BOTH(p, -1, chappe_ftello(p->c), ftello(p->g));
}

/* glibc and Chapp-E buffer alike or not at all, each its own way. */
static void same_buffering(struct pair *p, char *buf_c, char *buf_g)
{
	size_t size = 1 + pick(100);

	switch (pick(8)) {
	case 0:
		chappe_setvbuf(p->c, buf_c, _IOFBF, size), setvbuf(p->g, buf_g, _IOFBF, size);
		break;
	case 1:
		chappe_setvbuf(p->c, 0, _IOLBF, 0), setvbuf(p->g, 0, _IOLBF, 0);
		break;
	case 2:
		chappe_setvbuf(p->c, 0, _IONBF, 0), setvbuf(p->g, 0, _IONBF, 0);
		break;
	default:
		break;
	}
}

static void one_sequence(const char *mode, int seq)
{
	char path_c[128], path_g[128], buf_c[128], buf_g[128];
	struct pair p = {.mode = mode, .seq = seq, .op = "fopen"};
	size_t n = pick(3) ? pick(pick(4) ? 3000 : 30000) : 0;

	path_of(path_c, sizeof path_c, "c", seq);
	path_of(path_g, sizeof path_g, "g", seq);
	random_bytes(data, n);
	if (mode[0] != 'w' || pick(2))
		write_file(path_c, data, n), write_file(path_g, data, n);
	p.c = chappe_fopen(path_c, mode);
	p.g = fopen(path_g, mode);
	CHECK(p.c && p.g);
	if (!p.c || !p.g)
		return;
	same_buffering(&p, buf_c, buf_g);
	for (p.step = 0; p.step < STEPS; p.step++) {
		const struct op *op = pick_op();
		switch_direction(&p, op->dir);
		p.op = op->name;
		p.skipped = 0;
		p.got_byte_before = p.got_byte;
		p.got_byte = 0;
		op->run(&p);
		if (p.skipped)
			continue;
		p.last_dir = op->dir ? op->dir : p.last_dir;
		p.last_io = op->dir ? op->dir : p.last_io;
		same_state(&p);
	}
	p.op = "fclose";
	BOTH(&p, EOF, chappe_fclose(p.c), fclose(p.g));
	size_t len_c = read_file(path_c, got_c), len_g = read_file(path_g, got_g);
	same(&p, "final size", (long)len_c, (long)len_g);
	same(&p, "final bytes", len_c == len_g && memcmp(got_c, got_g, len_c) == 0, 1);
	unlink(path_c), unlink(path_g);
}

static void random_sequences(void)
{
	static const char *modes[] = {"r",  "r+",  "w",	  "w+", "a",  "a+",
				      "rb", "r+b", "wb+", "ab", "a+b"};
	int before = reported;

	for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++)
		for (int s = 0; s < SEQUENCES_PER_MODE; s++)
			one_sequence(modes[m], (int)m * SEQUENCES_PER_MODE + s);
	printf("  %d sequences of %d steps in %zu modes: %ld comparisons\n",
	       (int)(sizeof modes / sizeof modes[0]) * SEQUENCES_PER_MODE, STEPS,
	       sizeof modes / sizeof modes[0], compared);
	CHECK(reported == before);
}

static int errno_of_c(const char *path, const char *mode)
{
	errno = 0;
	chappe_FILE *f = chappe_fopen(path, mode);
	if (f)
		chappe_fclose(f);
	return f ? 0 : errno;
}

static int errno_of_g(const char *path, const char *mode)
{
	errno = 0;
	FILE *f = fopen(path, mode);
	if (f)
		fclose(f);
	return f ? 0 : errno;
}

static void open_errors(void)
{
	static const char *modes[] = {"r", "r+", "w", "w+", "a", "a+", "wx", "w+x", "ax", "z", ""};
	char exists[128], missing[128];

	snprintf(exists, sizeof exists, "%s/exists", dir);
	snprintf(missing, sizeof missing, "%s/missing", dir);
	const char *paths[] = {exists, missing, dir, "/nonexistent/dir/f"};
	for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++)
		for (size_t i = 0; i < 4; i++) {
			write_file(exists, (const unsigned char *)"x", 1);
			unlink(missing);
			int c = errno_of_c(paths[i], modes[m]);
			unlink(missing);
			int g = errno_of_g(paths[i], modes[m]);
			if (c != g)
				fprintf(stderr, "  fopen(%s, \"%s\"): errno %d, glibc %d\n",
					paths[i], modes[m], c, g);
			CHECK(c == g);
		}
	unlink(exists);
}

static void remove_like_glibc(void)
{
	char d[128], f[128];

	snprintf(d, sizeof d, "%s/d", dir);
	snprintf(f, sizeof f, "%s/d/f", dir);
	for (int side = 0; side < 2; side++) {
		int (*rm)(const char *) = side ? remove : chappe_remove;
		mkdir(d, 0755);
		write_file(f, (const unsigned char *)"", 0);
		errno = 0;
		CHECK(rm(d) == -1 && errno == ENOTEMPTY);
		CHECK(rm(f) == 0 && access(f, F_OK) == -1);
		CHECK(rm(d) == 0 && access(d, F_OK) == -1);
		errno = 0;
		CHECK(rm(d) == -1 && errno == ENOENT);
	}
}

/* C11: once at the end, fgetc says EOF until clearerr, though the file
 * grew meanwhile (glibc since 2.28). */
static void sticky_eof(void)
{
	char path[128];
	int seen_c[4], seen_g[4];

	snprintf(path, sizeof path, "%s/grows", dir);
	write_file(path, (const unsigned char *)"a", 1);
	chappe_FILE *c = chappe_fopen(path, "r");
	FILE *g = fopen(path, "r");
	seen_c[0] = chappe_fgetc(c), seen_g[0] = fgetc(g);
	seen_c[1] = chappe_fgetc(c), seen_g[1] = fgetc(g);
	int fd = open(path, O_WRONLY | O_APPEND);
	CHECK(write(fd, "b", 1) == 1);
	close(fd);
	seen_c[2] = chappe_fgetc(c), seen_g[2] = fgetc(g);
	chappe_clearerr(c), clearerr(g);
	seen_c[3] = chappe_fgetc(c), seen_g[3] = fgetc(g);
	CHECK(seen_c[0] == 'a' && seen_c[1] == EOF && seen_c[2] == EOF && seen_c[3] == 'b');
	CHECK(memcmp(seen_c, seen_g, sizeof seen_c) == 0);
	chappe_fclose(c), fclose(g);
	unlink(path);
}

static void tmpfile_like_glibc(void)
{
	chappe_FILE *c = chappe_tmpfile();
	FILE *g = tmpfile();

	CHECK(c && g);
	random_bytes(data, 20000);
	CHECK(chappe_fwrite(data, 1, 20000, c) == 20000 && fwrite(data, 1, 20000, g) == 20000);
	CHECK(chappe_fseek(c, 777, SEEK_SET) == 0 && fseek(g, 777, SEEK_SET) == 0);
	CHECK(chappe_fread(got_c, 1, BIG, c) == 19223 && fread(got_g, 1, BIG, g) == 19223);
	CHECK(memcmp(got_c, got_g, 19223) == 0 && memcmp(got_c, data + 777, 19223) == 0);
	CHECK(chappe_fclose(c) == 0 && fclose(g) == 0);
}

static void freopen_and_fdopen(void)
{
	char a[128], b[128];
	int pc[2], pg[2];

	snprintf(a, sizeof a, "%s/fa", dir);
	snprintf(b, sizeof b, "%s/fb", dir);
	write_file(a, (const unsigned char *)"alpha\n", 6);
	write_file(b, (const unsigned char *)"beta\n", 5);
	chappe_FILE *c = chappe_fopen(a, "r");
	CHECK(chappe_fgetc(c) == 'a');
	CHECK(chappe_freopen(b, "r", c) == c && chappe_fgetc(c) == 'b' && chappe_ftell(c) == 1);
	errno = 0;
	CHECK(chappe_freopen("/nonexistent/x", "r", c) == 0 && errno == ENOENT);
	CHECK(pipe(pc) == 0 && pipe(pg) == 0);
	chappe_FILE *wc = chappe_fdopen(pc[1], "w"), *rc = chappe_fdopen(pc[0], "r");
	FILE *wg = fdopen(pg[1], "w"), *rg = fdopen(pg[0], "r");
	CHECK(chappe_fputs("piped\nline\n", wc) >= 0 && fputs("piped\nline\n", wg) >= 0);
	CHECK(chappe_fclose(wc) == 0 && fclose(wg) == 0);
	char *lc = 0, *lg = 0;
	size_t nc = 0, ng = 0;
	CHECK(chappe_getline(&lc, &nc, rc) == 6 && getline(&lg, &ng, rg) == 6 && !strcmp(lc, lg));
	errno = 0;
	CHECK(chappe_fseek(rc, 0, SEEK_SET) == -1 && errno == ESPIPE);
	CHECK(chappe_getline(&lc, &nc, rc) == 5 && getline(&lg, &ng, rg) == 5 && !strcmp(lc, lg));
	CHECK(chappe_getline(&lc, &nc, rc) == -1 && getline(&lg, &ng, rg) == -1);
	CHECK(chappe_feof(rc) && feof(rg));
	free(lc), free(lg);
	chappe_fclose(rc), fclose(rg);
	errno = 0;
	CHECK(chappe_fdopen(pc[0], "r") == 0 && errno == EBADF);
	unlink(a), unlink(b);
}

static void popen_like_glibc(void)
{
	char out[128], cmd[256];
	static const char *const commands[] = {"echo hi", "exit 3", "true", "printf 'a\\nb'"};

	for (size_t i = 0; i < 4; i++) {
		chappe_FILE *c = chappe_popen(commands[i], "r");
		FILE *g = popen(commands[i], "r");
		size_t nc = chappe_fread(got_c, 1, BIG, c), ng = fread(got_g, 1, BIG, g);
		CHECK(nc == ng && memcmp(got_c, got_g, nc) == 0);
		int sc = chappe_pclose(c), sg = pclose(g);
		CHECK(sc == sg);
	}
	snprintf(out, sizeof out, "%s/po", dir);
	snprintf(cmd, sizeof cmd, "cat > %s", out);
	chappe_FILE *w = chappe_popen(cmd, "w");
	CHECK(chappe_fputs("to the command\n", w) == 0 && chappe_pclose(w) == 0);
	CHECK(read_file(out, got_c) == 15 && memcmp(got_c, "to the command\n", 15) == 0);
	errno = 0;
	CHECK(chappe_popen("true", "rw") == 0 && errno == EINVAL);
	unlink(out);
}

/* What run writes to fd (through either stdio), flushed, into out. */
static size_t capture(int fd, void (*run)(void), unsigned char *out)
{
	char path[128];

	snprintf(path, sizeof path, "%s/out", dir);
	int saved = dup(fd), file = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	dup2(file, fd);
	close(file);
	run();
	chappe_fflush(0);
	fflush(0);
	dup2(saved, fd);
	close(saved);
	size_t n = read_file(path, out);
	unlink(path);
	return n;
}

static void perror_c(void)
{
	errno = ENOENT;
	chappe_perror("opening");
	errno = EISDIR;
	chappe_perror(0);
}

static void perror_g(void)
{
	errno = ENOENT;
	perror("opening");
	errno = EISDIR;
	perror(0);
}

static void vprintf_c(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	chappe_vprintf(fmt, ap);
	va_end(ap);
}

static void vprintf_g(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

static void stdout_c(void)
{
	chappe_printf("%d items, %-6s|%#x\n", 42, "left", 255u);
	vprintf_c("%s=%ld\n", "v", -7L);
	chappe_putchar_unlocked('p');
	chappe_putc_unlocked('q', chappe_stdout);
	chappe_puts("");
	chappe_puts("line");
}

static void stdout_g(void)
{
	printf("%d items, %-6s|%#x\n", 42, "left", 255u);
	vprintf_g("%s=%ld\n", "v", -7L);
	putchar_unlocked('p');
	putc_unlocked('q', stdout);
	puts("");
	puts("line");
}

/* perror's lines on fd 2 and printf's family on fd 1 as glibc writes them. */
static void output_like_glibc(void)
{
	size_t nc = capture(STDERR_FILENO, perror_c, got_c),
	       ng = capture(STDERR_FILENO, perror_g, got_g);

	CHECK(nc > 0 && nc == ng && memcmp(got_c, got_g, nc) == 0);
	nc = capture(STDOUT_FILENO, stdout_c, got_c);
	ng = capture(STDOUT_FILENO, stdout_g, got_g);
	CHECK(nc > 0 && nc == ng && memcmp(got_c, got_g, nc) == 0);
	char c[64], g[64];
	CHECK(chappe_sprintf(c, "%05d|%-4s|%lx", -12, "ab", 0xbeefUL) ==
	      sprintf(g, "%05d|%-4s|%lx", -12, "ab", 0xbeefUL));
	CHECK(strcmp(c, g) == 0);
}

/* setvbuf with a buffer but size 0 must not write into that buffer. */
static void setvbuf_size_zero(void)
{
	struct {
		char buf[8];
		char canary[256];
	} mem;
	char path[128];

	memset(&mem, 0x5a, sizeof mem);
	snprintf(path, sizeof path, "%s/sz", dir);
	chappe_FILE *f = chappe_fopen(path, "w");
	CHECK(chappe_setvbuf(f, mem.buf, _IOFBF, 0) == 0);
	random_bytes(data, 200);
	CHECK(chappe_fwrite(data, 1, 200, f) == 200 && chappe_fclose(f) == 0);
	CHECK(read_file(path, got_c) == 200 && memcmp(got_c, data, 200) == 0);
	int intact = 1;
	for (size_t i = 0; i < sizeof mem.canary; i++)
		intact &= mem.canary[i] == 0x5a;
	CHECK(intact);
	unlink(path);
}

/* tmpnam: a free name in /tmp, a new one each call; locks lock nothing. */
static void names_and_locks(void)
{
	char first[chappe_L_tmpnam], *second = chappe_tmpnam(0);

	CHECK(chappe_tmpnam(first) == first && second && strcmp(first, second) != 0);
	CHECK(strncmp(first, "/tmp/", 5) == 0 && access(first, F_OK) == -1);
	chappe_FILE *f = chappe_fopen(first, "w+x");
	CHECK(f != 0);
	chappe_flockfile(f);
	CHECK(chappe_ftrylockfile(f) == 0);
	CHECK(chappe_putc_unlocked('z', f) == 'z');
	chappe_funlockfile(f);
	chappe_rewind(f);
	CHECK(chappe_getc_unlocked(f) == 'z' && chappe_getc_unlocked(f) == EOF);
	chappe_fclose(f);
	unlink(first);
}

int main(void)
{
	CHECK(mkdtemp(dir) != 0);
	random_sequences();
	open_errors();
	remove_like_glibc();
	sticky_eof();
	tmpfile_like_glibc();
	freopen_and_fdopen();
	popen_like_glibc();
	output_like_glibc();
	names_and_locks();
	setvbuf_size_zero();
	rmdir(dir);
	return check_summary("libc_stdio");
}
