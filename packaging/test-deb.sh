#!/bin/sh
# packaging/test-deb.sh [BUILD_DIR]: makes the Debian package from an
# already built BUILD_DIR (default build/; only what is out of date is
# rebuilt), installs it with apt-get (which pulls in its Depends), checks the
# installed haber (check-installed.sh: haber-index with no PATH indexes the
# bundled corpus, haber-search Özbekistan finds it, man pages, completions),
# checks that every shared library the programs need belongs to a package
# the .deb depends on, and removes it again. Run as root, on a machine
# without haber installed; .ci/test-all runs it after the normal suite.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
here=$PWD/packaging
fail() {
  echo "test-deb: $*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "needs root (it installs the package)"
if dpkg-query -W -f='${Status}' haber 2>/dev/null | grep -q "install ok installed"; then
  fail "haber is installed already; remove it first (dpkg -r haber)"
fi
[ -f "$build/CPackConfig.cmake" ] || fail "$build is not a configured build directory (cmake -B $build -S .)"

cmake --build "$build" -j"$(nproc)" >"$build/deb-build.log" 2>&1 || {
  cat "$build/deb-build.log" >&2
  fail "cmake --build $build failed"
}
rm -f "$build"/haber_*.deb
(cd "$build" && cpack -G DEB) >"$build/cpack.log" 2>&1 || {
  cat "$build/cpack.log" >&2
  fail "cpack failed"
}
set -- "$build"/haber_*.deb
[ $# -eq 1 ] && [ -f "$1" ] || fail "cpack made no single $build/haber_*.deb"
deb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
echo "test-deb: $deb"
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Architecture\|Depends\|Installed-Size\):/  \1:/p'

# What it must hold, by path.
# haber-bench and its query files only if the build has the benchmark tools
# (HABER_BUILD_BENCHMARKS).
programs="haber-index haber-search"
expected="/usr/share/haber/corpus/tr-financial-200.jsonl"
[ ! -x "$build/haber-bench" ] || {
  programs="$programs haber-bench"
  expected="$expected /usr/share/haber/queries/sample.tsv"
}
for p in $programs; do
  expected="$expected /usr/bin/$p /usr/share/man/man1/$p.1.gz"
done
for p in haber-index haber-search; do
  expected="$expected /usr/share/bash-completion/completions/$p /usr/share/zsh/vendor-completions/_$p"
done
dpkg-deb --contents "$deb" | awk '{ print $NF }' | sed 's|^\./|/|' >"$build/deb-contents.txt"
for f in $expected; do
  grep -qxF "$f" "$build/deb-contents.txt" || fail "$deb lacks $f"
done

installed=no
cleanup() {
  if [ "$installed" = yes ]; then
    dpkg -r haber >/dev/null || echo "test-deb: dpkg -r haber failed" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export DEBIAN_FRONTEND=noninteractive
installed=yes
apt-get install -y -qq --no-install-recommends "$deb" >"$build/deb-install.log" 2>&1 || {
  cat "$build/deb-install.log" >&2
  fail "apt-get install $deb failed"
}
if [ ! -f /usr/share/man/man1/haber-search.1.gz ] && grep -qs '^path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg.d/*; then
  fail "dpkg is set to leave out man pages (path-exclude in /etc/dpkg/dpkg.cfg.d/): the man pages cannot be checked here"
fi
[ "$(command -v haber-search)" = /usr/bin/haber-search ] || fail "haber-search is not /usr/bin/haber-search on PATH"
[ "$(man -w haber-search)" = /usr/share/man/man1/haber-search.1.gz ] || fail "man haber-search finds no installed page"
man haber-search >/dev/null 2>&1 || fail "man haber-search fails"

sh "$here/check-installed.sh" /usr

# The package holding a library, whether dpkg knows it under /lib or /usr/lib
# (merged /usr), by the name ldd gives or the file that name links to.
owner() {
  real=$(readlink -f "$1")
  for f in "$1" "$real" "/usr${1#/usr}" "${1#/usr}" "/usr${real#/usr}" "${real#/usr}"; do
    o=$(dpkg -S "$f" 2>/dev/null | head -1) && [ -n "$o" ] && {
      echo "${o%%:*}"
      return 0
    }
  done
  return 1
}

# Every library the programs link directly is in a package the .deb
# depends on (what dpkg-shlibdeps computed, checked from the other side).
depends=$(dpkg-query -W -f='${Depends}' haber)
for p in $programs; do
  p=/usr/bin/$p
  for lib in $(objdump -p "$p" | awk '$1 == "NEEDED" { print $2 }'); do
    path=$(ldd "$p" | awk -v l="$lib" '$1 == l { print $3 }')
    [ -n "$path" ] || fail "$p: $lib not found"
    pkg=$(owner "$path") || fail "$p: no package holds $path ($lib)"
    echo "$depends" | tr ',' '\n' | grep -q "^ *$pkg\( \|$\)" ||
      fail "$p needs $lib ($pkg), but the package depends on: $depends"
  done
done

dpkg -r haber >/dev/null
installed=no
[ ! -e /usr/bin/haber-index ] || fail "dpkg -r haber left /usr/bin/haber-index"
[ ! -e /usr/share/haber/corpus ] || fail "dpkg -r haber left /usr/share/haber/corpus"
echo "test-deb: $(basename "$deb") installs, runs and removes cleanly"
