#!/bin/sh
# help-for-man.sh PROGRAM ARG...: runs PROGRAM ARG... for help2man.
# `--help` output stops at the end of the option list: the free-form notes
# after it (examples, query syntax, exit status) help2man would turn into
# broken paragraphs, so PROGRAM.h2m gives them as proper man sections. A
# "Usage: build/PROGRAM" (argv[0]) becomes "Usage: PROGRAM".
set -eu
program=$1
shift
if [ "${1-}" = --help ]; then
  name=$(basename "$program")
  help=$("$program" --help)
  printf '%s\n' "$help" | awk -v name="$name" '
    /^Usage: / { sub(/^Usage: [^ ]*/, "Usage: " name) }
    /^Options:/ { options = 1 }
    options && /^$/ { exit }
    { print }'
else
  exec "$program" "$@"
fi
