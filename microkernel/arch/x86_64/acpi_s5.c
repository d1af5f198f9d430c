/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Just enough AML (ACPI 6.5, 20.2) to read \_S5 without an interpreter:
 * the name, a PackageOp with its PkgLength, NumElements, and two integer
 * constants. Anything else is no \_S5: the firmware's bytes are input,
 * and every read is checked against what is left of the table.
 */
#include <arch/x86_64/acpi_s5.h>

#define AML_NAME_OP 0x08
#define AML_ROOT_CHAR 0x5c
#define AML_PACKAGE_OP 0x12
#define AML_ZERO_OP 0x00
#define AML_ONE_OP 0x01
#define AML_BYTE_PREFIX 0x0a
#define AML_ONES_OP 0xff

/* A window of the table: what a decoder may still read. */
struct aml {
	const uint8_t *p;
	size_t left;
};

static int take(struct aml *a, size_t n)
{
	if (n > a->left)
		return -1;
	a->p += n;
	a->left -= n;
	return 0;
}

/* PkgLength: the lead byte's top two bits count the bytes after it (their
 * lead byte then gives only its low nibble). The length counts itself;
 * a is moved past it. */
static int pkg_length(struct aml *a, size_t *len)
{
	if (a->left == 0)
		return -1;
	size_t follow = a->p[0] >> 6, v = a->p[0] & (follow ? 0x0f : 0x3f);
	if (follow >= a->left || (follow && (a->p[0] & 0x30)))
		return -1;
	for (size_t i = 1; i <= follow; i++)
		v |= (size_t)a->p[i] << (4 + 8 * (i - 1));
	*len = v;
	return take(a, follow + 1);
}

/* One integer constant a sleep type can be. */
static int small_int(struct aml *a, uint8_t *out)
{
	if (a->left == 0)
		return -1;
	uint8_t op = a->p[0];
	if (op == AML_BYTE_PREFIX) {
		if (a->left < 2)
			return -1;
		*out = a->p[1];
		return take(a, 2);
	}
	if (op != AML_ZERO_OP && op != AML_ONE_OP && op != AML_ONES_OP)
		return -1;
	*out = op;
	return take(a, 1);
}

/* The package whose PackageOp a starts at: its first two elements, which
 * must lie inside the package as well as inside the table. */
static int sleep_package(struct aml a, struct acpi_sleep_types *out)
{
	size_t len;

	if (a.left == 0 || a.p[0] != AML_PACKAGE_OP || take(&a, 1))
		return -1;
	struct aml start = a;
	if (pkg_length(&a, &len) || len > start.left || len < (size_t)(a.p - start.p))
		return -1;
	struct aml body = {a.p, len - (size_t)(a.p - start.p)};
	if (body.left == 0 || body.p[0] < 2 || take(&body, 1)) /* NumElements */
		return -1;
	return small_int(&body, &out->a) || small_int(&body, &out->b) ? -1 : 0;
}

/* "_S5_" at i, named by a NameOp (and perhaps the root prefix) before it. */
static int named_s5(const uint8_t *aml, size_t i)
{
	if (aml[i] != '_' || aml[i + 1] != 'S' || aml[i + 2] != '5' || aml[i + 3] != '_')
		return 0;
	if (i >= 1 && aml[i - 1] == AML_NAME_OP)
		return 1;
	return i >= 2 && aml[i - 1] == AML_ROOT_CHAR && aml[i - 2] == AML_NAME_OP;
}

int acpi_s5_find(const uint8_t *aml, size_t len, struct acpi_sleep_types *out)
{
	for (size_t i = 1; len >= 4 && i <= len - 4; i++) {
		struct aml rest = {aml + i + 4, len - i - 4};
		if (named_s5(aml, i) && sleep_package(rest, out) == 0)
			return 0;
	}
	return -1;
}
