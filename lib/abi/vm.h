/* SPDX-License-Identifier: BSD-2-Clause */
/* vm_clone modes and vm_stage_map protections (the memory and exec servers'
 * calls, docs/memory.md). */
#pragma once

#define VM_CLONE_COW 1
#define VM_PROT_READ 1
#define VM_PROT_WRITE 2
#define VM_PROT_EXEC 4
