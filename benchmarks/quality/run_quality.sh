#!/bin/sh
# Retrieval quality of haber beside peer systems, in one run on one corpus:
# known-item queries (and headlines and copied phrases as queries) through
# haber's Searcher as haber-search runs them, Lucene 4.10, Xapian and SQLite
# FTS5; prints Markdown tables (benchmarks/quality/README.md).
#
#   benchmarks/quality/run_quality.sh [--views knownitem,headline,sampled] [--split dev|heldout|both]
#       [--systems haber,haber-any,lucene,xapian,fts5] [--reuse-indexes] [--rebuild-haber]
#       [--work DIR] [--queries FILE] [--headlines N] [--phrases N] [--append FILE] [--set KEY=VALUE]...
#
# --views          knownitem: benchmarks/queries/known-item.tsv on the corpus as is;
#                  headline: N kemik-42bin headlines on the corpus without titles;
#                  sampled: N quoted runs of words copied from kemik-42bin bodies, on the
#                  known-item view's corpus and indexes
# --split          which half of the queries to score (default both)
# --systems        which systems to run (haber's index is built whatever the list:
#                  its story-version groups score every system)
# --reuse-indexes  keep an index from an earlier run if it was built from the same
#                  export (a stamp beside it says which); otherwise it is rebuilt
# --rebuild-haber  rebuild haber's indexes even with --reuse-indexes (after a change
#                  to the analysis chain or the indexer)
# --work DIR       work directory (default /tmp/haber-quality)
# --queries FILE   the known-item set (default benchmarks/queries/known-item.tsv)
# --headlines N    headline queries (default 1000, seed 42)
# --phrases N      sampled phrases (default 600, seed 7)
# --append FILE    also append the report (date, machine, command) to FILE
# --set KEY=VALUE  passed to haber-known-item (ranking knobs; repeatable)
# Corpus: $HABER_SHARED_CORPUS, else ../shared/corpus beside the repository:
# kemik-42bin.jsonl.gz, tr-financial-200.jsonl, ttc-3600/ (skipped, exit 0, if absent).
# Environment: BUILD (default build/), TASKSET (default "taskset -c 0": every
# process on the same core; empty: not pinned), JAVA_OPTS.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bench=$(dirname "$here")
repo=$(dirname "$bench")
build=${BUILD:-$repo/build}
PY=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1
TASKSET=${TASKSET-taskset -c 0}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx2g -XX:+UseSerialGC}
command_line="benchmarks/quality/run_quality.sh $*"

views=knownitem,headline,sampled split=both systems=haber,haber-any,lucene,xapian,fts5
reuse=0 rebuild_haber=0 work=/tmp/haber-quality queries=$bench/queries/known-item.tsv headlines=1000 phrases=600
append= sets=
need_arg() { [ $# -ge 2 ] || { echo "run_quality.sh: $1 needs a value" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case $1 in
    --views) need_arg "$@"; views=$2; shift ;;
    --split) need_arg "$@"; split=$2; shift ;;
    --systems) need_arg "$@"; systems=$2; shift ;;
    --reuse-indexes) reuse=1 ;;
    --rebuild-haber) rebuild_haber=1 ;;
    --work) need_arg "$@"; work=$2; shift ;;
    --queries) need_arg "$@"; queries=$2; shift ;;
    --headlines) need_arg "$@"; headlines=$2; shift ;;
    --phrases) need_arg "$@"; phrases=$2; shift ;;
    --append) need_arg "$@"; append=$2; shift ;;
    --set) need_arg "$@"; sets="$sets --set $2"; shift ;;
    -h|--help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run_quality.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case $split in dev|heldout|both) ;; *) echo "run_quality.sh: --split dev|heldout|both" >&2; exit 2 ;; esac
for v in $(echo "$views" | tr , ' '); do
  case $v in knownitem|headline|sampled) ;; *) echo "run_quality.sh: unknown view $v" >&2; exit 2 ;; esac
done
for s in $(echo "$systems" | tr , ' '); do
  case $s in haber|haber-any|lucene|xapian|fts5) ;; *) echo "run_quality.sh: unknown system $s" >&2; exit 2 ;; esac
done
has() { case ",$1," in *",$2,"*) return 0 ;; *) return 1 ;; esac; }
# The corpus (export and indexes) a view searches: the headline view its own,
# the others the known-item corpus.
corpus_of() { if [ "$1" = headline ]; then echo headline; else echo knownitem; fi; }

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'run_quality.sh: %s\n' "$*" >&2; exit 1; }
now() { date +%s; }
t_start=$(now)
timings=
took() { timings="$timings${timings:+; }$1 $(( $(now) - $2 )) s"; }

