/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one list of Chapp-E system calls. Everything else is generated from
 * it with X-macros: the SYS_* numbers below, the kernel's routing table
 * (microkernel/bc/route.c) and the user-side stubs (lib/libc/usys.S).
 *
 * X(name, number, owner, nargs, priv): owner is CORE for calls the kernel
 * answers itself, or the SYS_ID of the server the Brain Controller forwards
 * the call to; nargs is how many register arguments the call takes; priv is
 * what the caller must be, checked once at dispatch (-EPERM otherwise):
 * NONE anyone, SERVING any process that serves a SYS_ID (a driver too),
 * SERVER the server capability (a boot server), DEVICE_GRANT
 * the device-grant capability (init), INIT init itself, POWER the power
 * capability (init and what it forks). Forwarded calls are NONE: their
 * server decides.
 * POSIX numbers are OpenBSD's (sys/syscall.h); Chapp-E's own start at 0x200,
 * past all of OpenBSD's (256..331: pipe is 263, sched_yield 298).
 */
#pragma once

#define SYSCALLS_POSIX(X)                                                                          \
	X(exit, 1, CORE, 1, NONE)                                                                  \
	X(fork, 2, MEMORY, 0, NONE)                                                                \
	X(read, 3, IO, 3, NONE)                                                                    \
	X(write, 4, IO, 3, NONE)                                                                   \
	X(open, 5, IO, 3, NONE)                                                                    \
	X(close, 6, IO, 1, NONE)                                                                   \
	X(unlink, 10, IO, 1, NONE)                                                                 \
	X(wait4, 11, CORE, 4, NONE)                                                                \
	X(chdir, 12, IO, 1, NONE)                                                                  \
	X(fchdir, 13, IO, 1, NONE)                                                                 \
	X(break, 17, CORE, 1, NONE)                                                                \
	X(getpid, 20, CORE, 0, NONE)                                                               \
	X(access, 33, IO, 2, NONE)                                                                 \
	X(sync, 36, IO, 0, NONE)                                                                   \
	X(stat, 38, IO, 2, NONE)                                                                   \
	X(getppid, 39, CORE, 0, NONE)                                                              \
	X(sigaction, 46, CORE, 3, NONE)                                                            \
	X(sigprocmask, 48, CORE, 2, NONE)                                                          \
	X(sigpending, 52, CORE, 0, NONE)                                                           \
	X(lstat, 40, IO, 2, NONE)                                                                  \
	X(dup, 41, IO, 1, NONE)                                                                    \
	X(fstat, 53, IO, 2, NONE)                                                                  \
	X(ioctl, 54, IO, 3, NONE)                                                                  \
	X(reboot, 55, CORE, 1, POWER)                                                              \
	X(execve, 59, EXEC, 3, NONE)                                                               \
	X(setitimer, 69, CORE, 3, NONE)                                                            \
	X(getitimer, 70, CORE, 2, NONE)                                                            \
	X(munmap, 73, MEMORY, 2, NONE)                                                             \
	X(mprotect, 74, MEMORY, 3, NONE)                                                           \
	X(getpgrp, 81, CORE, 0, NONE)                                                              \
	X(setpgid, 82, CORE, 2, NONE)                                                              \
	X(clock_gettime, 87, CORE, 2, NONE)                                                        \
	X(dup2, 90, IO, 2, NONE)                                                                   \
	X(nanosleep, 91, CORE, 2, NONE)                                                            \
	X(fsync, 95, IO, 1, NONE)                                                                  \
	X(getdents, 99, IO, 3, NONE)                                                               \
	X(sigreturn, 103, CORE, 1, NONE)                                                           \
	X(sigsuspend, 111, CORE, 1, NONE)                                                          \
	X(kill, 122, CORE, 2, NONE)                                                                \
	X(rename, 128, IO, 2, NONE)                                                                \
	X(mkdir, 136, IO, 2, NONE)                                                                 \
	X(rmdir, 137, IO, 1, NONE)                                                                 \
	X(setsid, 147, CORE, 0, NONE)                                                              \
	X(pread, 173, IO, 4, NONE)                                                                 \
	X(pwrite, 174, IO, 4, NONE)                                                                \
	X(getrlimit, 194, CORE, 2, NONE)                                                           \
	X(setrlimit, 195, CORE, 2, NONE)                                                           \
	X(mmap, 197, MEMORY, 6, NONE)                                                              \
	X(lseek, 199, IO, 3, NONE)                                                                 \
	X(getpgid, 207, CORE, 1, NONE)                                                             \
	X(getsid, 255, CORE, 1, NONE)                                                              \
	X(ftruncate, 201, IO, 2, NONE)                                                             \
	X(pipe, 263, IO, 1, NONE)                                                                  \
	X(sigaltstack, 288, CORE, 2, NONE)                                                         \
	X(__getcwd, 304, IO, 2, NONE)                                                              \
	X(sched_yield, 298, CORE, 0, NONE)

