#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Crash consistency of dagfs on a disk, through the real driver and QEMU
(docs/dagfs.md, "The crash harness").

  replay  a write log (QEMU's blklogwrites: tools/qemu-run.py --log-writes)
          replayed onto a copy of the disk's starting image: every prefix
          that ends at a flush, and past each, variants of the next epoch
          (the writes up to the next flush: each dropped, each alone, random
          subsets in random order, torn writes: a sector prefix of one),
          each state checked by dagfs-check. A state is acceptable when it
          opens, its whole tree checks, and it is the initial state or one
          the guest reported committed ("committed seq N root HASH" on the
          console), never older than what the last flush made durable.
  run     one boot with the write log on (runner options after --), the
          guest's console for the committed states, then replay.
  kill    one boot killed at a random moment (seeded) of a commit loop,
          a second boot of the same disk that opens and checks it: every
          commit reported before the kill is there (the opened seq is at
          least the last one printed, and that state whole), and
          dagfs-check agrees on the disk the kill left.
"""
import argparse
import os
import random
import re
import struct
import subprocess
import sys
import tempfile

LOG_MAGIC, LOG_VERSION = 0x6A736677736872, 1
FLUSH, FUA, DISCARD, MARK = 1, 2, 4, 8
COMMITTED = re.compile(r"committed seq (\d+) root ([0-9a-f]{64})")
OPENED = re.compile(r"opened seq (\d+) root ([0-9a-f]{64})")
CHECKED = re.compile(r"^dagfs-check: seq (\d+) root ([0-9a-f]{64})", re.M)
SECOND_BOOT = "runner: second boot, the same disks"


class Write:
    def __init__(self, index, sector, data):
        self.index, self.sector, self.data = index, sector, data

    def sectors(self, sector_size):
        return len(self.data) // sector_size


def read_log(path):
    """The log's entries in order: ('write', sector, data) or ('flush',).
    Entries past the super block's count are read too (it is brought up to
    date at each flush only), until a header that is not one (zeros: where
    the log ends)."""
    with open(path, "rb") as f:
        log = f.read()
    if not log:
        return 512, []  # the super block is first written at a flush: nothing was written
    if len(log) < 512:
        sys.exit(f"crashcheck: {path}: not a dm-log-writes log (shorter than a super block)")
    magic, version, counted, ss = struct.unpack_from("<QQQI", log, 0)
    if magic != LOG_MAGIC or version != LOG_VERSION or ss < 512 or ss & (ss - 1):
        sys.exit(f"crashcheck: {path}: not a dm-log-writes log")
    entries, at = [], ss
    while at + 32 <= len(log):
        sector, n, flags, _ = struct.unpack_from("<QQQQ", log, at)
        if flags & ~(FLUSH | FUA | DISCARD | MARK) or (n == 0 and not flags & (FLUSH | MARK)):
            break
        data_len = 0 if flags & DISCARD else n * ss
        if at + ss + data_len > len(log):
            break
        if flags & DISCARD:
            entries.append(("write", sector, bytes(n * ss)))  # reads after a discard: zeros here
        elif n:
            entries.append(("write", sector, log[at + ss:at + ss + data_len]))
        if flags & (FLUSH | FUA):
            entries.append(("flush",))
        at += ss + data_len
    if len(entries) < counted:
        sys.exit(f"crashcheck: {path}: {len(entries)} entries, the super block counts {counted}")
    return ss, entries


def epochs(entries):
    """The writes between flushes: a list per epoch, the last one the
    writes after the last flush (a crash may take any of them)."""
    out, cur, n = [], [], 0
    for e in entries:
        if e[0] == "flush":
            if cur:
                out.append(cur)
            cur = []
        else:
            cur.append(Write(n, e[1], e[2]))
            n += 1
    if cur:
        out.append(cur)
    return out


class Disk:
    """The state being checked: a file the checker opens, kept equal to
    `base` (the state at the current flush) but for the variant applied."""

    def __init__(self, path, start, sector_size):
        self.path, self.base, self.ss = path, bytearray(start), sector_size
        with open(path, "wb") as f:
            f.write(self.base)
        self.fd = os.open(path, os.O_RDWR)

    def apply(self, parts):
        """parts: (write, sectors of it) in the order they land."""
        for w, n in parts:
            os.pwrite(self.fd, w.data[:n * self.ss], w.sector * self.ss)

    def revert(self, parts):
        for w, n in parts:
            at = w.sector * self.ss
            os.pwrite(self.fd, bytes(self.base[at:at + n * self.ss]), at)

    def advance(self, writes):
        for w in writes:
            at = w.sector * self.ss
            self.base[at:at + len(w.data)] = w.data
        self.apply([(w, w.sectors(self.ss)) for w in writes])


def variants(writes, ss, rng, subsets):
    """Crash states of one epoch past its flush, as (kind, [(write,
    sectors)] in landing order): each write dropped, each alone, random
    subsets in random order, and each multi-sector write torn (its first
    sector, half, all but its last) after the writes before it. Neither
    nothing nor everything (those are the prefixes), none twice."""
    full = [(w, w.sectors(ss)) for w in writes]
    out = []
    if len(writes) > 1:
        out += [("dropped", full[:i] + full[i + 1:]) for i in range(len(writes))]
        out += [("alone", [p]) for p in full]
        for _ in range(subsets):
            pick = [p for p in full if rng.random() < 0.5]
            rng.shuffle(pick)
            out.append(("subset", pick))
    for i, w in enumerate(writes):
        n = w.sectors(ss)
        for cut in sorted({1, n // 2, n - 1} - {0, n}):
            out.append(("torn", full[:i] + [(w, cut)]))
    seen, unique = set(), []
    for kind, v in out:
        key = tuple((p[0].index, p[1]) for p in v)
        if key not in seen and 0 < len(v) and v != full:
            seen.add(key)
            unique.append((kind, v))
    return unique


def check_state(checker, disk, checker_args):
    """(seq, root) of the state on disk, (0, None) not formatted, or the
    checker's complaint as a string."""
    r = subprocess.run([checker, disk.path] + checker_args, capture_output=True, text=True)
    m = CHECKED.search(r.stdout)
    if r.returncode == 0 and m:
        return int(m.group(1)), m.group(2)
    if r.returncode == 2:
        return 0, None
    return (r.stdout + r.stderr).strip() or f"dagfs-check exited {r.returncode}"


