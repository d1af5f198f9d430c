/* SPDX-License-Identifier: BSD-2-Clause */
/* Streams come and go: fopen, fdopen, freopen, tmpfile, fclose, remove. */
#include "stdio_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* r w a, then any of + b x in any order (b means nothing here; other
 * letters, like glibc's e and m, are ignored as glibc does). */
int __stdio_mode_flags(const char *mode, unsigned *stream)
{
	int open_flags;

	switch (mode[0]) {
	case 'r':
		open_flags = O_RDONLY, *stream = F_READ;
		break;
	case 'w':
		open_flags = O_WRONLY | O_CREAT | O_TRUNC, *stream = F_WRITE;
		break;
	case 'a':
		open_flags = O_WRONLY | O_CREAT | O_APPEND, *stream = F_WRITE | F_APPEND;
		break;
	default:
		return -1;
	}
	for (const char *m = mode + 1; *m; m++) {
		if (*m == '+')
			open_flags = (open_flags & ~O_ACCMODE) | O_RDWR,
			*stream |= F_READ | F_WRITE;
		else if (*m == 'x')
			open_flags |= O_EXCL;
	}
	return open_flags;
}

FILE *__stdio_new(int fd, unsigned stream_flags)
{
	FILE *f = calloc(1, sizeof *f);

	if (!f)
		return 0;
	f->fd = fd;
	f->flags = stream_flags;
	__stdio_set_buffer(f, 0, _IOFBF, BUFSIZ);
	f->next = __stdio_list;
	__stdio_list = f;
	return f;
}

void __stdio_release(FILE *f)
{
	for (FILE **p = &__stdio_list; *p; p = &(*p)->next)
		if (*p == f) {
			*p = f->next;
			break;
		}
	if (f->flags & F_OWNBUF)
		free(f->buf);
	if (!(f->flags & F_STATIC))
		free(f);
}

/* "a" starts at the end so ftell tells where writing goes (glibc does the
 * same); "a+" starts reading at the beginning. */
static void start_position(FILE *f)
{
	if ((f->flags & (F_APPEND | F_READ)) == F_APPEND)
		lseek(f->fd, 0, SEEK_END);
}

FILE *fopen(const char *path, const char *mode)
{
	unsigned stream;
	int flags = __stdio_mode_flags(mode, &stream);

	if (flags < 0) {
		errno = EINVAL;
		return 0;
	}
	int fd = open(path, flags, 0666);
	if (fd < 0)
		return 0;
	FILE *f = __stdio_new(fd, stream);
	if (!f) {
		close(fd);
		errno = ENOMEM;
		return 0;
	}
	start_position(f);
	return f;
}

/* The fd's own flags stay as they are (there is no fcntl): an "a" stream
 * seeks to the end before each write itself. */
FILE *fdopen(int fd, const char *mode)
{
	struct stat st;
	unsigned stream;

	if (__stdio_mode_flags(mode, &stream) < 0) {
		errno = EINVAL;
		return 0;
	}
	if (fstat(fd, &st) < 0)
		return 0;
	FILE *f = __stdio_new(fd, stream);
	if (!f)
		errno = ENOMEM;
	return f;
}

int fclose(FILE *f)
{
	int r = __stdio_flush_out(f);

	if (close(f->fd) < 0)
		r = EOF;
	__stdio_forget_tmpname(f);
	if (f->flags & F_STATIC) /* stays usable after freopen */
		__stdio_set_buffer(f, 0, f->bufmode, 0), f->fd = -1, f->flags = F_STATIC;
	__stdio_release(f);
	return r;
}

/* The same fd number as before where there was one, so freopen of stdout
 * redirects fd 1 for the children too (glibc does the same). */
static int reopen_fd(FILE *f, const char *path, int flags)
{
	int old = f->fd;

	if (old >= 0)
		close(old);
	int fd = open(path, flags, 0666);
	if (fd < 0 || old < 0 || fd == old)
		return fd;
	int moved = dup2(fd, old);
	close(fd);
	return moved;
}

/* A failure closes the stream (C says so). Without a path the fd stays and
 * only the stream's mode changes. The buffering mode stays as it was. */
FILE *freopen(const char *path, const char *mode, FILE *f)
{
	unsigned stream;
	int flags = __stdio_mode_flags(mode, &stream);

	__stdio_flush_out(f);
	__stdio_forget_tmpname(f);
	if (flags < 0) {
		fclose(f);
		errno = EINVAL;
		return 0;
	}
	int fd = path ? reopen_fd(f, path, flags) : f->fd;
	if (fd < 0) {
		int error = errno;
		f->fd = -1;
		fclose(f);
		errno = error;
		return 0;
	}
	f->fd = fd;
	f->pos = f->len = f->nunget = 0;
	f->flags = stream | (f->flags & (F_STATIC | F_OWNBUF));
	start_position(f);
	return f;
}

/* /tmp/tmp.<pid>.<n>, a new n each time: names no other process makes. */
static void tmp_name(char name[L_tmpnam])
{
	static unsigned serial;

	snprintf(name, L_tmpnam, P_tmpdir "/tmp.%d.%u", (int)getpid(), serial++);
}

/* A name in /tmp free when asked; another process may take it before the
 * caller does (tmpfile, or open with O_EXCL, cannot lose that race). */
char *tmpnam(char *name)
{
	static char own[L_tmpnam];
	char *out = name ? name : own;
	struct stat st;

	for (long tries = 0; tries < TMP_MAX; tries++) {
		tmp_name(out);
		if (stat(out, &st) < 0 && errno == ENOENT)
			return out;
	}
	return 0;
}

/* A name of its own in /tmp, removed at fclose or exit. dagfs keeps an
 * unlinked open file readable, but a write through the fd would put the
 * name back, so the name stays until the end. */
FILE *tmpfile(void)
{
	char name[L_tmpnam];

	for (long tries = 0; tries < TMP_MAX; tries++) {
		tmp_name(name);
		int fd = open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd < 0)
			return 0;
		FILE *f = __stdio_new(fd, F_READ | F_WRITE);
		if (!f) {
			close(fd), unlink(name);
			errno = ENOMEM;
			return 0;
		}
		memcpy(f->tmpname, name, sizeof name);
		f->tmp_owner = getpid();
		return f;
	}
	return 0;
}

/* A file by unlink, else a directory by rmdir (dagfs answers unlink of a
 * directory with EPERM, Linux with EISDIR); unlink's errno if neither. */
int remove(const char *path)
{
	if (unlink(path) == 0)
		return 0;
	int error = errno;
	if (error != EPERM && error != EISDIR)
		return -1;
	if (rmdir(path) == 0)
		return 0;
	if (errno == ENOTDIR)
		errno = error;
	return -1;
}
