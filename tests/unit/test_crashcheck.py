#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The crash harness's own logic without booting: tools/crashcheck.py reads
a dm-log-writes log (writes, flushes, FUA, discards, entries past the super
block's count, the zeros where it ends; a log that lost counted entries is
refused), cuts it into epochs, makes the variants of an epoch (each write
dropped, each alone, torn ones, never nothing or everything), judges states
(unknown roots and rollbacks past a flush fail) and a killed boot (a
reported commit lost, another root, dagfs-check disagreeing fail); tools/qemu-run.py's
--log-writes options and --kill-after's seeded delay."""
import importlib.util
import os
import random
import struct
import subprocess
import sys
import tempfile
import types


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


cc, runner = load("crashcheck", sys.argv[1]), load("qemu_run", sys.argv[2])
failures = 0


def expect(what, got, want):
    global failures
    ok = got == want
    failures += not ok
    print(f"crashcheck: {what} = {got!r}" + (" ok" if ok else f", expected {want!r} FAIL"))


def entry(sector, n, flags, fill=0):
    head = struct.pack("<QQQQ", sector, n, flags, 0).ljust(512, b"\0")
    data = b"" if flags & cc.DISCARD else bytes([fill]) * (n * 512)
    return head + data


def log_file(tmp, entries, counted):
    path = os.path.join(tmp, "log")
    with open(path, "wb") as f:
        f.write(struct.pack("<QQQI", cc.LOG_MAGIC, cc.LOG_VERSION, counted, 512).ljust(512, b"\0"))
        f.write(b"".join(entries) + bytes(1024))  # then zeros: where the log ends
    return path


with tempfile.TemporaryDirectory() as tmp:
    raw = [entry(8, 2, 0, 1), entry(0, 0, cc.FLUSH), entry(16, 1, cc.FUA, 2), entry(4, 2, cc.DISCARD),
           entry(24, 3, 0, 3)]
    ss, got = cc.read_log(log_file(tmp, raw, 2))  # the last flush counted 2; 3 more follow
    expect("sector size", ss, 512)
    expect("entries read past the count", [e[0] for e in got],
           ["write", "flush", "write", "flush", "write", "write"])
    expect("a write's sector and bytes", (got[0][1], got[0][2] == bytes([1]) * 1024), (8, True))
    expect("a discard reads as zeros", (got[4][1], got[4][2] == bytes(1024)), (4, True))
    groups = cc.epochs(got)
    expect("epochs", [[w.index for w in g] for g in groups], [[0], [1], [2, 3]])
    r = subprocess.run([sys.executable, sys.argv[1], "replay", "--checker", "true", "--log",
                        log_file(tmp, raw[:2], 5), "--console", os.devnull, "--start", "zeros:4096"],
                       capture_output=True, text=True)
    expect("a log short of its count is refused", (r.returncode, "super block counts 5" in r.stderr), (1, True))
    with open(os.path.join(tmp, "notlog"), "wb") as f:
        f.write(bytes(4096))
    r = subprocess.run([sys.executable, sys.argv[1], "replay", "--checker", "true", "--log",
                        os.path.join(tmp, "notlog"), "--console", os.devnull, "--start", "zeros:4096"],
                       capture_output=True, text=True)
    expect("not a log is refused", "not a dm-log-writes log" in r.stderr, True)

    open(os.path.join(tmp, "empty"), "wb").close()
    expect("an empty log: nothing written before the first flush", cc.read_log(os.path.join(tmp, "empty")), (512, []))

a, b, c = cc.Write(0, 0, bytes(512 * 8)), cc.Write(1, 8, bytes(512)), cc.Write(2, 16, bytes(1024))
kinds_vs = cc.variants([a, b, c], 512, random.Random(1), 0)
vs = [v for _, v in kinds_vs]
keys = {tuple((p[0].index, p[1]) for p in v) for v in vs}
expect("each write dropped", {((1, 1), (2, 2)), ((0, 8), (2, 2)), ((0, 8), (1, 1))} <= keys, True)
expect("each write alone", {((0, 8),), ((1, 1),), ((2, 2),)} <= keys, True)
expect("torn: the first write cut at 1, 4 and 7 sectors", {((0, 1),), ((0, 4),), ((0, 7),)} <= keys, True)
expect("torn: the last cut at 1 sector after the others", ((0, 8), (1, 1), (2, 1)) in keys, True)
expect("never nothing, never everything", [() in keys, ((0, 8), (1, 1), (2, 2)) in keys], [False, False])
expect("no variant twice", len(keys), len(vs))
expect("one one-sector write: no variants", cc.variants([b], 512, random.Random(1), 4), [])
expect("kinds", sorted({k for k, _ in kinds_vs}), ["alone", "dropped", "torn"])
subsets = [v for k, v in cc.variants([a, b, c], 512, random.Random(7), 40) if k == "subset"]
expect("random subsets come in other orders too",
       any([p[0].index for p in v] != sorted(p[0].index for p in v) for v in subsets), True)

