/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * \_S5 from DSDT bytes (microkernel/arch/x86_64/acpi_s5.c): the forms
 * firmware writes decode, and truncated or garbage AML is refused without
 * a read outside the table: every table here ends (or starts) right at an
 * inaccessible page, so a stray read is a crash, not a pass.
 */
#define _DEFAULT_SOURCE
#include <arch/x86_64/acpi_s5.h>

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

static uint8_t *window; /* one readable page between two inaccessible ones */
static size_t page;

static void guard_init(void)
{
	page = (size_t)sysconf(_SC_PAGESIZE);
	uint8_t *m = mmap(0, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED || mprotect(m, page, PROT_NONE) ||
	    mprotect(m + 2 * page, page, PROT_NONE))
		exit(2);
	window = m + page;
}

/* The bytes placed so their last one is the page's last (at_start: their
 * first the page's first), then parsed. */
static int parse(const uint8_t *aml, size_t len, int at_start, struct acpi_sleep_types *out)
{
	uint8_t *p = at_start ? window : window + page - len;

	memcpy(p, aml, len);
	return acpi_s5_find(p, len, out);
}

/* Both placements agree, and give a and b. */
static int decodes_to(const uint8_t *aml, size_t len, int a, int b)
{
	struct acpi_sleep_types t1 = {0xee, 0xee}, t2 = {0xee, 0xee};
	int r1 = parse(aml, len, 0, &t1), r2 = parse(aml, len, 1, &t2);

	return r1 == 0 && r2 == 0 && t1.a == a && t1.b == b && t2.a == a && t2.b == b;
}

static int refused(const uint8_t *aml, size_t len)
{
	struct acpi_sleep_types t;

	return parse(aml, len, 0, &t) == -1 && parse(aml, len, 1, &t) == -1;
}

/* What QEMU's q35 DSDT holds: Name (_S5, Package (0x04) {Zero, Zero, Zero, Zero}). */
static const uint8_t qemu_s5[] = {0x08, '_',  'S',  '5',  '_',	0x12,
				  0x06, 0x04, 0x00, 0x00, 0x00, 0x00};
/* A PC's: Name (\_S5, Package () {0x07, 0x05, Zero, Zero}), byte constants. */
static const uint8_t pc_s5[] = {0x08, '\\', '_',  'S',	'5',  '_',  0x12, 0x08,
				0x04, 0x0a, 0x07, 0x0a, 0x05, 0x00, 0x00};
/* One and Ones (0xff: the field takes its low bits). */
static const uint8_t ones_s5[] = {0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0x01, 0xff};

static void test_forms(void)
{
	CHECK(decodes_to(qemu_s5, sizeof qemu_s5, 0, 0));
	CHECK(decodes_to(pc_s5, sizeof pc_s5, 7, 5));
	CHECK(decodes_to(ones_s5, sizeof ones_s5, 1, 0xff));
}

/* A package longer than 63 bytes has a two-byte PkgLength. */
static void test_long_package(void)
{
	uint8_t aml[128] = {0x08, '_', 'S', '5', '_', 0x12};
	size_t body = 100; /* PkgLength (2) + NumElements + elements */

	aml[6] = (uint8_t)(0x40 | (body & 0x0f));
	aml[7] = (uint8_t)(body >> 4);
	aml[8] = 0x30; /* elements, most of them Zero */
	aml[9] = 0x0a;
	aml[10] = 0x03;
	aml[11] = 0x01;
	CHECK(decodes_to(aml, 6 + body, 3, 1));
	CHECK(refused(aml, 6 + body - 1)); /* the package runs past the table */
	aml[6] |= 0x10;			   /* a reserved bit of a long lead byte */
	CHECK(refused(aml, 6 + body));
}

/* Every table cut short of the package's end has no \_S5. */
static void test_truncated(void)
{
	const uint8_t *all[] = {qemu_s5, pc_s5, ones_s5};
	const size_t lens[] = {sizeof qemu_s5, sizeof pc_s5, sizeof ones_s5};
	int all_refused = 1;

	for (int k = 0; k < 3; k++)
		for (size_t n = 0; n < lens[k]; n++)
			all_refused &= refused(all[k], n);
	CHECK(all_refused);
}

static void test_malformed(void)
{
	uint8_t aml[sizeof pc_s5];
	const struct {
		size_t at;
		uint8_t value;
	} breaks[] = {
	    {0, 0x14},	/* a MethodOp, not a NameOp: a reference, not the object */
	    {6, 0x13},	/* VarPackageOp */
	    {7, 0x01},	/* PkgLength shorter than itself and NumElements */
	    {7, 0x3f},	/* PkgLength past the table */
	    {8, 0x01},	/* one element */
	    {9, 0x0b},	/* a WordPrefix */
	    {11, 0x5b}, /* the second element is no constant */
	};
	int all_refused = 1;

	for (size_t k = 0; k < sizeof breaks / sizeof breaks[0]; k++) {
		memcpy(aml, pc_s5, sizeof aml);
		aml[breaks[k].at] = breaks[k].value;
		all_refused &= refused(aml, sizeof aml);
	}
	CHECK(all_refused);
}

/* Packages whose last byte, and the table's, is a BytePrefix: its value
 * would be the first byte past both. */
static void test_prefix_at_end(void)
{
	static const uint8_t first[] = {0x08, '_', 'S', '5', '_', 0x12, 0x03, 0x02, 0x0a};
	static const uint8_t second[] = {0x08, '_',  'S',  '5',	 '_', 0x12,
					 0x05, 0x02, 0x0a, 0x07, 0x0a};

	CHECK(refused(first, sizeof first));
	CHECK(refused(second, sizeof second));
}

/* A bad _S5_ first does not hide a good one after it; the first good wins. */
static void test_first_good_wins(void)
{
	uint8_t aml[64];
	size_t n = 0;

	memcpy(aml + n, "\x08_S5_\x12\x3f\x04", 8); /* claims 63 bytes: past the end */
	n += 8;
	memcpy(aml + n, pc_s5, sizeof pc_s5);
	n += sizeof pc_s5;
	memcpy(aml + n, ones_s5, sizeof ones_s5);
	n += sizeof ones_s5;
	CHECK(decodes_to(aml, n, 7, 5));
}

/* Random bytes, many with "_S5_", a NameOp and a PackageOp planted: the
 * answer is whatever it is, but no read leaves the table. */
static void test_garbage(void)
{
	uint64_t seed = 0x5eed5;
	uint8_t aml[256];
	struct acpi_sleep_types t;
	int found = 0;

	for (int round = 0; round < 200000; round++) {
		size_t len = check_random(&seed) % sizeof aml;
		for (size_t i = 0; i < len; i++)
			aml[i] = (uint8_t)check_random(&seed);
		if (len > 8 && round % 2) {
			size_t at = check_random(&seed) % (len - 7);
			memcpy(aml + at, "\x08_S5_\x12", 6);
			aml[at + 6] &= 0x7f; /* short PkgLengths more often */
		}
		found += parse(aml, len, round % 4 < 2, &t) == 0;
	}
	printf("garbage: %d of 200000 random tables held a well-formed \\_S5\n", found);
	CHECK(found > 0); /* the planted ones sometimes are: the search reached them */
}

int main(void)
{
	guard_init();
	test_forms();
	test_long_package();
	test_truncated();
	test_malformed();
	test_prefix_at_end();
	test_first_good_wins();
	test_garbage();
	return check_summary("unit_acpi_s5");
}
