"""Shared pieces of the retrieval-quality evaluation (benchmarks/quality/).

Known-item query files: '#' comments, rows
qid<TAB>split<TAB>kind<TAB>target<TAB>query, query in haber-search syntax.
Every query runs as typed and as its ASCII twin (ascii_twin). The same twin
is made by build/haber-known-item (C++) and LuceneBench (Java); score.py
checks that every system ran the same query text.
"""
import json
import sys

VARIANTS = ("typed", "ascii")
_TWIN = str.maketrans("çğıöşüÇĞİÖŞÜ", "cgiosuCGIOSU")


def ascii_twin(q):
    """The query typed without Turkish letters; nothing else changes
    (typographic apostrophes stay)."""
    return q.translate(_TWIN)


def read_queries(path):
    """[(qid, split, kind, target, query)] in file order."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t", 4)
            if len(parts) != 5:
                print(f"{path}:{n}: not qid<TAB>split<TAB>kind<TAB>target<TAB>query, skipped", file=sys.stderr)
                continue
            out.append(tuple(parts))
    if not out:
        sys.exit(f"{path}: no queries")
    return out


def runs(queries):
    """(qid, variant, query text) for every query and variant, in order."""
    for qid, _split, _kind, _target, q in queries:
        yield qid, "typed", q
        yield qid, "ascii", ascii_twin(q)


def write_run(f, qid, variant, query, hits, total, translated=None, error=None):
    row = {"qid": qid, "variant": variant, "query": query}
    if translated is not None:
        row["translated"] = translated
    row["hits"] = hits
    row["total"] = total
    if error is not None:
        row["error"] = error
    f.write(json.dumps(row, ensure_ascii=False) + "\n")
