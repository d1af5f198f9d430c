#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Where a benchmark loop's ticks go: tickprof's block counts (the QEMU
plugin in tools/bench/tickprof/) as instructions per function, per image.

Every marked loop (BENCH_MARK(1) at its start, BENCH_MARK(2) in its
report) is one segment; segments are named, in order, by the BENCH lines of
the run's output that come from marked loops. A block at a user address is
matched to the program whose code at that address has the block's first
bytes (all programs are linked at the same address); kernel addresses are
kernel.elf's.

usage: tickprof.py PROFILE BENCH_OUTPUT BUILD_DIR [LOOP...] [--top N] [--blocks FN,...]
"""
import argparse
import bisect
import os
import re
import struct
import subprocess

UNMARKED = {"irq_to_server", "irq_to_ack", "keystroke_to_echo"}
# Counted per operation where their first block runs: kernel entries through
# SYSCALL, and the kernel's copies of bytes between address spaces (a
# message or a buffer; the ones within the kernel are not counted).
ENTRIES = {"syscall_entry"}
COPIES = {"vm_copy_across", "vm_poke_across", "vm_copy_out", "vm_copy_in_checked", "vm_read_own",
          "vm_read_own_words", "uaccess_read3"}
KERNEL_BASE = 0xFFFF800000000000


class Image:
    def __init__(self, path):
        self.name = os.path.basename(path)
        data = open(path, "rb").read()
        self.data, self.segments = data, []
        phoff, = struct.unpack_from("<Q", data, 32)
        phentsize, phnum = struct.unpack_from("<HH", data, 54)
        for i in range(phnum):
            ptype, _, off, vaddr, _, filesz = struct.unpack_from("<IIQQQQ", data, phoff + i * phentsize)
            if ptype == 1:
                self.segments.append((vaddr, off, filesz))
        self.syms = []
        out = subprocess.run(["nm", "-n", path], capture_output=True, text=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "tTwW":
                self.syms.append((int(parts[0], 16), parts[2]))
        self.addrs = [a for a, _ in self.syms]

    def bytes_at(self, vaddr, n):
        for base, off, size in self.segments:
            if base <= vaddr and vaddr + n <= base + size:
                return self.data[off + vaddr - base: off + vaddr - base + n]
        return None

    def symbol(self, vaddr):
        i = bisect.bisect_right(self.addrs, vaddr) - 1
        return self.syms[i][1] if i >= 0 else hex(vaddr)

    def starts(self, vaddr):
        """The function vaddr is the first instruction of, or None."""
        i = bisect.bisect_left(self.addrs, vaddr)
        return self.syms[i][1] if i < len(self.addrs) and self.addrs[i] == vaddr else None


def images(build):
    found = []
    for name in sorted(os.listdir(build)):
        path = os.path.join(build, name)
        if os.path.isfile(path) and open(path, "rb").read(4) == b"\x7fELF":
            try:
                found.append(Image(path))
            except struct.error:
                pass
    return found


def segments(profile):
    """[(blocks ran, ...)] for each segment from a mark 1 to a mark 2."""
    out, cur, last = [], [], None
    for line in open(profile):
        if line.startswith("mark "):
            tag = int(line.split()[1])
            if tag == 2 and last == 1:
                out.append(cur)
            cur, last = [], tag
            continue
        _, vaddr, insns, ran, key = line.split()
        cur.append((int(vaddr, 16), int(insns), int(ran), bytes.fromhex(key)))
    return out


def names(bench_output):
    found = []
    for line in open(bench_output, errors="replace"):
        m = re.match(r"BENCH (\w+) \d+ ticks/op \(n=(\d+)\)", line)
        if m and m.group(1) not in UNMARKED:
            found.append((m.group(1), int(m.group(2))))
    return found


def owner(vaddr, key, imgs, kernel, cache):
    if vaddr >= KERNEL_BASE:
        return kernel
    hit = cache.get((vaddr, key))
    if hit is None:
        hit = next((im for im in imgs if im.bytes_at(vaddr, len(key)) == key), None)
        cache[(vaddr, key)] = hit
    return hit


def report_blocks(name, n, blocks, imgs, kernel, fns):
    """Each block of the functions fns: where it starts, its size, how
    often it ran per operation."""
    print(f"== {name}: blocks of {', '.join(fns)}")
    cache = {}
    for vaddr, insns, ran, key in sorted(blocks):
        im = owner(vaddr, key, imgs, kernel, cache)
        fn = im.symbol(vaddr) if im else hex(vaddr)
        if fn in fns and ran:
            print(f"   {vaddr:#x} {fn:<24} {insns:3d} insns x {ran / n:6.2f}/op = {insns * ran / n:6.1f}")


def report(name, n, blocks, imgs, kernel, top):
    by_fn, by_image, cache, total = {}, {}, {}, 0
    entries = copies = 0
    for vaddr, insns, ran, key in blocks:
        im = owner(vaddr, key, imgs, kernel, cache)
        if im is kernel:
            fn = kernel.starts(vaddr)
            entries += ran if fn in ENTRIES else 0
            copies += ran if fn in COPIES else 0
        where = (im.name if im else "?", im.symbol(vaddr) if im else hex(vaddr))
        by_fn[where] = by_fn.get(where, 0) + insns * ran
        by_image[where[0]] = by_image.get(where[0], 0) + insns * ran
        total += insns * ran
    print(f"== {name}: {total / n:,.0f} instructions/op (n={n}), "
          f"{entries / n:.1f} kernel entries and {copies / n:.1f} cross-space copies per op")
    print("   " + ", ".join(f"{k} {v / n:,.0f}" for k, v in sorted(by_image.items(), key=lambda kv: -kv[1])))
    for (img, fn), v in sorted(by_fn.items(), key=lambda kv: -kv[1])[:top]:
        print(f"   {v / n:10,.1f}  {img:<12} {fn}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("profile")
    p.add_argument("bench_output")
    p.add_argument("build")
    p.add_argument("loops", nargs="*", help="only these loops (default: all)")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--blocks", help="FN[,FN...]: each block of these functions instead")
    args = p.parse_args()
    imgs = [im for im in images(args.build) if im.name != "kernel.elf"]
    kernel = Image(os.path.join(args.build, "kernel.elf"))
    for (name, n), blocks in zip(names(args.bench_output), segments(args.profile)):
        if not args.loops or name in args.loops:
            if args.blocks:
                report_blocks(name, n, blocks, imgs, kernel, args.blocks.split(","))
            else:
                report(name, n, blocks, imgs, kernel, args.top)


if __name__ == "__main__":
    main()
