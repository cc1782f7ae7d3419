#!/usr/bin/python3
"""Peer systems of the retrieval-quality evaluation (benchmarks/quality/):
plain Xapian and SQLite FTS5, out of the box, on the articles haber-export
wrote (the same ids and text haber indexes).

  peers_quality.py xapian-index DB CORPUS.jsonl
  peers_quality.py xapian-run   DB QUERIES.tsv OUT.jsonl
  peers_quality.py fts5-index   DB CORPUS.jsonl
  peers_quality.py fts5-run     DB QUERIES.tsv OUT.jsonl

Xapian (python3-xapian): as peers/xapian_plain_bench.py plus the place:
TermGenerator with Stem("turkish") over title (also under prefix S), lead,
body and place; the article id as document data and Q term. Queries: the
haber-search string as typed, QueryParser with Stem("turkish"), STEM_SOME,
default operator OP_OR, FLAG_PHRASE|FLAG_DEFAULT, prefix title: -> S; BM25
(Xapian's default weighting).

SQLite FTS5: fts(title, lead, body, place), tokenize 'unicode61
remove_diacritics 2', detail=full (phrases work), docs(rowid, id) beside it.
Queries: the haber query parsed by peers/querylang.py, words and phrases
OR-ed (NOT kept), each word or phrase an FTS5 string ("..." with " doubled),
ORDER BY rank (bm25() with default weights) LIMIT 10.

OUT.jsonl: {qid, variant, query, translated, hits: top-10 ids, total}; a
query the engine rejects has no hits and an "error" (total: Xapian's
estimate; FTS5: null, not counted).
"""
import os
import sqlite3
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "peers"))

import common  # noqa: E402  (peers/common.py: JSON Lines reader)
import knownitem  # noqa: E402
import querylang  # noqa: E402  (peers/querylang.py: haber query syntax)


# ---------------------------------------------------------------- Xapian
def xapian_index(db_path, corpus):
    import xapian
    t0 = time.time()
    db = xapian.WritableDatabase(db_path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("turkish"))
    n = 0
    for a in common.read_articles(corpus):
        title = common.field(a, "title")
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(title, 1, "S")
        tg.index_text(title)
        for part in ("lead", "body", "place"):
            tg.increase_termpos()
            tg.index_text(common.field(a, part))
        aid = common.field(a, "id")
        doc.set_data(aid)
        idterm = "Q" + aid[:240]
        doc.add_boolean_term(idterm)
        db.replace_document(idterm, doc)
        n += 1
    db.commit()
    db.close()
    print(f"xapian: indexed {n} articles in {time.time() - t0:.1f} s", file=sys.stderr)


