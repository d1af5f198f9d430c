#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Linux under the QEMU flags ./chappe bench uses (q35, -cpu max, 512 MiB,
# -icount shift=0,sleep=off: the guest TSC counts instructions), running
# userland/bench/posix_bench.c, built static with glibc, as /init of an
# initramfs; prints its BENCH lines. The kernel is Debian's cloud kernel
# (6.1, the one the anchor measured), fetched with apt-get download into
# the work folder once and kept there (docs/bench.md).
#
# usage: tools/bench/linux/run.sh [WORK_DIR]   (default build/bench-linux)
# TICKPROF=build/tickprof.so,out=FILE: the run under the tick profiler
# (tools/bench/tickprof.py FILE serial.txt build gives instructions per op).
set -euo pipefail
src=$(cd "$(dirname "$0")/../../.." && pwd)
work=${1:-$src/build/bench-linux}
kernel_pkg=linux-image-6.1.0-50-cloud-amd64
mkdir -p "$work"
cd "$work"

as_root() {
	if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# The pinned kernel if the archive still has it, else what the cloud
# metapackage depends on now.
download_kernel() {
	apt-get download "$kernel_pkg" >/dev/null 2>&1 && return 0
	local now
	now=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image/ {print $2; exit}')
	[[ -n $now ]] && apt-get download "$now" >/dev/null 2>&1
}

fetch_kernel() {
	ls kernel/boot/vmlinuz-* >/dev/null 2>&1 && return 0
	if ! download_kernel; then
		as_root apt-get update -q >/dev/null
		download_kernel || { echo "bench-linux: cannot download a cloud kernel" >&2; exit 1; }
	fi
	rm -rf kernel
	dpkg -x linux-image-*.deb kernel
}

build_initramfs() {
	gcc -O2 -static -Wall -Wextra -Werror -o init "$src/userland/bench/posix_bench.c"
	rm -rf root
	mkdir -p root/dev
	cp init root/init
	(cd root && find . | cpio -o -H newc 2>/dev/null) >init.cpio
}

# The disk the file loops use: ext4 on an NVMe controller, as
# ./chappe bench's dagfs on NVMe (mkfs.ext4 makes it, no root needed).
make_disk() {
	rm -f ext4.img
	truncate -s 256M ext4.img
	mkfs.ext4 -q -F ext4.img
}

fetch_kernel
build_initramfs
make_disk
rm -f serial.txt
timeout 600 qemu-system-x86_64 -machine q35 -m 512M -cpu max -icount shift=0,sleep=off \
	-kernel kernel/boot/vmlinuz-* -initrd init.cpio \
	-drive file=ext4.img,if=none,id=disk,format=raw,cache=unsafe -device nvme,drive=disk,serial=bench \
	-append "console=ttyS0 quiet mitigations=off" \
	-serial file:serial.txt -display none -nic none -no-reboot ${TICKPROF:+-plugin "$TICKPROF"} 2>/dev/null || true
grep -a '^BENCH' serial.txt
grep -aq '^BENCH done' serial.txt
