#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# ./chappe new-server NAME: a new user server in servers/NAME from
# tools/template/server: NAMEd (the server), a client library, NAME_test
# and integ_NAME, on the lowest user SYS_ID (0x40..0xff) no source file
# defines yet. It builds and passes its test as it is.
# ./chappe new-server --driver NAME [pci:VVVV:DDDD]: a driver from
# tools/template/driver for that PCI device (default pci:1234:11e8, QEMU's
# edu, whose registers the skeleton uses): NAMEd claims it, maps BAR0,
# binds its MSI and acknowledges; NAME_test (boot archive only) and
# integ_NAME prove it.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
	echo "usage: ./chappe new-server [--driver] NAME [pci:VVVV:DDDD]" >&2
	echo "  NAME: a lower-case letter, then up to 10 of a-z 0-9 _; pci:VVVV:DDDD (hex) only with --driver" >&2
	exit 2
}

template=server
if [[ ${1:-} == --driver ]]; then
	template=driver
	shift
fi
name=${1:-}
ids=${2:-pci:1234:11e8}
if [[ ! $name =~ ^[a-z][a-z0-9_]{0,10}$ || $# -gt 2 ]]; then
	usage
fi
if [[ $template == server && $# -gt 1 ]]; then
	usage
fi
if [[ ! $ids =~ ^pci:([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$ ]]; then
	usage
fi
vendor=$(tr '[:upper:]' '[:lower:]' <<<"${BASH_REMATCH[1]}")
device=$(tr '[:upper:]' '[:lower:]' <<<"${BASH_REMATCH[2]}")
if [[ -e servers/$name ]]; then
	echo "new-server: servers/$name already exists" >&2
	exit 1
fi
if grep -rqE "'${name}d?'\s*:" --include=meson.build servers userland; then
	echo "new-server: a program called $name or ${name}d already exists" >&2
	exit 1
fi

# Every SYS_ID a source file defines (#define ..SYS_ID.. 0xNN) is taken.
taken=$(grep -rhoE '#define +[A-Z0-9_]*SYS_ID[A-Z0-9_]* +0x[0-9a-fA-F]+' lib servers userland |
	awk '{print tolower($3)}')
sys_id=
for ((id = 0x40; id <= 0xff; id++)); do
	hex=$(printf '0x%02x' "$id")
	if ! grep -qx "$hex" <<<"$taken"; then
		sys_id=$hex
		break
	fi
done
if [[ -z $sys_id ]]; then
	echo "new-server: every user SYS_ID (0x40..0xff) is taken" >&2
	exit 1
fi

upper=$(tr '[:lower:]' '[:upper:]' <<<"$name")
mkdir "servers/$name"
for src in tools/template/$template/*; do
	dst=servers/$name/$(basename "$src")
	dst=${dst//@NAME@/$name}
	sed -e "s/@NAME@/$name/g" -e "s/@UPPER@/$upper/g" -e "s/@SYS_ID@/$sys_id/g" \
		-e "s/@VENDOR@/$vendor/g" -e "s/@DEVICE@/$device/g" "$src" >"$dst"
done
echo "subdir('$name')" >>servers/meson.build

if [[ $template == server ]]; then
	cat <<EOT
new-server: servers/$name: ${name}d on SYS_ID $sys_id
  $(cd "servers/$name" && ls | tr '\n' ' ')
next:
  ./chappe test integ_$name         build and run its test
  add "$name  $sys_id  restart  /sbin/${name}d" to userland/etc/servers to have init start it
  docs/writing-a-server.md          how to give it operations of its own
EOT
	exit 0
fi
cat <<EOT
new-server: servers/$name: ${name}d, the driver of pci:$vendor:$device, on SYS_ID $sys_id
  $(cd "servers/$name" && ls | tr '\n' ' ')
next:
  ./chappe test integ_$name         build and run its test (it boots QEMU's edu device)
  add "$name  $sys_id  restart  device=pci:$vendor:$device  /sbin/${name}d" to userland/etc/drivers to have init start it
  docs/drivers.md                   the driver walked through, and what to change for another device
EOT
