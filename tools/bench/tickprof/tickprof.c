/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tickprof: a QEMU TCG plugin that counts, per translated block, how often
 * it ran between two markers in the guest. A marker is the 8-byte no-op
 * `nopl 0x7ace00NN(%rax,%rax,1)` (userland/bench/posix_bench.c's
 * BENCH_MARK(NN)); at each one the plugin writes what every block ran
 * since the previous marker, tagged NN. tools/bench/tickprof.py turns that
 * into instructions per function and image. Under -icount one guest
 * instruction is one tick, so this is where a benchmark's ticks go.
 *
 * The plugin API is declared here from its documented interface (QEMU 7.2,
 * plugin API version 1); nothing of QEMU's is compiled in.
 *
 * usage: qemu-system-x86_64 ... -plugin build/tickprof.so,out=OUTFILE
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef struct qemu_info_t qemu_info_t;
enum { PLUGIN_INLINE_ADD_U64 = 0 }; /* enum qemu_plugin_op */
enum { PLUGIN_CB_NO_REGS = 0 };	    /* enum qemu_plugin_cb_flags */

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
					   void (*cb)(qemu_plugin_id_t, struct qemu_plugin_tb *));
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, int op, void *ptr,
					      uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
					    void (*cb)(unsigned int, void *), int flags,
					    void *userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, void (*cb)(qemu_plugin_id_t, void *),
				    void *userdata);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

#define KEY_BYTES 16 /* of the block's code: tells apart images at one address */
#define MARK_TAG 0x7ace0000u

struct block {
	uint64_t vaddr, count, seen;
	uint32_t insns, nbytes;
	uint8_t key[KEY_BYTES];
};

static struct block **blocks;
static size_t nblocks, cap;
static FILE *out;

static struct block *new_block(void)
{
	if (nblocks == cap) {
		cap = cap ? cap * 2 : 4096;
		blocks = realloc(blocks, cap * sizeof *blocks);
		if (!blocks)
			abort();
	}
	return blocks[nblocks++] = calloc(1, sizeof(struct block));
}

/* What ran since the last marker, tagged with this one's number. */
static void on_mark(unsigned int vcpu, void *tag)
{
	(void)vcpu;
	for (size_t i = 0; i < nblocks; i++) {
		struct block *b = blocks[i];
		uint64_t ran = b->count - b->seen;
		if (!ran)
			continue;
		fprintf(out, "%u %" PRIx64 " %u %" PRIu64 " ", (unsigned)(uintptr_t)tag, b->vaddr,
			b->insns, ran);
		for (uint32_t k = 0; k < b->nbytes; k++)
			fprintf(out, "%02x", b->key[k]);
		fputc('\n', out);
		b->seen = b->count;
	}
	fprintf(out, "mark %u\n", (unsigned)(uintptr_t)tag);
	fflush(out);
}

static int mark_of(const struct qemu_plugin_insn *insn, unsigned *tag)
{
	static const uint8_t nopl[4] = {0x0f, 0x1f, 0x84, 0x00};
	const uint8_t *code = qemu_plugin_insn_data(insn);
	uint32_t disp;

	if (qemu_plugin_insn_size(insn) != 8 || memcmp(code, nopl, 4))
		return 0;
	memcpy(&disp, code + 4, 4);
	*tag = disp & 0xff;
	return (disp & ~0xffu) == MARK_TAG;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	struct block *b = new_block();
	size_t n = qemu_plugin_tb_n_insns(tb);

	(void)id;
	b->vaddr = qemu_plugin_tb_vaddr(tb);
	b->insns = (uint32_t)n;
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		size_t len = qemu_plugin_insn_size(insn);
		unsigned tag;
		if (b->nbytes < KEY_BYTES) {
			size_t take = len < KEY_BYTES - b->nbytes ? len : KEY_BYTES - b->nbytes;
			memcpy(b->key + b->nbytes, qemu_plugin_insn_data(insn), take);
			b->nbytes += (uint32_t)take;
		}
		if (mark_of(insn, &tag))
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_mark, PLUGIN_CB_NO_REGS,
							       (void *)(uintptr_t)tag);
	}
	qemu_plugin_register_vcpu_tb_exec_inline(tb, PLUGIN_INLINE_ADD_U64, &b->count, 1);
}

static void at_exit(qemu_plugin_id_t id, void *p)
{
	(void)id, (void)p;
	if (out)
		fclose(out);
}

__attribute__((visibility("default"))) int
qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
	const char *path = "tickprof.out";

	(void)info;
	for (int i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			path = argv[i] + 4;
	out = fopen(path, "w");
	if (!out)
		return -1;
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, at_exit, 0);
	return 0;
}
