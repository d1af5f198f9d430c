/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * integ_signals: the kernel's signals as programs use them. A handler
 * with siginfo; a segfault caught with si_addr and left with siglongjmp,
 * and SIGILL, SIGTRAP, SIGFPE from their faults;
 * a forged sigreturn context that kills only its process; SA_RESTART
 * against EINTR on a pipe read; SIGCHLD and waitpid(-1, WNOHANG);
 * SIGPIPE; stop and continue seen by WUNTRACED and WCONTINUED; FPU
 * registers across a handler that uses them; process groups; the
 * alternate stack; pause, alarm and nanosleep's EINTR; nothing leaks.
 */
#include "check.h"

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <abi/kstat.h>
#include <abi/syscalls.h>

static volatile sig_atomic_t hits, last_sig, last_code;
static volatile pid_t last_pid;
static volatile uintptr_t last_addr, handler_sp;
static sigjmp_buf escape;

static void on_info(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	hits++;
	last_sig = sig;
	last_pid = info->si_pid;
	last_code = info->si_code;
	last_addr = (uintptr_t)info->si_addr;
	handler_sp = (uintptr_t)__builtin_frame_address(0);
}

static void catch_with(int sig, int flags)
{
	struct sigaction sa = {.sa_sigaction = on_info, .sa_flags = SA_SIGINFO | flags};

	sigaction(sig, &sa, 0);
}

static void check_kill_handler(void)
{
	hits = 0;
	catch_with(SIGINT, 0);
	kill(getpid(), SIGINT);
	EXPECT("SIGINT from kill ran the handler, si_pid the sender",
	       hits == 1 && last_sig == SIGINT && last_pid == getpid() && last_code == SI_USER, 1);
}

static void on_segv(int sig, siginfo_t *info, void *uc)
{
	on_info(sig, info, uc);
	siglongjmp(escape, 1);
}

static void check_segv(void)
{
	struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
	volatile char *bad = (volatile char *)0x1234;
	int rounds = 0;

	sigaction(SIGSEGV, &sa, 0);
	hits = 0;
	for (int i = 0; i < 2; i++) /* twice: siglongjmp gave the mask back */
		if (sigsetjmp(escape, 1) == 0)
			*bad = 1;
		else
			rounds++;
	EXPECT("SIGSEGV caught twice, siglongjmp out", rounds == 2 && hits == 2, 1);
	EXPECT("si_addr is the faulting address", last_addr, 0x1234);
	EXPECT("si_code SEGV_MAPERR", last_code, SEGV_MAPERR);
	signal(SIGSEGV, SIG_DFL);
}

/* #UD, #BP and #DE each become their signal, caught and left by
 * siglongjmp, si_addr the instruction for all but the breakpoint (whose
 * RIP is past it). */
static void check_other_faults(void)
{
	struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
	int zero = 0, r = 7;

	sigaction(SIGILL, &sa, 0), sigaction(SIGTRAP, &sa, 0), sigaction(SIGFPE, &sa, 0);
	hits = 0;
	if (sigsetjmp(escape, 1) == 0)
		__asm__ volatile("ud2");
	EXPECT("ud2: SIGILL, ILL_ILLOPC",
	       hits == 1 && last_sig == SIGILL && last_code == ILL_ILLOPC, 1);
	if (sigsetjmp(escape, 1) == 0)
		__asm__ volatile("int3");
	EXPECT("int3: SIGTRAP, TRAP_BRKPT",
	       hits == 2 && last_sig == SIGTRAP && last_code == TRAP_BRKPT, 1);
	if (sigsetjmp(escape, 1) == 0)
		__asm__ volatile("cltd; idivl %1"
				 : "+a"(r)
				 : "r"(zero)
				 : "rdx"); /* not C: 1/x folds */
	EXPECT("a division by zero: SIGFPE", hits * 100 + last_sig, 300 + SIGFPE);
	EXPECT("si_code FPE_INTDIV", last_code, FPE_INTDIV);
	signal(SIGILL, SIG_DFL), signal(SIGTRAP, SIG_DFL), signal(SIGFPE, SIG_DFL);
}

static int forged(void)
{
	ucontext_t uc;

	memset(&uc, 0, sizeof uc);
	uc.uc_mcontext.rip = (uint64_t)forged;
	uc.uc_mcontext.cs = 0x08; /* the kernel's code selector */
	uc.uc_mcontext.ss = 0x10;
	uc.uc_mcontext.rflags = 0x3202; /* IOPL 3 too */
	sys_sigreturn((long)&uc);
	return 7; /* never: the kernel kills it */
}

static void check_forged_sigreturn(void)
{
	pid_t p = fork();

	if (p == 0)
		_exit(forged());
	int st = 0;
	waitpid(p, &st, 0);
	EXPECT("a forged sigreturn context kills only that process (SIGSEGV)",
	       WIFSIGNALED(st) ? WTERMSIG(st) : -1, SIGSEGV);
}

