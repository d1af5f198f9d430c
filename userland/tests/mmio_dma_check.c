/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * integ_mmio_dma: mmio_map and dma_alloc (docs/device-memory.md). A process
 * that owns nothing gets -EPERM. Driver B (owns ps2) may not map the
 * framebuffer, unowned or A's. Driver A owns fb: its mappings of RAM (every
 * page of it, the kernel image among them) and of its own DMA buffer are
 * refused; the framebuffer maps write-combining and uncached at two
 * addresses of the device window and both see the same pixels; the kernel
 * will not copy into device memory; DMA buffers are zeroed, page-aligned,
 * disjoint, charged, limited, freed exactly; fork's child has none of it.
 * Every frame comes back: A's exit returns as many frames as its twin B's,
 * which held nothing.
 */
#include "check.h"
#include "devmem_driver.h"

#include <abi/device.h>
#include <abi/errno.h>
#include <abi/layout.h>
#include <abi/bc.h>
#include <abi/kstat.h>
#include <abi/signal.h>
#include <chappe/syscall.h>
#include <libserver/client.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define PAGE 4096L
#define A DEVMEM_DRIVER_A
#define B DEVMEM_DRIVER_B

static struct dev_region fb;

static long ask(uint8_t driver, uint64_t op, uint64_t a0, uint64_t a1, uint64_t a2)
{
	return server_call(driver, op, a0, a1, a2, 0);
}

static uint64_t name_word(const char *name)
{
	uint64_t w = 0;

	memcpy(&w, name, strlen(name));
	return w;
}

static struct chappe_kstat kstat_now(void)
{
	struct chappe_kstat k;

	sys_kstat((long)&k);
	return k;
}

static int find_fb(void)
{
	struct dev_info d;

	for (long i = 0; sys_dev_info(i, (long)&d) == 0; i++)
		if (!strcmp(d.name, "fb")) {
			fb = d.region[0];
			return 1;
		}
	return 0;
}

/* Ask driver to exit, then wait until its process is gone for good. */
static void driver_exits(uint8_t driver)
{
	struct chappe_bcstat st;
	struct chappe_procinfo info;
	struct timespec nap = {0, 10 * 1000000};

	sys_bc_stat(driver, (long)&st);
	ask(driver, DEVMEM_OP_EXIT, 0, 0, 0);
	for (int i = 0; i < 500 && sys_proc_info(st.server_pid, (long)&info) == 0; i++)
		nanosleep(&nap, 0);
}

static void owner_of_nothing(void)
{
	uint64_t phys;

	EXPECT("mmio_map of fb by a process that owns nothing",
	       sys_mmio_map((long)fb.base, PAGE, 0), -EPERM);
	EXPECT("dma_alloc by a process that owns nothing", sys_dma_alloc(PAGE, (long)&phys),
	       -EPERM);
	EXPECT("io_ports by a process that owns nothing", sys_io_ports(0x3f8, 8), -EPERM);
}

static void not_owner(void)
{
	EXPECT("B claims ps2", ask(B, DEVMEM_OP_CLAIM, name_word("ps2"), 0, 0) >= 0, 1);
	EXPECT("B maps fb, owned by nobody", ask(B, DEVMEM_OP_MMIO_MAP, fb.base, PAGE, 0), -EPERM);
	EXPECT("A claims fb", ask(A, DEVMEM_OP_CLAIM, name_word("fb"), 0, 0) >= 0, 1);
	EXPECT("B maps fb, owned by A", ask(B, DEVMEM_OP_MMIO_MAP, fb.base, PAGE, 0), -EPERM);
}

/* B held nothing: what its exit gives back is a driver's own footprint. */
static long twin_footprint(void)
{
	uint64_t before = kstat_now().free_frames;

	driver_exits(B);
	return (long)(kstat_now().free_frames - before);
}

