/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Malformed executables: /bin/true read once, then rewritten with one or
 * two header fields changed (the table below, each with the answers a
 * correct exec may give) and with random byte flips in its headers, and
 * executed from /tmp by a child. exec must refuse with the exact errno, or
 * run the program if the change is harmless; the exec server must stay
 * ready without a restart and the free frames must come back.
 */
#include "fuzz.h"

#include <abi/bc.h>
#include <abi/errno.h>
#include <abi/wait.h>
#include <abi/layout.h>
#include <abi/kstat.h>
#include <abi/signal.h>
#include <chappe/syscall.h>
#include <elf/elf64.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define ELF_PATH "/tmp/fuzz-elf"
#define ELF_MAX (64u * 1024)
#define RANDOM_VARIANTS 16
#define HEADER_BYTES 0x200 /* where the random flips land */
#define EXEC_FAILED 150	   /* the child exits 150 + errno when execve fails */
#define HUNG_MS 2000	   /* a program still running by then is killed */

/* What a run may end in (a mask). */
enum {
	RAN = 1,	/* exited 0: the change was harmless */
	NOEXEC = 2,	/* execve: -ENOEXEC */
	NOMEM = 4,	/* execve: -ENOMEM */
	KILLED = 8,	/* ran and was killed by a fault */
	OTHER_EXIT = 16 /* ran and exited non-zero, or hung and was killed */
};

#define EH(f) offsetof(elf64_ehdr, f)
#define PH(i, f) (64 + 56 * (i) + offsetof(elf64_phdr, f)) /* /bin/true's e_phoff */

struct edit {
	uint16_t at; /* byte offset in the file */
	uint8_t width;
	uint64_t value;
};

struct mutation {
	const char *name;
	struct edit edit[2]; /* width 0: unused */
	long size;	     /* > 0: the file cut to this many bytes; -1: none */
	int allowed;
};

/* Program header 0 is /bin/true's text (R E at 0x400000), 1 its bss (RW). */
static const struct mutation mutations[] = {
    {"bad magic", {{1, 1, 'X'}}, 0, NOEXEC},
    {"32-bit class", {{4, 1, 1}}, 0, NOEXEC},
    {"big-endian", {{5, 1, 2}}, 0, NOEXEC},
    {"machine i386", {{EH(e_machine), 2, 3}}, 0, NOEXEC},
    {"shared object", {{EH(e_type), 2, 3}}, 0, NOEXEC},
    {"program header size 32", {{EH(e_phentsize), 2, 32}}, 0, NOEXEC},
    {"no program headers", {{EH(e_phnum), 2, 0}}, 0, NOEXEC},
    {"65535 program headers", {{EH(e_phnum), 2, 65535}}, 0, NOEXEC},
    {"program headers past the end", {{EH(e_phoff), 8, 0x1ffff8}}, 0, NOEXEC},
    {"program header offset wraps", {{EH(e_phoff), 8, ~0ULL - 63}}, 0, NOEXEC},
    {"misaligned program headers", {{EH(e_phoff), 8, 65}}, 0, NOEXEC},
    {"file bytes over memory bytes", {{PH(0, p_filesz), 8, 0x1000}}, 0, NOEXEC},
    {"segment data past the end", {{PH(0, p_offset), 8, 0x100000}}, 0, NOEXEC},
    {"segment in kernel space", {{PH(1, p_vaddr), 8, 0xffff800000401000ULL}}, 0, NOEXEC},
    {"non-canonical segment", {{PH(1, p_vaddr), 8, 0x0000800000001000ULL}}, 0, NOEXEC},
    {"segment at address 0", {{PH(1, p_vaddr), 8, 0}}, 0, NOEXEC},
    {"segment past user space", {{PH(1, p_memsz), 8, 0x00007ffffffff000ULL}}, 0, NOEXEC},
    {"bss of 128 TiB", {{PH(1, p_memsz), 8, 0x00007f0000000000ULL}}, 0, NOMEM | NOEXEC},
    {"segment size wraps", {{PH(1, p_memsz), 8, ~0ULL - 0xfff}}, 0, NOEXEC},
    {"segment in the stack", {{PH(1, p_vaddr), 8, 0x00007ffffffff000ULL}}, 0, NOEXEC},
    {"segment in the heap range", {{PH(1, p_vaddr), 8, CHAPPE_HEAP_BASE}}, 0, NOEXEC},
    {"segment across the heap base",
     {{PH(1, p_vaddr), 8, CHAPPE_HEAP_BASE - 0x1000}, {PH(1, p_memsz), 8, 0x3000}},
     0,
     NOEXEC},
    {"overlapping segments", {{PH(1, p_vaddr), 8, 0x400000}}, 0, NOEXEC},
    {"entry outside every segment", {{EH(e_entry), 8, 0x500000}}, 0, NOEXEC},
    {"entry in the data segment", {{EH(e_entry), 8, 0x401000}}, 0, NOEXEC},
    {"writable and executable", {{PH(0, p_flags), 4, PF_R | PF_W | PF_X}}, 0, NOEXEC},
    {"offset and address disagree",
     {{PH(0, p_vaddr), 8, 0x400010}, {EH(e_entry), 8, 0x400010}},
     0,
     NOEXEC},
    {"cut in half", {{0, 0, 0}}, 4500, NOEXEC},
    {"header only", {{0, 0, 0}}, 64, NOEXEC},
    {"empty file", {{0, 0, 0}}, 1, NOEXEC}, /* size 1: one byte of magic */
    {"garbage section headers", {{EH(e_shoff), 8, ~0ULL}, {EH(e_shnum), 2, 999}}, 0, RAN},
    {"garbage physical address", {{PH(0, p_paddr), 8, 0xdeadbeef}}, 0, RAN},
    {"empty bss segment", {{PH(1, p_memsz), 8, 0}}, 0, RAN | KILLED},
    {"bss header not PT_LOAD", {{PH(1, p_type), 4, 0}}, 0, RAN | KILLED},
};

