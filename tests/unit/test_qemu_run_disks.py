#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""tools/qemu-run.py's scratch disks without booting: the files --disk makes
(zero-filled, the size asked, a blkdebug rule for :eio=), the QEMU options
they become (NVMe controllers; AHCI on the ICH9 ports after the boot disk's,
from ide.0 when booting from USB; USB ones on the xHCI controller; throttling for :wbps=, the sector size for :lbs=, a second namespace for :ns2=), and refusals.
Also --between-boots: the tool it runs on the boot disk's copy, its output
kept, a failure failing the run, and the options it needs."""
import importlib.util
import os
import subprocess
import sys
import tempfile
import types

spec = importlib.util.spec_from_file_location("qemu_run", sys.argv[1])
runner = importlib.util.module_from_spec(spec)
spec.loader.exec_module(runner)
failures = 0


def expect(what, got, want):
    global failures
    ok = got == want
    failures += not ok
    print(f"qemu_run_disks: {what} = {got!r}" + (" ok" if ok else f", expected {want!r} FAIL"))


def options(disks, usb=False):
    args = types.SimpleNamespace(disk=disks, usb=usb)
    with tempfile.TemporaryDirectory() as tmp:
        runner.make_scratch_disks(args, tmp)
        sizes = [os.path.getsize(os.path.join(tmp, f"scratch{i}.img")) for i in range(len(disks))]
        zero = all(open(os.path.join(tmp, f"scratch{i}.img"), "rb").read().count(0) == sizes[i]
                   for i in range(len(disks)))
        rules = [open(os.path.join(tmp, n)).read() for n in sorted(os.listdir(tmp)) if n.endswith(".blkdebug")]
        cmd = [c.replace(tmp, "T") for c in runner.scratch_disk_options(args, tmp)]
    return sizes, zero, rules, cmd


sizes, zero, rules, cmd = options(["nvme:1M", "ahci:64K", "ahci:2M:eio=7", "nvme:8K:wbps=4096"])
expect("sizes", sizes, [1 << 20, 64 << 10, 2 << 20, 8192])
expect("zero-filled", zero, True)
expect("one blkdebug rule file, reads and writes of sector 7", [r.count('sector = "7"') for r in rules], [2])
expect("devices", [cmd[i + 1] for i in range(0, len(cmd), 2) if cmd[i] == "-device"],
       ["nvme,drive=scratch0,serial=chappe0", "ide-hd,drive=scratch1,bus=ide.1",
        "ide-hd,drive=scratch2,bus=ide.2", "nvme,drive=scratch3,serial=chappe3"])
expect("drives", [cmd[i + 1] for i in range(0, len(cmd), 2) if cmd[i] == "-drive"],
       ["file=T/scratch0.img,if=none,id=scratch0,format=raw",
        "file=T/scratch1.img,if=none,id=scratch1,format=raw",
        "file=blkdebug:T/scratch2.blkdebug:T/scratch2.img,if=none,id=scratch2,format=raw",
        "file=T/scratch3.img,if=none,id=scratch3,format=raw,throttling.bps-write=4096"])
expect("4 KiB sectors", options(["nvme:1M:lbs=4096"])[3][-1],
       "nvme,drive=scratch0,serial=chappe0,logical_block_size=4096,physical_block_size=4096")
expect("two namespaces", [c for c in options(["nvme:1M:ns2=8K"])[3] if c.startswith("nvme")],
       ["nvme,id=nvme0,serial=chappe0", "nvme-ns,drive=scratch0,bus=nvme0,nsid=1",
        "nvme-ns,drive=scratch0n2,bus=nvme0,nsid=2"])
expect("AHCI from ide.0 when booting from USB", options(["ahci:4K"], usb=True)[3][-1],
       "ide-hd,drive=scratch0,bus=ide.0")
expect("USB on the xHCI controller, named for --unplug", options(["usb:1M"])[3][-1],
       "usb-storage,bus=xhci.0,drive=scratch0,id=usbdisk0")
expect("a USB scratch disk brings the xHCI controller",
       runner.uses_xhci(types.SimpleNamespace(usb=False, usb_keyboard=False, disk=["usb:1M"])), True)
expect("--unplug brings QMP",
       runner.uses_qmp(types.SimpleNamespace(usb_keyboard=False, inputs=[("unplug", "x=>usbdisk0")],
                                             reboot_inputs=[])), True)
for bad in ["scsi:1M", "nvme", "nvme:1M:fast=1", "ahci:1M:ns2=1M"]:
    r = subprocess.run([sys.executable, sys.argv[1], "--image", "/nonexistent", "--disk", bad],
                       capture_output=True, text=True)
    expect(f"--disk {bad} refused", (r.returncode, "expected nvme:SIZE" in r.stderr), (1, True))


def between(lines, status):
    """runner.between_boots with a stand-in for dagfs-check that prints its
    arguments (the disk's path as D) and exits with status."""
    with tempfile.TemporaryDirectory() as tmp:
        tool = os.path.join(tmp, "tool")
        with open(tool, "w") as f:
            f.write(f"#!/bin/sh\necho \"tool $*\" | sed 's|{tmp}/disk.img|D|'\nexit {status}\n")
        os.chmod(tool, 0o755)
        return runner.between_boots(types.SimpleNamespace(dagfs_check=tool, between_boots=lines), tmp)


expect("--between-boots: the disk, then ARGS split, in order",
       between(["--gpt --damage-file '/tmp/a b'", "--tear-root"], 0),
       "tool D --gpt --damage-file /tmp/a b\ntool D --tear-root\n")
expect("--between-boots: a tool that fails fails the run", between(["--tear-root"], 1), None)
r = subprocess.run([sys.executable, sys.argv[1], "--image", "/nonexistent", "--between-boots=--tear-root",
                    "--dagfs-check", "/bin/true"], capture_output=True, text=True)
expect("--between-boots without --reboot-with refused",
       (r.returncode, "needs --reboot-with and --dagfs-check" in r.stderr), (2, True))
print(f"qemu_run_disks: {'all ok' if not failures else f'{failures} FAILED'}")
sys.exit(1 if failures else 0)