corpus=${HABER_SHARED_CORPUS:-$repo/../shared/corpus}
for f in kemik-42bin.jsonl.gz tr-financial-200.jsonl ttc-3600; do
  if [ ! -e "$corpus/$f" ]; then
    echo "run_quality.sh: $corpus/$f not found (set HABER_SHARED_CORPUS): skipped" >&2
    exit 0
  fi
done
corpus=$(cd "$corpus" && pwd)
inputs="$corpus/kemik-42bin.jsonl.gz $corpus/tr-financial-200.jsonl $corpus/ttc-3600"
if has "$views" knownitem; then
  [ -r "$queries" ] || die "known-item query file not found: $queries (give --queries FILE)"
  queries=$(cd "$(dirname "$queries")" && pwd)/$(basename "$queries")
fi
for b in haber-index haber-export haber-known-item; do
  [ -x "$build/$b" ] || die "$build/$b missing: cmake --build build --target haber-index haber-export haber-known-item"
done
if has "$systems" fts5; then
  "$PY" -c 'import sqlite3; sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(a)")' \
    || die "python3's SQLite has no FTS5"
fi
if has "$systems" xapian; then "$PY" -c 'import xapian' || die "python3-xapian missing"; fi
jars=
if has "$systems" lucene; then
  for j in lucene-core lucene-analyzers-common lucene-queryparser lucene-queries lucene-sandbox; do
    f=/usr/share/java/$j-4.10.4.jar
    [ -r "$f" ] && jars=$jars${jars:+:}$f
  done
  case $jars in *lucene-core*) ;; *) die "lucene-core-4.10.4.jar not found in /usr/share/java (liblucene4.10-java)" ;; esac
  command -v javac >/dev/null || die "javac missing"
fi

