#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Build the dagfs root image: programs go to the directory the last
# --into=DIR named (bin by default), /etc holds the files of userland/etc,
# /tmp starts empty, /usr holds what overlays put there. Programs are
# given as mkbootarc.py takes them: FILE=NAME, or FILE=NAME:BYTES for a
# copy cut to BYTES bytes.
# --overlay=HOSTDIR=/PATH copies the tree HOSTDIR to /PATH, after the rest
# (a HOSTDIR that does not exist adds nothing: a port that was skipped).
# usage: mkroot.sh OUT.dfs MKDAGFS ETC_DIR [--overlay=HOSTDIR=/PATH]
#        [--into=DIR] FILE=NAME[:BYTES]...
set -eu
out=$1 mkdagfs=$2 etc=$3
shift 3
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/etc" "$stage/tmp" "$stage/usr"
dir=bin
overlays=
for spec in "$@"; do
	case $spec in --overlay=*)
		overlays="$overlays ${spec#--overlay=}"
		continue
		;;
	esac
	case $spec in --into=*)
		dir=${spec#--into=}
		mkdir -p "$stage/$dir"
		continue
		;;
	esac
	file=${spec%%=*} name=${spec#*=} bytes=
	case $name in *:*) bytes=${name#*:} name=${name%%:*} ;; esac
	if [ -n "$bytes" ]; then
		head -c "$bytes" "$file" >"$stage/$dir/$name"
	else
		cp "$file" "$stage/$dir/$name"
	fi
done
cp -R "$etc"/. "$stage/etc/"
for overlay in $overlays; do
	from=${overlay%%=*} to=${overlay#*=}
	[ -d "$from" ] || continue
	mkdir -p "$stage/$to"
	cp -R "$from"/. "$stage/$to/"
done
"$mkdagfs" "$out" "$stage"
