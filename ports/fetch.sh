#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Fetch a Debian source package's upstream tarball into WORK/sources with
# apt-get source --download-only, through a deb-src list and apt state of
# WORK's own: the system's apt configuration is read for nothing and
# changed in nothing. Prints the tarball's path; exits 2 when the archive
# cannot be reached (the caller skips the port and says why).
# usage: fetch.sh WORK SOURCE-PACKAGE
set -eu
work=$1 pkg=$2
apt="$work/apt"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$work/sources"
suite=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-bookworm}")
mirror=${CHAPPE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
echo "deb-src [signed-by=$keyring] $mirror ${suite:-bookworm} main" >"$apt/sources.list"
aptget() {
	apt-get -q -o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" \
		-o APT::Sandbox::User=root "$@"
}
orig() {
	find "$work/sources" -maxdepth 1 -name "${pkg}_*.orig.tar.*" ! -name '*.asc' | sort | tail -n 1
}
if [ -z "$(orig)" ]; then
	{ aptget update && (cd "$work/sources" && aptget source --download-only "$pkg"); } \
		>"$work/fetch-$pkg.log" 2>&1 || {
		echo "fetch.sh: $pkg: Debian's source archive cannot be reached (see $work/fetch-$pkg.log)" >&2
		exit 2
	}
fi
tarball=$(orig)
[ -n "$tarball" ] || { echo "fetch.sh: $pkg: no upstream tarball among the sources" >&2; exit 1; }
echo "$tarball"
