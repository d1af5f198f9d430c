/* SPDX-License-Identifier: BSD-2-Clause */
#include <bc/bc.h>

#include <stddef.h>
#include <bc/alarm.h>
#include <bc/irq.h>

#include <abi/errno.h>
#include <abi/irq.h>
#include <abi/syscalls.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/percpu.h>
#include <arch/x86_64/trapframe.h>
#include <core/proc.h>
#include <core/sched.h>
#include <string/string.h>

#define BC_RING 8	       /* one-way messages waiting per system */
#define BC_COPY_MAX (1u << 20) /* per privileged copy */
#define ERRNO_MAX 4095
#define EXIT_WORDS ((PROC_MAX + 63) / 64)

struct bc_system {
	struct proc *server;
	uint8_t state;
	uint8_t want; /* BC_WANT_* notices */
	uint32_t restarts;
	uint64_t routed;
	/* A supervised SYS_ID is reserved for the supervisor's chosen child
	 * (heir), even while its server is dead and being restarted. */
	int supervisor, heir;
	struct proc *queue_head, *queue_tail; /* blocked callers, FIFO */
	struct bc_msg ring[BC_RING];	      /* one-way messages, FIFO */
	unsigned ring_first, ring_used;
	/* Exit notices are owed, not queued: one bit per process-table slot,
	 * so none is dropped however many processes end at once. */
	uint64_t exits_owed[EXIT_WORDS];
	/* Interrupt notices are owed the same way, one bit per irq (ISA and
	 * message-signalled): it stays masked until its binder acknowledges it
	 * (bc/irq.c). */
	uint64_t irqs_owed;
	uint8_t alarm_owed; /* its alarm came due while it was busy (bc/alarm.c) */
	/* Interrupted calls it holds, owed as exits are: a bit per slot. */
	uint64_t interrupts_owed[EXIT_WORDS];
	/* Exit, interrupt and alarm notices owed: the receive path's quick test. */
	unsigned owed_count;
	uint8_t callers_turn; /* an owed notice went before a queued caller: it is next */
};

_Static_assert(IRQ_COUNT <= 64, "irqs_owed has one bit per irq");

static struct bc_system systems[SYS_ID_COUNT];
/* The pid whose exit each slot's owed bits stand for, and how many servers
 * still owe it: the slot is not reused until that is 0 (bc_exit_owed). */
static int exit_pid[PROC_MAX];
static uint8_t exit_owers[PROC_MAX];

static void owe_exit(struct bc_system *s, int slot)
{
	s->exits_owed[slot / 64] |= 1ULL << (slot % 64);
	s->owed_count++;
	exit_owers[slot]++;
}

static void settle_exit(struct bc_system *s, int slot)
{
	s->exits_owed[slot / 64] &= ~(1ULL << (slot % 64));
	s->owed_count--;
	exit_owers[slot]--;
}

static struct bc_system *live(uint64_t sys_id, int64_t *err)
{
	if (sys_id == SYS_ID_NONE || sys_id >= SYS_ID_COUNT) {
		*err = -EINVAL;
		return 0;
	}
	struct bc_system *s = &systems[sys_id];
	if (s->state != BC_STATE_READY) {
		*err = s->state == BC_STATE_DEAD ? -EIO : -ENOSYS;
		return 0;
	}
	return s;
}

/* A message in the receiver's registers (a receive with no buffer): word 0
 * is the call's result; the rest go where the user stub stores them from
 * (lib/libserver/recv.S, docs/syscalls.md). No page walk, no copy. */
static uint64_t in_registers(struct proc *p, const struct bc_msg *m)
{
	struct trap_frame *tf = p->tf;
	/* Field by field, not a copy of the bytes: a message built on the
	 * spot (result_answer) then never needs to be in memory. */
	uint64_t word0 = m->sys_id | (uint64_t)m->msg_type << 8 | (uint64_t)m->flags << 16 |
			 (uint64_t)m->sender << 32;

	_Static_assert(
	    offsetof(struct bc_msg, msg_type) == 1 && offsetof(struct bc_msg, flags) == 2 &&
		offsetof(struct bc_msg, sender) == 4 && offsetof(struct bc_msg, opcode) == 8,
	    "word 0 is sys_id, msg_type, flags, sender");
	tf->rdi = m->opcode;
	tf->rsi = m->arg[0], tf->rdx = m->arg[1], tf->rbx = m->arg[2];
	tf->r10 = m->arg[3], tf->r9 = m->arg[4], tf->r8 = m->arg[5];
	return word0;
}

/* Hand a message to a server blocked in bc_recv; 0, or -1 when the
 * server's buffer turned out bad (it then wakes with -EFAULT and the
 * message stays with the sender). Checking here rather than when the server
 * blocked keeps one page walk off every round trip. */
static int deliver(struct bc_system *s, const struct bc_msg *m)
{
	struct proc *srv = s->server;

	if (srv->msg_user)
		srv->result = vm_copy_out(&srv->vm, srv->msg_user, m, sizeof *m);
	else
		srv->result = (int64_t)in_registers(srv, m);
	if (srv->result < 0)
		return -1;
	s->routed++;
	return 0;
}

/* deliver, and the server runs next (or at once when the sender blocks). */
static inline __attribute__((always_inline)) int hand_over(struct bc_system *s,
							   const struct bc_msg *m)
{
	int err = deliver(s, m);

	sched_handoff(s->server);
	return err;
}

static int server_waiting(const struct bc_system *s)
{
	return s->server->state == PROC_STATE_SLEEPING && s->server->wait == WAIT_BC_RECV;
}