static _Alignas(8) unsigned char original[ELF_MAX], image[ELF_MAX];
static long original_size;
static int counts[5], frames_lost;
static uint64_t slowest_ns;
static const char *slowest = "none";

static long read_original(void)
{
	long fd = sys_open((long)"/bin/true", O_RDONLY, 0), n = 0, got = 1;

	if (fd < 0)
		return fd;
	while (got > 0 && n < (long)sizeof original)
		n += (got = sys_read(fd, (long)(original + n), (long)sizeof original - n)) > 0 ? got
											       : 0;
	sys_close(fd);
	return got < 0 ? got : n;
}

static long write_image(long size)
{
	long fd = sys_open((long)ELF_PATH, O_CREAT | O_WRONLY | O_TRUNC, 0755);

	if (fd < 0)
		return fd;
	long w = sys_write(fd, (long)image, size);
	sys_close(fd);
	return w == size ? 0 : w < 0 ? w : -EIO;
}

static int exec_image(long unused)
{
	char *argv[] = {"fuzz-elf", 0};

	(void)unused;
	return EXEC_FAILED + (int)-sys_execve((long)ELF_PATH, (long)argv, 0);
}

/* The child's status, killing it if it runs past HUNG_MS. */
static int run_image(int *hung)
{
	int pid = fuzz_spawn(exec_image, 0), status = 0;
	uint64_t until = fuzz_now_ns() + HUNG_MS * 1000000ULL;

	*hung = 0;
	if (pid < 0)
		return pid;
	while (sys_wait4(pid, (long)&status, WNOHANG, 0) == 0) {
		if (fuzz_now_ns() > until && !*hung)
			*hung = 1, sys_kill(pid, SIGKILL);
		fuzz_sleep_ms(5);
	}
	return status;
}

static int outcome(int status, int hung)
{
	if (hung)
		return OTHER_EXIT;
	if (WIFSIGNALED(status))
		return KILLED;
	int code = WEXITSTATUS(status);
	if (code == 0)
		return RAN;
	if (code == EXEC_FAILED + ENOEXEC)
		return NOEXEC;
	if (code == EXEC_FAILED + ENOMEM)
		return NOMEM;
	return OTHER_EXIT;
}

static const char *describe(int status, int hung)
{
	static char s[64];
	int code = WEXITSTATUS(status);

	if (hung)
		snprintf(s, sizeof s, "still running after %d ms", HUNG_MS);
	else if (WIFSIGNALED(status))
		snprintf(s, sizeof s, "killed by signal %d", WTERMSIG(status));
	else if (code > EXEC_FAILED)
		snprintf(s, sizeof s, "execve = -%d (%s)", code - EXEC_FAILED,
			 strerror(code - EXEC_FAILED));
	else
		snprintf(s, sizeof s, "ran and exited %d", code);
	return s;
}

static void apply(const struct edit *e)
{
	for (int b = 0; b < e->width; b++)
		image[e->at + b] = (unsigned char)(e->value >> (8 * b));
}

static int exec_server_same(const struct chappe_bcstat *before)
{
	struct chappe_bcstat now;

	sys_bc_stat(SYS_ID_EXEC, (long)&now);
	return BC_STATE(now.state) == BC_STATE_READY && now.restarts == before->restarts &&
	       now.server_pid == before->server_pid;
}

