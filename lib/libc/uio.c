/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * readv and writev over one read or write each: the pieces are gathered
 * into (or scattered from) one buffer of this process, so the call is one
 * round trip to io, keeps write's atomicity and short-count rules, and the
 * bytes still cross into another address space once. Past the buffer the
 * call moves what fits and returns that count, as a short write may.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#define ON_STACK 512
#define GATHER_MAX (64 * 1024) /* what io moves in one call */

/* The bytes iov names: -1 with EINVAL for a bad count or a sum past SSIZE_MAX. */
static ssize_t total_of(const struct iovec *iov, int iovcnt)
{
	size_t sum = 0;

	if (iovcnt <= 0 || iovcnt > IOV_MAX) {
		errno = EINVAL;
		return -1;
	}
	for (int i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len > (size_t)SSIZE_MAX - sum) {
			errno = EINVAL;
			return -1;
		}
		sum += iov[i].iov_len;
	}
	return (ssize_t)sum;
}

/* The first piece alone when it is all there is to move: no gathering. */
static int single(const struct iovec *iov, int iovcnt, size_t total)
{
	return total == 0 || iov[0].iov_len == total || iovcnt == 1;
}

static char *room(char *small, size_t n)
{
	return n <= ON_STACK ? small : malloc(n);
}

/* n bytes between buf and the pieces, in order: into buf (gather) or out
 * of it. */
static void move_pieces(const struct iovec *iov, char *buf, size_t n, int gather)
{
	for (size_t at = 0, i = 0; at < n; at += iov[i++].iov_len) {
		size_t k = iov[i].iov_len < n - at ? iov[i].iov_len : n - at;
		if (gather)
			memcpy(buf + at, iov[i].iov_base, k);
		else
			memcpy(iov[i].iov_base, buf + at, k);
	}
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	char small[ON_STACK];
	ssize_t total = total_of(iov, iovcnt), r;

	if (total < 0)
		return -1;
	if (single(iov, iovcnt, (size_t)total))
		return write(fd, iov[0].iov_base, (size_t)total);
	size_t n = total < GATHER_MAX ? (size_t)total : GATHER_MAX;
	char *buf = room(small, n);
	if (!buf)
		return -1;
	move_pieces(iov, buf, n, 1);
	r = write(fd, buf, n);
	if (buf != small)
		free(buf);
	return r;
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	char small[ON_STACK];
	ssize_t total = total_of(iov, iovcnt), r;

	if (total < 0)
		return -1;
	if (single(iov, iovcnt, (size_t)total))
		return read(fd, iov[0].iov_base, (size_t)total);
	size_t n = total < GATHER_MAX ? (size_t)total : GATHER_MAX;
	char *buf = room(small, n);
	if (!buf)
		return -1;
	r = read(fd, buf, n);
	if (r > 0)
		move_pieces(iov, buf, (size_t)r, 0);
	if (buf != small)
		free(buf);
	return r;
}
