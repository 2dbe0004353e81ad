#!/usr/bin/env bash
# Debian's Virtuoso server (virtuoso-opensource-7-bin), and the libraries it needs that the machine lacks,
# unpacked into DEST (default .venv/virtuoso) for the tests that push to a real Virtuoso. Nothing is installed
# system-wide and no root is needed, except to refresh empty package lists on a fresh machine. Idempotent: a
# working copy is kept. When the packages cannot be had, DEST/UNAVAILABLE says why and the tests skip with that.
set -uo pipefail
dest=${1:-.venv/virtuoso}
server=$dest/usr/bin/virtuoso-t
libpath() { find "$dest/lib" "$dest/usr/lib" -name '*.so*' -printf '%h\n' 2>/dev/null | sort -u | paste -sd: -; }
works() { [ -x "$server" ] && ! LD_LIBRARY_PATH=$(libpath) ldd "$server" 2>/dev/null | grep -q 'not found'; }
give_up() { mkdir -p "$dest" && echo "$*" > "$dest/UNAVAILABLE"; echo "Virtuoso not installed: $*" >&2; exit 0; }

works && exit 0
command -v apt-get >/dev/null && command -v dpkg >/dev/null || give_up "apt-get and dpkg (Debian's package tools) not found"
echo "installing Virtuoso into $dest for the remote-store tests"
debs=$(mktemp -d) && trap 'rm -rf "$debs"' EXIT
wanted=virtuoso-opensource-7-bin
fetch() { (cd "$debs" && apt-get download -qq "$@" 2>"$debs/errors"); }
if ! fetch $wanted; then
  # On a fresh machine the package lists may be empty: refresh them when we may.
  [ "$(id -u)" = 0 ] && apt-get update -qq >/dev/null 2>&1
  fetch $wanted || give_up "apt-get download $wanted failed: $(grep -v '^W:' "$debs/errors" | tail -1)"
fi
# Its direct dependencies (shared libraries) that the machine does not have installed; never the C library,
# which must be the one the machine's dynamic loader belongs to.
for dep in $(apt-cache depends "$wanted" | awk '$1 == "Depends:" && $2 != "libc6" { print $2 }'); do
  dpkg -s "$dep" 2>/dev/null | grep -q '^Status: install ok installed' || fetch "$dep" \
    || give_up "apt-get download $dep (needed by $wanted) failed: $(grep -v '^W:' "$debs/errors" | tail -1)"
done
rm -rf "$dest" && mkdir -p "$dest"
for deb in "$debs"/*.deb; do dpkg -x "$deb" "$dest" || give_up "dpkg -x $(basename "$deb") failed"; done
works || give_up "$server does not run here: $(LD_LIBRARY_PATH=$(libpath) ldd "$server" 2>&1 | grep 'not found' | paste -sd, -)"
echo "Virtuoso $(LD_LIBRARY_PATH=$(libpath) "$server" --help 2>&1 | awk '/^Version/ { print $2 }') in $dest"