static void arm_ms(long ms)
{
	struct itimerval v = {{0, 0}, {ms / 1000, (ms % 1000) * 1000}};

	setitimer(ITIMER_REAL, &v, 0);
}

/* A writer that waits ms, then writes one byte. */
static pid_t late_writer(int fd, long ms)
{
	pid_t p = fork();

	if (p == 0) {
		nap_ms(ms);
		_exit(write(fd, "x", 1) == 1 ? 0 : 1);
	}
	return p;
}

static void check_restart(void)
{
	int fds[2];
	char c = 0;

	pipe(fds);
	pid_t w = late_writer(fds[1], 300);
	catch_with(SIGALRM, SA_RESTART);
	hits = 0;
	arm_ms(50);
	ssize_t n = read(fds[0], &c, 1);
	EXPECT("SA_RESTART: the handler ran and the read went on to its byte",
	       n == 1 && c == 'x' && hits == 1, 1);
	waitpid(w, 0, 0);
	catch_with(SIGALRM, 0);
	hits = 0;
	arm_ms(50);
	n = read(fds[0], &c, 1);
	EXPECT("without SA_RESTART the read fails EINTR", n == -1 && errno == EINTR && hits == 1,
	       1);
	close(fds[0]), close(fds[1]);
}

static void check_sigchld(void)
{
	sigset_t block, old;
	int st = 0;

	catch_with(SIGCHLD, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	hits = 0;
	pid_t p = fork();
	if (p == 0)
		_exit(3);
	sigsuspend(&old); /* returns once the handler ran */
	sigprocmask(SIG_SETMASK, &old, 0);
	EXPECT("SIGCHLD came, si_pid the child, CLD_EXITED",
	       hits == 1 && last_sig == SIGCHLD && last_pid == p && last_code == CLD_EXITED, 1);
	EXPECT("waitpid(-1, WNOHANG) takes it", waitpid(-1, &st, WNOHANG) == p && st == 3 << 8, 1);
	EXPECT("then nothing is left", waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD, 1);
	signal(SIGCHLD, SIG_DFL);
}

static int write_to_closed(void)
{
	int fds[2];

	pipe(fds);
	close(fds[0]);
	return write(fds[1], "x", 1) == -1 && errno == EPIPE ? 5 : 6;
}

static void check_sigpipe(void)
{
	int st = 0;
	pid_t p = fork();

	if (p == 0)
		_exit(write_to_closed());
	waitpid(p, &st, 0);
	EXPECT("a write with no reader: SIGPIPE ends the writer", WTERMSIG(st), SIGPIPE);
	signal(SIGPIPE, SIG_IGN);
	EXPECT("SIGPIPE ignored: EPIPE", write_to_closed(), 5);
	signal(SIGPIPE, SIG_DFL);
}

static int state_of(pid_t p)
{
	struct chappe_procinfo info;

	return sys_proc_info(p, (long)&info) ? -1 : (int)info.state;
}

static void check_stop_continue(void)
{
	int st = 0;
	pid_t p = fork();

	if (p == 0)
		for (;;)
			pause();
	kill(p, SIGSTOP);
	EXPECT("WUNTRACED sees it stopped by SIGSTOP",
	       waitpid(p, &st, WUNTRACED) == p && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, 1);
	EXPECT("proc_info says stopped", state_of(p), PROC_INFO_STOPPED);
	EXPECT("a stopped child is not reported twice", waitpid(p, &st, WUNTRACED | WNOHANG), 0);
	kill(p, SIGCONT);
	EXPECT("WCONTINUED sees it go on", waitpid(p, &st, WCONTINUED) == p && WIFCONTINUED(st), 1);
	kill(p, SIGTSTP);
	EXPECT("SIGTSTP stops it by default",
	       waitpid(p, &st, WUNTRACED) == p && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP, 1);
	kill(p, SIGTERM); /* pending while stopped */
	nap_ms(50);
	EXPECT("a signal to a stopped process waits for SIGCONT", state_of(p), PROC_INFO_STOPPED);
	kill(p, SIGCONT);
	waitpid(p, &st, 0);
	EXPECT("continued, SIGTERM ends it", WIFSIGNALED(st) ? WTERMSIG(st) : -1, SIGTERM);
}

static void clobber_fpu(int sig)
{
	(void)sig;
	__asm__ volatile("pcmpeqd %%xmm0, %%xmm0; pcmpeqd %%xmm7, %%xmm7; pcmpeqd %%xmm15, "
			 "%%xmm15" ::
			     : "xmm0", "xmm7", "xmm15");
	hits++;
}

/* xmm0, xmm7, xmm15 hold a pattern across a kill(2) whose handler sets
 * them all ones: sigreturn must give the pattern back. */
static void check_fpu(void)
{
	static const uint64_t pattern[2] = {0x0123456789abcdefULL, 0xfedcba9876543210ULL};
	uint64_t out[3][2];
	long r;

	signal(SIGUSR1, clobber_fpu);
	hits = 0;
	__asm__ volatile("movdqu (%[p]), %%xmm0\n\tmovdqu (%[p]), %%xmm7\n\t"
			 "movdqu (%[p]), %%xmm15\n\t"
			 "syscall\n\t"
			 "movdqu %%xmm0, (%[o])\n\tmovdqu %%xmm7, 16(%[o])\n\t"
			 "movdqu %%xmm15, 32(%[o])"
			 : "=a"(r)
			 : [p] "r"(pattern), [o] "r"(out), "a"((long)SYS_kill), "D"((long)getpid()),
			   "S"((long)SIGUSR1)
			 : "rcx", "r11", "memory", "xmm0", "xmm7", "xmm15");
	int same = 1;
	for (int i = 0; i < 3; i++)
		same &= out[i][0] == pattern[0] && out[i][1] == pattern[1];
	EXPECT("XMM registers survive a handler that sets them", r == 0 && hits == 1 && same, 1);
}

static pid_t child_in_group(pid_t pgid)
{
	pid_t p = fork();

	if (p == 0) {
		setpgid(0, pgid);
		for (;;)
			pause();
	}
	setpgid(p, pgid); /* both sides, as a shell does: no race either way */
	return p;
}

static void check_groups(void)
{
	int a_st = 0, b_st = 0;
	pid_t a = child_in_group(0);
	pid_t b = child_in_group(a);

	EXPECT("setpgid made a group led by the first child", getpgid(a) == a && getpgid(b) == a,
	       1);
	EXPECT("the parent stays in its own", getpgrp() != a, 1);
	EXPECT("kill(-pgrp) reaches the group", kill(-a, SIGTERM), 0);
	waitpid(a, &a_st, 0), waitpid(b, &b_st, 0);
	EXPECT("both members ended by it", WTERMSIG(a_st) == SIGTERM && WTERMSIG(b_st) == SIGTERM,
	       1);
	EXPECT("kill of a group nobody is in", kill(-a, SIGTERM) == -1 && errno == ESRCH, 1);
	EXPECT("setpgid of a process not our child", setpgid(1, 0) == -1 && errno == ESRCH, 1);
	pid_t c = fork();
	if (c == 0)
		_exit(setsid() == getpid() && getsid(0) == getpid() && getpgrp() == getpid() ? 0
											     : 1);
	int st = 0;
	waitpid(c, &st, 0);
	EXPECT("setsid in a child: a session and group of its own", st, 0);
	EXPECT("a group leader may not setsid", setsid() == -1 && errno == EPERM, 1);
}

static void check_altstack(void)
{
	static char alt[SIGSTKSZ];
	stack_t ss = {alt, sizeof alt, 0}, old;

	EXPECT("sigaltstack", sigaltstack(&ss, &old), 0);
	catch_with(SIGUSR2, SA_ONSTACK);
	raise(SIGUSR2);
	EXPECT("SA_ONSTACK runs the handler on the alternate stack",
	       handler_sp > (uintptr_t)alt && handler_sp < (uintptr_t)alt + sizeof alt, 1);
	ss.ss_size = 100;
	EXPECT("too small a stack", sigaltstack(&ss, 0) == -1 && errno == ENOMEM, 1);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, 0);
}

