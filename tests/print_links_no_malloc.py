#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""A program that only prints (hello) links printf but not malloc: stdio
refers to malloc weakly, so streams it never makes cost no allocator."""
import subprocess
import sys

nm, program = sys.argv[1], sys.argv[2]
kinds = {}
for line in subprocess.run([nm, program], capture_output=True, text=True, check=True).stdout.splitlines():
    fields = line.split()
    if len(fields) >= 2:
        kinds[fields[-1]] = fields[-2]
print(f"{program}: printf {kinds.get('printf', '-')}, malloc {kinds.get('malloc', '-')}")
sys.exit(0 if kinds.get('printf') == 'T' and kinds.get('malloc', 'w') == 'w' else 1)
