/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Signals: posting, delivery on the way back to ring 3, the handler's
 * frame and sigreturn, stop and continue, the real-time alarm. The state
 * is each process's struct sig_state; only this file writes it.
 * docs/signals.md.
 */
#include <core/signal.h>

#include <stddef.h>

#include <abi/errno.h>
#include <abi/syscalls.h>
#include <abi/time.h>
#include <abi/wait.h>
#include <arch/x86_64/fpu.h>
#include <arch/x86_64/gdt.h>
#include <arch/x86_64/lapic.h>
#include <arch/x86_64/percpu.h>
#include <bc/bc.h>
#include <core/proc.h>
#include <core/sched.h>
#include <string/string.h>

enum sig_default { SD_TERM, SD_CORE, SD_IGNORE, SD_STOP, SD_CONT };

/* OpenBSD's default actions (sys/signalvar.h's sigprop). A core action
 * ends the process as a termination does: no core file is written. */
static const uint8_t defaults[NSIG] = {
    [SIGHUP] = SD_TERM,	   [SIGINT] = SD_TERM,	  [SIGQUIT] = SD_CORE, [SIGILL] = SD_CORE,
    [SIGTRAP] = SD_CORE,   [SIGABRT] = SD_CORE,	  [SIGEMT] = SD_CORE,  [SIGFPE] = SD_CORE,
    [SIGKILL] = SD_TERM,   [SIGBUS] = SD_CORE,	  [SIGSEGV] = SD_CORE, [SIGSYS] = SD_CORE,
    [SIGPIPE] = SD_TERM,   [SIGALRM] = SD_TERM,	  [SIGTERM] = SD_TERM, [SIGURG] = SD_IGNORE,
    [SIGSTOP] = SD_STOP,   [SIGTSTP] = SD_STOP,	  [SIGCONT] = SD_CONT, [SIGCHLD] = SD_IGNORE,
    [SIGTTIN] = SD_STOP,   [SIGTTOU] = SD_STOP,	  [SIGIO] = SD_IGNORE, [SIGXCPU] = SD_CORE,
    [SIGXFSZ] = SD_CORE,   [SIGVTALRM] = SD_TERM, [SIGPROF] = SD_TERM, [SIGWINCH] = SD_IGNORE,
    [SIGINFO] = SD_IGNORE, [SIGUSR1] = SD_TERM,	  [SIGUSR2] = SD_TERM, [SIGTHR] = SD_IGNORE,
};

#define BIT(sig) (1ULL << (sig))
#define VALID_SET (((1ULL << NSIG) - 1) & ~1ULL)
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))
#define STOP_SIGNALS (BIT(SIGSTOP) | BIT(SIGTSTP) | BIT(SIGTTIN) | BIT(SIGTTOU))
#define SYSCALL_INSN_LEN 2 /* SYSCALL (0f 05) and INT 0x80 (cd 80) alike */
#define RFLAGS_TF 0x100
#define RFLAGS_IF 0x200
#define RFLAGS_DF 0x400
#define RFLAGS_RESERVED1 0x2
/* What a program may set in its own RFLAGS: CF PF AF ZF SF TF DF OF, RF,
 * AC and ID. Never IOPL, NT, VM, VIF, VIP; IF must stay on. */
#define RFLAGS_USER 0x250dd5ULL

/* Processes with something for signal_deliver: percpu's exit_work.by.signal
 * says whether there are any, so the common return to ring 3 stays one test. */
static unsigned work_procs;
static uint64_t next_alarm = UINT64_MAX;

static int valid(int sig)
{
	return sig > 0 && sig < NSIG;
}

static void note_work(struct proc *p)
{
	struct sig_state *s = &p->sig;
	uint8_t w = (s->pending & ~s->blocked) != 0 || s->full_return;

	if (w != s->work) {
		work_procs = w ? work_procs + 1 : work_procs - 1;
		s->work = w;
	}
	percpu0.exit_work.by.signal = work_procs != 0;
}

static int default_of(int sig)
{
	return defaults[sig];
}

static int ignores(const struct proc *p, int sig)
{
	uint64_t h = p->sig.act[sig].handler;

	return h == CHAPPE_SIG_IGN || (h == CHAPPE_SIG_DFL && (default_of(sig) == SD_IGNORE ||
							       default_of(sig) == SD_CONT));
}

static int catches(const struct proc *p, int sig)
{
	return p->sig.act[sig].handler > CHAPPE_SIG_IGN;
}

