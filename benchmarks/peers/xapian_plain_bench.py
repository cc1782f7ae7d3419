#!/usr/bin/python3
"""Plain Xapian (out of the box) as a peer of haber, through the Debian
python3-xapian bindings.

  xapian_plain_bench.py index DB CORPUS
  xapian_plain_bench.py bench DB QUERIES.tsv MODE PASSES OUT.json

Indexing mirrors build/haber-xapian-baseline (TermGenerator + Stem("turkish"),
title also under prefix S, Q<id> unique term, replace_document, title as
document data) and adds the category as a boolean term XC<category> so that
`category:x` queries can be run (the baseline tool indexes no category).
Queries: the haber-search string as typed, given to QueryParser with
Stem("turkish"), STEM_SOME, default op AND, default flags, prefix title:,
boolean prefix category:. Ranking BM25Weight (Xapian's default); top-k yields docids (no document read, as haber-bench); the
sorted_date class by document number, newest first, no ranking.
"""
import sys

import xapian

import common


def index(db_path, corpus):
    db = xapian.WritableDatabase(db_path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("turkish"))
    n = 0
    for a in common.read_articles(corpus):
        title, lead, body = common.field(a, "title"), common.field(a, "lead"), common.field(a, "body")
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(title, 1, "S")
        tg.index_text(title)
        tg.increase_termpos()
        tg.index_text(lead)
        tg.increase_termpos()
        tg.index_text(body)
        doc.set_data(title)
        cat = common.field(a, "category").lower()
        if cat:
            doc.add_boolean_term("XC" + cat)
        idterm = "Q" + common.field(a, "id")[:240]
        doc.add_boolean_term(idterm)
        db.replace_document(idterm, doc)
        n += 1
    db.commit()
    db.close()
    print(f"xapian: indexed {n} articles", file=sys.stderr)


def bench(db_path, qfile, mode, passes, out):
    queries = common.read_queries(qfile)
    db = xapian.Database(db_path)
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_stemmer(xapian.Stem("turkish"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.add_prefix("title", "S")
    qp.add_boolean_prefix("category", "XC")
    qp.set_default_op(xapian.Query.OP_AND)
    ndocs = db.get_doccount()
    ranked = xapian.Enquire(db)
    by_docid = xapian.Enquire(db)
    by_docid.set_weighting_scheme(xapian.BoolWeight())
    by_docid.set_docid_order(xapian.Enquire.DESCENDING)

    def run_one(i, cls, q, k):
        query = qp.parse_query(q)
        if k == 0:
            ranked.set_query(query)
            return ranked.get_mset(0, 0, ndocs).get_matches_estimated()
        e = by_docid if common.is_sorted_class(cls) else ranked
        e.set_query(query)
        return sum(1 for m in e.get_mset(0, k) if m.docid)  # docids only, as haber-bench

    common.write_json(common.run_bench("xapian", queries, mode, passes, run_one), out)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "index":
        index(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 7 and sys.argv[1] == "bench":
        bench(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])
    else:
        sys.exit(__doc__)