static void map_errors(void)
{
	uint64_t ram_end = kstat_now().total_frames * PAGE;

	EXPECT("A maps fb+1 (not page aligned)", ask(A, DEVMEM_OP_MMIO_MAP, fb.base + 1, PAGE, 0),
	       -EINVAL);
	EXPECT("A maps fb, length 0", ask(A, DEVMEM_OP_MMIO_MAP, fb.base, 0, 0), -EINVAL);
	EXPECT("A maps DEV_MAP_MAX + 1 page",
	       ask(A, DEVMEM_OP_MMIO_MAP, fb.base, DEV_MAP_MAX + PAGE, 0), -EINVAL);
	EXPECT("A maps fb, unknown flag", ask(A, DEVMEM_OP_MMIO_MAP, fb.base, PAGE, 2), -EINVAL);
	EXPECT("A maps one page past fb's end",
	       ask(A, DEVMEM_OP_MMIO_MAP, fb.base, (fb.size + 2 * PAGE - 1) & ~(PAGE - 1), 0),
	       -EPERM);
	EXPECT("A maps RAM at 0x100000", ask(A, DEVMEM_OP_MMIO_MAP, 0x100000, PAGE, 0), -EPERM);
	EXPECT("A maps every page of RAM, the kernel among them: refused pages = all",
	       ask(A, DEVMEM_OP_MAP_SWEEP, 0, ram_end, PAGE) == (long)(ram_end / PAGE), 1);
}

static void map_fb(void)
{
	long len = (long)(fb.size & ~(PAGE - 1)), wc, uc;
	uint64_t commit = kstat_now().commit_used;

	len = len > (long)DEV_MAP_MAX ? (long)DEV_MAP_MAX : len;
	wc = ask(A, DEVMEM_OP_MMIO_MAP, fb.base, len, DEV_MAP_WRITE_COMBINING);
	EXPECT("A maps fb write-combining: in the device window",
	       wc >= (long)CHAPPE_DEVICE_BASE && wc < (long)CHAPPE_DEVICE_TOP && wc % PAGE == 0, 1);
	EXPECT("a mapping of device memory is not charged", kstat_now().commit_used - commit, 0);
	EXPECT("pattern over the framebuffer: words that read back wrong",
	       ask(A, DEVMEM_OP_PATTERN, wc, 64 * 1024, 0), 0);
	uc = ask(A, DEVMEM_OP_MMIO_MAP, fb.base, PAGE, DEV_MAP_UNCACHED);
	EXPECT("A maps fb's first page again, uncached, elsewhere", uc > 0 && uc != wc, 1);
	EXPECT("the uncached mapping sees the pattern's first word",
	       ask(A, DEVMEM_OP_READ32, uc, 0, 0), 0x00c0ffee);
	EXPECT("kstat into the framebuffer (the kernel will not copy there)",
	       ask(A, DEVMEM_OP_KSTAT_INTO, wc, 0, 0), -EFAULT);
	EXPECT("A's forked child reads the framebuffer mapping: it ends with",
	       ask(A, DEVMEM_OP_CHILD_READ, wc, 0, 0), SIGSEGV);
	EXPECT("dma_free of a framebuffer mapping", ask(A, DEVMEM_OP_DMA_FREE, wc, 0, 0), -EINVAL);
}

/* A buffer of len bytes; *phys its physical address. */
static long dma(long len, uint64_t *phys)
{
	long va = ask(A, DEVMEM_OP_DMA_ALLOC, (uint64_t)len, 0, 0);

	*phys = (uint64_t)ask(A, DEVMEM_OP_LAST_PHYS, 0, 0, 0);
	return va;
}

