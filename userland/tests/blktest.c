/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * blktest SYS_ID UNIT MODE [LBA]: the block protocol (lib/abi/block.h) against
 * whichever disk driver serves SYS_ID, on a scratch disk the runner
 * attached zero-filled (tools/qemu-run.py --disk):
 *
 *   info           what BLOCK_OP_INFO answers
 *   rw             unwritten sectors read as zeros; a pattern written in
 *                  pieces (one sector, one page, two, three, xfer_max), read
 *                  back byte for byte, also into an unaligned buffer; FUA;
 *                  flush
 *   errors         every -errno of block.h, exactly; the driver lives on
 *   submit         BLOCK_OP_SUBMIT: 10 writes, 10 reads and a flush, 32
 *                  reads of xfer_max (more than the driver holds at once),
 *                  a mixed batch's statuses; then 4 clients at once
 *   persist-write  a pattern written and flushed, for the next boot
 *   persist-check  ... read back there (the same disk, a new boot)
 *   kill           the driver killed under a client's stream of writes:
 *                  -EIO or success, restarted by init, the data intact
 *   ioerror LBA    the device fails LBA (--disk ...:eio=LBA): -EIO for it
 *                  alone
 *   timeout        a write the device holds past BLOCK_TIMEOUT_MS
 *                  (--disk ...:wbps=4096): -EIO, and the driver goes on
 *   units          UNIT and unit 0 are separate disks of one controller
 *   gone           the disk unplugged under a stream of writes (the
 *                  runner's --unplug on "blktest: unplug the disk"): -EIO
 *                  soon, not a hang, then -EIO at once; the driver lives on
 */
#include "check.h"

#include <abi/errno.h>
#include <libserver/block_client.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

static uint8_t sys;
static unsigned unit;
static struct block_info info;
static uint8_t *buf, *want;

static uint8_t pattern(uint64_t lba, size_t off, unsigned seed)
{
	return (uint8_t)(lba * 131 + off * 7 + seed);
}

static void fill(uint8_t *p, uint64_t lba, size_t bytes, unsigned seed)
{
	for (size_t i = 0; i < bytes; i++)
		p[i] = pattern(lba + i / info.sector_size, i % info.sector_size, seed);
}

static size_t sectors(size_t n)
{
	return n * info.sector_size;
}

/* 1 when [lba, lba + bytes) reads back as the pattern with seed (or all
 * zeros with seed -1), in pieces of at most xfer_max. */
static int reads_as(uint64_t lba, size_t bytes, int seed)
{
	while (bytes) {
		size_t n = bytes < info.xfer_max ? bytes : info.xfer_max;
		if (block_read(sys, unit, lba, buf, n) != (int64_t)n)
			return 0;
		if (seed < 0)
			memset(want, 0, n);
		else
			fill(want, lba, n, (unsigned)seed);
		if (memcmp(buf, want, n))
			return 0;
		lba += n / info.sector_size, bytes -= n;
	}
	return 1;
}

static int64_t write_pattern(uint64_t lba, size_t bytes, unsigned seed, unsigned flags)
{
	fill(want, lba, bytes, seed);
	return block_write(sys, unit, lba, want, bytes, flags);
}

static int mode_info(void)
{
	printf("blktest: unit %u: %llu sectors of %u bytes, %u unit(s), xfer_max %u, flags 0x%x, "
	       "model '%s'\n",
	       unit, (unsigned long long)info.sectors, info.sector_size, info.units, info.xfer_max,
	       info.flags, info.model);
	EXPECT("sector size is 512 or 4096", info.sector_size == 512 || info.sector_size == 4096,
	       1);
	EXPECT("xfer_max is whole sectors, at most BLOCK_XFER_MAX",
	       info.xfer_max % info.sector_size == 0 && info.xfer_max <= BLOCK_XFER_MAX &&
		   info.xfer_max >= info.sector_size,
	       1);
	EXPECT("the unit is one of the controller's", unit < info.units, 1);
	EXPECT("the model string ends inside its field", memchr(info.model, 0, 40) != 0, 1);
	return check_finish();
}

/* The pieces rw writes from LBA 0 on: one sector, a page, two pages,
 * three (a PRP list), xfer_max. */
static size_t rw_piece(int i)
{
	static const size_t bytes[] = {0, 4096, 8192, 12288};

	return i == 0 ? info.sector_size : i < 4 ? bytes[i] : info.xfer_max;
}

static int mode_rw(void)
{
	uint64_t lba = 0, total = 0;
	char what[96];

	EXPECT("unwritten sectors read as zeros", reads_as(0, info.xfer_max * 2, -1), 1);
	for (int i = 0; i < 5; i++) {
		size_t n = rw_piece(i);
		snprintf(what, sizeof what, "write of %zu bytes at LBA %llu", n,
			 (unsigned long long)lba);
		EXPECT(what, write_pattern(lba, n, 1, 0), n);
		lba += n / info.sector_size, total += n;
	}
	EXPECT("every piece reads back byte for byte", reads_as(0, total, 1), 1);
	EXPECT("the sectors after them are still zeros", reads_as(lba, sectors(64), -1), 1);
	EXPECT("read of three pages into an unaligned buffer",
	       block_read(sys, unit, 0, buf + 1, 12288), 12288);
	fill(want, 0, 12288, 1);
	EXPECT("... holds the pattern", memcmp(buf + 1, want, 12288), 0);
	EXPECT("FUA write of 8 sectors over LBA 2", write_pattern(2, sectors(8), 9, BLOCK_FUA),
	       sectors(8));
	EXPECT("... reads back", reads_as(2, sectors(8), 9), 1);
	EXPECT("the sectors beside it are unchanged",
	       reads_as(0, sectors(2), 1) && reads_as(10, sectors(4), 1), 1);
	EXPECT("flush", block_flush(sys, unit), 0);
	EXPECT("the last sector of the unit", write_pattern(info.sectors - 1, sectors(1), 3, 0),
	       sectors(1));
	EXPECT("... reads back", reads_as(info.sectors - 1, sectors(1), 3), 1);
	return check_finish();
}

static int64_t call(uint64_t op, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return server_call(sys, op, a0, a1, a2, a3);
}

static void errors_of_ranges(void)
{
	uint64_t end = info.sectors, ss = info.sector_size;

	EXPECT("read of 100 bytes", block_read(sys, unit, 0, buf, 100), -EINVAL);
	EXPECT("read of half a sector", block_read(sys, unit, 0, buf, ss / 2), -EINVAL);
	EXPECT("write of a sector and a byte", block_write(sys, unit, 0, buf, ss + 1, 0), -EINVAL);
	EXPECT("read at the LBA past the end", block_read(sys, unit, end, buf, ss), -EINVAL);
	EXPECT("read of 2 sectors from the last", block_read(sys, unit, end - 1, buf, 2 * ss),
	       -EINVAL);
	EXPECT("read at LBA 2^63", block_read(sys, unit, 1ull << 63, buf, ss), -EINVAL);
	EXPECT("read at LBA 2^64 - 1", block_read(sys, unit, ~0ull, buf, ss), -EINVAL);
	EXPECT("read of xfer_max + a sector", block_read(sys, unit, 0, buf, info.xfer_max + ss),
	       -EINVAL);
	EXPECT("write of 2^63 bytes", block_write(sys, unit, 0, buf, 1ull << 63, 0), -EINVAL);
	EXPECT("write with flag 0x2", block_write(sys, unit, 0, buf, ss, 0x2), -EINVAL);
	EXPECT("flush with flag 0x8000", call(BLOCK_OP_FLUSH, 0, 0, 0, BLOCK_ARG(unit, 0x8000)),
	       -EINVAL);
	EXPECT("read with flags past 16 bits",
	       call(BLOCK_OP_READ, 0, (uint64_t)buf, ss, BLOCK_ARG(unit, 0x10000)), -EINVAL);
}

static void errors_of_units_and_buffers(void)
{
	static const char rodata[4096] = "read-only";
	uint64_t ss = info.sector_size;
	struct block_info other;

	EXPECT("read of unit 99", block_read(sys, 99, 0, buf, ss), -ENXIO);
	EXPECT("write to unit 99", block_write(sys, 99, 0, buf, ss, 0), -ENXIO);
	EXPECT("flush of unit 99", block_flush(sys, 99), -ENXIO);
	EXPECT("info of unit 99", block_info(sys, 99, &other), -ENXIO);
	EXPECT("read into address 0x10", block_read(sys, unit, 0, (void *)0x10, ss), -EFAULT);
	EXPECT("read into read-only memory", block_read(sys, unit, 0, (void *)rodata, ss), -EFAULT);
	EXPECT("write from a kernel address",
	       block_write(sys, unit, 0, (void *)0xffff800000000000ull, ss, 0), -EFAULT);
	EXPECT("info into address 0x10", block_info(sys, unit, (void *)0x10), -EFAULT);
	EXPECT("submit of 33 requests", block_submit(sys, (void *)buf, 33), -EINVAL);
	EXPECT("submit from address 0x10", block_submit(sys, (void *)0x10, 2), -EFAULT);
	EXPECT("unknown opcode 99", call(99, 0, 0, 0, 0), -ENOSYS);
	EXPECT("read-only memory unchanged", strcmp(rodata, "read-only"), 0);
}

static uint64_t lcg(uint64_t *state)
{
	*state = *state * 6364136223846793005ull + 1442695040888963407ull;
	return *state >> 33;
}

/* 2000 calls of random opcodes, units, flags, ranges and buffers (none
 * that would let a read land in this program's own live memory but buf):
 * every answer a count or one of the protocol's -errnos. */
static void errors_at_random(void)
{
	static const uint64_t bufs[] = {0, 0x10, 0xffff800000000000ull, 0x7ff000000000ull, 0};
	uint64_t seed = 16, odd = 0;

	for (int i = 0; i < 2000; i++) {
		uint64_t op = lcg(&seed) % 7,
			 bytes = (lcg(&seed) % 2100) * 512 + lcg(&seed) % 2 * 7;
		uint64_t lba = lcg(&seed) % 4 ? lcg(&seed) % (info.sectors + 8) : lcg(&seed) << 31;
		uint64_t b = lcg(&seed) % 5 == 4 ? (uint64_t)buf : bufs[lcg(&seed) % 4];
		if (op == BLOCK_OP_SUBMIT || op == BLOCK_OP_INFO)
			b = b == (uint64_t)buf ? 0x10 : b; /* never this program's memory */
		if (b == (uint64_t)buf && bytes > info.xfer_max)
			bytes = info.xfer_max;
		uint64_t a3 = BLOCK_ARG(lcg(&seed) % 3, lcg(&seed) % 8 ? 0 : lcg(&seed) % 4);
		int64_t r = call(op, op == BLOCK_OP_SUBMIT ? b : lba, op == BLOCK_OP_SUBMIT ? 3 : b,
				 bytes, a3);
		odd += !(r >= 0 || r == -EINVAL || r == -ENXIO || r == -EFAULT || r == -ENOSYS);
	}
	EXPECT("2000 random calls: answers other than counts and the protocol's -errnos", odd, 0);
}

static int mode_errors(void)
{
	struct chappe_bcstat before, after;

	sys_bc_stat(sys, (long)&before);
	errors_of_ranges();
	errors_of_units_and_buffers();
	errors_at_random();
	EXPECT("a read after them all", block_read(sys, unit, 0, buf, info.sector_size),
	       info.sector_size);
	sys_bc_stat(sys, (long)&after);
	EXPECT("the same driver answered every one",
	       after.server_pid == before.server_pid && after.restarts == before.restarts, 1);
	return check_finish();
}

static struct block_req req(uint8_t op, uint64_t lba, void *p, uint64_t bytes)
{
	return (struct block_req){.op = op,
				  .unit = (uint16_t)unit,
				  .lba = lba,
				  .buf = (uint64_t)p,
				  .bytes = bytes,
				  .status = 12345};
}

/* Ten regions of growing sizes, each written from and read into its own
 * part of the buffers. */
static size_t region_bytes(int i)
{
	return i == 9 ? info.xfer_max : sectors(1u << (i % 6));
}

static uint64_t region_lba(int i)
{
	return (uint64_t)i * (BLOCK_XFER_MAX / info.sector_size) * 2;
}

static int statuses_are_bytes(const struct block_req *r, int n)
{
	for (int i = 0; i < n; i++)
		if (r[i].status != (r[i].op == BLOCK_OP_FLUSH ? 0 : (int32_t)r[i].bytes))
			return 0;
	return 1;
}

static void submit_writes_then_reads(void)
{
	struct block_req r[11];
	uint8_t *src = malloc(10 * BLOCK_XFER_MAX), *dst = calloc(10, BLOCK_XFER_MAX);

	for (int i = 0; i < 10; i++) {
		fill(src + i * BLOCK_XFER_MAX, region_lba(i), region_bytes(i), 5);
		r[i] =
		    req(BLOCK_OP_WRITE, region_lba(i), src + i * BLOCK_XFER_MAX, region_bytes(i));
	}
	EXPECT("submit of 10 writes", block_submit(sys, r, 10), 0);
	EXPECT("each status is its byte count", statuses_are_bytes(r, 10), 1);
	for (int i = 0; i < 10; i++)
		r[i] = req(BLOCK_OP_READ, region_lba(i), dst + i * BLOCK_XFER_MAX, region_bytes(i));
	r[10] = req(BLOCK_OP_FLUSH, 0, 0, 0);
	EXPECT("submit of 10 reads and a flush", block_submit(sys, r, 11), 0);
	EXPECT("each status is its byte count", statuses_are_bytes(r, 11), 1);
	int same = 1;
	for (int i = 0; i < 10; i++)
		same &=
		    !memcmp(src + i * BLOCK_XFER_MAX, dst + i * BLOCK_XFER_MAX, region_bytes(i));
	EXPECT("every region read back byte for byte", same, 1);
	free(src);
	free(dst);
}

/* More than the driver's DMA pool holds at once: some wait their turn. */
static void submit_many_large(void)
{
	struct block_req r[BLOCK_SUBMIT_MAX];

	memset(buf, 0xee, info.xfer_max);
	for (int i = 0; i < BLOCK_SUBMIT_MAX; i++)
		r[i] = req(BLOCK_OP_READ, region_lba(9), buf, info.xfer_max);
	EXPECT("submit of 32 reads of xfer_max", block_submit(sys, r, BLOCK_SUBMIT_MAX), 0);
	EXPECT("each status is its byte count", statuses_are_bytes(r, BLOCK_SUBMIT_MAX), 1);
	fill(want, region_lba(9), info.xfer_max, 5);
	EXPECT("the data is region 9's", memcmp(buf, want, info.xfer_max), 0);
}

static void submit_mixed(void)
{
	struct block_req r[4] = {
	    req(BLOCK_OP_READ, 0, buf, info.sector_size),
	    req(BLOCK_OP_READ, 0, buf, 7),
	    req(BLOCK_OP_WRITE, 0, (void *)0x10, info.sector_size),
	    req(BLOCK_OP_READ, region_lba(1), buf + 4096, info.sector_size * 2),
	};

	r[0].unit = 99;
	EXPECT("submit of bad and good requests: the first failure", block_submit(sys, r, 4),
	       -ENXIO);
	EXPECT("status of the unit 99 read", r[0].status, -ENXIO);
	EXPECT("status of the 7-byte read", r[1].status, -EINVAL);
	EXPECT("status of the write from 0x10", r[2].status, -EFAULT);
	EXPECT("status of the good read", r[3].status, info.sector_size * 2);
	fill(want, region_lba(1), info.sector_size * 2, 5);
	EXPECT("... its data", memcmp(buf + 4096, want, info.sector_size * 2), 0);
	r[0] = req(9, 0, buf, info.sector_size);
	EXPECT("submit of opcode 9", block_submit(sys, r, 1), -EINVAL);
	EXPECT("submit of none", block_submit(sys, r, 0), 0);
}

/* Client i's own region, written and read back 4 times with new seeds:
 * exit 0 when every byte came back. */
static void client_loop(int i)
{
	uint64_t lba = region_lba(10 + i);
	int good = 0;

	for (unsigned round = 0; round < 4; round++) {
		good += write_pattern(lba, info.xfer_max, 20 + 4 * i + round, 0) == info.xfer_max;
		good += reads_as(lba, info.xfer_max, (int)(20 + 4 * i + round));
	}
	_exit(good != 8);
}

/* Four clients at once, each with a call in the driver most of the time. */
static void submit_clients(void)
{
	pid_t pid[4];
	int ok = 0, status;

	for (int i = 0; i < 4; i++)
		if ((pid[i] = fork()) == 0)
			client_loop(i);
	for (int i = 0; i < 4; i++)
		ok += waitpid(pid[i], &status, 0) == pid[i] && status == 0;
	EXPECT("4 clients at once, each read back its own writes", ok, 4);
	int same = 1;
	for (int i = 0; i < 4; i++)
		same &= reads_as(region_lba(10 + i), info.xfer_max, 20 + 4 * i + 3);
	EXPECT("each region holds its client's last pattern", same, 1);
}

static int mode_submit(void)
{
	submit_writes_then_reads();
	submit_many_large();
	submit_mixed();
	submit_clients();
	return check_finish();
}

#define PERSIST_BYTES (3u << 20)

static int mode_persist_write(void)
{
	EXPECT("the disk is fresh: zeros", reads_as(0, PERSIST_BYTES, -1), 1);
	int written = 0;
	for (uint64_t off = 0; off < PERSIST_BYTES; off += info.xfer_max)
		written +=
		    write_pattern(off / info.sector_size, info.xfer_max, 7, 0) == info.xfer_max;
	EXPECT("writes of xfer_max over 3 MiB", written, PERSIST_BYTES / info.xfer_max);
	EXPECT("FUA write of the sector after",
	       write_pattern(PERSIST_BYTES / info.sector_size, sectors(1), 8, BLOCK_FUA),
	       sectors(1));
	EXPECT("flush", block_flush(sys, unit), 0);
	EXPECT("written, read back", reads_as(0, PERSIST_BYTES, 7), 1);
	return check_finish();
}

static int mode_persist_check(void)
{
	uint64_t after = PERSIST_BYTES / info.sector_size;

	EXPECT("what the last boot wrote reads back", reads_as(0, PERSIST_BYTES, 7), 1);
	EXPECT("... and its FUA sector", reads_as(after, sectors(1), 8), 1);
	EXPECT("the sectors after are zeros", reads_as(after + 1, sectors(64), -1), 1);
	return check_finish();
}

/* The runner's --disk ...:eio=SECTOR fails every access to bad_lba. */
static uint64_t bad_lba;

static int mode_ioerror(void)
{
	uint64_t ss = info.sector_size, lba = bad_lba;
	struct chappe_bcstat before, after;
	struct block_req r[3] = {req(BLOCK_OP_READ, lba, buf, ss),
				 req(BLOCK_OP_READ, lba + 8, buf + 4096, ss),
				 req(BLOCK_OP_WRITE, lba - 1, want, ss)};

	sys_bc_stat(sys, (long)&before);
	EXPECT("read of the bad sector", block_read(sys, unit, lba, buf, ss), -EIO);
	EXPECT("read of 8 sectors around it", block_read(sys, unit, lba - 4, buf, 8 * ss), -EIO);
	EXPECT("write of the bad sector", block_write(sys, unit, lba, buf, ss, 0), -EIO);
	EXPECT("read of the sector after it", block_read(sys, unit, lba + 1, buf, ss), ss);
	EXPECT("submit with the bad sector among others", block_submit(sys, r, 3), -EIO);
	EXPECT("... its status", r[0].status, -EIO);
	EXPECT("... the others' statuses", r[1].status == (int32_t)ss && r[2].status == (int32_t)ss,
	       1);
	EXPECT("a read of LBA 0 after them", block_read(sys, unit, 0, buf, ss), ss);
	sys_bc_stat(sys, (long)&after);
	EXPECT("the same driver answered every one",
	       after.server_pid == before.server_pid && after.restarts == before.restarts, 1);
	return check_finish();
}

/* Writes throttled (--disk ...:wbps=4096): the first 64 KiB passes, the
 * next waits far past BLOCK_TIMEOUT_MS. */
static int mode_timeout(void)
{
	struct chappe_bcstat before, after;

	sys_bc_stat(sys, (long)&before);
	EXPECT("write of 64 KiB", write_pattern(0, 65536, 13, 0), 65536);
	EXPECT("the next write, unanswered in time", write_pattern(1024, 65536, 14, 0), -EIO);
	EXPECT("a read after the reset", reads_as(0, 65536, 13), 1);
	EXPECT("flush", block_flush(sys, unit), 0);
	sys_bc_stat(sys, (long)&after);
	EXPECT("the same driver, not restarted",
	       after.server_pid == before.server_pid && after.restarts == before.restarts, 1);
	return check_finish();
}

/* Unit `unit` beside unit 0 of the same controller: separate disks. */
static int mode_units(void)
{
	struct block_info first;
	uint64_t ss = info.sector_size;

	EXPECT("info of unit 0", block_info(sys, 0, &first), 0);
	EXPECT("both count the same units", first.units == info.units && info.units > unit, 1);
	EXPECT("write to this unit", write_pattern(0, info.xfer_max, 15, 0), info.xfer_max);
	unsigned mine = unit;
	unit = 0;
	EXPECT("unit 0 did not get it", reads_as(0, info.xfer_max, -1), 1);
	EXPECT("write to unit 0", write_pattern(0, ss, 16, 0), ss);
	unit = mine;
	EXPECT("this unit still holds its own", reads_as(0, info.xfer_max, 15), 1);
	EXPECT("its last sector, by its own size", block_read(sys, unit, info.sectors - 1, buf, ss),
	       ss);
	EXPECT("past its end", block_read(sys, unit, info.sectors, buf, ss), -EINVAL);
	EXPECT("the unit after the last", block_read(sys, info.units, 0, buf, ss), -ENXIO);
	return check_finish();
}

static uint32_t restarts(void)
{
	struct chappe_bcstat st;

	return sys_bc_stat(sys, (long)&st) == 0 && st.state == BC_STATE_READY ? st.restarts : ~0u;
}

/* Writes until the driver was restarted and two more succeeded: exit 0
 * when every answer was the byte count or -EIO, 1 otherwise. */
static void write_stream(uint32_t before)
{
	int eio = 0, after = 0, bad = 0;

	fill(want, 4096, info.xfer_max, 11);
	for (int i = 0; i < 100000 && after < 2; i++) {
		int64_t r = block_write(sys, unit, 4096, want, info.xfer_max, 0);
		if (r == -EIO) {
			eio++;
			nap_ms(1); /* the driver is dead: give init the processor */
		}
		bad += r != -EIO && r != info.xfer_max;
		after += r == info.xfer_max && restarts() == before + 1;
	}
	printf("blktest: the stream saw %d -EIO, %d other errors, %d writes after the restart\n",
	       eio, bad, after);
	_exit(bad || after < 2);
}

static int mode_kill(void)
{
	struct chappe_bcstat st;
	int status = -1;

	EXPECT("write before the kill", write_pattern(0, info.xfer_max, 10, 0), info.xfer_max);
	EXPECT("flush", block_flush(sys, unit), 0);
	sys_bc_stat(sys, (long)&st);
	uint32_t before = st.restarts;
	struct chappe_kstat k0, k1;
	sys_kstat((long)&k0);
	pid_t stream = fork();
	if (stream == 0)
		write_stream(before);
	nap_ms(300); /* the stream's writes under way */
	EXPECT("kill the driver", kill(st.server_pid, SIGKILL), 0);
	waitpid(stream, &status, 0);
	EXPECT("the stream got only byte counts and -EIO, then wrote on", status, 0);
	EXPECT("init restarted the driver once", restarts(), before + 1);
	struct chappe_bcstat now;
	sys_bc_stat(sys, (long)&now);
	EXPECT("a new driver serves it", now.server_pid != st.server_pid, 1);
	/* The new driver may still be taking its memory (a driver that
	 * registers before its controller is up): wait for it to settle. */
	for (int i = 0; i < 20 && (sys_kstat((long)&k1), k1.free_frames != k0.free_frames); i++)
		nap_ms(500);
	EXPECT("free frames back where they were", (long)(k0.free_frames - k1.free_frames), 0);
	EXPECT("interrupt bindings back where they were", k1.irqs_bound == k0.irqs_bound, 1);
	EXPECT("what was written before the kill is intact", reads_as(0, info.xfer_max, 10), 1);
	EXPECT("the stream's last write is there", reads_as(4096, info.xfer_max, 11), 1);
	EXPECT("the restarted driver writes", write_pattern(8192, sectors(8), 12, BLOCK_FUA),
	       sectors(8));
	EXPECT("... and reads", reads_as(8192, sectors(8), 12), 1);
	return check_finish();
}

static uint64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

/* Writes of xfer_max until one fails: its answer, and how long after the
 * unplug was asked for. */
static int64_t stream_until_gone(uint64_t *ms)
{
	uint64_t start = now_ms(), spread = info.sectors / 2 / (info.xfer_max / info.sector_size);
	int64_t r = 0;
	int n = 0;

	fill(want, 0, info.xfer_max, 17);
	printf("blktest: unplug the disk\n");
	while (now_ms() - start < 30000 &&
	       (r = block_write(sys, unit, (n % spread) * (info.xfer_max / info.sector_size), want,
				info.xfer_max, 0)) == info.xfer_max)
		n++;
	*ms = now_ms() - start;
	printf("blktest: %d writes, then %lld after %llu ms\n", n, (long long)r,
	       (unsigned long long)*ms);
	return r;
}

static int mode_gone(void)
{
	struct chappe_bcstat before, after;
	struct chappe_kstat k0, k1;
	uint64_t ms, ss = info.sector_size;
	int eio = 0;

	sys_bc_stat(sys, (long)&before);
	sys_kstat((long)&k0);
	EXPECT("the stream's first failure", stream_until_gone(&ms), -EIO);
	EXPECT("it came within BLOCK_TIMEOUT_MS and 2 s of the unplug",
	       ms < BLOCK_TIMEOUT_MS + 2000, 1);
	uint64_t start = now_ms();
	for (int i = 0; i < 100; i++)
		eio += block_read(sys, unit, (uint64_t)i, buf, ss) == -EIO;
	EXPECT("100 reads after it (more than the driver's requests), each -EIO", eio, 100);
	EXPECT("... all within a second", now_ms() - start < 1000, 1);
	EXPECT("a write", block_write(sys, unit, 0, want, ss, 0), -EIO);
	EXPECT("a flush", block_flush(sys, unit), -EIO);
	EXPECT("its info", block_info(sys, unit, &info), -EIO);
	sys_kstat((long)&k1);
	/* The removal gives the device's rings, contexts and buffers back. */
	EXPECT("no free frame lost since before the stream", k1.free_frames >= k0.free_frames, 1);
	sys_bc_stat(sys, (long)&after);
	EXPECT("the same driver answered every one",
	       after.server_pid == before.server_pid && after.restarts == before.restarts, 1);
	return check_finish();
}

static const struct {
	const char *name;
	int (*run)(void);
} modes[] = {
    {"info", mode_info},
    {"rw", mode_rw},
    {"errors", mode_errors},
    {"submit", mode_submit},
    {"persist-write", mode_persist_write},
    {"persist-check", mode_persist_check},
    {"kill", mode_kill},
    {"ioerror", mode_ioerror},
    {"timeout", mode_timeout},
    {"units", mode_units},
    {"gone", mode_gone},
};

int main(int argc, char **argv)
{
	if (argc != 4 && argc != 5) {
		printf("usage: blktest SYS_ID UNIT MODE [LBA]\n");
		return 2;
	}
	bad_lba = argc == 5 ? strtoull(argv[4], 0, 0) : 0;
	check_start("blktest");
	sys = (uint8_t)strtoul(argv[1], 0, 0);
	unit = (unsigned)strtoul(argv[2], 0, 0);
	buf = malloc(BLOCK_XFER_MAX + 4096), want = malloc(BLOCK_XFER_MAX + 4096);
	EXPECT("the driver is up", server_await(sys, 20000), 0);
	EXPECT("block_info", block_info(sys, unit, &info), 0);
	if (!info.sector_size || !info.xfer_max)
		return check_finish();
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (!strcmp(argv[3], modes[i].name))
			return modes[i].run();
	printf("blktest: unknown mode %s\n", argv[3]);
	return 2;
}
