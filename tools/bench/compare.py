#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""One table from two runs' BENCH lines: name, Linux ticks/op, Chapp-E
ticks/op, and Linux/Chapp-E (above 1: Chapp-E is faster). Lines either
system lacks show '-'. Order: Chapp-E's, then Linux-only lines.

usage: compare.py LINUX_OUTPUT CHAPPE_OUTPUT
"""
import re
import sys

LINE = re.compile(r"^BENCH (\w+) (\d+) ticks/op")


def ticks(path):
    found = {}
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.match(line)
            if m:
                found[m.group(1)] = int(m.group(2))
    return found


def row(name, linux, chappe):
    ratio = f"{linux / chappe:.2f}" if linux is not None and chappe else "-"
    cells = [f"{v:,}" if v is not None else "-" for v in (linux, chappe)]
    return f"{name:<28} {cells[0]:>12} {cells[1]:>12} {ratio:>8}"


def main():
    linux, chappe = ticks(sys.argv[1]), ticks(sys.argv[2])
    print(f"{'ticks/op':<28} {'Linux':>12} {'Chapp-E':>12} {'Lx/Ch':>8}")
    for name in list(chappe) + [n for n in linux if n not in chappe]:
        print(row(name, linux.get(name), chappe.get(name)))


if __name__ == "__main__":
    main()