static void queue_caller(struct bc_system *s, struct proc *p)
{
	p->run_next = 0;
	if (s->queue_tail)
		s->queue_tail->run_next = p;
	else
		s->queue_head = p;
	s->queue_tail = p;
}

static struct proc *dequeue_caller(struct bc_system *s)
{
	struct proc *p = s->queue_head;

	if (p) {
		s->queue_head = p->run_next;
		if (!s->queue_head)
			s->queue_tail = 0;
	}
	return p;
}

void bc_cancel_call(struct proc *p)
{
	struct bc_system *s = &systems[p->calling];
	struct proc *prev = 0;

	for (struct proc *c = s->queue_head; c; prev = c, c = c->run_next) {
		if (c != p)
			continue;
		if (prev)
			prev->run_next = c->run_next;
		else
			s->queue_head = c->run_next;
		if (s->queue_tail == c)
			s->queue_tail = prev;
		return;
	}
}

/* Would p wait for itself? The server it calls is (through a chain of
 * servers each blocked calling the next) waiting for p: e.g. memory calls
 * io for a fork while io asks memory for heap. Refused instead of hung. */
static int closes_a_cycle(const struct proc *p, const struct bc_system *s)
{
	const struct proc *srv = s->server;

	for (int hops = 0; srv && hops < PROC_MAX; hops++) {
		if (srv == p)
			return 1;
		if (srv->state != PROC_STATE_SLEEPING ||
		    (srv->wait != WAIT_BC_REPLY && srv->wait != WAIT_BC_QUEUED))
			return 0;
		srv = systems[srv->calling].server;
	}
	return 0;
}

/* Common to bc_call and forwarded syscalls: p->msg is ready, stamped.
 * CALL_LAST: the answer is what the syscall returns, nothing to do after
 * it, so p may park (sched_park_for) while it waits. */
enum { CALL_THEN_MORE, CALL_LAST };

static int64_t call(struct proc *p, struct bc_system *s, uint8_t sys_id, int last)
{
	/* A server waiting in bc_recv calls nobody: no cycle to look for. */
	if (server_waiting(s) && deliver(s, &p->msg) == 0) {
		p->calling = sys_id;
		if (last == CALL_LAST)
			sched_park_for(s->server, WAIT_BC_REPLY);
		sched_block_for(s->server, WAIT_BC_REPLY);
	} else if (server_waiting(s)) {
		sched_handoff(s->server); /* it wakes to -EFAULT; we wait our turn */
		p->calling = sys_id;
		queue_caller(s, p);
		sched_block(WAIT_BC_QUEUED);
	} else if (closes_a_cycle(p, s)) {
		return -EDEADLK;
	} else {
		p->calling = sys_id;
		queue_caller(s, p);
		sched_block(WAIT_BC_QUEUED);
	}
	p->calling = SYS_ID_NONE;
	return p->result;
}

/* A receiver waiting for its message in registers: the common case of a
 * call, taken without building a message anywhere else. */
static int waits_in_registers(const struct bc_system *s)
{
	return s->state == BC_STATE_READY && server_waiting(s) && !s->server->msg_user;
}

/* Calls whose first argument is a path and that leave arg[3..5] free: a
 * bit each, so every forwarded call tests one word. */
#define PATH_BIT(nr) ((nr) < 256 ? 1ULL << ((nr) % 64) : 0)
#define PATH_WORD(w, nr) ((nr) / 64 == (w) ? PATH_BIT(nr) : 0)
#define PATH_CALLS(w)                                                                              \
	(PATH_WORD(w, SYS_open) | PATH_WORD(w, SYS_stat) | PATH_WORD(w, SYS_lstat) |               \
	 PATH_WORD(w, SYS_access) | PATH_WORD(w, SYS_chdir) | PATH_WORD(w, SYS_unlink) |           \
	 PATH_WORD(w, SYS_mkdir) | PATH_WORD(w, SYS_rmdir))
static const uint64_t path_calls[4] = {PATH_CALLS(0), PATH_CALLS(1), PATH_CALLS(2), PATH_CALLS(3)};
_Static_assert(SYS_open < 256 && SYS_stat < 256 && SYS_lstat < 256 && SYS_access < 256 &&
		   SYS_chdir < 256 && SYS_unlink < 256 && SYS_mkdir < 256 && SYS_rmdir < 256,
	       "path calls fit path_calls");

static int takes_a_path(uint64_t nr)
{
	return nr < 256 && (path_calls[nr / 64] >> (nr % 64) & 1);
}

/* A NUL among the three words. */
static int ends_within(const uint64_t *w)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;

	return (((w[0] - ones) & ~w[0]) | ((w[1] - ones) & ~w[1]) | ((w[2] - ones) & ~w[2])) &
	       highs;
}

/* A small write's bytes, or a short path, read from the caller now (it is
 * the running process) into arg[3..5] at out (three words in a row): the
 * server then needs no copy of its own. Whole words are read from the page
 * the buffer starts in, so bytes past the write or the path may come
 * along: they are the caller's own, which its server may read anyway while
 * it serves the call. BC_FLAG_INLINE when they are there (for a path: one
 * that ends within them), else 0 and the server copies as before (a large
 * write or path, a buffer at a page's end or not readable). */
static inline uint16_t inline_path(const struct trap_frame *tf, uint64_t *out)
{
	uint64_t w[3];

	if (vm_read_own_words(w, tf->rdi) || !ends_within(w))
		return 0;
	out[0] = w[0], out[1] = w[1], out[2] = w[2];
	return BC_FLAG_INLINE;
}