mkdir -p "$work"
work=$(cd "$work" && pwd)
child=
# step CMD...: runs CMD in the background and waits, so that a signal stops
# the run at once (the trap ends CMD by its process id).
step() { $TASKSET "$@" & child=$!; wait "$child"; }
cleanup() {
  rc=$?
  trap - EXIT INT TERM
  if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then kill "$child" 2>/dev/null || true; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# fresh INDEX EXPORT [haber]: true if INDEX must be (re)built from EXPORT.
# The stamp beside an index: the export's checksum, for haber also that of
# build/haber-index (a rebuilt indexer rebuilds haber's indexes).
fresh() {
  stamp=$(sha256sum < "$2" | cut -c1-64)
  [ "${3:-}" = haber ] && stamp="$stamp $(sha256sum < "$build/haber-index" | cut -c1-64)"
  [ $reuse = 1 ] || return 0
  [ "${3:-}" = haber ] && [ $rebuild_haber = 1 ] && return 0
  [ -e "$1" ] && [ -r "$1.stamp" ] && [ "$(cat "$1.stamp")" = "$stamp" ] && { echo "reusing $1" >&2; return 1; }
  return 0
}
done_stamp() { echo "$stamp" > "$1.stamp"; }
# to_build INDEX EXPORT [haber]: fresh, but once a run: views that share a
# corpus share its indexes.
built=
to_build() {
  has "$built" "$1" && return 1
  built="$built,$1"
  fresh "$@"
}

# ---------------------------------------------------------------- corpora
say "exporting the corpus as haber reads it (build/haber-export) into $work"
t=$(now)
step "$build/haber-export" --out "$work/corpus-knownitem.jsonl" $inputs
if has "$views" headline || has "$views" sampled; then
  step "$build/haber-export" --out "$work/kemik.jsonl" "$corpus/kemik-42bin.jsonl.gz"
fi
if has "$views" headline; then
  step "$build/haber-export" --no-title --out "$work/corpus-headline.jsonl" $inputs
  "$PY" "$here/make_headlines.py" --n "$headlines" "$work/kemik.jsonl" "$work/queries-headline.tsv"
fi
if has "$views" sampled; then
  "$PY" "$here/make_phrases.py" --n "$phrases" "$work/kemik.jsonl" "$work/queries-sampled.tsv"
fi
took export "$t"
if has "$views" knownitem; then cp "$queries" "$work/queries-knownitem.tsv"; fi

if has "$systems" lucene; then
  mkdir -p "$work/classes"
  javac -nowarn -encoding UTF-8 -d "$work/classes" -cp "$jars" "$bench/peers/LuceneBench.java" 2>&1 | grep -v '^Note:' >&2 || true
  [ -r "$work/classes/LuceneBench.class" ] || die "javac LuceneBench.java failed"
fi

# ---------------------------------------------------------------- per view
score_args=
for view in $(echo "$views" | tr , ' '); do
  c=$(corpus_of "$view")
  export_file=$work/corpus-$c.jsonl
  q=$work/queries-$view.tsv
  say "view $view: $(wc -l < "$export_file") articles, $(grep -vc '^#' "$q") queries"
  score_args="$score_args --queries $view=$q --groups $view=$work/groups-$view.tsv --ids $view=$export_file"

  db=$work/haber-$c.db
  if to_build "$db" "$export_file" haber; then
    say "$c: indexing haber"
    t=$(now)
    rm -rf "$db"
    # known-item view: the original files, as a user indexes them; headline
    # view: the export without titles (the only way to drop them).
    if [ "$c" = knownitem ]; then src=$inputs; else src=$export_file; fi
    rc=0
    step "$build/haber-index" --quiet --db "$db" $src || rc=$?
    [ $rc -le 1 ] || die "haber-index failed ($rc)"
    n=$("$PY" -c 'import sys, xapian; print(xapian.Database(sys.argv[1]).get_doccount())' "$db")
    [ "$n" = "$(wc -l < "$export_file")" ] \
      || echo "run_quality.sh: warning: haber indexed $n articles, the export for the peers holds $(wc -l < "$export_file")" >&2
    done_stamp "$db"
    took "haber index ($c)" "$t"
  fi
  step "$build/haber-known-item" --db "$db" --dump-groups "$work/groups-$view.tsv"
  if has "$systems" haber; then
    t=$(now)
    step "$build/haber-known-item" --db "$db" --queries "$q" --out "$work/run-haber-$view.jsonl" --mode default $sets
    took "haber run ($view)" "$t"
    score_args="$score_args --run haber:$view=$work/run-haber-$view.jsonl"
  fi
  if has "$systems" haber-any; then
    step "$build/haber-known-item" --db "$db" --queries "$q" --out "$work/run-haber-any-$view.jsonl" --mode any $sets
    score_args="$score_args --run haber-any:$view=$work/run-haber-any-$view.jsonl"
  fi

  if has "$systems" lucene; then
    idx=$work/lucene-$c.idx
    if to_build "$idx" "$export_file"; then
      say "$c: indexing Lucene"
      t=$(now)
      rm -rf "$idx"
      step java $JAVA_OPTS -cp "$work/classes:$jars" LuceneBench index "$idx" "$export_file"
      done_stamp "$idx"
      took "lucene index ($c)" "$t"
    fi
    step java $JAVA_OPTS -cp "$work/classes:$jars" LuceneBench knownitem "$idx" "$q" "$work/run-lucene-$view.jsonl"
    score_args="$score_args --run lucene:$view=$work/run-lucene-$view.jsonl"
  fi

  if has "$systems" xapian; then
    idx=$work/xapian-$c.db
    if to_build "$idx" "$export_file"; then
      say "$c: indexing Xapian"
      t=$(now)
      step "$PY" "$here/peers_quality.py" xapian-index "$idx" "$export_file"
      done_stamp "$idx"
      took "xapian index ($c)" "$t"
    fi
    step "$PY" "$here/peers_quality.py" xapian-run "$idx" "$q" "$work/run-xapian-$view.jsonl"
    score_args="$score_args --run xapian:$view=$work/run-xapian-$view.jsonl"
  fi

  if has "$systems" fts5; then
    idx=$work/fts5-$c.sqlite
    if to_build "$idx" "$export_file"; then
      say "$c: indexing SQLite FTS5"
      t=$(now)
      step "$PY" "$here/peers_quality.py" fts5-index "$idx" "$export_file"
      done_stamp "$idx"
      took "fts5 index ($c)" "$t"
    fi
    step "$PY" "$here/peers_quality.py" fts5-run "$idx" "$q" "$work/run-fts5-$view.jsonl"
    score_args="$score_args --run fts5:$view=$work/run-fts5-$view.jsonl"
  fi
done

# ---------------------------------------------------------------- report
say "scores"
took total "$t_start"
note1="corpus: $corpus (kemik-42bin, tr-financial-200, ttc-3600), $(wc -l < "$work/corpus-knownitem.jsonl") articles"
xv=$("$PY" -c 'import xapian; print(xapian.version_string())' 2>/dev/null || echo '?')
sv=$("$PY" -c 'import sqlite3; print(sqlite3.sqlite_version)')
hv=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$repo" diff --quiet HEAD -- core indexer searcher 2>/dev/null || echo '+changes')
note2="systems: haber $hv = haber-search defaults (SearchOptions::ranking: words ranked with any missing, every word preferred; story versions collapsed; synonyms); haber-any = the same with --any; lucene = Lucene 4.10.4 TurkishAnalyzer, BM25; xapian = Xapian $xv, Stem turkish, STEM_SOME, BM25; fts5 = SQLite $sv FTS5 unicode61 remove_diacritics 2, bm25; peers OR"
note3="times: $timings"
append_args=
[ -n "$append" ] && append_args="--append $append"
# shellcheck disable=SC2086
"$PY" "$here/score.py" $score_args --split "$split" $append_args --command "$command_line" \
  --note "$note1" --note "$note2" --note "$note3"
echo "run_quality.sh: done in $(( $(now) - t_start )) s ($timings); work directory: $work" >&2
