/* SPDX-License-Identifier: BSD-2-Clause */
#include <arch/x86_64/fpu.h>

#include <arch/x86_64/cpu.h>
#include <core/panic.h>
#include <fmt/fmt.h>
#include <mm/frame.h>
#include <string/string.h>

#define CR0_MP (1ULL << 1)
#define CR0_EM (1ULL << 2)
#define CR0_TS (1ULL << 3)
#define CR0_NE (1ULL << 5)
#define CR4_OSFXSR (1ULL << 9)
#define CR4_OSXMMEXCPT (1ULL << 10)
#define CR4_OSXSAVE (1ULL << 18)
#define CPUID1_XSAVE (1u << 26)
/* x87, SSE, AVX and the three AVX-512 parts: register state only. MPX and
 * PKRU are left off (PKRU would need its own policy across processes). */
#define XCR0_WANTED 0xe7ULL
#define FCW_INIT 0x37f
#define MXCSR_INIT 0x1f80
#define AREA_MAX 4096

enum fpu_mode fpu_mode = FPU_FXSAVE;
uint64_t fpu_xcr0;
uint32_t fpu_xcr0_lo, fpu_xcr0_hi;
static uint32_t area_size = 512;     /* FXSAVE's */
static uint32_t mxcsr_mask = 0xffbf; /* the SDM's value when FXSAVE reports 0 */
static char description[64];

static void xsetbv(uint32_t reg, uint64_t v)
{
	__asm__ volatile("xsetbv" ::"c"(reg), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

/* The modes a CPU without XSAVEOPT has (fpu_save and fpu_switch do the
 * common one). */
void fpu_save_slow(void *area)
{
	if (fpu_mode == FPU_XSAVE)
		__asm__ volatile("xsave64 (%0)" ::"r"(area), "a"(fpu_xcr0_lo), "d"(fpu_xcr0_hi)
				 : "memory");
	else
		__asm__ volatile("fxsave64 (%0)" ::"r"(area) : "memory");
}

void fpu_switch_slow(void *save, const void *load)
{
	if (save)
		fpu_save(save);
	if (fpu_mode != FPU_FXSAVE)
		__asm__ volatile("xrstor64 (%0)" ::"r"(load), "a"(fpu_xcr0_lo), "d"(fpu_xcr0_hi)
				 : "memory");
	else
		__asm__ volatile("fxrstor64 (%0)" ::"r"(load) : "memory");
}

static void pick_xsave(void)
{
	struct cpuid_regs d = cpuid(0xd, 0);

	fpu_xcr0 = ((uint64_t)d.d << 32 | d.a) & XCR0_WANTED;
	fpu_xcr0_lo = (uint32_t)fpu_xcr0, fpu_xcr0_hi = (uint32_t)(fpu_xcr0 >> 32);
	xsetbv(0, fpu_xcr0);
	d = cpuid(0xd, 0); /* ebx: the size for what XCR0 now enables */
	if (d.b > AREA_MAX)
		panic("fpu: XSAVE area of %u bytes does not fit a frame", d.b);
	area_size = d.b;
	fpu_mode = cpuid(0xd, 1).a & 1 ? FPU_XSAVEOPT : FPU_XSAVE;
}

static void learn_mxcsr_mask(void)
{
	static uint8_t legacy[512] __attribute__((aligned(16)));

	__asm__ volatile("fxsave64 (%0)" ::"r"(legacy) : "memory");
	if (*(uint32_t *)(legacy + 28))
		mxcsr_mask = *(uint32_t *)(legacy + 28);
}

void fpu_init(void)
{
	int xsave = (cpuid(1, 0).c & CPUID1_XSAVE) != 0;

	/* Never trust the firmware's values: no emulation, no lazy trap. */
	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT | (xsave ? CR4_OSXSAVE : 0));
	if (xsave)
		pick_xsave();
	learn_mxcsr_mask();
	static const char *const names[] = {"FXSAVE", "XSAVE", "XSAVEOPT"};

	fmt_snprintf(description, sizeof description, "%s, %u-byte state, XCR0 0x%lx",
		     names[fpu_mode], area_size, fpu_xcr0);
}

const char *fpu_describe(void)
{
	return description;
}

/* The initial state: x87 control word and MXCSR at their reset values,
 * every register zero; with XSAVE, XSTATE_BV 0 makes XRSTOR load the
 * initial state of each component. */
void fpu_area_reset(void *area)
{
	uint8_t *a = area;

	memset(a, 0, area_size);
	*(uint16_t *)a = FCW_INIT;
	*(uint32_t *)(a + 24) = MXCSR_INIT;
}

void *fpu_area_new(void)
{
	uint64_t pa = frame_alloc();
	void *area = pa ? phys_to_virt(pa) : 0;

	if (area)
		fpu_area_reset(area);
	return area;
}

void fpu_area_copy(void *to, const void *from)
{
	memcpy(to, from, area_size);
}

void fpu_area_free(void *area)
{
	frame_free((uint64_t)area - KERNEL_HHDM_BASE);
}

uint32_t fpu_area_size(void)
{
	return area_size;
}

void fpu_load(const void *area)
{
	if (fpu_mode != FPU_FXSAVE)
		__asm__ volatile("xrstor64 (%0)" ::"r"(area), "a"(fpu_xcr0_lo), "d"(fpu_xcr0_hi)
				 : "memory");
	else
		__asm__ volatile("fxrstor64 (%0)" ::"r"(area) : "memory");
}

#define XSAVE_HEADER 512
#define XSAVE_HEADER_SIZE 64

int fpu_area_valid(const void *area)
{
	const uint8_t *a = area;
	uint64_t xstate_bv, xcomp_bv;

	if (*(const uint32_t *)(a + 24) & ~mxcsr_mask)
		return 0;
	if (fpu_mode == FPU_FXSAVE)
		return 1;
	memcpy(&xstate_bv, a + XSAVE_HEADER, 8);
	memcpy(&xcomp_bv, a + XSAVE_HEADER + 8, 8);
	if (xstate_bv & ~fpu_xcr0 || xcomp_bv)
		return 0;
	for (int i = 16; i < XSAVE_HEADER_SIZE; i++)
		if (a[XSAVE_HEADER + i])
			return 0;
	return 1;
}
