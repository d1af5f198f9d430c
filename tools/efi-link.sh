#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Link the loader's objects the gnu-efi way: GNU ld with gnu-efi's crt0 and
# linker script into a relocatable ELF, then objcopy to a PE32+ EFI app.
# (ld.lld with this script places .rela.dyn before .text; the image won't start.)
# usage: efi-link.sh OUT.efi LIBLOADER.a EFI_LIBDIR
set -eu
out=$1 lib=$2 efilib=$3
so=$out.so
ld -nostdlib -znocombreloc -T "$efilib/elf_x86_64_efi.lds" -shared -Bsymbolic \
	-L "$efilib" "$efilib/crt0-efi-x86_64.o" --whole-archive "$lib" --no-whole-archive \
	-lefi -lgnuefi -o "$so"
objcopy -j .text -j .sdata -j .data -j .rodata -j .dynamic -j .dynsym -j .rel -j .rela \
	-j '.rel.*' -j '.rela.*' -j .reloc --target efi-app-x86_64 --subsystem=10 "$so" "$out"
rm -f "$so"