/* Not blocked, left at its default, and that default ends the process. */
static int fatal_now(const struct proc *p, int sig)
{
	int d = default_of(sig);

	return sig == SIGKILL ||
	       (!(p->sig.blocked & BIT(sig)) && p->sig.act[sig].handler == CHAPPE_SIG_DFL &&
		(d == SD_TERM || d == SD_CORE));
}

int signal_deliverable(const struct proc *p)
{
	return (p->sig.pending & ~p->sig.blocked) != 0;
}

static void signal_to_parent(struct proc *parent, const struct proc *c, int why, int status);

/* c stopped, continued or ended: its parent's wait4 looks again, and it
 * gets SIGCHLD. */
static void child_changed(struct proc *c, int why, int status)
{
	struct proc *parent = proc_by_pid(c->ppid);

	proc_wake_parent(c);
	if (parent && !c->kernel_started)
		signal_to_parent(parent, c, why, status);
}

static void wake_stopped(struct proc *p)
{
	if (!p->sig.stopped)
		return;
	p->sig.stopped = 0;
	p->sig.report = SIG_REPORT_CONT;
	if (p->state == PROC_STATE_SLEEPING && p->wait == WAIT_STOPPED)
		sched_make_runnable(p);
	child_changed(p, CLD_CONTINUED, SIGCONT);
}

/* p sleeps in the kernel and has a signal to take: end the sleep where
 * that is safe. A call a server holds is the server's to answer (it is
 * told, if it asked to be); a queued one never reached it. */
static void interrupt(struct proc *p)
{
	if (p->state != PROC_STATE_SLEEPING)
		return;
	switch (p->wait) {
	case WAIT_STOPPED:
		return;
	case WAIT_BC_REPLY:
		bc_interrupt_call(p);
		return;
	case WAIT_BC_QUEUED:
		bc_cancel_call(p);
		break;
	default:
		break;
	}
	p->result = -ERESTART;
	sched_make_runnable(p);
}

void signal_post(struct proc *p, int sig, const struct sig_origin *o)
{
	struct sig_state *s = &p->sig;

	if (!valid(sig) || p->state == PROC_STATE_ZOMBIE || p->state == PROC_STATE_FREE)
		return;
	if (sig == SIGCONT) {
		s->pending &= ~STOP_SIGNALS;
		wake_stopped(p);
	}
	if (BIT(sig) & STOP_SIGNALS)
		s->pending &= ~BIT(SIGCONT);
	if (fatal_now(p, sig) && (sig == SIGKILL || !s->stopped)) { /* stopped: after SIGCONT */
		proc_doom(p, sig);
		return;
	}
	if (ignores(p, sig) && !(s->blocked & BIT(sig)))
		return;
	s->pending |= BIT(sig);
	s->origin[sig] = *o;
	note_work(p);
	if (!(s->blocked & BIT(sig)))
		interrupt(p);
}

int signal_fault(struct proc *p, int sig, int code, uint64_t addr, int trapno)
{
	struct sig_origin o = {code, 0, 0, trapno, addr};

	if (!catches(p, sig) || (p->sig.blocked & BIT(sig)))
		return 0; /* ignoring a fault would only take it again */
	signal_post(p, sig, &o);
	return 1;
}

static int lowest(uint64_t set)
{
	return set & BIT(SIGKILL) ? SIGKILL : __builtin_ctzll(set);
}

/* The alternate stack, if this handler asks for it and p is not on it. */
static int on_alt_stack(const struct proc *p, uint64_t sp)
{
	const struct chappe_sigstack *a = &p->sig.alt;

	return !(a->ss_flags & SS_DISABLE) && a->ss_size && sp - a->ss_sp <= a->ss_size;
}

static uint64_t handler_stack(const struct proc *p, uint64_t sp, int flags)
{
	const struct chappe_sigstack *a = &p->sig.alt;

	if ((flags & SA_ONSTACK) && !(a->ss_flags & SS_DISABLE) && a->ss_size &&
	    !on_alt_stack(p, sp))
		return a->ss_sp + a->ss_size;
	return sp - 128; /* the interrupted code's red zone */
}

static void save_registers(struct chappe_mcontext *m, const struct trap_frame *tf)
{
	_Static_assert(offsetof(struct chappe_mcontext, rax) == offsetof(struct trap_frame, rax),
		       "mcontext's registers are in trap-frame order");
	memcpy(m, tf, offsetof(struct trap_frame, vector));
	m->rip = tf->rip, m->cs = tf->cs, m->rflags = tf->rflags, m->rsp = tf->rsp, m->ss = tf->ss;
}