/* Frames an exec kept after its process ended: a server hears of the end by
 * notice, so it is given a moment. */
static void check_frames(const char *name, uint64_t before)
{
	uint64_t after = fuzz_free_frames();

	for (int tries = 0; tries < 5 && after != before; tries++)
		fuzz_sleep_ms(20), after = fuzz_free_frames();
	if (after != before && !frames_lost++)
		fuzz_fail("malformed ELF", "%s: free frames %lu before, %lu after its end", name,
			  before, after);
}

/* One image: written, executed, judged. 0, or -1 when exec broke. */
static int try_image(const char *name, long size, int allowed)
{
	struct chappe_bcstat exec_before;
	int hung;
	long err = write_image(size);
	uint64_t frames = fuzz_free_frames();

	if (err)
		return fuzz_fail("malformed ELF", "writing %s (%s): %ld", ELF_PATH, name, err), -1;
	sys_bc_stat(SYS_ID_EXEC, (long)&exec_before);
	uint64_t t0 = fuzz_now_ns();
	int status = run_image(&hung), got = outcome(status, hung);
	if (fuzz_now_ns() - t0 > slowest_ns)
		slowest_ns = fuzz_now_ns() - t0, slowest = name;
	counts[__builtin_ctz((unsigned)got)]++;
	if (fuzz_opt.trace)
		printf("FUZZ elf %s: %s\n", name, describe(status, hung));
	if (!(got & allowed))
		fuzz_fail("malformed ELF", "%s: %s, which a correct exec never gives it", name,
			  describe(status, hung));
	check_frames(name, frames);
	if (exec_server_same(&exec_before))
		return 0;
	fuzz_fail("malformed ELF", "after %s the exec server is not the same ready server", name);
	return -1;
}

static int try_table(void)
{
	for (size_t i = 0; i < sizeof mutations / sizeof mutations[0]; i++) {
		const struct mutation *m = &mutations[i];
		memcpy(image, original, (size_t)original_size);
		apply(&m->edit[0]);
		apply(&m->edit[1]);
		if (try_image(m->name, m->size ? m->size : original_size, m->allowed))
			return -1;
	}
	return 0;
}

/* Bytes of the headers flipped at random, never the entry point's (a jump
 * into the middle of the code could spin): any exec answer or run is fine,
 * only the exec server and the frames are judged. */
static int try_random(void)
{
	char name[48];

	for (int v = 0; v < RANDOM_VARIANTS; v++) {
		memcpy(image, original, (size_t)original_size);
		for (int flips = 1 + (int)pick(4); flips > 0; flips--) {
			uint64_t at = pick(HEADER_BYTES);
			if (at < EH(e_entry) || at >= EH(e_entry) + 8)
				image[at] ^= (unsigned char)(1 + pick(255));
		}
		snprintf(name, sizeof name, "random header flips #%d", v);
		if (try_image(name, original_size, ~0))
			return -1;
	}
	return 0;
}

/* A bss larger than all memory: refused (ENOMEM or ENOEXEC), never taken
 * frame by frame from everyone else. Opt-in (--elf-huge 1). */
static int try_huge(void)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	memcpy(image, original, (size_t)original_size);
	apply(&(struct edit){PH(1, p_memsz), 8, 2 * k.total_frames * 4096});
	return try_image("bss twice the size of memory", original_size, NOMEM | NOEXEC);
}

void elf_phase(void)
{
	uint64_t frames = fuzz_free_frames();

	original_size = read_original();
	if (original_size < 0x2000 || ((elf64_ehdr *)original)->e_phoff != 64 ||
	    ((elf64_ehdr *)original)->e_phnum < 2) {
		fuzz_fail("malformed ELF", "/bin/true is not the ELF expected (%ld bytes)",
			  original_size);
		return;
	}
	int broke = try_table() || try_random() || (fuzz_opt.elf_huge && try_huge());
	sys_unlink((long)ELF_PATH);
	fuzz_sleep_ms(50); /* exit notices */
	uint64_t after = fuzz_free_frames();
	printf("FUZZ elf: %zu malformed executables: %d ran, %d ENOEXEC, %d ENOMEM, %d killed, "
	       "%d other%s; slowest %s (%lu ms); frames %lu->%lu\n",
	       sizeof mutations / sizeof mutations[0] + RANDOM_VARIANTS + (fuzz_opt.elf_huge != 0),
	       counts[0], counts[1], counts[2], counts[3], counts[4],
	       broke ? " (stopped: exec broke)" : "", slowest, slowest_ns / 1000000, frames, after);
	if (after != frames)
		fuzz_fail("malformed ELF", "free frames %lu before the execs, %lu after", frames,
			  after);
}
