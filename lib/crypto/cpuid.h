/* SPDX-License-Identifier: BSD-2-Clause */
/* CPUID for the crypto code's choice of instructions (the same answer in
 * user mode and on the host). */
#pragma once

#include <stdint.h>

static inline void crypto_cpuid(uint32_t leaf, uint32_t r[4])
{
	__asm__("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}
