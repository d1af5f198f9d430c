/* SPDX-License-Identifier: BSD-2-Clause */
/* fbcond: the framebuffer console driver (docs/console.md). */
#pragma once

#define FBCON_SYS_ID 0x52