class Judge:
    """What states are acceptable: the initial one and those the guest
    reported committed, none older than the newest durable one."""

    def __init__(self, committed, initial, any_root=False):
        self.committed, self.initial, self.any_root = committed, initial, any_root
        self.failures, self.prefixes, self.variants = [], 0, 0
        self.kinds = {}
        self.prefix_seqs = []

    def judge(self, what, state, durable):
        if isinstance(state, str):
            return self.fail(what, state)
        seq, root = state
        known = self.any_root or state == self.initial or self.committed.get(seq) == root
        if not known:
            return self.fail(what, f"seq {seq} root {root} is no state the guest committed")
        if seq < durable:
            return self.fail(what, f"seq {seq}: older than seq {durable}, durable at the flush before")
        return seq

    def fail(self, what, why):
        self.failures.append(f"{what}: {why}")
        return None


def replay(args, committed, start):
    ss, entries = read_log(args.log)
    groups = epochs(entries)
    judge = Judge(committed, None, args.any_root)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="crashcheck-", dir=shm()) as tmp:
        disk = Disk(os.path.join(tmp, "state.img"), start, ss)
        initial = check_state(args.checker, disk, args.checker_args)
        if isinstance(initial, str):
            sys.exit(f"crashcheck: the starting image does not check: {initial}")
        judge.initial = initial
        durable = initial[0]
        for i, writes in enumerate(groups):
            if i:
                state = check_state(args.checker, disk, args.checker_args)
                judge.prefixes += 1
                seq = judge.judge(f"prefix {i} (the log to flush {i})", state, durable)
                if seq is not None:
                    durable = seq
                    judge.prefix_seqs.append(seq)
            span = writes + (groups[i + 1] if args.merge_epochs and i + 1 < len(groups) else [])
            for kind, v in variants(span, ss, rng, args.subsets):
                disk.apply(v)
                judge.variants += 1
                judge.kinds[kind] = judge.kinds.get(kind, 0) + 1
                what = f"epoch {i + 1}, writes " + " ".join(
                    f"{p[0].index}" + ("" if p[1] == p[0].sectors(ss) else f"[:{p[1]}s]") for p in v)
                judge.judge(what, check_state(args.checker, disk, args.checker_args), durable)
                disk.revert(v)
            disk.advance(writes)
        state = check_state(args.checker, disk, args.checker_args)
        judge.prefixes += 1
        last = judge.judge("the whole log", state, durable)
    if last is not None and committed and last != max(committed):
        judge.fail("the whole log", f"seq {last}, but the guest reported seq {max(committed)} committed")
    missed = sorted(set(committed) - set(judge.prefix_seqs) - {last})
    if missed:
        judge.fail("the prefixes", f"committed seqs never durable at a flush: {missed[:10]}")
    writes = sum(len(g) for g in groups)
    print(f"crashcheck: {len(entries)} log entries: {writes} writes in {len(groups)} epochs, "
          f"{len(committed)} committed states reported")
    return judge