static void dma_basics(void)
{
	uint64_t p1, p2, p3, commit = kstat_now().commit_used;
	long a1 = dma(3 * PAGE + 1, &p1), a2, a3;

	EXPECT("dma_alloc of 3 pages + 1 byte: in the device window",
	       a1 >= (long)CHAPPE_DEVICE_BASE && a1 < (long)CHAPPE_DEVICE_TOP, 1);
	EXPECT("its physical address is page aligned and not 0", p1 % PAGE == 0 && p1 != 0, 1);
	EXPECT("charged: commit pages more", kstat_now().commit_used - commit, 4);
	EXPECT("nonzero bytes in the new buffer", ask(A, DEVMEM_OP_NONZERO, a1, 4 * PAGE, 0), 0);
	EXPECT("pattern over the buffer: words that read back wrong",
	       ask(A, DEVMEM_OP_PATTERN, a1, 4 * PAGE, 0), 0);
	a2 = dma(2 * PAGE, &p2);
	EXPECT("a second buffer's physical range is disjoint from the first",
	       a2 > 0 && (p2 + 2 * PAGE <= p1 || p1 + 4 * PAGE <= p2), 1);
	EXPECT("A maps the RAM of its own DMA buffer", ask(A, DEVMEM_OP_MMIO_MAP, p1, PAGE, 0),
	       -EPERM);
	EXPECT("kstat into a DMA buffer", ask(A, DEVMEM_OP_KSTAT_INTO, a2, 0, 0), 0);
	EXPECT("A's forked child reads the DMA buffer: it ends with",
	       ask(A, DEVMEM_OP_CHILD_READ, a1, 0, 0), SIGSEGV);
	EXPECT("after the fork A's buffer still holds the pattern: words wrong",
	       ask(A, DEVMEM_OP_PATTERN, a1, 4 * PAGE, 0), 0);
	EXPECT("dma_free of the second buffer", ask(A, DEVMEM_OP_DMA_FREE, a2, 0, 0), 0);
	EXPECT("dma_free of it again", ask(A, DEVMEM_OP_DMA_FREE, a2, 0, 0), -EINVAL);
	a3 = dma(2 * PAGE, &p3);
	EXPECT("nonzero bytes in a buffer made of freed frames",
	       ask(A, DEVMEM_OP_NONZERO, a3, 2 * PAGE, 0), 0);
	EXPECT("dma_free inside a buffer", ask(A, DEVMEM_OP_DMA_FREE, a1 + PAGE, 0, 0), -EINVAL);
	EXPECT("dma_free of 0", ask(A, DEVMEM_OP_DMA_FREE, 0, 0, 0), -EINVAL);
	EXPECT("dma_free of the first buffer", ask(A, DEVMEM_OP_DMA_FREE, a1, 0, 0), 0);
	EXPECT("dma_free of the third buffer", ask(A, DEVMEM_OP_DMA_FREE, a3, 0, 0), 0);
	EXPECT("charge after freeing them all", kstat_now().commit_used - commit, 0);
}

static void dma_limits(void)
{
	uint64_t before = kstat_now().free_frames;
	long held = 0, r;

	EXPECT("dma_alloc of 0 bytes", ask(A, DEVMEM_OP_DMA_ALLOC, 0, 0, 0), -EINVAL);
	EXPECT("dma_alloc of DMA_ALLOC_MAX + 1",
	       ask(A, DEVMEM_OP_DMA_ALLOC, DMA_ALLOC_MAX + 1, 0, 0), -EINVAL);
	EXPECT("dma_alloc with an unmapped phys pointer",
	       ask(A, DEVMEM_OP_DMA_ALLOC, PAGE, 0x10, 0), -EFAULT);
	EXPECT("dma_alloc with a kernel phys pointer",
	       ask(A, DEVMEM_OP_DMA_ALLOC, PAGE, 0xffff800000000000ULL, 0), -EFAULT);
	EXPECT("free frames after the refused calls: change", kstat_now().free_frames - before, 0);
	for (int i = 0; i < 4; i++)
		held += (r = ask(A, DEVMEM_OP_DMA_ALLOC, DMA_ALLOC_MAX, 0, 0)) > 0;
	EXPECT("DMA_ALLOC_MAX buffers held up to DMA_HELD_MAX", held, DMA_HELD_MAX / DMA_ALLOC_MAX);
	EXPECT("one page more than DMA_HELD_MAX", ask(A, DEVMEM_OP_DMA_ALLOC, PAGE, 0, 0), -ENOMEM);
}

/* Two framebuffer mappings and four buffers are held: the rest of the
 * window's slots take one more mapping each, then it is full. */
static void window_full(void)
{
	long maps = 0;

	while (maps < CHAPPE_DEVICE_SLOTS && ask(A, DEVMEM_OP_MMIO_MAP, fb.base, PAGE, 0) > 0)
		maps++;
	EXPECT("more mappings until the device window is full", maps, CHAPPE_DEVICE_SLOTS - 6);
	EXPECT("one more mapping", ask(A, DEVMEM_OP_MMIO_MAP, fb.base, PAGE, 0), -ENOMEM);
}

int main(void)
{
	long twin;
	uint64_t before;

	check_start("mmio_dma_check");
	if (server_await(A, 5000) || server_await(B, 5000))
		printf("mmio_dma_check: the drivers are not both served\n");
	EXPECT("the firmware framebuffer is a device", find_fb(), 1);
	owner_of_nothing();
	not_owner();
	twin = twin_footprint();
	before = kstat_now().free_frames;
	map_errors();
	map_fb();
	dma_basics();
	dma_limits();
	window_full();
	driver_exits(A);
	EXPECT("frames A's exit gave back less its twin's footprint",
	       (long)(kstat_now().free_frames - before) - twin, 0);
	return check_finish();
}
