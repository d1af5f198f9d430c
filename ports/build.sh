#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Build every port (ports/NAME/recipe.sh) with the kit and install it into
# the root filesystem's overlay. Each recipe names its Debian source
# package (PORT_SOURCE=) and gets an untouched copy of the upstream tarball
# unpacked in a fresh folder: no patches, only the flags it passes.
# A port is rebuilt only when the kit, its recipe or its tarball changed.
# WORK/status says, a line each, what was built and what was skipped why.
# usage: build.sh SRCDIR SDK SDK-STAMP WORK STAMP
set -eu
src=$1 sdk=$2 sdk_stamp=$3 work=$4 stamp=$5
root="$work/root"
mkdir -p "$work" "$root"
: >"$work/status.new"
jobs=$(nproc 2>/dev/null || echo 2)
for recipe in "$src"/ports/*/recipe.sh; do
	port=$(basename "$(dirname "$recipe")")
	pkg=$(sed -n 's/^PORT_SOURCE=//p' "$recipe")
	if ! tarball=$(sh "$src/ports/fetch.sh" "$work" "$pkg"); then
		echo "$port: skipped: Debian's source archive cannot be reached" >>"$work/status.new"
		continue
	fi
	key=$( (cat "$sdk_stamp" "$(dirname "$recipe")"/*; basename "$tarball") | sha256sum)
	if [ -f "$work/$port.key" ] && [ "$(cat "$work/$port.key")" = "$key" ]; then
		echo "$port: built $(basename "$tarball")" >>"$work/status.new"
		continue
	fi
	rm -rf "$work/$port" "$work/$port.key"
	mkdir -p "$work/$port"
	tar -xf "$tarball" -C "$work/$port"
	dir=$(find "$work/$port" -mindepth 1 -maxdepth 1 -type d | head -n 1)
	echo "ports: building $port from $(basename "$tarball")"
	if ! (cd "$dir" && SDK=$sdk DEST=$root JOBS=$jobs PORT=$src/ports/$port \
		sh "$recipe") >"$work/$port.log" 2>&1; then
		tail -n 30 "$work/$port.log" >&2
		echo "ports: $port failed to build: $work/$port.log" >&2
		exit 1
	fi
	echo "$key" >"$work/$port.key"
	echo "$port: built $(basename "$tarball")" >>"$work/status.new"
done
mv "$work/status.new" "$work/status"
# The stamp changes only with what was installed (ninja restats it).
sum=$(cd "$root" && find . -type f -print | LC_ALL=C sort | xargs -r sha256sum | sha256sum)
sum="$sum $(sha256sum <"$work/status")"
[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ] || echo "$sum" >"$stamp"