def report(judge, expect_fail):
    for f in judge.failures[:20]:
        print(f"crashcheck: FAIL {f}")
    if len(judge.failures) > 20:
        print(f"crashcheck: ... and {len(judge.failures) - 20} more")
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(judge.kinds.items()))
    print(f"crashcheck: {judge.prefixes} prefixes and {judge.variants} reorderings checked "
          f"({kinds or 'none'}), {len(judge.failures)} failed")
    if expect_fail:
        ok = bool(judge.failures)
        print("crashcheck: " + ("the harness caught it, as it must" if ok else "FAIL: nothing caught"))
        return 0 if ok else 1
    return 0 if not judge.failures and judge.prefixes and judge.variants else 1


def shm():
    return "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


def committed_states(text):
    return {int(s): root for s, root in COMMITTED.findall(text)}


def start_image(spec, like):
    """--start IMAGE or zeros:BYTES; by default zeros the size of `like`."""
    if spec and spec.startswith("zeros:"):
        return bytes(int(spec[6:], 0))
    if spec:
        with open(spec, "rb") as f:
            return f.read()
    return bytes(os.path.getsize(like))


def runner(args, tmp, extra):
    """The runner (tools/qemu-run.py) with extra options; its console."""
    cmd = [sys.executable, args.runner, "--image", args.image] + extra + args.runner_args
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(r.stdout, end="")
    if r.returncode != 0:
        sys.exit(f"crashcheck: the boot failed (runner exit {r.returncode})")
    return r.stdout


def cmd_run(args):
    with tempfile.TemporaryDirectory(prefix="crashcheck-run-") as tmp:
        args.log = os.path.join(tmp, "writes.log")
        saved = os.path.join(tmp, "disk.img")
        console = runner(args, tmp, ["--log-writes", f"{args.disk}:{args.log}",
                                     "--save-disk", f"{args.disk}:{saved}"])
        committed = committed_states(console)
        if not committed and not args.any_root:
            sys.exit("crashcheck: FAIL: the guest reported no committed state")
        start = start_image(args.start, saved)
        status = report(replay(args, committed, start), args.expect_fail)
        if args.missing_flush_too:
            print("crashcheck: again, as if every other flush were missing (--merge-epochs):")
            args.merge_epochs, args.subsets = True, 2
            status |= report(replay(args, committed, start), True)
        return status


def cmd_replay(args):
    with open(args.console) as f:
        committed = committed_states(f.read())
    if not args.start:
        sys.exit("crashcheck: replay needs --start IMAGE or --start zeros:BYTES")
    return report(replay(args, committed, start_image(args.start, None)), args.expect_fail)


