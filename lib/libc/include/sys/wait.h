/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <abi/wait.h> /* WNOHANG, WEXITSTATUS, WTERMSIG, WIFEXITED, WIFSIGNALED */

#include <unistd.h>

pid_t wait4(pid_t pid, int *status, int options, void *rusage);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);
