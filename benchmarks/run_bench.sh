#!/usr/bin/env bash
# The whole haber benchmark in one command: indexing and query figures on a
# corpus, written to benchmarks/RESULTS.md by the tools (never by hand).
#
#   benchmarks/run_bench.sh [options] [CORPUS]
#
# CORPUS defaults to ../shared/corpus/kemik-42bin.jsonl.gz (next to the
# repository), else the bundled corpus/. Builds nothing: run after
#   cmake -B build -S . && cmake --build build -j2
#
# Steps
#   1. index CORPUS into a fresh database under a temp dir with
#      /usr/bin/time -v build/haber-index: articles/s, MB/s (input bytes,
#      uncompressed), peak RSS, database size, and size after
#      xapian-compact (into the temp dir);
#   2. queries: --queries FILE, else benchmarks/queries/kemik-42bin.tsv for
#      kemik-42bin or benchmarks/queries/sample.tsv otherwise; if that file is
#      missing, build/haber-query-set draws one from the new database;
#   3. build/haber-bench --mode all (count, top10, top100), single-threaded
#      and with --threads 2, appending its Markdown tables;
#   4. build/haber-micro (Google Benchmark), if built, briefly.
#
# Options
#   --queries FILE   query file (class<TAB>query)
#   --out FILE       report (default benchmarks/RESULTS.md); written at the end
#   --passes N       haber-bench timed passes (default 5)
#   --threads N      the concurrent run's threads (default 2)
#   --build DIR      where the programs are (default build)
#   --no-micro       skip haber-micro
#   --keep           keep the temp dir (database, logs) and say where
# Environment: TMPDIR for the temp dir (needs about 3x the corpus text).
#
# Exit status: 0 ok; 1 a step failed or haber-bench's verification failed
# (the report is still written); 2 usage.
set -eu
set -o pipefail

caller=$(pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
# Paths given on the command line are relative to where the script was called from.
abs() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$caller/$1" ;; esac; }

build=build
queries=""
out="benchmarks/RESULTS.md"
passes=5
threads=2
micro=1
keep=0
corpus=""
args=("$@")

usage() { sed -n '2,/^set -eu/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }
die() { echo "run_bench.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --queries) [ $# -ge 2 ] || die "--queries needs a FILE"; queries=$(abs "$2"); shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a FILE"; out=$(abs "$2"); shift 2 ;;
    --passes) [ $# -ge 2 ] || die "--passes needs N"; passes=$2; shift 2 ;;
    --threads) [ $# -ge 2 ] || die "--threads needs N"; threads=$2; shift 2 ;;
    --build) [ $# -ge 2 ] || die "--build needs a DIR"; build=$(abs "$2"); shift 2 ;;
    --no-micro) micro=0; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$corpus" ] || die "one CORPUS only"; corpus=$(abs "$1"); shift ;;
  esac
done

for prog in haber-index haber-bench; do
  [ -x "$build/$prog" ] || die "$build/$prog not found: build first (cmake -B build -S . && cmake --build build -j2)"
done
[ -x /usr/bin/time ] || die "/usr/bin/time not found (Debian package: time)"

if [ -z "$corpus" ]; then
  corpus="$root/../shared/corpus/kemik-42bin.jsonl.gz"
  if [ ! -e "$corpus" ]; then
    echo "run_bench.sh: $corpus not found; using the bundled corpus/" >&2
    corpus="$root/corpus"
  fi
fi
[ -e "$corpus" ] || die "corpus $corpus not found"
corpus=$(realpath "$corpus")
corpus_name=$(basename "$corpus")

if [ -z "$queries" ]; then
  case "$corpus_name" in
    kemik-42bin*) queries="benchmarks/queries/kemik-42bin.tsv" ;;
    *) queries="benchmarks/queries/sample.tsv" ;;
  esac
fi

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
work=$(mktemp -d "${TMPDIR:-/tmp}/haber-bench.XXXXXX")
cleanup() { if [ "$keep" = 1 ]; then echo "run_bench.sh: kept $work" >&2; else rm -rf "$work"; fi; }
trap cleanup EXIT
db="$work/haber.db"
report="$work/RESULTS.md"
status=0
say() { printf '\n== %s\n' "$*" >&2; }