/* Inline: a small write is every program's commonest call. */
static inline __attribute__((always_inline)) uint16_t inline_payload(const struct trap_frame *tf,
								     uint64_t *out)
{
	if (tf->rax == SYS_write)
		return tf->rdx - 1 < BC_INLINE_MAX && !vm_read_own_words(out, tf->rsi)
			   ? BC_FLAG_INLINE
			   : 0;
	return takes_a_path(tf->rax) ? inline_path(tf, out) : 0;
}

/* The syscall in tf straight into the registers of sys_id's waiting
 * server, which runs now; its answer comes back through end_call. The
 * register order puts arg[3..5] in three frame words in a row (r10 r9 r8).
 * pass_slow is not inlined: this path then saves no more registers than it
 * uses. */
static inline __attribute__((always_inline, noreturn)) void
pass_fast(struct bc_system *s, uint8_t sys_id, const struct trap_frame *tf)
{
	struct proc *p = current_proc(), *srv = s->server;
	struct trap_frame *to = srv->tf;
	uint64_t flags;

	_Static_assert(offsetof(struct trap_frame, r9) == offsetof(struct trap_frame, r10) + 8 &&
			   offsetof(struct trap_frame, r8) == offsetof(struct trap_frame, r10) + 16,
		       "arg[3..5] in a row");
	to->rdi = tf->rax;
	to->rsi = tf->rdi, to->rdx = tf->rsi, to->rbx = tf->rdx;
	to->r10 = tf->r10, to->r9 = tf->r8, to->r8 = tf->r9;
	flags = BC_FLAG_CALL | BC_FLAG_SYSCALL | inline_payload(tf, &to->r10);
	srv->result = (int64_t)(sys_id | (uint64_t)MSG_TYPE_COMMAND << 8 | flags << 16 |
				(uint64_t)p->pid << 32);
	s->routed++;
	p->msg_user = 0;
	p->answer_regs = 0;
	p->calling = sys_id;
	sched_park_for(srv, WAIT_BC_REPLY); /* a server in bc_recv calls nothing */
}

/* Every other forwarded syscall: as a message, through call. */
static __attribute__((noinline)) int64_t pass_slow(uint8_t sys_id, const struct trap_frame *tf)
{
	struct proc *p = current_proc();
	int64_t err;
	struct bc_system *s = live(sys_id, &err);

	if (!s)
		return err == -EIO ? -EIO : -ENOSYS;
	p->msg = (struct bc_msg){sys_id,
				 MSG_TYPE_COMMAND,
				 BC_FLAG_CALL | BC_FLAG_SYSCALL,
				 (uint32_t)p->pid,
				 tf->rax,
				 {tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9}};
	p->msg.flags |= inline_payload(tf, &p->msg.arg[3]);
	p->msg_user = 0;
	p->answer_regs = 0;
	return call(p, s, sys_id, CALL_LAST);
}

int64_t bc_pass_syscall(uint8_t sys_id, const struct trap_frame *tf)
{
	struct bc_system *s = &systems[sys_id];

	if (waits_in_registers(s))
		pass_fast(s, sys_id, tf);
	return pass_slow(sys_id, tf);
}

static int64_t load_msg(struct proc *p, uint64_t msg_user, struct bc_msg *m, int answer_here)
{
	if ((answer_here || vm_read_own(m, msg_user, sizeof *m)) &&
	    vm_copy_in_checked(&p->vm, m, msg_user, sizeof *m, answer_here))
		return -EFAULT;
	m->sender = (uint32_t)p->pid; /* whatever the process wrote */
	m->flags = p->caps & CAP_SERVER ? BC_FLAG_FROM_SERVER : 0;
	return 0;
}

/* bc_call(0): the message in registers (docs/syscalls.md), as load_msg
 * stamps it. */
static void msg_from_registers(struct proc *p, struct bc_msg *m)
{
	const struct trap_frame *tf = p->tf;

	__builtin_memcpy(m, &tf->rsi, 2); /* sys_id, msg_type */
	m->flags = p->caps & CAP_SERVER ? BC_FLAG_FROM_SERVER : 0;
	m->sender = (uint32_t)p->pid;
	m->opcode = tf->rdx;
	m->arg[0] = tf->r10, m->arg[1] = tf->r8, m->arg[2] = tf->r9;
	m->arg[3] = tf->rbx, m->arg[4] = tf->r12, m->arg[5] = tf->r13;
}

int64_t bc_call(struct proc *p, uint64_t msg_user)
{
	/* The answer comes back into the same buffer: it must be writable. */
	int64_t err = msg_user ? load_msg(p, msg_user, &p->msg, 1) : 0;
	struct bc_system *s;

	if (!msg_user)
		msg_from_registers(p, &p->msg);
	if (err)
		return err;
	if (p->msg.msg_type != MSG_TYPE_COMMAND)
		return -EINVAL; /* only a command has an answer to wait for */
	s = live(p->msg.sys_id, &err);
	if (!s)
		return err;
	p->msg_user = msg_user;
	p->answer_regs = !msg_user;
	p->msg.flags |= BC_FLAG_CALL;
	return call(p, s, p->msg.sys_id, CALL_LAST);
}

/* One-way delivery: straight to a waiting server, else into the ring. */
static int64_t post(struct bc_system *s, const struct bc_msg *m)
{
	if (server_waiting(s) && hand_over(s, m) == 0)
		return 0;
	if (s->ring_used == BC_RING)
		return -EAGAIN;
	s->ring[(s->ring_first + s->ring_used++) % BC_RING] = *m;
	return 0;
}