static void fill_info(struct chappe_siginfo *i, int sig, const struct sig_origin *o)
{
	i->si_signo = sig;
	i->si_code = o->code;
	i->si_pid = o->pid;
	i->si_status = o->status;
	i->si_addr = o->addr;
	i->si_trapno = o->trapno;
}

static void fill_context(struct proc *p, struct chappe_sigframe *f, const struct trap_frame *tf,
			 uint64_t fpstate)
{
	f->uc.uc_stack = p->sig.alt;
	if (on_alt_stack(p, tf->rsp))
		f->uc.uc_stack.ss_flags |= SS_ONSTACK;
	f->uc.uc_sigmask = p->sig.suspended ? p->sig.suspend_mask : p->sig.blocked;
	save_registers(&f->uc.uc_mcontext, tf);
	f->uc.uc_mcontext.fpstate = fpstate;
	f->uc.uc_mcontext.fpsize = fpu_area_size();
}

/* The frame for sig's handler on the user stack: 0, or -EFAULT when the
 * stack cannot take it (nothing of the process changed then). */
static int64_t push_frame(struct proc *p, struct trap_frame *tf, int sig,
			  const struct chappe_sigaction *a, const struct sig_origin *o)
{
	static struct chappe_sigframe f; /* one CPU, and the kernel is not preempted */
	uint64_t fp = (handler_stack(p, tf->rsp, a->flags) - fpu_area_size()) & ~63ULL;
	uint64_t frame = ((fp - sizeof f) & ~15ULL) - 8;

	memset(&f, 0, sizeof f);
	f.ret = a->restorer;
	fill_info(&f.info, sig, o);
	fill_context(p, &f, tf, fp);
	fpu_save(p->fpu);
	if (frame < USER_BASE || vm_copy_out(&p->vm, fp, p->fpu, fpu_area_size()) ||
	    vm_copy_out(&p->vm, frame, &f, sizeof f))
		return -EFAULT;
	tf->rip = a->handler;
	tf->rsp = frame;
	tf->rdi = (uint64_t)sig;
	tf->rsi = frame + offsetof(struct chappe_sigframe, info);
	tf->rdx = frame + offsetof(struct chappe_sigframe, uc);
	tf->rax = 0;
	tf->rflags &= ~(RFLAGS_DF | RFLAGS_TF); /* the ABI's DF = 0 at a call */
	fpu_area_reset(p->fpu);			/* the handler starts from the initial FPU state */
	fpu_load(p->fpu);
	return 0;
}

/* Calls made again after a handler with SA_RESTART, or after a stop:
 * POSIX ones. A Chapp-E call (bc_*) or nanosleep reports EINTR. */
static int restartable(int64_t nr)
{
	return nr > 0 && nr < SYSCALL_CHAPPE_BASE && nr != SYS_nanosleep;
}

static void settle_restart(struct trap_frame *tf, int64_t nr, int restart)
{
	if (nr < 0 || (int64_t)tf->rax != -ERESTART)
		return;
	if (restart && restartable(nr)) {
		tf->rax = (uint64_t)nr;
		tf->rip -= SYSCALL_INSN_LEN;
	} else {
		tf->rax = (uint64_t)-EINTR;
	}
}

static void run_handler(struct proc *p, struct trap_frame *tf, int64_t nr, int sig)
{
	struct chappe_sigaction a = p->sig.act[sig];

	settle_restart(tf, nr, a.flags & SA_RESTART);
	if (push_frame(p, tf, sig, &a, &p->sig.origin[sig]))
		proc_kill_current("no room on its stack for a signal frame", SIGSEGV);
	p->sig.suspended = 0;
	p->sig.blocked |= a.mask | (a.flags & SA_NODEFER ? 0 : BIT(sig));
	p->sig.blocked &= ~UNBLOCKABLE;
	if (a.flags & SA_RESETHAND)
		p->sig.act[sig] = (struct chappe_sigaction){0};
}

static void stop(struct proc *p, int sig)
{
	p->sig.stopped = 1;
	p->sig.report = sig;
	child_changed(p, CLD_STOPPED, sig);
	while (p->sig.stopped && !p->killed)
		sched_block(WAIT_STOPPED);
	proc_end_if_killed();
}

