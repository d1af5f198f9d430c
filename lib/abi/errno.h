/* SPDX-License-Identifier: BSD-2-Clause */
/* OpenBSD errno values, exactly. A syscall fails by returning -E*. */
#pragma once

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EDEADLK 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EXDEV 18
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENFILE 23
#define EMFILE 24
#define ENOTTY 25
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EROFS 30
#define EPIPE 32
#define EDOM 33
#define ERANGE 34
#define EAGAIN 35
#define EALREADY 37
#define ETIMEDOUT 60
#define ENAMETOOLONG 63
#define ENOTEMPTY 66
#define ENOSYS 78
#define EFTYPE 79  /* a format this system does not read (a dagfs of another version) */
#define ENOTSUP 91 /* mmap, mprotect: a mapping both writable and executable (W^X) */
/* Never seen by a program: a server (or the kernel) answers a call that a
 * signal interrupted with -ERESTART, and on the way back to ring 3 the
 * kernel either makes the call again (no handler ran, or it has
 * SA_RESTART) or turns it into -EINTR (docs/signals.md). */
#define ERESTART 512
