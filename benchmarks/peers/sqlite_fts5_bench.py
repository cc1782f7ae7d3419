#!/usr/bin/python3
"""SQLite FTS5 as a peer of haber (Python's sqlite3 module, Debian's SQLite).

  sqlite_fts5_bench.py index DB CORPUS
  sqlite_fts5_bench.py bench DB QUERIES.tsv MODE PASSES OUT.json

Index: a contentless FTS5 table fts(title, lead, body, category) with
tokenize = 'unicode61 remove_diacritics 2' (detail=full, so phrases work),
plus docs(rowid, id, title) to show hits; bulk load in one transaction, then
the FTS5 'optimize' command (merges the index into one b-tree).
Queries: the haber query translated (peers/querylang.py): words AND, OR,
"phrases", words searched in {title lead body}, category:x as a {category}
column filter; ORDER BY rank (bm25() with default weights) LIMIT k and
SELECT count(*) for count mode; the sorted_date class ORDER BY rowid DESC.
"""
import os
import sqlite3
import sys

import common
import querylang


def index(db_path, corpus):
    if os.path.exists(db_path):
        os.remove(db_path)
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("CREATE TABLE docs (rowid INTEGER PRIMARY KEY, id TEXT, title TEXT)")
    db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, lead, body, category, content = '', "
               "tokenize = 'unicode61 remove_diacritics 2')")
    db.execute("BEGIN")
    n = 0
    for a in common.read_articles(corpus):
        n += 1
        title = common.field(a, "title")
        db.execute("INSERT INTO docs (rowid, id, title) VALUES (?, ?, ?)", (n, common.field(a, "id"), title))
        db.execute("INSERT INTO fts (rowid, title, lead, body, category) VALUES (?, ?, ?, ?, ?)",
                   (n, title, common.field(a, "lead"), common.field(a, "body"), common.field(a, "category").lower()))
    db.execute("COMMIT")
    db.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    db.close()
    print(f"sqlite: indexed {n} articles", file=sys.stderr)


def bench(db_path, qfile, mode, passes, out):
    queries = common.read_queries(qfile)
    db = sqlite3.connect(db_path)
    opts = [o[0] for o in db.execute("PRAGMA compile_options")]
    if "ENABLE_FTS5" not in opts:
        sys.exit("sqlite: this SQLite has no FTS5")
    translated = []
    for cls, q in queries:
        try:
            translated.append(querylang.to_fts5(querylang.parse(q)))
        except querylang.QueryError as e:
            translated.append(e)
    # rowids only, as haber-bench times the engine without reading documents
    ranked = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?"
    by_rowid = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT ?"
    count = "SELECT count(*) FROM fts WHERE fts MATCH ?"

    def run_one(i, cls, q, k):
        m = translated[i]
        if isinstance(m, Exception):
            raise m
        if k == 0:
            return db.execute(count, (m,)).fetchone()[0]
        sql = by_rowid if common.is_sorted_class(cls) else ranked
        return len(db.execute(sql, (m, k)).fetchall())

    res = common.run_bench("sqlite", queries, mode, passes, run_one)
    for pq, m in zip(res["per_query"], translated):
        pq["translated"] = str(m)
    common.write_json(res, out)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "index":
        index(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 7 and sys.argv[1] == "bench":
        bench(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])
    else:
        sys.exit(__doc__)
