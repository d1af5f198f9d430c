# SPDX-License-Identifier: BSD-2-Clause
# zlib: the static library by its own configure and makefile, and its two
# test programs, example (zlib's self-test) and minigzip.
PORT_SOURCE=zlib
set -eu
CC="$SDK/bin/chappe-cc" AR="$SDK/bin/chappe-ar" RANLIB="$SDK/bin/chappe-ranlib" \
	CFLAGS="-O2 -g0" LDFLAGS="-Wl,--strip-all" ./configure --static
make -j"$JOBS" libz.a example minigzip
mkdir -p "$DEST/usr/bin"
cp example minigzip "$DEST/usr/bin/"
