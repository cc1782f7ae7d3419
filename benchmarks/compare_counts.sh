#!/bin/sh
# Result counts per query: haber next to Xapian out of the box, on the same
# corpus. Both count exact matches with AND between words.
#   benchmarks/compare_counts.sh CORPUS [QUERY_FILE]
# Builds both databases under ${WORKDIR:-/tmp/haber-compare} unless they exist.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD:-$here/../build}
corpus=${1:?usage: compare_counts.sh CORPUS [QUERY_FILE]}
queries=${2:-$here/queries/turkish-handling.txt}
work=${WORKDIR:-/tmp/haber-compare}
mkdir -p "$work"
[ -d "$work/haber.db" ] || "$build/haber-index" --quiet --db "$work/haber.db" "$corpus"
[ -d "$work/plain.db" ] || "$build/haber-xapian-baseline" index --db "$work/plain.db" "$corpus"
printf '| query | haber | plain Xapian |\n|---|---:|---:|\n'
while IFS= read -r q; do
  [ -n "$q" ] || continue
  h=$("$build/haber-search" --db "$work/haber.db" --count -- "$q")
  p=$("$build/haber-xapian-baseline" count --db "$work/plain.db" "$q" | cut -f1)
  printf '| `%s` | %s | %s |\n' "$q" "$h" "$p"
done < "$queries"