def xapian_run(db_path, qfile, out):
    import xapian
    queries = knownitem.read_queries(qfile)
    db = xapian.Database(db_path)
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_stemmer(xapian.Stem("turkish"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_default_op(xapian.Query.OP_OR)
    qp.add_prefix("title", "S")
    flags = xapian.QueryParser.FLAG_PHRASE | xapian.QueryParser.FLAG_DEFAULT
    enquire = xapian.Enquire(db)
    t0, n, zero, errors = time.time(), 0, 0, 0
    with open(out, "w", encoding="utf-8") as f:
        for qid, variant, q in knownitem.runs(queries):
            hits, total, error, translated = [], 0, None, None
            try:
                query = qp.parse_query(q, flags)
                translated = str(query)
                enquire.set_query(query)
                mset = enquire.get_mset(0, 10)
                total = mset.get_matches_estimated()
                hits = [m.document.get_data().decode("utf-8") for m in mset]
            except xapian.Error as e:
                error = f"{type(e).__name__}: {e}"
                errors += 1
            zero += not hits
            n += 1
            knownitem.write_run(f, qid, variant, q, hits, total, translated, error)
    print(f"xapian: {n} runs of {len(queries)} queries in {time.time() - t0:.1f} s; "
          f"{zero} with no hits, {errors} query errors", file=sys.stderr)


# ---------------------------------------------------------------- SQLite FTS5
def fts5_index(db_path, corpus):
    t0 = time.time()
    if os.path.exists(db_path):
        os.remove(db_path)
    db = sqlite3.connect(db_path, isolation_level=None)
    if "ENABLE_FTS5" not in [o[0] for o in db.execute("PRAGMA compile_options")]:
        sys.exit("sqlite: this SQLite has no FTS5")
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("CREATE TABLE docs (rowid INTEGER PRIMARY KEY, id TEXT)")
    db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, lead, body, place, content = '', "
               "tokenize = 'unicode61 remove_diacritics 2')")
    db.execute("BEGIN")
    n = 0
    for a in common.read_articles(corpus):
        n += 1
        db.execute("INSERT INTO docs (rowid, id) VALUES (?, ?)", (n, common.field(a, "id")))
        db.execute("INSERT INTO fts (rowid, title, lead, body, place) VALUES (?, ?, ?, ?, ?)",
                   (n, common.field(a, "title"), common.field(a, "lead"), common.field(a, "body"),
                    common.field(a, "place")))
    db.execute("COMMIT")
    db.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    db.close()
    print(f"sqlite: indexed {n} articles in {time.time() - t0:.1f} s", file=sys.stderr)


def _fts_str(s):
    return '"' + s.replace('"', '""') + '"'


def to_fts5_any(node):
    """querylang tree -> FTS5 MATCH text, words and phrases OR-ed (NOT kept).
    Every column is searched (the table holds only title, lead, body, place);
    title: searches {title}; other fields are searched as text."""
    kind = node[0]
    if kind == "word":
        return _fts_str(node[1]) + (" *" if node[2] else "")
    if kind == "phrase":
        return _fts_str(" ".join(node[1]))
    if kind == "field":
        inner = to_fts5_any(node[2])
        return "{title} : " + inner if node[1] == "title" else inner
    if kind in ("and", "or"):
        pos = [p for p in node[1] if p[0] != "not"]
        neg = [p[1] for p in node[1] if p[0] == "not"]
        if not pos:
            raise querylang.QueryError("only negative terms")
        s = "(" + " OR ".join(to_fts5_any(p) for p in pos) + ")"
        for n in neg:
            s = f"({s} NOT {to_fts5_any(n)})"
        return s
    if kind == "not":
        raise querylang.QueryError("only negative terms")
    raise querylang.QueryError(kind)


def fts5_run(db_path, qfile, out):
    queries = knownitem.read_queries(qfile)
    db = sqlite3.connect(db_path)
    sql = "SELECT docs.id FROM fts JOIN docs ON docs.rowid = fts.rowid WHERE fts MATCH ? ORDER BY rank LIMIT 10"
    t0, n, zero, errors = time.time(), 0, 0, 0
    with open(out, "w", encoding="utf-8") as f:
        for qid, variant, q in knownitem.runs(queries):
            hits, error, translated = [], None, None
            try:
                translated = to_fts5_any(querylang.parse(q))
                hits = [r[0] for r in db.execute(sql, (translated,))]
            except (querylang.QueryError, sqlite3.Error) as e:
                error = f"{type(e).__name__}: {e}"
                errors += 1
            zero += not hits
            n += 1
            knownitem.write_run(f, qid, variant, q, hits, None, translated, error)
    print(f"sqlite: {n} runs of {len(queries)} queries in {time.time() - t0:.1f} s; "
          f"{zero} with no hits, {errors} query errors", file=sys.stderr)


COMMANDS = {
    "xapian-index": (xapian_index, 2), "xapian-run": (xapian_run, 3),
    "fts5-index": (fts5_index, 2), "fts5-run": (fts5_run, 3),
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS or len(sys.argv) - 2 != COMMANDS[sys.argv[1]][1]:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]][0](*sys.argv[2:])
