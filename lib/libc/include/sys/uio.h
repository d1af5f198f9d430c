/* SPDX-License-Identifier: BSD-2-Clause */
/* Scatter and gather: readv and writev (lib/libc/uio.c, docs/libc.md). */
#pragma once

#include <sys/types.h>

struct iovec {
	void *iov_base;
	size_t iov_len;
};

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
