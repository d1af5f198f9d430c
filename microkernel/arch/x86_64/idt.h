/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#define IDT_VECTORS 256
#define VECTOR_TIMER 0x30
#define VECTOR_SPURIOUS 0xff

void idt_init(void);