int64_t bc_send(struct proc *p, uint64_t msg_user)
{
	struct bc_msg m;
	int64_t err = load_msg(p, msg_user, &m, 0);
	struct bc_system *s;

	if (err)
		return err;
	s = live(m.sys_id, &err);
	return s ? post(s, &m) : err;
}

int bc_post_kernel(uint8_t sys_id, uint8_t msg_type, uint64_t opcode, uint64_t arg0)
{
	int64_t err;
	struct bc_system *s = live(sys_id, &err);
	struct bc_msg m = {sys_id, msg_type, 0, BC_SENDER_KERNEL, opcode, {arg0, 0, 0, 0, 0, 0}};

	return s ? (int)post(s, &m) : (int)err;
}

static int exit_owed_first(const struct bc_system *s)
{
	for (int w = 0; w < EXIT_WORDS; w++)
		if (s->exits_owed[w])
			return w * 64 + __builtin_ctzll(s->exits_owed[w]);
	return -1;
}

static struct bc_msg exit_notice(uint8_t sys_id, int slot)
{
	return (struct bc_msg){
	    sys_id,	      MSG_TYPE_STATE,	   0,
	    BC_SENDER_KERNEL, BC_NOTICE_PROC_EXIT, {(uint64_t)exit_pid[slot], 0, 0, 0, 0, 0}};
}

/* arg[1]: when the interrupt came (the TSC), for a driver's latency. */
static struct bc_msg irq_notice(uint8_t sys_id, unsigned irq)
{
	return (struct bc_msg){
	    sys_id,	      MSG_TYPE_INPUT, 0,
	    BC_SENDER_KERNEL, BC_NOTICE_IRQ,  {irq, irq_notice_tsc(irq), 0, 0, 0, 0}};
}

static int has_pending(const struct bc_system *s)
{
	return s->ring_used || s->queue_head || s->owed_count;
}

static struct bc_msg take_irq(struct bc_system *s)
{
	unsigned irq = (unsigned)__builtin_ctzll(s->irqs_owed);

	s->irqs_owed &= ~(1ULL << irq);
	s->owed_count--;
	return irq_notice((uint8_t)(s - systems), irq);
}

static struct bc_msg alarm_notice(uint8_t sys_id)
{
	return (struct bc_msg){sys_id,		 MSG_TYPE_STATE,  0,
			       BC_SENDER_KERNEL, BC_NOTICE_ALARM, {rdtsc(), 0, 0, 0, 0, 0}};
}

static int interrupt_owed_first(const struct bc_system *s)
{
	for (int w = 0; w < EXIT_WORDS; w++)
		if (s->interrupts_owed[w])
			return w * 64 + __builtin_ctzll(s->interrupts_owed[w]);
	return -1;
}

static struct bc_msg interrupt_notice(uint8_t sys_id, int pid)
{
	return (struct bc_msg){
	    sys_id,	      MSG_TYPE_STATE,	   0,
	    BC_SENDER_KERNEL, BC_NOTICE_INTERRUPT, {(uint64_t)pid, 0, 0, 0, 0, 0}};
}

/* The pid each slot's owed interrupt bits stand for (a process holds one
 * call at a time, so one pid a slot). */
static int interrupt_pid[PROC_MAX];

static struct bc_msg take_interrupt(struct bc_system *s, int slot)
{
	s->interrupts_owed[slot / 64] &= ~(1ULL << (slot % 64));
	s->owed_count--;
	return interrupt_notice((uint8_t)(s - systems), interrupt_pid[slot]);
}

/* An owed notice: interrupts first (a device waits, masked), then the
 * alarm (a deadline), then interrupted calls (a client waits), then exits. */
static struct bc_msg take_owed(struct bc_system *s)
{
	int slot;

	if (s->irqs_owed)
		return take_irq(s);
	if (s->alarm_owed) {
		s->alarm_owed = 0;
		s->owed_count--;
		return alarm_notice((uint8_t)(s - systems));
	}
	slot = interrupt_owed_first(s);
	if (slot >= 0)
		return take_interrupt(s, slot);
	slot = exit_owed_first(s);
	settle_exit(s, slot);
	return exit_notice((uint8_t)(s - systems), slot);
}

/* Next message for a server: one-way messages first, then owed notices
 * (interrupts; exits, so a slot they hold comes free), then queued
 * callers; but when both keep waiting they take turns: a device that
 * interrupts again as soon as it is acknowledged (a level line still
 * asserted) owes a notice at every receive, and must not shut its
 * driver's clients out. */
static int take_pending(struct bc_system *s, struct bc_msg *out)
{
	struct proc *c;

	if (s->ring_used) {
		*out = s->ring[s->ring_first];
		s->ring_first = (s->ring_first + 1) % BC_RING;
		s->ring_used--;
		return 1;
	}
	if (s->owed_count && !(s->callers_turn && s->queue_head)) {
		s->callers_turn = s->queue_head != 0;
		*out = take_owed(s);
		return 1;
	}
	s->callers_turn = 0;
	c = dequeue_caller(s);
	if (!c)
		return 0;
	*out = c->msg;
	sched_rewait(c, WAIT_BC_REPLY);
	return 1;
}

int64_t bc_recv(struct proc *p, uint64_t msg_user)
{
	struct bc_system *s;
	struct bc_msg m;

	if (p->serves == SYS_ID_NONE)
		return -EPERM;
	s = &systems[p->serves];
	if (has_pending(s)) {
		/* Checked before taking, so a bad buffer loses no message. */
		if (msg_user && !vm_range_ok(&p->vm, msg_user, sizeof m, 1))
			return -EFAULT;
		take_pending(s, &m);
		s->routed++;
		if (!msg_user)
			return (int64_t)in_registers(p, &m);
		return vm_copy_out(&p->vm, msg_user, &m, sizeof m);
	}
	p->msg_user = msg_user;
	sched_block(WAIT_BC_RECV);
	return p->result;
}

