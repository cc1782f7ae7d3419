#!/bin/sh
# haber side by side with peer systems: Xapian out of the box, SQLite FTS5,
# PostgreSQL 15 full-text search and Lucene 4.10 index the same corpus and
# run the same query set the same way (single thread, warm-up pass, best of
# N passes, TOP10 and COUNT), in one run on one machine. Prints one Markdown
# table and appends it, with date, machine and command, to
# benchmarks/RESULTS-peers.md.
#
# Single-thread rows: every process of every system (the PostgreSQL server
# too) runs pinned to the same core ($PIN), and haber-index with -j 1, so
# "single-threaded" is what ran. Then one row of multi-core indexing,
# unpinned: haber-index -j N against Lucene with N indexing threads
# (N = $MC_JOBS, default the number of cores). haber's queries run twice:
# as haber-search runs them (articles with every word first, any word
# may be missing) and with every word required (haber-bench --match
# all, the AND the peers run), so that each comparison says what it compares.
#
#   benchmarks/compare_peers.sh [--quick] [--passes N] [--keep] [CORPUS] [QUERYFILE]
#
# CORPUS     JSON Lines (.gz or not); default ../shared/corpus/kemik-42bin.jsonl.gz
#            (relative to the repository)
# QUERYFILE  class<TAB>query in haber-search syntax; default
#            benchmarks/queries/kemik-42bin.tsv
# --quick    5,000 articles (every 8th of the corpus, so that all categories
#            are in) and 2 passes: a try-out in a few minutes
# --passes N timed passes per query (default 3)
# --keep     keep the work directory (indexes, per-query JSON)
# Environment: BUILD (default build/), WORKDIR (default a new /tmp dir),
# RESULTS (default benchmarks/RESULTS-peers.md), NICE (default "nice -n 10"),
# PIN (default "taskset -c 0"; empty: not pinned), MC_JOBS (default nproc).
# Installs what is missing from Debian with apt-get (needs root): python3,
# python3-xapian, python3-psycopg2, postgresql-15, liblucene4.10-java,
# openjdk-17-jdk-headless. The PostgreSQL cluster is a throwaway one in the
# work directory (unix socket only), stopped and removed on exit.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
peers=$here/peers
build=${BUILD:-$repo/build}
results=${RESULTS:-$here/RESULTS-peers.md}
NICE=${NICE-nice -n 10}
PIN=${PIN-taskset -c 0}
MC_JOBS=${MC_JOBS:-$(nproc)}
RUN="$NICE $PIN"  # the single-thread rows
PY=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
command_line="benchmarks/compare_peers.sh $*"

quick=0 keep=0 passes=
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --keep) keep=1 ;;
    --passes) [ $# -ge 2 ] || { echo "--passes needs a number" >&2; exit 2; }; passes=$2; shift ;;
    --passes=*) passes=${1#--passes=} ;;
    -h|--help) sed -n '2,34p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; break ;;
    -*) echo "compare_peers.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
corpus=${1:-$repo/../shared/corpus/kemik-42bin.jsonl.gz}
queries=${2:-$here/queries/kemik-42bin.tsv}
[ -n "$passes" ] || { [ $quick = 1 ] && passes=2 || passes=3; }
case $passes in ''|*[!0-9]*|0) echo "compare_peers.sh: --passes must be a positive number" >&2; exit 2 ;; esac

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'compare_peers.sh: %s\n' "$*" >&2; exit 1; }

[ -r "$corpus" ] || die "corpus not found: $corpus"
[ -r "$queries" ] || die "query file not found: $queries (give QUERYFILE)"
[ -x "$build/haber-index" ] || die "$build/haber-index missing: build haber first (cmake --build build)"
corpus=$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")
queries=$(cd "$(dirname "$queries")" && pwd)/$(basename "$queries")

# ---------------------------------------------------------------- packages
need=
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
for p in python3 python3-xapian python3-psycopg2 postgresql-15 liblucene4.10-java openjdk-17-jdk-headless; do
  have "$p" || need="$need $p"
done
if [ -n "$need" ]; then
  [ "$(id -u)" = 0 ] || die "missing Debian packages:$need (run as root, or apt-get install them)"
  say "installing from Debian:$need"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >&2
fi
"$PY" -c 'import sqlite3; c = sqlite3.connect(":memory:"); c.execute("CREATE VIRTUAL TABLE t USING fts5(a)")' \
  || die "python3's SQLite has no FTS5"
pgbin=/usr/lib/postgresql/15/bin
jars=
for j in lucene-core lucene-analyzers-common lucene-queryparser lucene-queries lucene-sandbox; do
  f=/usr/share/java/$j-4.10.4.jar
  [ -r "$f" ] && jars=$jars${jars:+:}$f
done
case $jars in *lucene-core*) ;; *) die "lucene-core-4.10.4.jar not found in /usr/share/java" ;; esac

