#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# integ_new_server: in a copy of the source tree, ./chappe new-server makes
# a server; the copy builds (-Werror) and the generated test passes under
# QEMU without an edit. Bad and taken names are refused.
# usage: test-new-server.sh SOURCE_DIR
set -euo pipefail
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -C "$src" --exclude='./build*' --exclude=./.git -cf - . | tar -C "$tmp" -xf -
cd "$tmp"

./chappe new-server demo
if ./chappe new-server demo >/dev/null 2>&1; then
	echo "FAIL: a second 'demo' was accepted"
	exit 1
fi
if ./chappe new-server 'Bad-Name' >/dev/null 2>&1; then
	echo "FAIL: 'Bad-Name' was accepted"
	exit 1
fi
echo "new-server refused a taken name and a bad one"

# Inner meson output is indented so it never reads as this suite's summary.
meson setup build --cross-file tools/cross/x86_64-chappe.ini >/dev/null
ninja -C build 2>&1 | tail -1 | sed 's/^/  | /'
status=0
meson test -C build --print-errorlogs integ_demo 2>&1 | sed 's/^/  | /' || status=$?
grep -E '^demo_test: ' build/meson-logs/testlog.txt || true
exit "$status"
