/* SPDX-License-Identifier: BSD-2-Clause */
/* A server's one alarm (bc_alarm, docs/syscalls.md): a notice when its time comes. */
#pragma once

#include <stdint.h>

/* Arm sys_id's alarm ms milliseconds from now (0: disarm): 0, or -EINVAL
 * past BC_ALARM_MAX_MS. An armed alarm is replaced. */
int64_t alarm_set(uint8_t sys_id, uint64_t ms);
void alarm_cancel(uint8_t sys_id);
/* Every timer tick: post the notices that are due. */
void alarm_tick(uint64_t now);
