/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bc_forward and bc_call_grant (docs/syscalls.md): a forwarder server hands
 * this program's calls on to a target server, lending a window of this
 * program's memory. The target may copy inside the window and nowhere else,
 * answers us directly after a forward, and loses the window when the call
 * ends; nothing a client writes can make a message look forwarded.
 */
#include "check.h"

#include <abi/errno.h>
#include <libserver/server.h>
#include <signal.h>

/* Clear of the user servers in the tree (kv is 0x41). */
#define FWD_SYS_ID 0x61
#define TARGET_SYS_ID 0x62
#define ABSENT_SYS_ID 0x63
#define WINDOW 16

enum { OP_FILL, OP_WHO, OP_LATE, OP_PULL, OP_PIECES, OP_COUNT }; /* the target's */
enum {
	OP_FWD,
	OP_GRANT,
	OP_FWD_SELF,
	OP_FWD_ABSENT,
	OP_FWD_BAD,
	OP_FWD_PIECES,
	FWD_OP_COUNT
}; /* forwarder's */

static const char pattern[WINDOW] = "window contents";

/* The target: copy into the client's window and one byte past it, try to
 * read it, and say how each went. */
static int64_t op_fill(const struct bc_msg *m)
{
	uint32_t c = server_data_client(m);
	char byte;
	int64_t in = server_copy_to(c, m->arg[0], pattern, WINDOW);
	int64_t past = server_copy_to(c, m->arg[0] + WINDOW, "!", 1);
	int64_t rd = server_copy_from(c, &byte, m->arg[0], 1);

	server_answer_words((uint64_t)in, (uint64_t)past, (uint64_t)rd);
	return 7;
}

static int64_t op_who(const struct bc_msg *m)
{
	server_answer_words(m->flags, m->arg[BC_GRANT_CLIENT], m->sender);
	return 0;
}

/* A copy into client arg0, which is blocked on our caller, not on us. */
static int64_t op_late(const struct bc_msg *m)
{
	return server_copy_to((uint32_t)m->arg[0], m->arg[1], "x", 1);
}

/* A copy from a direct client into memory this forked server shares
 * copy-on-write with its parent, never written since the fork: the
 * kernel's direct write meets a read-only page and must still deliver. */
static char untouched[4096] = "before";

static int64_t op_pull(const struct bc_msg *m)
{
	if (server_copy_from(m->sender, untouched + 100, m->arg[0], WINDOW))
		return -1;
	return !memcmp(untouched + 100, pattern, WINDOW);
}

/* The answer with its data in pieces (server_answer_copy): arg1 bytes of
 * the pattern in two pieces at arg0, copied in the answer's own trip. */
static int64_t op_pieces(const struct bc_msg *m)
{
	static const char tail[] = "...............!"; /* ends in '!' whatever its length */
	uint64_t n = m->arg[1], half = n / 2;

	if (server_answer_copy(m->arg[0], pattern, half) ||
	    server_answer_copy(m->arg[0] + half, &tail[16 - (n - half)], n - half))
		return -1;
	return (int64_t)n;
}

static const server_op target_ops[OP_COUNT] = {op_fill, op_who, op_late, op_pull, op_pieces};

static struct bc_msg to(uint8_t sys_id, uint64_t op, uint64_t a0)
{
	return (struct bc_msg){
	    .sys_id = sys_id, .msg_type = MSG_TYPE_COMMAND, .opcode = op, .arg = {a0}};
}

static int64_t fwd(const struct bc_msg *m, uint8_t sys_id, uint64_t base)
{
	struct bc_msg on = to(sys_id, OP_FILL, m->arg[0]);

	return server_forward(m->sender, &on, base, WINDOW, BC_GRANT_WRITE);
}

static int64_t op_fwd(const struct bc_msg *m)
{
	return fwd(m, TARGET_SYS_ID, m->arg[0]);
}

static int64_t op_fwd_self(const struct bc_msg *m)
{
	return fwd(m, FWD_SYS_ID, m->arg[0]);
}

static int64_t op_fwd_absent(const struct bc_msg *m)
{
	return fwd(m, ABSENT_SYS_ID, m->arg[0]);
}

static int64_t op_fwd_bad(const struct bc_msg *m)
{
	return fwd(m, TARGET_SYS_ID, 0xffff800000000000ull);
}

/* Lend the window for one call, then ask the target to use it after that
 * call ended: the answer is the first result, the late copy's in word 1. */
static int64_t op_grant(const struct bc_msg *m)
{
	struct bc_msg call = to(TARGET_SYS_ID, OP_FILL, m->arg[0]);
	int64_t r = server_call_grant(&call, m->sender, m->arg[0], WINDOW, BC_GRANT_WRITE);
	struct bc_msg late = to(TARGET_SYS_ID, OP_LATE, m->sender);

	late.arg[1] = m->arg[0];
	server_answer_words((uint64_t)sys_bc_call((long)&late), call.arg[1], call.arg[2]);
	return r;
}

/* Forward OP_PIECES with arg1 bytes asked into the 16-byte window. */
static int64_t op_fwd_pieces(const struct bc_msg *m)
{
	struct bc_msg on = to(TARGET_SYS_ID, OP_PIECES, m->arg[0]);

	on.arg[1] = m->arg[1];
	return server_forward(m->sender, &on, m->arg[0], WINDOW, BC_GRANT_WRITE);
}

