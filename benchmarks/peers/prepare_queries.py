#!/usr/bin/python3
"""Writes the haber query set in Lucene classic syntax for LuceneBench:
class<TAB>sorted(0|1)<TAB>query. Queries the translator cannot handle are
written as-is (Lucene then reports its own error for them).

  prepare_queries.py QUERIES.tsv OUT.tsv
"""
import sys

import common
import querylang

if len(sys.argv) != 3:
    sys.exit(__doc__)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for cls, q in common.read_queries(sys.argv[1]):
        try:
            lq = querylang.to_lucene(querylang.parse(q))
        except querylang.QueryError as e:
            print(f"lucene: cannot translate {q!r}: {e}", file=sys.stderr)
            lq = q
        out.write(f"{cls}\t{1 if common.is_sorted_class(cls) else 0}\t{lq}\n")
