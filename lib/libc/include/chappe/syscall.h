/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Raw system calls, generated from <abi/syscalls.h>: sys_NAME(...) enters
 * the kernel through SYSCALL and returns what the kernel returned (a value,
 * or -errno). The POSIX-style wrappers in <unistd.h> set errno instead.
 */
#pragma once

#include <abi/syscalls.h>

#define SYSCALL_PARAMS_0 void
#define SYSCALL_PARAMS_1 long
#define SYSCALL_PARAMS_2 long, long
#define SYSCALL_PARAMS_3 long, long, long
#define SYSCALL_PARAMS_4 long, long, long, long
#define SYSCALL_PARAMS_5 long, long, long, long, long
#define SYSCALL_PARAMS_6 long, long, long, long, long, long

#define SYSCALL_PROTOTYPE(name, nr, owner, nargs, priv) long sys_##name(SYSCALL_PARAMS_##nargs);
SYSCALLS(SYSCALL_PROTOTYPE)
#undef SYSCALL_PROTOTYPE

/* Any number, any arguments, through either gate (tests and fuzzers). */
long syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
long int80_syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