static const server_op fwd_ops[FWD_OP_COUNT] = {op_fwd,	       op_grant,   op_fwd_self,
						op_fwd_absent, op_fwd_bad, op_fwd_pieces};

static pid_t serve(const struct server *s)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(server_run(s));
	return pid;
}

static struct bc_msg ask(uint8_t sys_id, uint64_t op, void *buf)
{
	struct bc_msg m = to(sys_id, op, (uint64_t)buf);

	sys_bc_call((long)&m);
	return m;
}

static void forwarded_calls(pid_t target)
{
	char buf[64];
	struct bc_msg a;

	memset(buf, '.', sizeof buf);
	a = ask(FWD_SYS_ID, OP_FWD, buf);
	EXPECT("forwarded call's answer", (int64_t)a.arg[0], 7);
	EXPECT("answered by the target itself", a.sender, target);
	EXPECT("copy inside the window", (int64_t)a.arg[1], 0);
	EXPECT("copy one byte past it", (int64_t)a.arg[2], -EFAULT);
	EXPECT("read of a write-only window", (int64_t)a.arg[3], -EFAULT);
	EXPECT("window filled", memcmp(buf, pattern, WINDOW), 0);
	EXPECT("byte past it untouched", buf[WINDOW], '.');
	EXPECT("forward to the forwarder itself", (int64_t)ask(FWD_SYS_ID, OP_FWD_SELF, buf).arg[0],
	       -EINVAL);
	EXPECT("forward to nobody", (int64_t)ask(FWD_SYS_ID, OP_FWD_ABSENT, buf).arg[0], -ENOSYS);
	EXPECT("forward with a kernel window", (int64_t)ask(FWD_SYS_ID, OP_FWD_BAD, buf).arg[0],
	       -EFAULT);
}

static void answered_with_pieces(void)
{
	char buf[64];
	struct bc_msg m = to(FWD_SYS_ID, OP_FWD_PIECES, (uint64_t)buf);

	memset(buf, '.', sizeof buf);
	m.arg[1] = WINDOW;
	EXPECT("answer with its data in two pieces", sys_bc_call((long)&m), WINDOW);
	EXPECT("both pieces in place", memcmp(buf, pattern, WINDOW / 2) || buf[WINDOW - 1] != '!',
	       0);
	m = to(FWD_SYS_ID, OP_FWD_PIECES, (uint64_t)buf);
	m.arg[1] = WINDOW + 1;
	EXPECT("a piece past the window makes the answer", sys_bc_call((long)&m), -EFAULT);
	EXPECT("nothing past the window", buf[WINDOW], '.');
}

static void granted_call(void)
{
	char buf[64];
	struct bc_msg a;

	memset(buf, '.', sizeof buf);
	a = ask(FWD_SYS_ID, OP_GRANT, buf);
	EXPECT("granted call's answer to the forwarder", (int64_t)a.arg[0], 7);
	EXPECT("granted copy inside the window", (int64_t)a.arg[2], 0);
	EXPECT("granted copy past it", (int64_t)a.arg[3], -EFAULT);
	EXPECT("window gone after the granted call", (int64_t)a.arg[1], -ESRCH);
	EXPECT("granted window filled", memcmp(buf, pattern, WINDOW), 0);
	EXPECT("byte past it untouched", buf[WINDOW], '.');
}

/* Flags and the client word as a client writes them mean nothing. */
static void forged_call(void)
{
	struct bc_msg m = to(TARGET_SYS_ID, OP_WHO, 0);

	m.flags = BC_FLAG_FORWARDED | BC_FLAG_GRANT;
	m.arg[BC_GRANT_CLIENT] = 1;
	sys_bc_call((long)&m);
	EXPECT("forged flags cleared", m.arg[1] & (BC_FLAG_FORWARDED | BC_FLAG_GRANT), 0);
	EXPECT("sender is me", (int64_t)m.arg[3], getpid());
	EXPECT("forward by a non-server", sys_bc_forward(1, (long)&m, 0, 0, 0), -EPERM);
	EXPECT("call_grant by a non-server", sys_bc_call_grant((long)&m, 1, 0, 0, 0), -EPERM);
}

int main(void)
{
	static const struct server target = {
	    "grant-target", TARGET_SYS_ID, target_ops, OP_COUNT, 0, 0};
	static const struct server forwarder = {"grant-fwd",  FWD_SYS_ID, fwd_ops,
						FWD_OP_COUNT, 0,	  0};
	pid_t t, f;

	check_start("bc_grant");
	t = serve(&target);
	f = serve(&forwarder);
	EXPECT("servers up", server_await(TARGET_SYS_ID, 5000) | server_await(FWD_SYS_ID, 5000), 0);
	forwarded_calls(t);
	answered_with_pieces();
	granted_call();
	forged_call();
	EXPECT("copy into a copy-on-write page of the server",
	       (int64_t)ask(TARGET_SYS_ID, OP_PULL, (void *)pattern).arg[0], 1);
	EXPECT("the parent's copy unchanged", untouched[100], 0);
	kill(t, SIGKILL);
	kill(f, SIGKILL);
	waitpid(t, 0, 0);
	waitpid(f, 0, 0);
	return check_finish();
}
