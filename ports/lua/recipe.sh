# SPDX-License-Identifier: BSD-2-Clause
# Lua 5.4: the interpreter with every standard library, built by Lua's own
# makefile for a POSIX system (popen, mkstemp, fseeko, isatty ...).
PORT_SOURCE=lua5.4
set -eu
make -C src posix -j"$JOBS" CC="$SDK/bin/chappe-cc" AR="$SDK/bin/chappe-ar rcu" \
	RANLIB="$SDK/bin/chappe-ranlib" MYCFLAGS="-g0" MYLDFLAGS="-Wl,--strip-all"
mkdir -p "$DEST/usr/bin" "$DEST/usr/share/lua"
cp src/lua src/luac "$DEST/usr/bin/"
cp "$PORT/check.lua" "$DEST/usr/share/lua/"
