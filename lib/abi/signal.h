/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Signals (docs/signals.md): OpenBSD's numbers, flags and codes; the
 * structures sigaction(2), sigaltstack(2) and sigreturn(2) take, and the
 * frame the kernel builds on the user stack to run a handler. A signal
 * set is a 64-bit word, bit n for signal n.
 */
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
#define SIGTHR 32
#define NSIG 33 /* one past the highest */

/* sigprocmask(2)'s how. */
#define SIG_BLOCK 1
#define SIG_UNBLOCK 2
#define SIG_SETMASK 3

/* sigaction flags. */
#define SA_ONSTACK 0x0001
#define SA_RESTART 0x0002
#define SA_RESETHAND 0x0004
#define SA_NOCLDSTOP 0x0008
#define SA_NODEFER 0x0010
#define SA_NOCLDWAIT 0x0020
#define SA_SIGINFO 0x0040

/* Dispositions: a handler is any other user address. */
#define CHAPPE_SIG_DFL 0
#define CHAPPE_SIG_IGN 1

/* si_code: who sent it, or what fault it stands for. */
#define SI_USER 0
#define SI_KERNEL 0x80 /* Chapp-E: the kernel itself (a broken pipe, a terminal) */
#define SI_TIMER (-3)
#define ILL_ILLOPC 1
#define FPE_INTDIV 1
#define FPE_FLTINV 7
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_OBJERR 3
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/* sigaltstack */
#define SS_ONSTACK 0x0001
#define SS_DISABLE 0x0004
#define MINSIGSTKSZ 12288
#define SIGSTKSZ 28672

#ifndef __ASSEMBLER__
#include <stdint.h>

/* sigaction(sig, act, old): restorer is where a handler returns to (libc's
 * trampoline that calls sigreturn). */
struct chappe_sigaction {
	uint64_t handler; /* CHAPPE_SIG_DFL, CHAPPE_SIG_IGN or a function */
	uint64_t mask;	  /* blocked while it runs */
	int32_t flags;	  /* SA_* */
	int32_t pad;
	uint64_t restorer;
};

struct chappe_siginfo {
	int32_t si_signo, si_code, si_errno;
	int32_t si_pid;	   /* sender (SI_USER), child (SIGCHLD) */
	int32_t si_uid;	   /* always 0: no users yet */
	int32_t si_status; /* SIGCHLD: exit code or signal */
	uint64_t si_addr;  /* faults: the address (CR2 for SIGSEGV, RIP otherwise) */
	uint64_t si_value;
	int32_t si_trapno; /* faults: the vector */
	int32_t pad;
	uint8_t reserved[80];
};
_Static_assert(sizeof(struct chappe_siginfo) == 128, "siginfo is 128 bytes");

struct chappe_sigstack {
	uint64_t ss_sp;
	uint64_t ss_size;
	int32_t ss_flags;
	int32_t pad;
};

/* The interrupted registers, trap-frame order, then where the FPU/SSE/AVX
 * image is (user memory, 64-byte aligned, the size fpsize). sigreturn
 * takes them back only if cs and ss are the user selectors, rip and rsp
 * are user addresses, rflags has IF and nothing a program may not set,
 * and the FPU image would load. */
struct chappe_mcontext {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t rip, cs, rflags, rsp, ss;
	uint64_t fpstate, fpsize;
};

struct chappe_ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct chappe_sigstack uc_stack;
	uint64_t uc_sigmask; /* the mask sigreturn restores */
	struct chappe_mcontext uc_mcontext;
};

/*
 * What a handler finds on its stack, lowest address first: rsp points at
 * ret (so rsp + 8, info, is 16-byte aligned, as after a call); the handler gets
 * rdi = signal, rsi = &info, rdx = &uc; its ret pops the restorer, which
 * calls sigreturn(&uc). The FPU image follows uc, 64-byte aligned.
 */
struct chappe_sigframe {
	uint64_t ret;
	struct chappe_siginfo info;
	struct chappe_ucontext uc;
};
#endif