/* Default action of sig for the current process: returns unless it ends it. */
static void act_by_default(struct proc *p, int sig)
{
	switch (default_of(sig)) {
	case SD_STOP:
		stop(p, sig);
		return;
	case SD_TERM:
	case SD_CORE:
		proc_exit_signalled(sig);
	default:
		return;
	}
}

void signal_deliver(struct trap_frame *tf, int64_t nr)
{
	struct proc *p = current_proc();
	uint64_t ready;

	p->sig.full_return = 0;
	while ((ready = p->sig.pending & ~p->sig.blocked)) {
		int sig = lowest(ready);
		p->sig.pending &= ~BIT(sig);
		if (catches(p, sig)) {
			run_handler(p, tf, nr, sig);
			break;
		}
		if (p->sig.act[sig].handler == CHAPPE_SIG_DFL)
			act_by_default(p, sig);
	}
	settle_restart(tf, nr, 1); /* no handler ran: the call goes on */
	note_work(p);
}

void signal_fork(struct proc *child, const struct proc *parent)
{
	memcpy(child->sig.act, parent->sig.act, sizeof child->sig.act);
	child->sig.blocked = parent->sig.blocked;
	child->sig.alt = parent->sig.alt;
}

/* Handlers are the old image's code: caught signals go back to their
 * default; ignored ones stay ignored, the mask and what is pending stay. */
void signal_exec(struct proc *p)
{
	for (int sig = 1; sig < NSIG; sig++)
		if (catches(p, sig))
			p->sig.act[sig] = (struct chappe_sigaction){0};
	p->sig.alt = (struct chappe_sigstack){.ss_flags = SS_DISABLE};
}

void signal_proc_exit(struct proc *p)
{
	p->sig.pending = 0;
	p->sig.full_return = 0;
	p->sig.alarm_tick = 0;
	note_work(p);
}

int signal_take_report(struct proc *c, int options)
{
	int r = c->sig.report;

	if (r > 0 && (options & WUNTRACED) && c->sig.stopped) {
		c->sig.report = 0;
		return r << 8 | WSTOPPED_CODE;
	}
	if (r == SIG_REPORT_CONT && (options & WCONTINUED)) {
		c->sig.report = 0;
		return WCONTINUED_STATUS;
	}
	return 0;
}

/* SIGCHLD for c's parent: why (CLD_*) and the status it carries. Not for a
 * stop or continue when the parent asked so (SA_NOCLDSTOP). */
static void signal_to_parent(struct proc *parent, const struct proc *c, int why, int status)
{
	struct sig_origin o = {why, c->pid, status, 0, 0};

	if (why != CLD_EXITED && why != CLD_KILLED &&
	    (parent->sig.act[SIGCHLD].flags & SA_NOCLDSTOP))
		return;
	signal_post(parent, SIGCHLD, &o);
}

