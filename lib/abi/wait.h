/* SPDX-License-Identifier: BSD-2-Clause */
/* wait4 options and status decoding (OpenBSD): the kernel encodes the
 * status word, libc's <sys/wait.h> decodes it. */
#pragma once

#define WNOHANG 1
#define WUNTRACED 2  /* report a child that stopped */
#define WCONTINUED 8 /* report a child that continued */
#define WSTOPPED_CODE 0x7f
#define WCONTINUED_STATUS 0xffff
#define WIFSTOPPED(s) (((s)&0xff) == WSTOPPED_CODE)
#define WSTOPSIG(s) (((s) >> 8) & 0xff)
#define WIFCONTINUED(s) (((s)&0xffff) == WCONTINUED_STATUS)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WTERMSIG(s) ((s)&0x7f)
#define WIFEXITED(s) (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)
