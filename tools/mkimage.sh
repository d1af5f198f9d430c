#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Build the Chapp-E disk image: a GPT disk whose one partition is a FAT32
# EFI system partition holding the loader, the kernel and the boot config.
# The same file boots QEMU and, written with dd, a USB stick. No root, no
# loop devices: sgdisk writes the partition table, mtools the filesystem.
# usage: mkimage.sh OUT.img BOOTX64.EFI KERNEL.ELF BOOT.CFG BOOT.ARC ROOT.DFS
set -eu
out=$1 loader=$2 kernel=$3 cfg=$4 arc=$5 rootfs=$6
size_mib=64
start=2048 # first partition sector: 1 MiB alignment, as USB sticks like
tmp=$out.tmp
rm -f "$tmp"
truncate -s ${size_mib}M "$tmp"
sgdisk --clear --new=1:$start:0 --typecode=1:ef00 --change-name=1:"Chapp-E ESP" "$tmp" >/dev/null
last=$(sgdisk -i 1 "$tmp" | sed -n 's/^Last sector: \([0-9]*\).*/\1/p')
sectors=$((last - start + 1))
esp="$tmp@@$((start * 512))"
export MTOOLS_SKIP_CHECK=1
mformat -i "$esp" -F -T $sectors -h 64 -s 32 -v CHAPPE ::
mmd -i "$esp" ::/EFI ::/EFI/BOOT ::/CHAPPE
mcopy -i "$esp" "$loader" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$esp" "$kernel" ::/CHAPPE/KERNEL.ELF
mcopy -i "$esp" "$cfg" ::/CHAPPE/BOOT.CFG
mcopy -i "$esp" "$arc" ::/CHAPPE/BOOT.ARC
mcopy -i "$esp" "$rootfs" ::/CHAPPE/ROOT.DFS
mv "$tmp" "$out"
