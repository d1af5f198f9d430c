/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * \_S5's sleep types from a DSDT's AML, for powering off (arch/power.c).
 * Pure bytes in, no kernel state: the host unit test feeds it garbage.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* SLP_TYPa and SLP_TYPb, as the package gives them (the PM1 control
 * registers' field takes the low 3 bits). */
struct acpi_sleep_types {
	uint8_t a, b;
};

/* The first `Name (_S5, Package () {a, b, ...})` lying wholly inside
 * aml[0, len): 0 and *out; -1 when there is none. Never reads outside. */
int acpi_s5_find(const uint8_t *aml, size_t len, struct acpi_sleep_types *out);
