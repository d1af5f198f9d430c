/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;
typedef int pid_t;

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

ssize_t write(int fd, const void *buf, size_t n);
ssize_t read(int fd, void *buf, size_t n);
pid_t getpid(void);
pid_t getppid(void);
int sched_yield(void);
__attribute__((noreturn)) void _exit(int status);
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int brk(void *addr);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);
int close(int fd);
int dup(int fd);
int dup2(int from, int to);
int pipe(int fds[2]);
typedef int64_t off_t;
off_t lseek(int fd, off_t offset, int whence);
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
int rmdir(const char *path);
int unlink(const char *path);
void *sbrk(intptr_t incr);
