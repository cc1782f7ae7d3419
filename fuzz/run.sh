#!/bin/sh
# fuzz/run.sh [SECONDS]: builds the libFuzzer harnesses with clang (in
# build-fuzz/, ASan and UBSan on) and runs each for SECONDS (default 60):
# the query parser, the JSON Lines, plain-text and IPTC XML readers.
# Seeds come from fuzz/corpus/HARNESS/ (never written to); what the fuzzer
# finds grows build-fuzz/fuzz-corpus/HARNESS/, and a crashing input lands in
# build-fuzz/fuzz-crashes/HARNESS/ (copy it into fuzz/corpus/HARNESS/ once
# fixed, so it stays a seed). Exit status 1 if any harness found a problem.
# Environment: HABER_FUZZ_BUILD (build directory), HABER_FUZZ_JOBS (build jobs, 2),
# HABER_FUZZ_ONLY (run only these harnesses, e.g. "query jsonl").
set -eu
cd "$(dirname "$0")/.."
secs=${1:-60}
build=${HABER_FUZZ_BUILD:-build-fuzz}
harnesses=${HABER_FUZZ_ONLY:-"query jsonl plain_text iptc_xml"}
CC=clang CXX=clang++ cmake -B "$build" -S . -DHABER_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
targets=""
for h in $harnesses; do targets="$targets fuzz_$h"; done
# shellcheck disable=SC2086
cmake --build "$build" -j"${HABER_FUZZ_JOBS:-2}" --target $targets
status=0
for h in $harnesses; do
  case $h in
    query) dict=query.dict max_len=4200 ;;
    jsonl) dict=json.dict max_len=65536 ;;
    plain_text) dict=text.dict max_len=65536 ;;
    iptc_xml) dict=xml.dict max_len=65536 ;;
    *) echo "fuzz/run.sh: unknown harness $h" >&2; exit 2 ;;
  esac
  mkdir -p "$build/fuzz-corpus/$h" "$build/fuzz-crashes/$h"
  echo "== fuzz_$h for ${secs}s"
  if ! "$build/fuzz_$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2560 -max_len="$max_len" \
      -dict="fuzz/$dict" -artifact_prefix="$build/fuzz-crashes/$h/" -print_final_stats=1 \
      "$build/fuzz-corpus/$h" "fuzz/corpus/$h" 2>"$build/fuzz-$h.log"; then
    status=1
    echo "fuzz_$h FOUND A PROBLEM: see $build/fuzz-$h.log and $build/fuzz-crashes/$h/" >&2
  fi
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+.*DONE" "$build/fuzz-$h.log" || true
done
exit $status
