/* SPDX-License-Identifier: BSD-2-Clause */
/* uartd: the COM1 driver, the serial console's both halves (docs/console.md). */
#pragma once

#define UART_SYS_ID 0x50
