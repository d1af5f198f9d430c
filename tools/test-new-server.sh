#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# integ_new_server: in a copy of the source tree, ./chappe new-server makes
# a server and ./chappe new-server --driver a driver (for QEMU's edu); the
# copy builds (-Werror) and both generated tests pass under QEMU without an
# edit. Bad and taken names, and bad device IDs, are refused.
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

./chappe new-server --driver edu
for bad in 'demo' 'edu' 'drv pci:12:34' 'drv pci:1234:11e8 more' 'drv pci:123g:11e8'; do
	# shellcheck disable=SC2086 # the words are the arguments
	if ./chappe new-server --driver $bad >/dev/null 2>&1; then
		echo "FAIL: new-server --driver $bad was accepted"
		exit 1
	fi
done
if ./chappe new-server plain pci:1234:11e8 >/dev/null 2>&1; then
	echo "FAIL: a device for a server that is not a driver was accepted"
	exit 1
fi
echo "new-server --driver refused taken names and bad device IDs"
./chappe new-server --driver nic pci:8086:10D3 >/dev/null
if ! grep -q '^#define NIC_VENDOR 0x8086$' servers/nic/nic_protocol.h ||
	! grep -q '^#define NIC_DEVICE 0x10d3$' servers/nic/nic_protocol.h; then
	echo "FAIL: new-server --driver nic pci:8086:10D3 did not name that device"
	exit 1
fi
echo "new-server --driver named the device it was given (it builds too)"

# Inner meson output is indented so it never reads as this suite's summary.
meson setup build --cross-file tools/cross/x86_64-chappe.ini >/dev/null
ninja -C build 2>&1 | tail -1 | sed 's/^/  | /'
status=0
meson test -C build --print-errorlogs integ_demo integ_edu 2>&1 | sed 's/^/  | /' || status=$?
grep -E '^(demo_test|edud|edu_test): ' build/meson-logs/testlog.txt || true
exit "$status"