#define SYSCALLS_CHAPPE(X)                                                                         \
	X(bc_send, 0x200, CORE, 1, NONE)                                                           \
	X(bc_recv, 0x201, CORE, 1, NONE)                                                           \
	X(bc_call, 0x202, CORE, 1, NONE)                                                           \
	X(bc_reply, 0x203, CORE, 2, NONE)                                                          \
	X(bc_register, 0x204, CORE, 2, NONE)                                                       \
	X(bc_get_state, 0x205, CORE, 1, NONE)                                                      \
	X(bc_copy_from, 0x206, CORE, 4, NONE)                                                      \
	X(bc_copy_to, 0x207, CORE, 4, NONE)                                                        \
	X(console_write, 0x208, CORE, 3, SERVING)                                                  \
	X(bc_probe, 0x20a, CORE, 4, NONE)                                                          \
	X(bc_reply_recv, 0x20b, CORE, 3, NONE)                                                     \
	X(proc_fork, 0x20c, CORE, 1, SERVER)                                                       \
	X(vm_clone, 0x20d, CORE, 3, SERVER)                                                        \
	X(proc_start, 0x20e, CORE, 1, SERVER)                                                      \
	X(proc_abort, 0x20f, CORE, 1, SERVER)                                                      \
	X(vm_stage, 0x210, CORE, 2, SERVER)                                                        \
	X(vm_stage_map, 0x211, CORE, 4, SERVER)                                                    \
	X(vm_stage_write, 0x212, CORE, 4, SERVER)                                                  \
	X(proc_exec_commit, 0x213, CORE, 4, SERVER)                                                \
	X(bootarc_stat, 0x214, CORE, 1, SERVER)                                                    \
	X(bootarc_read, 0x215, CORE, 4, SERVER)                                                    \
	X(kstat, 0x216, CORE, 1, NONE)                                                             \
	X(proc_info, 0x217, CORE, 2, NONE)                                                         \
	X(vm_heap, 0x218, CORE, 2, SERVER)                                                         \
	X(bc_stat, 0x219, CORE, 2, NONE)                                                           \
	X(bc_supervise, 0x21a, CORE, 2, NONE)                                                      \
	X(proc_rlimit, 0x21e, CORE, 2, NONE)                                                       \
	X(irq_bind, 0x220, CORE, 1, NONE)                                                          \
	X(irq_ack, 0x221, CORE, 1, NONE)                                                           \
	X(dev_info, 0x222, CORE, 2, NONE)                                                          \
	X(dev_claim, 0x223, CORE, 1, NONE)                                                         \
	X(dev_allow, 0x224, CORE, 2, DEVICE_GRANT)                                                 \
	X(dev_irq, 0x225, CORE, 2, NONE)                                                           \
	X(io_ports, 0x226, CORE, 2, NONE)                                                          \
	X(mmio_map, 0x227, CORE, 3, NONE)                                                          \
	X(dma_alloc, 0x228, CORE, 2, NONE)                                                         \
	X(dma_free, 0x229, CORE, 1, NONE)                                                          \
	X(klog_read, 0x22a, CORE, 2, SERVER)                                                       \
	X(pci_config_read, 0x22b, CORE, 3, NONE)                                                   \
	X(pci_config_write, 0x22c, CORE, 4, NONE)                                                  \
	X(console_drained, 0x22d, CORE, 0, SERVER)                                                 \
	X(init_ready, 0x22e, CORE, 0, INIT)                                                        \
	X(bc_answer, 0x22f, CORE, 2, NONE)                                                         \
	X(bc_answer_recv, 0x230, CORE, 3, NONE)                                                    \
	X(bc_forward, 0x231, CORE, 5, NONE)                                                        \
	X(bc_call_grant, 0x232, CORE, 5, NONE)                                                     \
	X(bc_forward_recv, 0x233, CORE, 6, NONE)                                                   \
	X(bc_copy_between, 0x234, CORE, 5, NONE)                                                   \
	X(bc_answer_copy, 0x235, CORE, 6, NONE)                                                    \
	X(bc_alarm, 0x236, CORE, 1, NONE)                                                          \
	X(vm_map, 0x240, CORE, 6, SERVER)                                                          \
	X(vm_unmap, 0x241, CORE, 3, SERVER)                                                        \
	X(vm_protect, 0x242, CORE, 4, SERVER)                                                      \
	X(vm_regions, 0x243, CORE, 3, SERVER)

#define SYSCALLS(X) SYSCALLS_POSIX(X) SYSCALLS_CHAPPE(X)

#ifndef __ASSEMBLER__
#define SYSCALL_ENUM(name, nr, owner, nargs, priv) SYS_##name = nr,
enum { SYSCALLS(SYSCALL_ENUM) };
#undef SYSCALL_ENUM
#endif

/* Bounds of the two dispatch tables: one past the highest number in use,
 * found by the list itself (a union's size is its largest member's). */
#ifndef __ASSEMBLER__
#define SYSCALL_SPAN(name, nr, owner, nargs, priv) char span_##name[nr + 1];
union syscall_posix_span {
	SYSCALLS_POSIX(SYSCALL_SPAN)
};
union syscall_chappe_span {
	SYSCALLS_CHAPPE(SYSCALL_SPAN)
};
#undef SYSCALL_SPAN
#define SYSCALL_POSIX_LIMIT ((long)sizeof(union syscall_posix_span))
#define SYSCALL_CHAPPE_LIMIT ((long)sizeof(union syscall_chappe_span))
#endif
#define SYSCALL_CHAPPE_BASE 0x200

#ifndef __ASSEMBLER__
_Static_assert(SYSCALL_POSIX_LIMIT <= SYSCALL_CHAPPE_BASE, "POSIX and Chapp-E numbers overlap");
#endif
