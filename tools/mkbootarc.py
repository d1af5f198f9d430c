#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Pack programs into a Chapp-E boot archive (lib/abi/bootarc.h).

usage: mkbootarc.py OUT FILE[=NAME[:BYTES]]...
NAME defaults to the file's base name; BYTES keeps only that many leading
bytes (test images of a cut-short file).
"""
import os
import struct
import sys

MAGIC = b"CHAPARC1"
NAME_MAX = 48
MAX_ENTRIES = 256


def main(argv):
    out, specs = argv[1], argv[2:]
    if len(specs) > MAX_ENTRIES:
        sys.exit(f"mkbootarc: more than {MAX_ENTRIES} files")
    entries, blobs = [], []
    offset = 16 + 64 * len(specs)
    for spec in specs:
        path, _, name = spec.partition("=")
        name, _, keep = name.partition(":")
        name = name or os.path.basename(path)
        if not 0 < len(name.encode()) < NAME_MAX:
            sys.exit(f"mkbootarc: bad name {name!r}")
        data = open(path, "rb").read()
        if keep:
            data = data[: int(keep)]
        offset = (offset + 7) & ~7
        entries.append(struct.pack("<48sQQ", name.encode(), offset, len(data)))
        blobs.append((offset, data))
        offset += len(data)
    image = bytearray(offset)
    image[0:16] = struct.pack("<8sII", MAGIC, len(specs), 0)
    for i, e in enumerate(entries):
        image[16 + 64 * i : 16 + 64 * (i + 1)] = e
    for off, data in blobs:
        image[off : off + len(data)] = data
    with open(out, "wb") as f:
        f.write(image)


if __name__ == "__main__":
    main(sys.argv)
