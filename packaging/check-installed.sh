#!/bin/sh
# check-installed.sh PREFIX: checks a haber installed under PREFIX (by
# `cmake --install`, or /usr by the .deb): the programs run from there, with
# no PATH haber-index indexes the installed bundled corpus, a search finds
# it, the man pages are there and render cleanly, and the completions are
# there and agree with the installed programs' --help.
# Used by the install test (packaging/CMakeLists.txt) and by test-deb.sh.
set -eu
prefix=$1
here=$(cd "$(dirname "$0")" && pwd)
bin=$prefix/bin
share=$prefix/share
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() {
  echo "check-installed: $*" >&2
  exit 1
}

for p in haber-index haber-search; do
  [ -x "$bin/$p" ] || fail "$bin/$p missing"
done
[ -f "$share/haber/corpus/aa-sample/taskent-ozbekistan-kazakistan-muttefiklik.txt" ] ||
  fail "bundled corpus missing from $share/haber/corpus"

# No PATH: the bundled corpus. Run from / with a fresh HOME so that neither a
# corpus/ in the working directory nor a default database can stand in.
mkdir "$tmp/home"
status=0
(cd / && env -u HABER_CORPUS -u HABER_DB -u XDG_DATA_HOME HOME="$tmp/home" \
  "$bin/haber-index" --db "$tmp/db") >"$tmp/index.out" 2>"$tmp/index.err" || status=$?
[ "$status" -eq 0 ] || fail "haber-index (no PATH) exited $status: $(cat "$tmp/index.err")"
grep -q "indexed 205 articles" "$tmp/index.err" ||
  fail "haber-index (no PATH) did not index the 205 bundled articles: $(cat "$tmp/index.err")"

status=0
"$bin/haber-search" --db "$tmp/db" --color never Özbekistan >"$tmp/search.out" 2>"$tmp/search.err" || status=$?
[ "$status" -eq 0 ] || fail "haber-search Özbekistan exited $status: $(cat "$tmp/search.err")"
grep -q "id corpus/aa-sample/taskent-ozbekistan-kazakistan-muttefiklik.txt" "$tmp/search.out" ||
  fail "haber-search Özbekistan did not find the AA story: $(cat "$tmp/search.out")"
status=0
"$bin/haber-search" --db "$tmp/db" zzqqxxyy >/dev/null 2>&1 || status=$?
[ "$status" -eq 1 ] || fail "haber-search for a word in no article exited $status, not 1"

# Man pages: found by man(1) under the prefix, with the sections help2man
# and the .h2m files give, and no groff or man warnings when rendered.
for p in haber-index haber-search; do
  page=$share/man/man1/$p.1.gz
  [ -f "$page" ] || fail "$page missing"
  found=$(man -w -M "$share/man" "$p" 2>/dev/null) || fail "man -M $share/man $p finds no page"
  [ "$found" = "$page" ] || fail "man -M $share/man $p finds $found, not $page"
  MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$page" >"$tmp/man.txt" 2>"$tmp/man.err" ||
    fail "man -l $page failed: $(cat "$tmp/man.err")"
  [ ! -s "$tmp/man.err" ] || fail "man -l $page warns: $(cat "$tmp/man.err")"
  for section in NAME SYNOPSIS DESCRIPTION OPTIONS EXAMPLES "EXIT STATUS" ENVIRONMENT "SEE ALSO"; do
    grep -q "^$section\$" "$tmp/man.txt" || fail "$page has no $section section"
  done
  grep -q -- "--db" "$tmp/man.txt" || fail "$page does not describe --db"
done

# Completions where bash-completion and zsh look for them.
for p in haber-index haber-search; do
  b=$share/bash-completion/completions/$p
  z=$share/zsh/vendor-completions/_$p
  [ -f "$b" ] || fail "$b missing"
  [ -f "$z" ] || fail "$z missing"
  status=0
  bash "$here/check-completions.sh" "$bin/$p" "$b" "$z" || status=$?
  [ "$status" -eq 0 ] || [ "$status" -eq 77 ] || fail "installed completions of $p disagree with its --help"
done

echo "check-installed: $prefix: programs, bundled corpus, man pages and completions work"
