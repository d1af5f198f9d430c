#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Build the Chapp-E disk image: a GPT disk whose partition 1 is a FAT32 EFI
# system partition holding the loader, the kernel and the boot files, and
# whose partition 2, of Chapp-E's data type (lib/abi/disk.h), holds dagfs
# (DATA_MIB MiB, written from DATA.DFS, made by mkdagfs --disk; 0: no data
# partition, the layout of images before it). The same file boots QEMU and, written with dd, a USB stick. No root,
# no loop devices: sgdisk writes the partition table, mtools the
# filesystem.
# usage: mkimage.sh OUT.img BOOTX64.EFI KERNEL.ELF BOOT.CFG BOOT.ARC ROOT.DFS DATA.DFS DATA_MIB DISK_H
# (DISK_H: lib/abi/disk.h, where the data partition's type GUID is defined)
set -eu
out=$1 loader=$2 kernel=$3 cfg=$4 arc=$5 rootfs=$6 data=$7 data_mib=$8
data_type=$(sed -n 's/^#define DISK_DATA_TYPE_GUID_TEXT "\(.*\)"$/\1/p' "$9")
[ -n "$data_type" ] || { echo "mkimage.sh: no DISK_DATA_TYPE_GUID_TEXT in $9" >&2; exit 1; }
esp_mib=63
start=2048 # first partition sector: 1 MiB alignment, as USB sticks like
tmp=$out.tmp
rm -f "$tmp"
# 1 MiB before the ESP, 1 MiB after the data for the backup GPT
truncate -s $((1 + esp_mib + data_mib + 1))M "$tmp"
sgdisk --clear --new=1:$start:+${esp_mib}M --typecode=1:ef00 --change-name=1:"Chapp-E ESP" \
	"$tmp" >/dev/null
if [ "$data_mib" -gt 0 ]; then
	sgdisk --new=2:0:+${data_mib}M --typecode=2:"$data_type" --change-name=2:"Chapp-E data" \
		"$tmp" >/dev/null
	first=$(sgdisk -i 2 "$tmp" | sed -n 's/^First sector: \([0-9]*\).*/\1/p')
	dd if="$data" of="$tmp" bs=64K seek=$((first * 512)) oflag=seek_bytes conv=notrunc,sparse status=none
fi
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