static void check_waits(void)
{
	struct timespec req = {5, 0}, left = {0, 0};

	catch_with(SIGALRM, 0);
	hits = 0;
	arm_ms(30);
	EXPECT("pause returns EINTR after the handler",
	       pause() == -1 && errno == EINTR && hits == 1, 1);
	arm_ms(30);
	EXPECT("nanosleep ends early with EINTR", nanosleep(&req, &left) == -1 && errno == EINTR,
	       1);
	EXPECT("and says what was left", left.tv_sec >= 4 && left.tv_sec <= 5, 1);
	EXPECT("alarm(0) gives back what an armed alarm had left", (alarm(7), alarm(0)), 7);
	EXPECT("sigaction(SIGKILL) refused",
	       sigaction(SIGKILL, 0, 0) == 0 && signal(SIGKILL, SIG_IGN) == SIG_ERR &&
		   errno == EINVAL,
	       1);
}

int main(void)
{
	struct chappe_kstat before, after;

	check_start("signal_check");
	sys_kstat((long)&before);
	check_kill_handler();
	check_segv();
	check_other_faults();
	check_forged_sigreturn();
	check_restart();
	check_sigchld();
	check_sigpipe();
	check_stop_continue();
	check_fpu();
	check_groups();
	check_altstack();
	check_waits();
	sys_kstat((long)&after);
	EXPECT("free frames back", (long)(before.free_frames - after.free_frames), 0);
	return check_finish();
}
