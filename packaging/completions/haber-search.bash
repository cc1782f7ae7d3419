# bash completion for haber-search                         -*- shell-script -*-
# Written from searcher/options.cpp; packaging/check-completions.sh (a test)
# fails when an option of `haber-search --help` is missing here.

_haber_search()
{
    local cur prev words cword split
    _init_completion -s || return

    case $prev in
        --db | --synonyms)
            # a database directory, a Xapian stub file, a synonym file
            _filedir
            return
            ;;
        --sort | --rank)
            COMPREPLY=($(compgen -W 'relevance recency date date-asc' -- "$cur"))
            return
            ;;
        --color)
            COMPREPLY=($(compgen -W 'auto always never' -- "$cur"))
            return
            ;;
        -n | --limit | --offset | --half-life | --recency-weight | --facet-limit | \
            --suggest-below | --from | --to | --analyze | --show | --related | --versions)
            # a number, a date, text or an article id: nothing to offer
            return
            ;;
        -h | --help | --version)
            return
            ;;
    esac

    $split && return

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '--db --json -n --limit --offset --sort --rank
            --half-life --recency-weight --facets --facet-limit --count --explain
            --color --any --all --no-suggest --suggest-below --from --to --analyze --show
            --related --synonyms --no-synonyms --list-synonyms --all-versions
            --versions -i --interactive -h --help --version' -- "$cur"))
        return
    fi
    # Anything else is a query word.
} &&
    complete -F _haber_search haber-search

# ex: filetype=sh