/* A client blocked on p's system with its message taken, or 0. */
struct proc *bc_client_of(struct proc *server, int pid)
{
	struct proc *c = proc_asleep_by_pid(pid, WAIT_BC_REPLY);

	return c && server->serves != SYS_ID_NONE && c->calling == server->serves ? c : 0;
}

/* p's client pid, blocked on it, or 0 with *err: -EPERM when p serves
 * nothing, else -ESRCH. */
static struct proc *own_client(struct proc *p, int pid, int64_t *err)
{
	*err = p->serves == SYS_ID_NONE ? -EPERM : -ESRCH;
	return bc_client_of(p, pid);
}

static int answer_valid(const struct bc_msg *m)
{
	int64_t r = (int64_t)m->arg[0];

	if (m->msg_type == MSG_TYPE_RESPONSE)
		return 1;
	return m->msg_type == MSG_TYPE_ERROR && r < 0 && r >= -ERRNO_MAX;
}

/* The answer m where client c wants it: its registers, its buffer, or
 * (a forwarded syscall) the result alone. */
static void give_answer(struct proc *c, const struct bc_msg *m)
{
	if (c->answer_regs) {
		c->result = (int64_t)in_registers(c, m);
		return;
	}
	if (c->msg_user)
		vm_copy_out(&c->vm, c->msg_user, m, sizeof *m); /* checked at call time */
	c->result = (int64_t)m->arg[0];
}

/* Client c's call is over, its answer given: what it lent ends with the
 * call, and an execve that did not commit leaves nothing behind. */
static void finish_call(struct proc *c)
{
	proc_call_answered(c);
	c->window.to = SYS_ID_NONE;
}

/* finish_call, and c runs next. */
static void end_call(struct proc *c)
{
	finish_call(c);
	sched_handoff(c);
}

/* The kernel's answer for a result alone, from server p. */
static struct bc_msg result_answer(const struct proc *p, int64_t result)
{
	return (struct bc_msg){.msg_type = result < 0 ? MSG_TYPE_ERROR : MSG_TYPE_RESPONSE,
			       .flags = p->caps & CAP_SERVER ? BC_FLAG_FROM_SERVER : 0,
			       .sender = (uint32_t)p->pid,
			       .arg = {(uint64_t)result}};
}

/* A result alone from p to c: a message only for a client that takes one. */
static inline __attribute__((always_inline)) void answer_result(const struct proc *p,
								struct proc *c, int64_t result)
{
	if (c->msg_user || c->answer_regs) {
		struct bc_msg m = result_answer(p, result);
		give_answer(c, &m);
	} else {
		c->result = result;
	}
}

/* The answer m from server p to pid, which must be blocked on p. */
static int64_t answer_client(struct proc *p, int pid, const struct bc_msg *m)
{
	struct proc *c = bc_client_of(p, pid);

	if (!c)
		return -ESRCH;
	if (!answer_valid(m))
		return -EINVAL;
	give_answer(c, m);
	end_call(c);
	return 0;
}

int64_t bc_reply(struct proc *p, int pid, uint64_t msg_user)
{
	struct bc_msg m;

	if (p->serves == SYS_ID_NONE)
		return -EPERM;
	if (load_msg(p, msg_user, &m, 0))
		return -EFAULT;
	return answer_client(p, pid, &m);
}

/* The answer most servers give, a result alone: built here from a
 * register, and only for a client that wants the whole message back (a
 * forwarded syscall takes the result alone). */
int64_t bc_answer(struct proc *p, int pid, int64_t result)
{
	int64_t err;
	struct proc *c = own_client(p, pid, &err);

	if (!c)
		return err;
	if (result < -ERRNO_MAX)
		return -EINVAL;
	answer_result(p, c, result);
	end_call(c);
	return 0;
}

/* A client that died since asking (-ESRCH) is no reason not to wait on. */
static int64_t then_recv(struct proc *p, int64_t err, uint64_t next_user)
{
	return err && err != -ESRCH ? err : bc_recv(p, next_user);
}

int64_t bc_reply_recv(struct proc *p, int pid, uint64_t answer_user, uint64_t next_user)
{
	return then_recv(p, bc_reply(p, pid, answer_user), next_user);
}

/* An answer of a result alone, from a server with nothing else waiting
 * that receives in registers, to a client that takes it in a register (no
 * buffer to copy into, no execve stage to drop): the client runs now, the
 * server sleeps. Those two cases go the slow way on purpose: with no call
 * possible in it, this path stays 9 to 25 ticks shorter (write_1byte,
 * ipc_roundtrip). */
static int answers_fast(const struct proc *p, const struct proc *c, int64_t result,
			uint64_t next_user)
{
	return !(next_user | c->msg_user | c->stage.root) && result >= -ERRNO_MAX &&
	       !has_pending(&systems[p->serves]);
}

static __attribute__((noreturn)) void answer_fast(struct proc *p, struct proc *c, int64_t result)
{
	if (c->answer_regs) {
		struct bc_msg m = result_answer(p, result);
		c->result = (int64_t)in_registers(c, &m);
	} else {
		c->result = result;
	}
	c->window.to = SYS_ID_NONE;
	c->calling = SYS_ID_NONE; /* its call is over: it may resume at once */
	p->msg_user = 0;
	sched_park_for(c, WAIT_BC_RECV);
}

