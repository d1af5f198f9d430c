/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/selftest.h>

#include <arch/x86_64/cpu.h>
#include <core/console.h>
#include <core/guard.h>
#include <core/kconfig.h>
#include <string/string.h>
#include <mm/devmem.h>
#include <mm/frame.h>
#include <mm/kstack.h>
#include <mm/kvm.h>
#include <mm/layout.h>

/* Never RAM: the last page of the direct-map window. */
#define UNMAPPED_KERNEL_VA (KERNEL_HHDM_BASE + KERNEL_HHDM_LIMIT - 4096)
#define SCRATCH_VA (KERNEL_MMIO_BASE + KERNEL_MMIO_SIZE - 4096)

/* A known address for the faulting instruction, so the test can match RIP. */
void selftest_ud2_site(void);
__asm__(".text\n.globl selftest_ud2_site\nselftest_ud2_site:\n\tud2\n");

static int test_banner(void)
{
	return 0;
}

static int test_ud(void)
{
	kprintf("selftest ud: executing ud2 at 0x%016lx\n", (uint64_t)selftest_ud2_site);
	selftest_ud2_site();
	return 1;
}

static int test_pf(void)
{
	volatile uint64_t *p = (volatile uint64_t *)UNMAPPED_KERNEL_VA;

	kprintf("selftest pf: reading unmapped 0x%016lx\n", (uint64_t)p);
	return (int)*p | 1;
}

/* The limit is far past any stack: only the guard page can stop this. */
static __attribute__((noinline)) uint64_t recurse(uint64_t depth)
{
	volatile uint8_t pad[512];

	pad[depth % sizeof pad] = (uint8_t)depth;
	if (depth > (1ULL << 40))
		return pad[0];
	return recurse(depth + 1) + pad[depth % sizeof pad];
}

static int test_stack_overflow(void)
{
	kprintf("selftest stack: recursing until the stack hits its guard page\n");
	return (int)recurse(0);
}

/* Plant a violation, check the checker sees it, then undo it. */
static int expect_caught(const char *what, uint64_t (*field)(const struct guard_report *))
{
	struct guard_report r;

	guard_check(kvm_root(), &r);
	int caught = field(&r) > 0 && !guard_report_clean(&r);
	kprintf("guard selftest: planted %s %s\n", what, caught ? "caught" : "MISSED");
	return !caught;
}

static uint64_t wx_of(const struct guard_report *r)
{
	return r->wx_pages;
}
static uint64_t user_of(const struct guard_report *r)
{
	return r->kernel_user_entries;
}
static uint64_t guard_of(const struct guard_report *r)
{
	return r->guards_mapped;
}

static int plant_wx(void)
{
	uint64_t pa = frame_alloc_zeroed();
	int bad;

	pt_map(&kvm_pt_ops, kvm_root(), SCRATCH_VA, pa, PTE_W, PT_PAGE_4K);
	bad = expect_caught("W+X page", wx_of);
	pt_unmap(&kvm_pt_ops, kvm_root(), SCRATCH_VA);
	invlpg(SCRATCH_VA);
	frame_free(pa);
	return bad;
}

static int plant_user_bit(void)
{
	uint64_t *pml4 = kvm_pt_ops.table(0, kvm_root());
	unsigned i = pt_index(KERNEL_IMAGE_BASE, 3);
	int bad;

	pml4[i] |= PTE_U;
	bad = expect_caught("USER bit on a kernel PML4 entry", user_of);
	pml4[i] &= ~PTE_U;
	return bad;
}

static int plant_mapped_guard(void)
{
	struct kstack ks;
	uint64_t pa = frame_alloc_zeroed();
	int bad;

	if (kstack_alloc(&ks))
		return 1;
	pt_map(&kvm_pt_ops, kvm_root(), ks.guard, pa, PTE_W | PTE_NX, PT_PAGE_4K);
	bad = expect_caught("mapped stack guard page", guard_of);
	pt_unmap(&kvm_pt_ops, kvm_root(), ks.guard);
	invlpg(ks.guard);
	frame_free(pa);
	kstack_free(&ks);
	return bad;
}

static int test_guard(void)
{
	struct guard_report r;
	int bad = plant_wx() + plant_user_bit() + plant_mapped_guard();

	guard_check(kvm_root(), &r);
	kprintf("guard selftest: tables clean again: %s\n", guard_report_clean(&r) ? "yes" : "no");
	return bad || !guard_report_clean(&r);
}

