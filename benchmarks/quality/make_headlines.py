#!/usr/bin/python3
"""The headline view's query set: N headlines of kemik-42bin as queries,
each aimed at its own article (which the headline view indexes without its
title).

  make_headlines.py [--n 1000] [--seed 42] [--exclude QUERIES.tsv]... [--all-dev] KEMIK_EXPORT.jsonl OUT.tsv

KEMIK_EXPORT.jsonl: haber-export of kemik-42bin.jsonl.gz (titles as haber
reads them). Candidates: articles with a non-empty body whose headline,
made a plain query, has at least 3 words. A seeded sample of N
(random.Random(seed).sample over the candidates in file order); split dev,
heldout, dev, ... in sample order. Rows as the known-item set:
qid<TAB>split<TAB>headline<TAB>target<TAB>query.

A tuning set beside the evaluation's: --exclude leaves out the articles a
query file already aims at (the evaluation's headlines, before sampling),
--all-dev puts every query in the dev split. RESULTS-retrieval.md's
session 7 chose the default ranking on
  make_headlines.py --n 3000 --seed 1001 --exclude queries-headline.tsv --all-dev kemik.jsonl tune.tsv

A headline becomes a plain query of its words: characters that are
haber-search syntax (quotes " “ ” „, parentheses, ':' of field names, '*'
wildcards, a leading + - = of a word) become spaces, uppercase AND OR NOT
NEAR are lowercased (not operators), words without a letter or digit are
dropped. Apostrophes stay. The headline is typed as a user would type it:
kemik-42bin's Windows-1252 punctuation stored as C1 controls becomes what a
keyboard gives (U+0091/U+0092 -> ', U+0093/U+0094 quotes and U+0085/U+0096/
U+0097 -> space), soft hyphens and direction marks are dropped (the article
text keeps them: reading them is the engines' job).
"""
import argparse
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import knownitem  # noqa: E402

_SYNTAX = re.compile(r'["\u201C\u201D\u201E()*:]')
_TYPED = str.maketrans({"\x91": "'", "\x92": "'", "\x93": " ", "\x94": " ", "\x85": " ", "\x96": " ",
                        "\x97": " ", "\xad": None, "\u200e": None, "\u200f": None})
_OPERATOR = re.compile(r"(AND|OR|NOT|NEAR(/\d*)?)")


def plain_query(title):
    words = []
    for w in _SYNTAX.sub(" ", title.translate(_TYPED)).split():
        w = w.lstrip("+-=")
        if not any(c.isalnum() for c in w):
            continue
        if _OPERATOR.fullmatch(w):
            w = w.lower()
        words.append(w)
    return " ".join(words)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export")
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--exclude", action="append", default=[], metavar="QUERIES.tsv",
                    help="leave out the articles this query file aims at (repeatable)")
    ap.add_argument("--all-dev", action="store_true", help="every query in the dev split (a tuning set)")
    args = ap.parse_args()
    excluded = {target for path in args.exclude for _qid, _split, _kind, target, _q in knownitem.read_queries(path)}

    candidates = []
    total = 0
    with open(args.export, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            total += 1
            if not (a.get("body") or "").strip() or a["id"] in excluded:
                continue
            q = plain_query(a.get("title") or "")
            if len(q.split()) >= 3:
                candidates.append((a["id"], q))
    sample = random.Random(args.seed).sample(candidates, min(args.n, len(candidates)))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(f"# headline view: {len(sample)} kemik-42bin headlines as plain queries (seed {args.seed}),\n"
                f"# from {len(candidates)} of {total} articles with a body and a headline of >= 3 words;\n")
        if args.exclude:
            f.write(f"# leaving out the {len(excluded)} articles {', '.join(args.exclude)} aims at;\n")
        f.write("# written by benchmarks/quality/make_headlines.py. qid<TAB>split<TAB>kind<TAB>target<TAB>query\n")
        for i, (aid, q) in enumerate(sample):
            split = "dev" if args.all_dev or i % 2 == 0 else "heldout"
            f.write(f"h{i + 1:04d}\t{split}\theadline\t{aid}\t{q}\n")
    print(f"make_headlines: {len(sample)} headline queries from {len(candidates)} candidates "
          f"({total} articles) -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