void signal_child_exited(struct proc *c, int status)
{
	struct proc *parent = proc_by_pid(c->ppid);

	if (parent && !c->kernel_started)
		signal_to_parent(parent, c, WTERMSIG(status) ? CLD_KILLED : CLD_EXITED,
				 WTERMSIG(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

uint64_t signal_ignored_set(const struct proc *p)
{
	uint64_t set = 0;

	for (int sig = 1; sig < NSIG; sig++)
		if (p->sig.act[sig].handler == CHAPPE_SIG_IGN)
			set |= BIT(sig);
	return set;
}

uint64_t signal_caught_set(const struct proc *p)
{
	uint64_t set = 0;

	for (int sig = 1; sig < NSIG; sig++)
		if (catches(p, sig))
			set |= BIT(sig);
	return set;
}

/* ---- the calls ---- */

static int64_t action_set(struct proc *p, int sig, const struct chappe_sigaction *a)
{
	if (a->flags & ~(SA_ONSTACK | SA_RESTART | SA_RESETHAND | SA_NOCLDSTOP | SA_NODEFER |
			 SA_NOCLDWAIT | SA_SIGINFO))
		return -EINVAL;
	if (a->handler > CHAPPE_SIG_IGN && a->handler - USER_BASE >= USER_TOP - USER_BASE)
		return -EFAULT;
	p->sig.act[sig] = *a;
	p->sig.act[sig].mask &= VALID_SET & ~UNBLOCKABLE;
	p->sig.act[sig].pad = 0;
	if (ignores(p, sig)) { /* POSIX: what is pending of it goes */
		p->sig.pending &= ~BIT(sig);
		note_work(p);
	}
	return 0;
}

int64_t signal_action(int sig, uint64_t act_user, uint64_t old_user)
{
	struct proc *p = current_proc();
	struct chappe_sigaction a, old;

	if (!valid(sig) || (act_user && (sig == SIGKILL || sig == SIGSTOP)))
		return -EINVAL;
	if (act_user && vm_copy_in(&p->vm, &a, act_user, sizeof a))
		return -EFAULT;
	old = p->sig.act[sig];
	if (old_user && !vm_range_ok(&p->vm, old_user, sizeof old, 1))
		return -EFAULT;
	if (act_user) {
		int64_t err = action_set(p, sig, &a);
		if (err)
			return err;
	}
	return old_user ? vm_copy_out(&p->vm, old_user, &old, sizeof old) : 0;
}

static void set_blocked(struct proc *p, uint64_t set)
{
	p->sig.blocked = set & VALID_SET & ~UNBLOCKABLE;
	note_work(p);
}

/* sigprocmask(how, set): the old mask is the answer (OpenBSD's form:
 * libc writes it where the caller asked). */
int64_t signal_mask(int how, uint64_t set, uint64_t unused)
{
	struct proc *p = current_proc();
	uint64_t old = p->sig.blocked;

	(void)unused;
	if (how == SIG_BLOCK)
		set_blocked(p, old | set);
	else if (how == SIG_UNBLOCK)
		set_blocked(p, old & ~set);
	else if (how == SIG_SETMASK)
		set_blocked(p, set);
	else
		return -EINVAL;
	return (int64_t)old;
}

int64_t signal_suspend(uint64_t mask)
{
	struct proc *p = current_proc();

	p->sig.suspend_mask = p->sig.blocked;
	p->sig.suspended = 1;
	set_blocked(p, mask);
	while (!signal_deliverable(p) && !p->killed)
		sched_block(WAIT_SIGNAL);
	/* A handler runs on the way out and its sigreturn restores the old
	 * mask; should none run (the signal stopped the process and was
	 * then lifted), put it back here. */
	if (!signal_deliverable(p)) {
		set_blocked(p, p->sig.suspend_mask);
		p->sig.suspended = 0;
	}
	return -EINTR;
}

/* A context a program could have been interrupted in: user selectors,
 * user addresses, flags a program may hold. */
static int context_valid(const struct chappe_mcontext *m)
{
	return m->cs == (GDT_USER_CODE | 3) && m->ss == (GDT_USER_DATA | 3) &&
	       m->rip - USER_BASE < USER_TOP - USER_BASE && m->rsp <= USER_TOP &&
	       (m->rflags & RFLAGS_IF) &&
	       !(m->rflags & ~(RFLAGS_USER | RFLAGS_IF | RFLAGS_RESERVED1)) &&
	       m->fpsize == fpu_area_size();
}

static void restore_registers(struct trap_frame *tf, const struct chappe_mcontext *m)
{
	memcpy(tf, m, offsetof(struct trap_frame, vector));
	tf->rip = m->rip, tf->rsp = m->rsp;
	tf->rflags = m->rflags | RFLAGS_RESERVED1;
	tf->cs = GDT_USER_CODE | 3, tf->ss = GDT_USER_DATA | 3;
	tf->error = 0; /* not SYSGATE_FROM_SYSCALL: leave by IRET, rcx and r11 too */
}

int64_t signal_return(struct trap_frame *tf, uint64_t uc_user)
{
	static uint8_t fpu_image[4096] __attribute__((aligned(64)));
	static struct chappe_ucontext uc;
	struct proc *p = current_proc();

	if (vm_copy_in(&p->vm, &uc, uc_user, sizeof uc))
		proc_kill_current("sigreturn: its context cannot be read", SIGSEGV);
	if (!context_valid(&uc.uc_mcontext))
		proc_kill_current("sigreturn: a context no program could have been in", SIGSEGV);
	if (vm_copy_in(&p->vm, fpu_image, uc.uc_mcontext.fpstate, fpu_area_size()) ||
	    !fpu_area_valid(fpu_image))
		proc_kill_current("sigreturn: an FPU state that would not load", SIGSEGV);
	fpu_area_copy(p->fpu, fpu_image);
	fpu_load(p->fpu);
	restore_registers(tf, &uc.uc_mcontext);
	p->sig.full_return = 1;
	set_blocked(p, uc.uc_sigmask);
	return (int64_t)tf->rax;
}

int64_t signal_altstack(uint64_t ss_user, uint64_t old_user)
{
	struct proc *p = current_proc();
	struct chappe_sigstack ss, old = p->sig.alt;

	old.ss_flags = (old.ss_size && !(old.ss_flags & SS_DISABLE)) ? 0 : SS_DISABLE;
	if (on_alt_stack(p, p->tf->rsp))
		old.ss_flags |= SS_ONSTACK;
	if (ss_user) {
		if (vm_copy_in(&p->vm, &ss, ss_user, sizeof ss))
			return -EFAULT;
		if (ss.ss_flags & ~SS_DISABLE)
			return -EINVAL;
		if (old.ss_flags & SS_ONSTACK)
			return -EPERM; /* POSIX: not while running on it */
		if (!(ss.ss_flags & SS_DISABLE) && ss.ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		if (!(ss.ss_flags & SS_DISABLE) && (ss.ss_sp < USER_BASE || ss.ss_sp > USER_TOP ||
						    ss.ss_size > USER_TOP - ss.ss_sp))
			return -EFAULT;
		ss.pad = 0;
		p->sig.alt = ss;
	}
	return old_user ? vm_copy_out(&p->vm, old_user, &old, sizeof old) : 0;
}

/* ---- ITIMER_REAL: SIGALRM at a tick ---- */

static uint64_t ticks_of(const struct chappe_timeval *tv)
{
	uint64_t hz = timer_info()->tick_hz;
	uint64_t us = (uint64_t)tv->tv_sec * 1000000 + (uint64_t)tv->tv_usec;

	return (us * hz + 999999) / 1000000;
}

static struct chappe_timeval timeval_of(uint64_t ticks)
{
	uint64_t us = ticks * 1000000 / timer_info()->tick_hz;

	return (struct chappe_timeval){(int64_t)(us / 1000000), (int64_t)(us % 1000000)};
}

static struct chappe_itimerval itimer_now(const struct proc *p, uint64_t now)
{
	uint64_t left = p->sig.alarm_tick > now ? p->sig.alarm_tick - now : 0;

	return (struct chappe_itimerval){timeval_of(p->sig.alarm_interval),
					 timeval_of(p->sig.alarm_tick ? (left ? left : 1) : 0)};
}

static int timeval_ok(const struct chappe_timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_sec <= 100000000 && tv->tv_usec >= 0 &&
	       tv->tv_usec < 1000000;
}

int64_t signal_getitimer(int which, uint64_t out_user)
{
	struct proc *p = current_proc();
	struct chappe_itimerval v;

	if (which != ITIMER_REAL)
		return -EINVAL;
	v = itimer_now(p, timer_ticks());
	return vm_copy_out(&p->vm, out_user, &v, sizeof v);
}

int64_t signal_setitimer(int which, uint64_t new_user, uint64_t old_user)
{
	struct proc *p = current_proc();
	struct chappe_itimerval v, old;
	uint64_t now = timer_ticks();

	if (which != ITIMER_REAL)
		return -EINVAL;
	if (new_user && vm_copy_in(&p->vm, &v, new_user, sizeof v))
		return -EFAULT;
	if (new_user && (!timeval_ok(&v.it_value) || !timeval_ok(&v.it_interval)))
		return -EINVAL;
	old = itimer_now(p, now);
	if (old_user && vm_copy_out(&p->vm, old_user, &old, sizeof old))
		return -EFAULT;
	if (new_user) {
		uint64_t t = ticks_of(&v.it_value);
		p->sig.alarm_tick = t ? now + t : 0;
		p->sig.alarm_interval = t ? ticks_of(&v.it_interval) : 0;
		if (t && p->sig.alarm_tick < next_alarm)
			next_alarm = p->sig.alarm_tick;
	}
	return 0;
}

void signal_tick(uint64_t now)
{
	static const struct sig_origin timer = {SI_TIMER, 0, 0, 0, 0};

	if (now < next_alarm)
		return;
	next_alarm = UINT64_MAX;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = proc_slot(i);
		if (!p->sig.alarm_tick || p->state == PROC_STATE_FREE)
			continue;
		if (p->sig.alarm_tick <= now) {
			p->sig.alarm_tick = p->sig.alarm_interval ? now + p->sig.alarm_interval : 0;
			signal_post(p, SIGALRM, &timer);
		}
		if (p->sig.alarm_tick && p->sig.alarm_tick < next_alarm)
			next_alarm = p->sig.alarm_tick;
	}
}
