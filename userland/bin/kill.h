/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

/* kill(1)'s work, shared by /bin/kill and sh's builtin kill: its status. */
int kill_command(int argc, char **argv);
