# bash completion for haber-index                          -*- shell-script -*-
# Written from indexer/options.cpp; packaging/check-completions.sh (a test)
# fails when an option of `haber-index --help` is missing here.

_haber_index()
{
    local cur prev words cword split
    _init_completion -s || return

    case $prev in
        --db)
            # the database is a directory
            _filedir -d
            return
            ;;
        --synonyms)
            _filedir
            return
            ;;
        --format)
            COMPREPLY=($(compgen -W 'auto text jsonl xml' -- "$cur"))
            return
            ;;
        --stemmer)
            # prefixN and snowball+prefixN take any N from 2 to 20; 6 was
            # the old default
            COMPREPLY=($(compgen -W 'lemma snowball none prefix6 snowball+prefix6' -- "$cur"))
            return
            ;;
        --field | --commit-every | --max-article-size | -j | --jobs | --memory | --delete)
            # a mapping, a number, a size or article ids: nothing to offer
            return
            ;;
        -h | --help | --version)
            return
            ;;
    esac

    $split && return

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '--db --format --field --commit-every
            --max-article-size -q --quiet -j --jobs --memory --stemmer --delete
            --synonyms -h --help --version' -- "$cur"))
        return
    fi
    # After --delete every word is an article id; else PATH: files and
    # directories ('-' reads stdin).
    local i
    for ((i = 1; i < cword; i++)); do
        [[ ${words[i]} == --delete ]] && return
    done
    _filedir
} &&
    complete -F _haber_index haber-index

# ex: filetype=sh
