/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * loader_enter_kernel(pml4_phys=%rdi, entry=%rsi, bootinfo_virt=%rdx)
 * Runs from an identity-mapped page that the new tables also map, so the
 * instruction after the CR3 load is still fetchable. The kernel's entry sets
 * up its own stack before touching memory: the loader's stack is not mapped.
 */
	.text
	.globl loader_enter_kernel
loader_enter_kernel:
	cli
	mov	%rdi, %r8
	mov	%rsi, %r9
	mov	%rdx, %r10
	/* EFER.NXE must be on before any NX bit is live. */
	mov	$0xc0000080, %ecx
	rdmsr
	or	$(1 << 11), %eax
	wrmsr
	/* CR0.WP: read-only pages bind the kernel too. */
	mov	%cr0, %rax
	or	$(1 << 16), %rax
	mov	%rax, %cr0
	mov	%r8, %cr3
	mov	%r10, %rdi
	xor	%esp, %esp
	xor	%ebp, %ebp
	jmp	*%r9

	.section .note.GNU-stack, "", @progbits