# ---------------------------------------------------------------- work dir
if [ -n "${WORKDIR:-}" ]; then work=$WORKDIR; mkdir -p "$work"; else work=$(mktemp -d /tmp/haber-peers.XXXXXX); fi
pgdata=$work/pgdata
pgrunning=0
child=
# step CMD...: runs CMD in the background and waits, so that a signal stops
# the run at once (cleanup ends CMD by its process id).
step() { "$@" & child=$!; wait "$child"; }
cleanup() {
  rc=$?
  trap - EXIT INT TERM
  if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then kill "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; fi
  if [ $pgrunning = 1 ]; then
    say "stopping the PostgreSQL cluster"
    pg_as "$pgbin/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pgdata"
  if [ $keep = 1 ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ "$(id -u)" = 0 ]; then
  pg_as() { runuser -u postgres -- "$@"; }
else
  pg_as() { "$@"; }
fi
chmod 755 "$work"
rm -rf "$work"/index-*.json "$work"/bench-*.json "$work/haber.db" "$work/xapian.db" "$work/sqlite.db" \
  "$work/lucene.idx" "$work/haber-mc.db" "$work/lucene-mc.idx" "$work/classes" "$pgdata"

# The same uncompressed input for every system.
say "preparing the corpus in $work"
if [ $quick = 1 ]; then
  { case $corpus in *.gz) gzip -dc "$corpus" ;; *) cat "$corpus" ;; esac; } \
    | awk 'NF && (++n % 8 == 1)' | head -n 5000 > "$work/corpus.jsonl" || true
else
  case $corpus in *.gz) gzip -dc "$corpus" ;; *) cat "$corpus" ;; esac | awk 'NF' > "$work/corpus.jsonl"
fi
articles=$(wc -l < "$work/corpus.jsonl")
echo "$articles articles, $(du -m "$work/corpus.jsonl" | cut -f1) MB; $(grep -c -v -e '^#' -e '^[[:space:]]*$' "$queries") queries; $passes passes" >&2

now() { date +%s.%N; }
# record SYSTEM START BYTES VERSION [STORED_BYTES]: index-SYSTEM.json
record() {
  end=$(now)
  printf '{"articles": %s, "seconds": %s, "bytes": %s, "version": "%s", "stored_bytes": %s}\n' \
    "$articles" "$(awk -v a="$end" -v b="$2" 'BEGIN { printf "%.3f", a - b }')" "$3" "$4" "${5:-0}" > "$work/index-$1.json"
  echo "$1: $articles articles in $(awk -v a="$end" -v b="$2" 'BEGIN { printf "%.1f", a - b }') s, $(($3 / 1000000)) MB" >&2
}
bytes_of() { echo $(( $(du -sk "$1" | cut -f1) * 1024 )); }

# ---------------------------------------------------------------- indexing
say "indexing: haber"
t=$(now); rc=0
step $RUN "$build/haber-index" -j 1 --quiet --db "$work/haber.db" "$work/corpus.jsonl" || rc=$?
[ $rc -le 1 ] || die "haber-index failed ($rc)"
record haber "$t" "$(bytes_of "$work/haber.db")" "$("$build/haber-index" --version 2>/dev/null | awk '{print $NF; exit}')" \
  "$(stat -c %s "$work/haber.db/docdata.glass" 2>/dev/null || echo 0)"

say "indexing: Xapian out of the box (python3-xapian)"
t=$(now)
step $RUN "$PY" "$peers/xapian_plain_bench.py" index "$work/xapian.db" "$work/corpus.jsonl"
record xapian "$t" "$(bytes_of "$work/xapian.db")" "$("$PY" -c 'import xapian; print(xapian.version_string())')"

say "indexing: SQLite FTS5"
t=$(now)
step $RUN "$PY" "$peers/sqlite_fts5_bench.py" index "$work/sqlite.db" "$work/corpus.jsonl"
record sqlite "$t" "$(bytes_of "$work/sqlite.db")" "$("$PY" -c 'import sqlite3; print(sqlite3.sqlite_version)')"

say "indexing: PostgreSQL 15 (throwaway cluster in $pgdata)"
mkdir -p "$pgdata"
[ "$(id -u)" = 0 ] && chown postgres: "$pgdata"
pgrunning=1  # from here on, cleanup stops whatever may be running
pg_as "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$pgdata/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$pgdata'
port = 5432
shared_buffers = 1GB
work_mem = 64MB
maintenance_work_mem = 1GB
max_wal_size = 8GB
fsync = off
synchronous_commit = off
full_page_writes = off
max_parallel_workers_per_gather = 0
max_parallel_maintenance_workers = 0
jit = off
CONF
# The server and its backends inherit the pinning.
if [ "$(id -u)" = 0 ]; then pg_start() { $RUN runuser -u postgres -- "$@"; }; else pg_start() { $RUN "$@"; }; fi
pg_start "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w start >/dev/null \
  || { cat "$pgdata/server.log" >&2; die "PostgreSQL did not start"; }