judge = cc.Judge({2: "aa", 3: "bb"}, (0, None))
expect("a committed state", judge.judge("s", (3, "bb"), 2), 3)
expect("the initial state before anything was durable", judge.judge("s", (0, None), 0), 0)
expect("an unknown root fails", judge.judge("s", (3, "cc"), 0), None)
expect("older than the last flush made durable fails", judge.judge("s", (2, "aa"), 3), None)
expect("the checker's complaint fails", judge.judge("s", "dagfs-check: FAIL: x", 0), None)
expect("failures recorded", len(judge.failures), 3)
anyone = cc.Judge({}, (0, None), any_root=True)
expect("--any-root: a state that checks", anyone.judge("s", (5, "ee"), 4), 5)
expect("--any-root: still never older than the flush before", anyone.judge("s", (3, "ee"), 4), None)
expect("console lines", cc.committed_states("x: committed seq 4 root " + "ab" * 32 + "\n"), {4: "ab" * 32})

def console(opened):
    lines = [f"crashload: committed seq {i} root {i:064x}" for i in range(1, 11)]
    return "\n".join(lines + ["runner: killed QEMU 1.00 s after 'x'", cc.SECOND_BOOT,
                              f"crashload: opened seq {opened[0]} root {opened[1]}"])


def checked(seq, root):
    return f"dagfs-check: seq {seq} root {root} log 9 pages, 1 dirs 1 files 2 blocks\n"


expect("killed: the last commit reported opens", cc.kill_verdict(console((10, f"{10:064x}")),
                                                                  checked(10, f"{10:064x}")), [])
expect("killed: the one in flight opens", cc.kill_verdict(console((11, "ab" * 32)), checked(11, "ab" * 32)), [])
expect("killed: a commit reported before the kill lost",
       len(cc.kill_verdict(console((9, f"{9:064x}")), checked(9, f"{9:064x}"))), 1)
expect("killed: the seq reported, another root",
       len(cc.kill_verdict(console((10, "cd" * 32)), checked(10, "cd" * 32))), 1)
expect("killed: dagfs-check disagrees", len(cc.kill_verdict(console((10, f"{10:064x}")), "")), 1)
expect("not killed", cc.kill_verdict(console((10, f"{10:064x}")).replace("killed QEMU", "x"),
                                     checked(10, f"{10:064x}"))[:1], ["QEMU was not killed during the first boot"])

with tempfile.TemporaryDirectory() as tmp:
    log = os.path.join(tmp, "w.log")
    with open(log, "w") as f:
        f.write("stale")
    args = types.SimpleNamespace(disk=["ahci:1M"], usb=False, log_writes=[f"0:{log}"])
    cmd = runner.scratch_disk_options(args, tmp)
    expect("a logged disk is a blklogwrites node", any("driver=blklogwrites,node-name=scratch0," in c for c in cmd), True)
    expect("... with no -drive", "-drive" in cmd, False)
    expect("... and its log made fresh", os.path.getsize(log), 0)
    args.disk = ["ahci:1M:eio=3"]
    try:
        runner.scratch_disk_options(args, tmp)
        expect("a logged disk with eio= refused", "accepted", "refused")
    except SystemExit:
        expect("a logged disk with eio= refused", "refused", "refused")
    expect("no --log-writes: the boot disk's -drive", runner.log_writes_drive(args, "boot", "d", "boot"), None)

    boot = types.SimpleNamespace(machine=[], cpu="max", memory="512M", usb=False, device=[], disk=[], plugin=None,
                                 rtc_base=None, icount=False, interactive=False, boot_nvme=False, allow_reset=False, usb_keyboard=False,
                                 usb_hub=[], usb_keyboard_port=None,
                                 log_writes=[f"boot:{log}"])
    cmd = runner.qemu_command(boot, os.path.join(tmp, "disk.img"), "vars")
    expect("a logged boot disk: its blklogwrites node, the disk on it",
           [any("driver=blklogwrites,node-name=boot," in c for c in cmd), "ide-hd,drive=boot,bootindex=0" in cmd,
            any(c.startswith("if=none,id=boot") for c in cmd)], [True, True, False])

k1, k2 = runner.Killer("^go$:5:3"), runner.Killer("^go$:5:3")
expect("the kill's delay is the seed's", k1.delay == k2.delay and 0 <= k1.delay <= 3, True)
expect("not due before the trigger", k1.due("nothing yet"), False)
expect("no --kill-after: never due", runner.Killer(None).due("go\n"), False)
print("crashcheck: " + ("all ok" if not failures else f"{failures} FAILED"))
sys.exit(1 if failures else 0)
