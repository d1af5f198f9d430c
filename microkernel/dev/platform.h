/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

struct bootfb;

/* COM1, the PS/2 controller and the firmware framebuffer, when present. */
void platform_devices_add(const struct bootfb *fb);