static __attribute__((noinline)) int64_t answer_recv_slow(struct proc *p, int pid, int64_t result,
							  uint64_t next_user)
{
	return then_recv(p, bc_answer(p, pid, result), next_user);
}

int64_t bc_answer_recv(struct proc *p, int pid, int64_t result, uint64_t next_user)
{
	struct proc *c = bc_client_of(p, pid);

	if (c && answers_fast(p, c, result, next_user))
		answer_fast(p, c, result);
	return answer_recv_slow(p, pid, result, next_user);
}

/* The server's pieces into client pid's buffer at dst, one after the other
 * (each copy as bc_copy_to allows, windows included), then the answer:
 * result, or the first copy's -errno. */
static int64_t copy_pieces(struct proc *p, int pid, uint64_t iov_user, uint64_t n, uint64_t dst)
{
	struct bc_segment seg[BC_SEGMENTS_MAX];
	uint64_t at = dst;

	if (n > BC_SEGMENTS_MAX)
		return -EINVAL;
	if (vm_read_own(seg, iov_user, n * sizeof seg[0]) &&
	    vm_copy_in(&p->vm, seg, iov_user, n * sizeof seg[0]))
		return -EFAULT;
	for (uint64_t i = 0; i < n; at += seg[i++].len) {
		int64_t err = bc_copy(p, pid, at, seg[i].base, seg[i].len, 1);
		if (err)
			return err;
	}
	return 0;
}

int64_t bc_answer_copy(struct proc *p, int pid, int64_t result, uint64_t iov_user, uint64_t n,
		       uint64_t dst, uint64_t next_user)
{
	int64_t err = p->serves == SYS_ID_NONE ? -EPERM : copy_pieces(p, pid, iov_user, n, dst);

	if (err == -EPERM || err == -ESRCH)
		return err; /* nobody of ours to answer */
	return bc_answer_recv(p, pid, err ? err : result, next_user);
}

int64_t bc_register(struct proc *p, uint64_t sys_id, uint64_t flags)
{
	struct bc_system *s;

	if (sys_id == SYS_ID_NONE || sys_id >= SYS_ID_COUNT ||
	    flags & ~(uint64_t)(BC_WANT_PROC_EXIT | BC_WANT_INTERRUPT))
		return -EINVAL;
	/* Like ports below 1024: the system range is for the servers the
	 * kernel started; anyone may serve a free user SYS_ID, and serving
	 * reaches no further than the clients that chose to call it. */
	if (sys_id < SYS_ID_USER_FIRST && !(p->caps & CAP_SERVER))
		return -EPERM;
	s = &systems[sys_id];
	if (s->state == BC_STATE_READY || p->serves != SYS_ID_NONE)
		return -EBUSY;
	if (s->supervisor && p->pid != s->heir)
		return -EPERM; /* reserved for the supervisor's restarted child */
	if (s->state == BC_STATE_DEAD)
		s->restarts++;
	*s = (struct bc_system){.server = p,
				.state = BC_STATE_READY,
				.want = (uint8_t)flags,
				.restarts = s->restarts,
				.routed = s->routed,
				.supervisor = s->supervisor,
				.heir = s->heir};
	p->serves = (uint8_t)sys_id;
	return 0;
}

/* May p name heir_pid as the only process that may serve s (0: release)? */
static int64_t supervise_check(const struct proc *p, const struct bc_system *s, int heir_pid)
{
	struct proc *heir = heir_pid ? proc_by_pid(heir_pid) : 0;

	if (s->supervisor && s->supervisor != p->pid)
		return -EBUSY;
	if (!heir_pid)
		return s->supervisor ? 0 : -EINVAL;
	if (!heir)
		return -ESRCH;
	if (heir != p && heir->ppid != p->pid)
		return -EPERM; /* one supervises oneself or one's own children */
	if (s->state == BC_STATE_READY && s->server != heir)
		return -EBUSY;
	return 0;
}

int64_t bc_supervise(struct proc *p, uint64_t sys_id, int64_t heir_pid)
{
	struct bc_system *s;
	int64_t err;

	if (sys_id == SYS_ID_NONE || sys_id >= SYS_ID_COUNT || heir_pid < 0 || heir_pid > INT32_MAX)
		return -EINVAL;
	if (sys_id < SYS_ID_USER_FIRST && !(p->caps & CAP_SERVER))
		return -EPERM;
	s = &systems[sys_id];
	err = supervise_check(p, s, (int)heir_pid);
	if (err)
		return err;
	s->supervisor = heir_pid ? p->pid : 0;
	s->heir = (int)heir_pid;
	return 0;
}

int bc_serves(const struct proc *p)
{
	return p->serves != SYS_ID_NONE;
}

int bc_restartable(const struct proc *p)
{
	return p->serves != SYS_ID_NONE && systems[p->serves].supervisor != 0;
}

int64_t bc_get_state(uint64_t sys_id)
{
	if (sys_id == SYS_ID_NONE || sys_id >= SYS_ID_COUNT)
		return -EINVAL;
	return systems[sys_id].state | ((int64_t)systems[sys_id].restarts << 8);
}

/* A client whose window p's system may use because p's caller lent it
 * (bc_call_grant) and that call is still open, or 0. */
static struct proc *lent_client(const struct proc *p, int pid)
{
	struct proc *c = pid > 0 ? proc_by_pid(pid) : 0;
	struct proc *via = c && c->window.to == p->serves ? proc_by_pid(c->window.via) : 0;

