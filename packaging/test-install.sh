#!/bin/sh
# test-install.sh BUILD_DIR: `cmake --install BUILD_DIR` into a scratch
# prefix and check-installed.sh there; then the prefix is moved elsewhere
# and checked again (the programs find their data relative to themselves).
set -eu
build=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" || {
  cat "$tmp/install.log" >&2
  exit 1
}
sh "$here/check-installed.sh" "$tmp/prefix"
mv "$tmp/prefix" "$tmp/moved"
sh "$here/check-installed.sh" "$tmp/moved"