# Input text in bytes, uncompressed (.gz files decompressed, directories walked).
text_bytes() {
  find "$1" -type f ! -name 'README*' ! -name '*.md' -print0 | sort -z |
    while IFS= read -r -d '' f; do
      case "$f" in *.gz) gzip -dc "$f" ;; *) cat "$f" ;; esac
    done | wc -c
}
bytes_of() { du -sb "$1" | cut -f1; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# ------------------------------------------------------------------ indexing
say "indexing $corpus"
input_bytes=$(text_bytes "$corpus")
index_cmd=(/usr/bin/time -v "$build/haber-index" --db "$db" "$corpus")
rc=0
nice "${index_cmd[@]}" 2> "$work/index.log" || rc=$?
# haber-index: 0 all indexed, 1 some input skipped (the rest is indexed).
if [ "$rc" -gt 1 ]; then
  cat "$work/index.log" >&2
  echo "run_bench.sh: haber-index failed (exit $rc)" >&2
  exit 1
fi
[ "$rc" = 0 ] || echo "run_bench.sh: haber-index skipped some input (exit 1); see the report" >&2

wall=$(awk -F': ' '/Elapsed \(wall clock\) time/ {
  n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/index.log")
rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/index.log")
cpu_pct=$(awk -F': ' '/Percent of CPU this job got/ { print $2 }' "$work/index.log")
if command -v xapian-delve > /dev/null; then
  articles=$(xapian-delve "$db" | awk -F' = ' '/number of documents/ { print $2 }')
else  # haber-index's summary line: "indexed N articles (...)"
  articles=$(sed -n 's/^indexed \([0-9]*\) articles.*/\1/p' "$work/index.log" | tail -1)
fi
db_bytes=$(bytes_of "$db")
compact_bytes="–"
if command -v xapian-compact > /dev/null; then
  say "xapian-compact"
  if nice xapian-compact "$db" "$work/compact.db" > "$work/compact.log" 2>&1; then
    compact_bytes=$(bytes_of "$work/compact.db")
    rm -rf "$work/compact.db"
  else
    echo "run_bench.sh: xapian-compact failed:" >&2; cat "$work/compact.log" >&2; status=1
  fi
else
  echo "run_bench.sh: xapian-compact not found (Debian package xapian-tools); compacted size not measured" >&2
fi
rate=$(awk -v n="$articles" -v s="$wall" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
mbps=$(awk -v b="$input_bytes" -v s="$wall" 'BEGIN { printf "%.2f", (s > 0 ? b / 1e6 / s : 0) }')

# ------------------------------------------------------------------- queries
if [ ! -r "$queries" ]; then
  if [ -x "$build/haber-query-set" ]; then
    say "no $queries: drawing a query set with haber-query-set"
    generated="$work/queries.tsv"
    nice "$build/haber-query-set" --db "$db" --corpus "$corpus" --out "$generated"
    queries="$generated"
  else
    echo "run_bench.sh: no query file $queries and no $build/haber-query-set to make one" >&2
    exit 1
  fi
fi

# ------------------------------------------------------------------ report
machine_info=$("$build/haber-bench" --machine-info)
{
  echo "# haber benchmark results"
  echo
  echo "Written by \`benchmarks/run_bench.sh\` — regenerate, do not edit by hand."
  echo
  echo "$machine_info" | sed 's/^/- /'
  printf -- '- command: `benchmarks/run_bench.sh'
  [ ${#args[@]} = 0 ] || printf ' %q' "${args[@]}"
  printf '`\n'
  echo "- load average when the run started (1, 5, 15 min): $load_at_start — other work on the machine skews the figures"
  echo "- corpus: \`$corpus_name\` ($articles articles, $(awk -v b="$input_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB uncompressed)"
  echo "- queries: \`$(basename "$queries")\`"
  echo
  echo "## Indexing"
  echo
  echo "\`$(printf '%q ' "${index_cmd[@]}" | sed -e "s#$work#\$TMP#g" -e 's/ $//')\` (exit $rc)"
  echo
  echo "| articles | input MB | wall s | articles/s | MB/s | CPU | peak RSS MiB | database MiB | compacted MiB |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "| $articles | $(awk -v b="$input_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') | $wall | $rate | $mbps | $cpu_pct | $(mib $((rss_kb * 1024))) | $(mib "$db_bytes") | $( [ "$compact_bytes" = "–" ] && echo "–" || mib "$compact_bytes") |"
  echo
  echo "Input MB: the corpus files' bytes, uncompressed (JSON Lines syntax included); MB/s = input MB / wall s."
  echo "Compacted: \`xapian-compact\` of the same database. haber-index said:"
  echo
  echo '```'
  grep -E '^(indexed|database:)' "$work/index.log" || echo "(no summary line)"
  echo '```'
  echo
  echo "## Queries"
  echo
  echo "haber-bench: one warm-up pass, then $passes timed passes, each query's best time kept; latencies in µs over the"
  echo "per-query best times, query parsing included; the engine alone (Xapian Enquire on the parsed query,"
  echo "no document decoding or snippets); qps = queries / sum of best times; *results* sums the result counts"
  echo "(count: exact matches; topK: hits returned), and every topK run is checked against the exact counts."
} > "$report"

bench() {
  local rc=0
  nice "$build/haber-bench" --db "$db" "$queries" --passes "$passes" --markdown "$report" "$@" || rc=$?
  if [ "$rc" != 0 ]; then
    echo "run_bench.sh: haber-bench $* exited with $rc" >&2
    status=1
  fi
}
say "haber-bench, 1 thread"
bench --mode all
say "haber-bench, $threads threads"
bench --mode all --threads "$threads"

# ------------------------------------------------------- micro-benchmarks
if [ "$micro" = 1 ] && [ -x "$build/haber-micro" ]; then
  say "haber-micro"
  if nice "$build/haber-micro" --benchmark_min_time=0.2 > "$work/micro.txt" 2> "$work/micro.err"; then
    {
      echo
      echo "## Micro-benchmarks (\`build/haber-micro\`, bundled corpus)"
      echo
      echo '```'
      cat "$work/micro.txt"
      echo '```'
    } >> "$report"
    cat "$work/micro.txt" >&2
  else
    cat "$work/micro.err" >&2
    echo "run_bench.sh: haber-micro failed" >&2
    status=1
  fi
fi

# Paths of the temp dir are not worth keeping in the report.
sed -i "s#$work#\$TMP#g" "$report"
mkdir -p "$(dirname "$out")"
cp "$report" "$out"
say "wrote $out"
exit "$status"
