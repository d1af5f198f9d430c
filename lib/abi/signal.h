/* SPDX-License-Identifier: BSD-2-Clause */
/* OpenBSD's signal numbers: kill(2)'s argument and the low bits of the wait
 * status of a process a signal or a fault ended. */
#pragma once

#define SIGHUP 1
#define SIGINT 2
#define SIGILL 4
#define SIGTRAP 5
#define SIGFPE 8
#define SIGKILL 9
#define SIGBUS 10
#define SIGSEGV 11
#define SIGTERM 15
/* The rest of OpenBSD's numbers: names programs use. The kernel delivers
 * only SIGHUP SIGINT SIGKILL SIGTERM yet (handlers are issue 18's). */
#define SIGQUIT 3
#define SIGABRT 6
#define SIGIOT SIGABRT
#define SIGEMT 7
#define SIGSYS 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGURG 16
#define SIGSTOP 17
#define SIGTSTP 18
#define SIGCONT 19
#define SIGCHLD 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGIO 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGINFO 29
#define SIGUSR1 30
#define SIGUSR2 31
#define NSIG 33 /* one past the highest */
