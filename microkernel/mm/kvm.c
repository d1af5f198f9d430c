/* SPDX-License-Identifier: BSD-2-Clause */
#include <mm/kvm.h>

#include <arch/x86_64/cpu.h>
#include <core/panic.h>
#include <mm/frame.h>
#include <mm/layout.h>

/* PAT slot 1 (PWT alone) becomes write-combining (PTE_CACHE_WC); slot 3
 * stays uncached (PTE_CACHE_UC). */
#define PAT_VALUE 0x0007040600070106ULL

static uint64_t root;
static uint64_t mmio_next = KERNEL_MMIO_BASE;
static const struct bootinfo *boot;
static char protections[48];
static char missing[48]; /* what this CPU does not offer */

static uint64_t kvm_alloc_table(void *ctx)
{
	(void)ctx;
	return frame_alloc_zeroed();
}

static uint64_t *kvm_table(void *ctx, uint64_t pa)
{
	(void)ctx;
	return phys_to_virt(pa);
}

const struct pt_ops kvm_pt_ops = {kvm_alloc_table, kvm_table, 0};

uint64_t kvm_image_phys(uint64_t va)
{
	return boot->kernel_phys_base + (va - KERNEL_IMAGE_BASE);
}

static void map_or_panic(uint64_t va, uint64_t pa, uint64_t size, uint64_t flags, unsigned leaf)
{
	if (pt_map_range(&kvm_pt_ops, root, va, pa, size, flags, leaf))
		panic("kvm: cannot map 0x%lx (+0x%lx): out of memory or overlap", (unsigned long)va,
		      (unsigned long)size);
}

static void map_image_part(char *start, char *end, uint64_t flags)
{
	uint64_t va = (uint64_t)start;

	map_or_panic(va, kvm_image_phys(va), (uint64_t)(end - start), flags | PTE_G, PT_PAGE_4K);
}

static void map_direct(uint64_t phys_end)
{
	unsigned leaf = (cpuid(0x80000001, 0).d >> 26) & 1 ? PT_PAGE_1G : PT_PAGE_2M;
	uint64_t size = (phys_end + (1ULL << 30) - 1) & ~((1ULL << 30) - 1);

	map_or_panic(KERNEL_HHDM_BASE, 0, size, PTE_W | PTE_NX | PTE_G, leaf);
}

static void append_to(char *list, const char *word)
{
	char *p = list;

	while (*p)
		p++;
	if (p != list)
		*p++ = ' ';
	while (*word)
		*p++ = *word++;
	*p = '\0';
}

static uint64_t offer(int has, uint64_t bit, const char *name)
{
	append_to(has ? protections : missing, name);
	return has ? bit : 0;
}

uint8_t kvm_smap_on; /* uaccess.S opens user pages with STAC only where SMAP is on */

/* Turn on every protection the CPU offers; report which ones are live and
 * which are absent, so nobody believes in a protection that is not there. */
static void enable_protections(void)
{
	struct cpuid_regs l7 = cpuid(7, 0);
	uint64_t cr4 = read_cr4() | CR4_PGE;

	append_to(protections, "NX WP");
	cr4 |= offer(l7.b & (1u << 7), CR4_SMEP, "SMEP");
	cr4 |= offer(l7.b & (1u << 20), CR4_SMAP, "SMAP");
	kvm_smap_on = (cr4 & CR4_SMAP) != 0;
	cr4 |= offer(l7.c & (1u << 2), CR4_UMIP, "UMIP");
	write_cr4(cr4);
}

/* Top-level tables for every kernel region exist before any process copies
 * the kernel half, so later kernel mappings reach all address spaces. */
static void ensure_pml4_entry(uint64_t va)
{
	uint64_t *pml4 = kvm_table(0, root), *e = &pml4[pt_index(va, 3)];

	if (*e & PTE_P)
		return;
	uint64_t pa = frame_alloc_zeroed();
	if (!pa)
		panic("kvm: no frame for a kernel page table");
	*e = pa | PTE_P | PTE_W;
}

void kvm_init(const struct bootinfo *bi)
{
	boot = bi;
	root = frame_alloc_zeroed();
	if (!root)
		panic("kvm: no frame for the kernel PML4");
	map_direct(frame_stats()->phys_end);
	map_image_part(__text_start, __text_end, 0);
	map_image_part(__rodata_start, __rodata_end, PTE_NX);
	map_image_part(__data_start, __bss_end, PTE_W | PTE_NX);
	ensure_pml4_entry(KERNEL_MMIO_BASE);
	ensure_pml4_entry(KERNEL_STACK_BASE);
	wrmsr(MSR_PAT, PAT_VALUE);
	write_cr0(read_cr0() | CR0_WP);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	write_cr3(root);
	enable_protections();
}

uint64_t kvm_root(void)
{
	return root;
}

void *kvm_map_mmio(uint64_t phys, uint64_t size, enum kvm_cache cache)
{
	uint64_t off = phys & 0xfff, base = phys - off, va = mmio_next;
	uint64_t len = (size + off + 0xfff) & ~0xfffULL;
	uint64_t flags =
	    PTE_W | PTE_NX | PTE_G | (cache == KVM_UNCACHED ? PTE_CACHE_UC : PTE_CACHE_WC);

	if (len > KERNEL_MMIO_BASE + KERNEL_MMIO_SIZE - va)
		panic("kvm: MMIO window exhausted");
	map_or_panic(va, base, len, flags, PT_PAGE_4K);
	mmio_next += len + 0x1000; /* an unmapped page between windows */
	return (void *)(va + off);
}

int kvm_is_mapped(uint64_t va)
{
	unsigned level;

	if (!root)
		return 0;
	return pt_lookup(&kvm_pt_ops, read_cr3() & PTE_ADDR_MASK, va, &level) != 0;
}

const char *kvm_protections(void)
{
	return protections;
}

const char *kvm_protections_missing(void)
{
	return missing;
}
