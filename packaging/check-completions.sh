#!/bin/bash
# check-completions.sh PROGRAM BASH_COMPLETION ZSH_COMPLETION
#
# Fails when the hand-written completions of PROGRAM and its --help
# disagree: every option --help lists must be offered by both the bash and
# the zsh completion and neither may offer an option --help does not list;
# an option --help shows with a fixed set of values ({a,b,c}) must complete
# to exactly that set in both.
#
# The bash completion is run for real (bash-completion's helpers loaded);
# the zsh one is run with _arguments replaced by a function that prints the
# specs it is given. Needs bash-completion and zsh (.ci/install-deps);
# without them it exits 77, which CTest reports as skipped.
set -euo pipefail

program=$1 bash_file=$2 zsh_file=$3
name=$(basename "$program")
bash_completion=${BASH_COMPLETION_SCRIPT:-/usr/share/bash-completion/bash_completion}

if [[ ! -r $bash_completion ]] || ! command -v zsh >/dev/null; then
  echo "check-completions: needs $bash_completion (bash-completion) and zsh: skipped" >&2
  exit 77
fi

failures=0
fail() {
  echo "check-completions: $name: $*" >&2
  failures=$((failures + 1))
}

# Options --help lists: the first word of each line of the option list
# ("  -n,--limit UINT:..."), split at commas.
help=$(COLUMNS=200 "$program" --help)
help_options=$(printf '%s\n' "$help" | awk '/^ +-/ { n = split($1, a, ","); for (i = 1; i <= n; i++) print a[i] }' | sort -u)
if [[ -z $help_options ]]; then
  echo "check-completions: $name --help lists no options (has its format changed?)" >&2
  exit 1
fi
# OPTION<TAB>sorted values for options with a fixed set ("TEXT:{a,b,c}").
help_values=$(printf '%s\n' "$help" | awk '/^ +-/ && match($0, /\{[^}]*\}/) {
    n = split($1, names, ","); vals = substr($0, RSTART + 1, RLENGTH - 2)
    for (i = 1; i <= n; i++) print names[i] "\t" vals }' |
  while IFS=$'\t' read -r opt vals; do
    printf '%s\t%s\n' "$opt" "$(tr ',' '\n' <<<"$vals" | sort | paste -sd' ')"
  done)
if [[ -z $help_values ]]; then
  echo "check-completions: $name --help shows no option with a fixed set of values (has its format changed?)" >&2
  exit 1
fi

compare() {  # compare WHAT EXPECTED ACTUAL (newline-separated sets)
  local missing extra
  missing=$(comm -23 <(sort -u <<<"$2") <(sort -u <<<"$3") | paste -sd' ')
  extra=$(comm -13 <(sort -u <<<"$2") <(sort -u <<<"$3") | paste -sd' ')
  [[ -z $missing ]] || fail "$1 lacks: $missing"
  [[ -z $extra ]] || fail "$1 offers what --help does not list: $extra"
}

# bash: complete "PROGRAM WORD..." as bash-completion would and print the
# candidates, one a line.
bash_complete() {
  bash --norc --noprofile -c '
    source "$1"; source "$2"; shift 2
    spec=$(complete -p "$1") || exit 1
    func=${spec#*-F }; func=${func%% *}
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
    "$func" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf "%s\n" "${COMPREPLY[@]}"' check "$bash_completion" "$bash_file" "$name" "$@"
}

bash -n "$bash_file" || fail "$bash_file: syntax error"
compare "bash completion of '-'" "$help_options" "$(bash_complete -)"
while IFS=$'\t' read -r opt vals; do
  compare "bash completion of '$opt '" "$(tr ' ' '\n' <<<"$vals")" "$(bash_complete "$opt" '' | grep -v '^$')"
done <<<"$help_values"

# zsh: the _arguments specs, as "OPTION<TAB>values" lines (values only for
# an option whose argument is a fixed list: (a b) or (( a:desc b:desc ))).
zsh -n "$zsh_file" || fail "$zsh_file: syntax error"
head -1 "$zsh_file" | grep -qx "#compdef $name" || fail "$zsh_file: first line is not '#compdef $name'"
zsh_specs=$(zsh -f -c '
  _arguments() {
    setopt localoptions extendedglob
    local spec name action
    local -a vals
    for spec in "$@"; do
      [[ $spec == -[sSA] ]] && continue
      spec=${spec#\(*\)}; spec=${spec#\*}
      [[ $spec == -* ]] || continue
      name=${(M)spec##-(-|)[[:alnum:]][-[:alnum:]]#}
      action=${spec##*:}
      vals=()
      if [[ $action == "(("*"))" ]]; then
        eval "vals=${${action#\(}%\)}"; vals=(${vals%%:*})
      elif [[ $action == "("*")" ]]; then
        eval "vals=$action"
      fi
      print -r -- "$name"$'\''\t'\''"${(j: :)${(o)vals}}"
    done
  }
  source "$1"' check "$zsh_file")
compare "zsh completion's options" "$help_options" "$(cut -f1 <<<"$zsh_specs")"
while IFS=$'\t' read -r opt vals; do
  compare "zsh completion of '$opt '" "$(tr ' ' '\n' <<<"$vals")" \
    "$(awk -F'\t' -v o="$opt" '$1 == o { print $2 }' <<<"$zsh_specs" | tr ' ' '\n' | grep -v '^$')"
done <<<"$help_values"

if ((failures)); then
  echo "check-completions: $name: $failures problem(s): update $bash_file and $zsh_file" >&2
  exit 1
fi
echo "check-completions: $name: $(wc -l <<<"$help_options") options and $(wc -l <<<"$help_values") value sets agree"
