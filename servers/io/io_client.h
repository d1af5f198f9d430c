/* SPDX-License-Identifier: BSD-2-Clause */
/* The io server's client library: io's own requests as plain functions. */
#pragma once

/* Open device "null" or "console" as a new fd; returns it, or -errno. */
int io_devopen(const char *name);

/* For the memory server: the child of a fork gets a copy of the parent's fds. */
int io_fork(int parent, int child);
