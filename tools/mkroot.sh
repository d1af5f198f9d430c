#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Build the dagfs root image: /bin holds the programs, /etc the files of
# userland/etc, /tmp starts empty. Programs are given as mkbootarc.py takes
# them: FILE=NAME, or FILE=NAME:BYTES for a copy cut to BYTES bytes.
# usage: mkroot.sh OUT.dfs MKDAGFS ETC_DIR FILE=NAME[:BYTES]...
set -eu
out=$1 mkdagfs=$2 etc=$3
shift 3
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/etc" "$stage/tmp"
for spec in "$@"; do
	file=${spec%%=*} name=${spec#*=} bytes=
	case $name in *:*) bytes=${name#*:} name=${name%%:*} ;; esac
	if [ -n "$bytes" ]; then
		head -c "$bytes" "$file" >"$stage/bin/$name"
	else
		cp "$file" "$stage/bin/$name"
	fi
done
cp -R "$etc"/. "$stage/etc/"
"$mkdagfs" "$out" "$stage"