	if (!via || via->granting != pid || via->state != PROC_STATE_SLEEPING ||
	    via->wait != WAIT_BC_REPLY || via->calling != p->serves)
		return 0;
	return c->state == PROC_STATE_SLEEPING && c->wait == WAIT_BC_REPLY ? c : 0;
}

static int in_window(const struct bc_window *w, uint64_t at, uint64_t len, int write)
{
	unsigned need = write ? BC_GRANT_WRITE : BC_GRANT_READ;

	return (w->access & need) && at >= w->base && len <= w->len && at - w->base <= w->len - len;
}

/* The client whose [remote, remote + len) a privileged copy may touch, or 0
 * with *err: a client blocked on p (inside its window when its call was
 * handed on to p), or one whose window p's caller lent it. */
static struct proc *copy_target(struct proc *p, int pid, uint64_t remote, uint64_t len, int write,
				int64_t *err)
{
	struct proc *c;

	*err = -EPERM;
	if (p->serves == SYS_ID_NONE)
		return 0;
	*err = -ESRCH;
	c = bc_client_of(p, pid);
	if (!c)
		c = lent_client(p, pid);
	if (!c)
		return 0;
	*err = len > BC_COPY_MAX ? -EINVAL : -EFAULT;
	if (len > BC_COPY_MAX ||
	    (c->window.to == p->serves && !in_window(&c->window, remote, len, write)))
		return 0;
	return c;
}

int64_t bc_copy(struct proc *p, int pid, uint64_t remote, uint64_t local, uint64_t len,
		int to_client)
{
	int64_t err;
	struct proc *c = copy_target(p, pid, remote, len, to_client, &err);

	if (!c)
		return err;
	if (to_client)
		return vm_copy_across(&c->vm, remote, &p->vm, local, len);
	return vm_copy_across(&p->vm, local, &c->vm, remote, len);
}

int64_t bc_copy_between(struct proc *p, int dst_pid, uint64_t dst, int src_pid, uint64_t src,
			uint64_t len)
{
	int64_t err;
	struct proc *to = copy_target(p, dst_pid, dst, len, 1, &err);
	struct proc *from = to ? copy_target(p, src_pid, src, len, 0, &err) : 0;

	if (!from)
		return err;
	return vm_copy_across(&to->vm, dst, &from->vm, src, len);
}

int64_t bc_probe(struct proc *p, int pid, uint64_t remote, uint64_t len, int write)
{
	int64_t err;
	struct proc *c = copy_target(p, pid, remote, len, write, &err);

	if (!c)
		return err;
	return vm_range_ok(&c->vm, remote, len, write) ? 0 : -EFAULT;
}

/* A window of c's memory for the server sys_id: 0 or -errno (checked
 * against c's mappings now, so the receiver's copies cannot fault later
 * for a reason the forwarder could have seen). */
static int64_t lend_window(struct proc *c, uint8_t sys_id, uint64_t base, uint64_t len,
			   uint64_t access, int via)
{
	if (access & ~(uint64_t)(BC_GRANT_READ | BC_GRANT_WRITE) || len > BC_COPY_MAX)
		return -EINVAL;
	if (len && !vm_range_ok(&c->vm, base, len, (access & BC_GRANT_WRITE) != 0))
		return -EFAULT;
	c->window = (struct bc_window){base, len, (uint8_t)access, sys_id, via};
	return 0;
}

/* The message a server hands on: a command for another live system. */
static struct bc_system *onward(struct proc *p, uint64_t msg_user, struct bc_msg *m, int64_t *err)
{
	*err = load_msg(p, msg_user, m, 0);
	if (*err)
		return 0;
	if (m->msg_type != MSG_TYPE_COMMAND || m->sys_id == p->serves) {
		*err = -EINVAL;
		return 0;
	}
	return live(m->sys_id, err);
}

/* c's call, taken by p, goes on to s as c->msg: c now waits on s. */
static int64_t move_call(struct proc *c, struct bc_system *s)
{
	uint8_t sys_id = c->msg.sys_id;

	if (server_waiting(s) && hand_over(s, &c->msg) == 0) {
		c->calling = sys_id;
		return 0;
	}
	if (closes_a_cycle(c, s))
		return -EDEADLK;
	c->calling = sys_id;
	queue_caller(s, c);
	sched_rewait(c, WAIT_BC_QUEUED);
	return 0;
}

int64_t bc_forward_call(struct proc *p, int pid, uint64_t msg_user, uint64_t base, uint64_t len,
			uint64_t access)
{
	int64_t err;
	struct proc *c = own_client(p, pid, &err);
	struct bc_msg m;
	struct bc_system *s;

	if (!c)
		return err;
	s = onward(p, msg_user, &m, &err);
	if (!s)
		return err;
	err = lend_window(c, m.sys_id, base, len, access, 0);
	if (err)
		return err;
	m.flags |= BC_FLAG_CALL | BC_FLAG_FORWARDED;
	m.arg[BC_GRANT_CLIENT] = (uint64_t)pid;
	c->msg = m;
	err = move_call(c, s);
	if (err)
		c->window.to = SYS_ID_NONE;
	return err;
}

int64_t bc_forward_recv(struct proc *p, int pid, uint64_t msg_user, uint64_t base, uint64_t len,
			uint64_t access, uint64_t next_user)
{
	int64_t err = bc_forward_call(p, pid, msg_user, base, len, access);

	return err ? err : bc_recv(p, next_user);
}