def kill_verdict(console, checked):
    """What is wrong with a killed boot and the boot after it: the runner's
    console of both, and dagfs-check's output on the disk the kill left."""
    first, _, second = console.partition(SECOND_BOOT)
    before = committed_states(first.split("runner: killed QEMU")[0])
    opened = OPENED.search(second)
    fails = []
    if "runner: killed QEMU" not in first:
        fails.append("QEMU was not killed during the first boot")
    if len(before) < 2:
        fails.append("fewer than two commits before the kill: it came too early to mean much")
    if not opened:
        fails.append("the second boot did not open the disk")
    if fails:
        return fails
    seq, root = int(opened.group(1)), opened.group(2)
    last = max(before)
    print(f"crashcheck: the last commit reported before the kill: seq {last}; "
          f"the second boot opened seq {seq}")
    if seq < last:
        fails.append(f"seq {seq} opened, but seq {last} was reported committed before the kill")
    if seq in before and before[seq] != root:
        fails.append(f"seq {seq} opened with root {root}, committed as {before[seq]}")
    m = CHECKED.search(checked)
    if not m or (int(m.group(1)), m.group(2)) != (seq, root):
        fails.append("dagfs-check on the disk the kill left does not agree")
    return fails


def cmd_kill(args):
    with tempfile.TemporaryDirectory(prefix="crashcheck-kill-") as tmp:
        saved = os.path.join(tmp, "disk.img")
        console = runner(args, tmp, ["--kill-after", f"{args.after}:{args.seed}:{args.within}",
                                     "--save-disk", f"{args.disk}:{saved}"])
        r = subprocess.run([args.checker, saved] + args.checker_args, capture_output=True, text=True)
        print(r.stdout, end="")
    fails = kill_verdict(console, r.stdout if r.returncode == 0 else "")
    for f in fails:
        print(f"crashcheck: FAIL {f}")
    print("crashcheck: " + ("FAIL" if fails else "PASS") + ": everything committed before the kill is there")
    return 1 if fails else 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--checker", required=True, help="build/dagfs-check")
    common.add_argument("--checker-arg", dest="checker_args", action="append", default=[],
                        help="passed to dagfs-check (e.g. --gpt for the boot disk's data partition)")
    common.add_argument("--seed", type=int, default=1)
    replaying = argparse.ArgumentParser(add_help=False)
    replaying.add_argument("--start", help="the disk before the boot: an image, or zeros:BYTES "
                                                "(run's default: zeros, a fresh scratch disk)")
    replaying.add_argument("--subsets", type=int, default=12, help="random subsets per epoch")
    replaying.add_argument("--merge-epochs", action="store_true",
                           help="also reorder each epoch's writes with the next one's, as if the "
                                "flush between them were missing (dagfs must then fail)")
    replaying.add_argument("--any-root", action="store_true",
                           help="a guest that does not report its commits (the dagfs server): any "
                                "state that opens and checks, never older than the last flush's")
    replaying.add_argument("--expect-fail", action="store_true", help="pass only if some state fails")
    booting = argparse.ArgumentParser(add_help=False)
    booting.add_argument("--runner", required=True)
    booting.add_argument("--image", required=True)
    booting.add_argument("--disk", default="0", help="the logged disk: a --disk index, or boot")
    booting.add_argument("runner_args", nargs="*", help="after --: the runner's options for the boot")
    r = sub.add_parser("replay", parents=[common, replaying])
    r.add_argument("--log", required=True)
    r.add_argument("--console", required=True, help="the guest's console, for its committed states")
    run = sub.add_parser("run", parents=[common, replaying, booting])
    run.add_argument("--missing-flush-too", action="store_true",
                     help="then replay again with --merge-epochs, which must fail: the harness can")
    k = sub.add_parser("kill", parents=[common, booting])
    k.add_argument("--after", required=True, help="regex: the loop started")
    k.add_argument("--within", type=float, default=3.0, help="kill within this many seconds")
    args = p.parse_args()
    return {"replay": cmd_replay, "run": cmd_run, "kill": cmd_kill}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
