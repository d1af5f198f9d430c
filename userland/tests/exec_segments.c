/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * execve refuses a program with a segment where the process's own ranges
 * are (the heap, the stack, page 0): -ENOEXEC, exactly. The same generated
 * program with its segment in the image range runs, so the refusals are
 * about the address alone.
 */
#include "check.h"
#include "elfgen.h"

#include <abi/errno.h>
#include <abi/layout.h>
#include <chappe/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROG "/tmp/segment_prog"
#define STACK_TOP 0x0000800000000000ULL

static long exec_result(uint64_t data_va, uint64_t data_memsz)
{
	return elfgen_exec(PROG, data_va, data_memsz, 0);
}

int main(void)
{
	check_start("exec_segments");
	EXPECT("segment in the image range runs", exec_result(0x600000, 8192), 0);
	EXPECT("segment ending where the heap starts runs",
	       exec_result(CHAPPE_HEAP_BASE - 8192, 8192), 0);
	EXPECT("segment at the heap's base", exec_result(CHAPPE_HEAP_BASE, 4096), -ENOEXEC);
	EXPECT("segment inside the heap", exec_result(CHAPPE_HEAP_BASE + (1 << 20), 4096),
	       -ENOEXEC);
	EXPECT("bss running into the heap", exec_result(CHAPPE_HEAP_BASE - 4096, 8192), -ENOEXEC);
	EXPECT("segment in the stack", exec_result(STACK_TOP - 4 * 4096, 4096), -ENOEXEC);
	EXPECT("segment overlapping the stack's bottom", exec_result(STACK_TOP - 17 * 4096, 8192),
	       -ENOEXEC);
	EXPECT("segment between heap and stack", exec_result(CHAPPE_HEAP_BASE + (1ULL << 32), 4096),
	       -ENOEXEC);
	EXPECT("segment in page 0", exec_result(0, 4096), -ENOEXEC);
	return check_finish();
}
