#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Lay out the cross-compiler kit: SDK/bin (chappe-cc and friends),
# SDK/include (libc's headers and the lib/ headers they include),
# SDK/lib (libc.a, libm.a, crt0.o, user.ld). Files are replaced only when
# they changed, and the stamp only when the kit did, so what is built
# against the kit rebuilds only then.
# usage: mksdk.sh SDK SRCDIR STAMP LIBC.A LIBM.A LIBCRT0.A
set -eu
sdk=$1 src=$2 stamp=$3 libc=$4 libm=$5 crt0=$6
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/include" "$stage/lib"
cp "$src/tools/sdk/chappe-cc" "$stage/bin/"
ln -s "$(command -v llvm-ar 2>/dev/null || command -v ar)" "$stage/bin/chappe-ar"
ln -s "$(command -v llvm-ranlib 2>/dev/null || command -v ranlib)" "$stage/bin/chappe-ranlib"
cp -R "$src/lib/libc/include/." "$stage/include/"
# What libc's headers include from lib/: the ABI and the shared string.h.
mkdir -p "$stage/include/abi" "$stage/include/string"
cp "$src"/lib/abi/*.h "$stage/include/abi/"
cp "$src/lib/string/string.h" "$stage/include/string/"
# Meson's archives are thin (they name objects in the build tree): the
# kit's hold the objects themselves.
whole_archive() {
	# ar t names a thin archive's members relative to here
	# shellcheck disable=SC2046
	ar rcsD "$2" $(ar t "$1")
}
whole_archive "$libc" "$stage/lib/libc.a"
whole_archive "$libm" "$stage/lib/libm.a"
cp "$(ar t "$crt0")" "$stage/lib/crt0.o"
cp "$src/tools/ld/user.ld" "$stage/lib/"
mkdir -p "$sdk"
# Sync: copy what differs, drop what is gone.
(cd "$stage" && find . -type f -o -type l) | while read -r f; do
	if ! cmp -s "$stage/$f" "$sdk/$f" 2>/dev/null || [ -L "$stage/$f" ]; then
		mkdir -p "$(dirname "$sdk/$f")"
		rm -f "$sdk/$f"
		cp -P "$stage/$f" "$sdk/$f"
	fi
done
(cd "$sdk" && find . -type f -o -type l) | while read -r f; do
	[ -e "$stage/$f" ] || [ -L "$stage/$f" ] || rm -f "$sdk/$f"
done
# The stamp changes only with the kit (ninja restats it): its digest.
sum=$(cd "$sdk" && find . \( -type f -o -type l \) -print | LC_ALL=C sort | xargs sha256sum | sha256sum)
[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ] || echo "$sum" >"$stamp"
