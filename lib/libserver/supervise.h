/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Starting a server one supervises (bc_supervise): the child must not try
 * to register before the reservation names it, or it is refused, so the
 * child waits until the parent has made it the heir.
 */
#pragma once

#include <stdint.h>

/* fork() for a supervised server: the parent gets the child's pid once
 * sys_id is reserved for it, the child gets 0 after that; -errno (in the
 * parent) when fork or the reservation fails, the child then gone. */
int supervise_fork(uint8_t sys_id);
/* The same for a driver: before the child runs on, it is allowed to claim
 * what device matches (dev_allow; init only). */
struct dev_match;
int supervise_fork_driver(uint8_t sys_id, const struct dev_match *device);