/* Chain every free frame through its own first word, check, give all back. */
static int test_memory(void)
{
	uint64_t before = frame_free_count(), head = 0, n = 0, above4g = 0, bad = 0;

	for (uint64_t pa; (pa = frame_alloc()); n++) {
		uint64_t *w = phys_to_virt(pa);
		w[0] = head, w[1] = ~pa;
		head = pa;
		above4g += pa >= (1ULL << 32);
	}
	for (uint64_t pa = head, next; pa; pa = next) {
		uint64_t *w = phys_to_virt(pa);
		next = w[0];
		bad += w[1] != ~pa;
		frame_free(pa);
	}
	kprintf("memtest: frames=%lu (%lu MiB) above4g=%lu corrupt=%lu free before=%lu after=%lu\n",
		n, n / 256, above4g, bad, before, frame_free_count());
	return bad || n != before || frame_free_count() != before;
}

/* ---- hardening (LKDTM-style): each must end in a #PF panic ------------- */

#define USER_PROBE_VA 0x10000000ULL
static uint8_t data_ret[16] = {0xc3}; /* `ret` in writable kernel data */
static const uint64_t rodata_word = 0x5ca1ab1e;

/* A user page (USER bit, executable) holding `ret`, in the live tables. */
static void (*map_user_page(void))(void)
{
	uint64_t pa = frame_alloc_zeroed();

	*(uint8_t *)phys_to_virt(pa) = 0xc3;
	pt_map(&kvm_pt_ops, kvm_root(), USER_PROBE_VA, pa, PTE_U, PT_PAGE_4K);
	invlpg(USER_PROBE_VA);
	return (void (*)(void))USER_PROBE_VA;
}

static int test_smep(void)
{
	void (*fn)(void) = map_user_page();

	kprintf("selftest smep: kernel calls user page 0x%016lx\n", (uint64_t)fn);
	fn();
	return 1;
}

static int test_smap(void)
{
	volatile uint8_t *p = (volatile uint8_t *)map_user_page();

	kprintf("selftest smap: kernel reads user page 0x%016lx\n", (uint64_t)p);
	return *p | 1;
}

static int test_nx_data(void)
{
	void (*fn)(void) = (void (*)(void))(uintptr_t)data_ret;

	kprintf("selftest nx_data: kernel calls its data at 0x%016lx\n", (uint64_t)fn);
	fn();
	return 1;
}

static int test_nx_stack(void)
{
	volatile uint8_t code[16] = {0xc3};
	void (*fn)(void) = (void (*)(void))(uintptr_t)code;

	kprintf("selftest nx_stack: kernel calls its stack at 0x%016lx\n", (uint64_t)fn);
	fn();
	return 1;
}

static int test_rodata_write(void)
{
	volatile uint64_t *p = (volatile uint64_t *)&rodata_word;

	kprintf("selftest rodata_write: kernel writes rodata at 0x%016lx\n", (uint64_t)p);
	*p = 0;
	return 1;
}

struct selftest {
	const char *name;
	int (*fn)(void);
};

static const struct selftest selftests[] = {
    {"banner", test_banner},
    {"ud", test_ud},
    {"pf", test_pf},
    {"stack", test_stack_overflow},
    {"guard", test_guard},
    {"memory", test_memory},
    {"smep", test_smep},
    {"smap", test_smap},
    {"nx_data", test_nx_data},
    {"nx_stack", test_nx_stack},
    {"rodata_write", test_rodata_write},
    {"devmem", devmem_selftest},
};

int selftest_exists(const char *name)
{
	for (unsigned i = 0; i < sizeof selftests / sizeof selftests[0]; i++)
		if (!strcmp(selftests[i].name, name))
			return 1;
	return 0;
}

void selftest_run(const char *name)
{
	for (unsigned i = 0; i < sizeof selftests / sizeof selftests[0]; i++) {
		if (strcmp(selftests[i].name, name))
			continue;
		int failed = selftests[i].fn();
		kprintf_color(failed ? CONSOLE_RED : CONSOLE_GREEN, "selftest %s: %s\n", name,
			      failed ? "FAIL" : "PASS");
		qemu_exit(failed ? QEMU_EXIT_FAIL : QEMU_EXIT_PASS);
	}
	kprintf_color(CONSOLE_RED, "selftest %s: no such test\n", name);
	qemu_exit(QEMU_EXIT_FAIL);
}