int64_t bc_call_grant(struct proc *p, uint64_t msg_user, int pid, uint64_t base, uint64_t len,
		      uint64_t access)
{
	int64_t err;
	struct proc *c = own_client(p, pid, &err);
	struct bc_system *s;

	if (!c)
		return err;
	/* The answer comes back into the same buffer: it must be writable. */
	if (!vm_range_ok(&p->vm, msg_user, sizeof p->msg, 1))
		return -EFAULT;
	s = onward(p, msg_user, &p->msg, &err);
	if (!s)
		return err;
	err = lend_window(c, p->msg.sys_id, base, len, access, p->pid);
	if (err)
		return err;
	p->msg.flags |= BC_FLAG_CALL | BC_FLAG_GRANT;
	p->msg.arg[BC_GRANT_CLIENT] = (uint64_t)pid;
	p->msg_user = msg_user;
	p->answer_regs = 0;
	p->granting = pid;
	err = call(p, s, p->msg.sys_id, CALL_THEN_MORE);
	p->granting = 0;
	c = proc_by_pid(pid);
	if (c && c->window.via == p->pid)
		c->window.to = SYS_ID_NONE;
	return err;
}

static void fail_callers(uint8_t sys_id)
{
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *c = proc_slot(i);
		if (c->state == PROC_STATE_SLEEPING && c->calling == sys_id &&
		    (c->wait == WAIT_BC_QUEUED || c->wait == WAIT_BC_REPLY)) {
			c->result = -EIO;
			c->window.to = SYS_ID_NONE;
			sched_make_runnable(c);
		}
	}
}

/* Straight to a server waiting in bc_recv, else owed until it asks. */
static void owe_exit_notices(const struct proc *p)
{
	int slot = p->pid % PROC_MAX;

	exit_pid[slot] = p->pid;
	for (int id = 1; id < SYS_ID_COUNT; id++) {
		struct bc_system *s = &systems[id];
		struct bc_msg m = exit_notice((uint8_t)id, slot);
		if (s->state != BC_STATE_READY || !(s->want & BC_WANT_PROC_EXIT))
			continue;
		if (!server_waiting(s) || hand_over(s, &m))
			owe_exit(s, slot);
	}
}

void bc_proc_exit(struct proc *p)
{
	if (p->serves != SYS_ID_NONE) {
		struct bc_system *s = &systems[p->serves];
		s->state = BC_STATE_DEAD;
		s->server = 0;
		s->queue_head = s->queue_tail = 0;
		s->ring_used = 0;
		/* Its bindings went with it (irq_proc_exit). */
		s->owed_count -= (unsigned)__builtin_popcountll(s->irqs_owed);
		s->irqs_owed = 0;
		s->owed_count -= s->alarm_owed;
		s->alarm_owed = 0;
		for (int slot; (slot = interrupt_owed_first(s)) >= 0;)
			take_interrupt(s, slot);
		alarm_cancel(p->serves);
		for (int slot; (slot = exit_owed_first(s)) >= 0;)
			settle_exit(s, slot); /* a restarted server starts afresh */
		fail_callers(p->serves);
		p->serves = SYS_ID_NONE;
	}
	for (int id = 1; id < SYS_ID_COUNT; id++)
		if (systems[id].supervisor == p->pid)
			systems[id].supervisor = systems[id].heir = 0; /* nobody will restart it */
	owe_exit_notices(p);
}

void bc_post_irq(uint8_t sys_id, unsigned irq)
{
	struct bc_system *s = &systems[sys_id];
	struct bc_msg m = irq_notice(sys_id, irq);

	if (s->state != BC_STATE_READY)
		return;
	if ((server_waiting(s) && hand_over(s, &m) == 0) || s->irqs_owed & (1ULL << irq))
		return;
	s->irqs_owed |= 1ULL << irq;
	s->owed_count++;
}

void bc_interrupt_call(struct proc *c)
{
	struct bc_system *s = &systems[c->calling];
	struct bc_msg m = interrupt_notice(c->calling, c->pid);
	int slot = c->pid % PROC_MAX;

	if (c->calling == SYS_ID_NONE || s->state != BC_STATE_READY ||
	    !(s->want & BC_WANT_INTERRUPT) || s->server == c)
		return;
	if ((server_waiting(s) && hand_over(s, &m) == 0) ||
	    s->interrupts_owed[slot / 64] & (1ULL << (slot % 64)))
		return;
	s->interrupts_owed[slot / 64] |= 1ULL << (slot % 64);
	interrupt_pid[slot] = c->pid;
	s->owed_count++;
}

void bc_post_alarm(uint8_t sys_id)
{
	struct bc_system *s = &systems[sys_id];
	struct bc_msg m = alarm_notice(sys_id);

	if (s->state != BC_STATE_READY)
		return;
	if ((server_waiting(s) && hand_over(s, &m) == 0) || s->alarm_owed)
		return;
	s->alarm_owed = 1;
	s->owed_count++;
}

int64_t bc_alarm(struct proc *p, uint64_t ms)
{
	return p->serves == SYS_ID_NONE ? -EPERM : alarm_set(p->serves, ms);
}

int bc_exit_owed(int slot)
{
	return exit_owers[slot] != 0;
}

void bc_system_info(uint8_t sys_id, struct bc_system_info *out)
{
	const struct bc_system *s = &systems[sys_id];

	*out = (struct bc_system_info){s->state, s->restarts, s->server ? s->server->pid : 0,
				       s->routed, s->supervisor};
}

unsigned bc_systems_registered(void)
{
	unsigned n = 0;

	for (int id = 1; id < SYS_ID_COUNT; id++)
		n += systems[id].state == BC_STATE_READY;
	return n;
}