t=$(now)
step $RUN "$PY" "$peers/postgres_bench.py" index "$pgdata" 5432 "$work/corpus.jsonl"
record postgres "$t" "$("$PY" "$peers/postgres_bench.py" size "$pgdata" 5432)" \
  "$("$pgbin/postgres" --version | awk '{print $3}')"

say "indexing: Lucene 4.10 (javac LuceneBench.java)"
mkdir -p "$work/classes"
javac -nowarn -d "$work/classes" -cp "$jars" "$peers/LuceneBench.java" 2>&1 | grep -v '^Note:' >&2 || true
[ -r "$work/classes/LuceneBench.class" ] || die "javac LuceneBench.java failed"
JAVA="java -Xms2g -Xmx2g -XX:+UseSerialGC"
t=$(now)
step $RUN $JAVA -cp "$work/classes:$jars" LuceneBench index "$work/lucene.idx" "$work/corpus.jsonl"
record lucene "$t" "$(bytes_of "$work/lucene.idx")" 4.10.4

say "indexing on $MC_JOBS cores, not pinned: haber -j $MC_JOBS, Lucene with $MC_JOBS threads"
t=$(now); rc=0
step $NICE "$build/haber-index" -j "$MC_JOBS" --quiet --db "$work/haber-mc.db" "$work/corpus.jsonl" || rc=$?
[ $rc -le 1 ] || die "haber-index -j $MC_JOBS failed ($rc)"
record haber-mc "$t" "$(bytes_of "$work/haber-mc.db")" "-j $MC_JOBS"
rm -rf "$work/haber-mc.db"
t=$(now)
step $NICE $JAVA -cp "$work/classes:$jars" LuceneBench index "$work/lucene-mc.idx" "$work/corpus.jsonl" "$MC_JOBS"
record lucene-mc "$t" "$(bytes_of "$work/lucene-mc.idx")" "$MC_JOBS threads"
rm -rf "$work/lucene-mc.idx"

# ---------------------------------------------------------------- queries
"$PY" "$peers/prepare_queries.py" "$queries" "$work/queries-lucene.tsv"
for mode in top10 count; do
  say "queries, $mode: haber"
  if [ -x "$build/haber-bench" ]; then
    rc=0
    step $RUN "$build/haber-bench" --db "$work/haber.db" "$queries" --mode $mode --passes "$passes" --warmup 1 --json \
      > "$work/bench-haber-$mode.json" || rc=$?
    [ $rc = 0 ] || echo "haber-bench exited with $rc (verification warnings?); its numbers are kept" >&2
    # The same database with every word required: the peers' AND.
    say "queries, $mode: haber --all"
    rc=0
    step $RUN "$build/haber-bench" --db "$work/haber.db" "$queries" --mode $mode --match all --passes "$passes" \
      --warmup 1 --json > "$work/bench-haber_all-$mode.json" || rc=$?
    [ $rc = 0 ] || echo "haber-bench --match all exited with $rc (verification warnings?); its numbers are kept" >&2
  else
    echo "build/haber-bench missing: using peers/haber_bench_standin.py (haber-search per query)" >&2
    step $RUN "$PY" "$peers/haber_bench_standin.py" "$build/haber-search" "$work/haber.db" "$queries" $mode \
      "$passes" "$work/bench-haber-$mode.json"
  fi
  say "queries, $mode: Xapian"
  step $RUN "$PY" "$peers/xapian_plain_bench.py" bench "$work/xapian.db" "$queries" $mode "$passes" \
    "$work/bench-xapian-$mode.json"
  say "queries, $mode: SQLite FTS5"
  step $RUN "$PY" "$peers/sqlite_fts5_bench.py" bench "$work/sqlite.db" "$queries" $mode "$passes" \
    "$work/bench-sqlite-$mode.json"
  say "queries, $mode: PostgreSQL"
  step $RUN "$PY" "$peers/postgres_bench.py" bench "$pgdata" 5432 "$queries" $mode "$passes" \
    "$work/bench-postgres-$mode.json"
  say "queries, $mode: Lucene"
  step $RUN $JAVA -cp "$work/classes:$jars" LuceneBench bench "$work/lucene.idx" "$work/queries-lucene.tsv" $mode "$passes" "$work/bench-lucene-$mode.json"
done

# ---------------------------------------------------------------- report
say "report (appended to $results)"
q=
[ $quick = 1 ] && q=--quick
"$PY" "$peers/report.py" "$work" --results "$results" --command "$command_line" \
  --corpus "$corpus" --queries "$queries" --passes "$passes" --pin "${PIN:-not pinned}" --mc-jobs "$MC_JOBS" $q
