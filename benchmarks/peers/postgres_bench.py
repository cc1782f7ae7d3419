#!/usr/bin/python3
"""PostgreSQL 15 full-text search as a peer of haber (Debian postgresql-15,
python3-psycopg2). The cluster is created, started and removed by
benchmarks/compare_peers.sh; this script gets its socket directory and port.

  postgres_bench.py index SOCKDIR PORT CORPUS
  postgres_bench.py bench SOCKDIR PORT QUERIES.tsv MODE PASSES OUT.json
  postgres_bench.py size SOCKDIR PORT          (bytes: table + TOAST + indexes)

Index: COPY of the articles into an unlogged staging table, then
docs(n serial order, id, title, category, tsv = to_tsvector('turkish',
title || lead || body)) with a GIN index on tsv, a b-tree on category and
the primary key on n; staging dropped; VACUUM ANALYZE.
Queries: the haber query translated (peers/querylang.py) into one tsquery
per AND/OR group built from plainto_tsquery / phraseto_tsquery('turkish', ..)
joined with && || !! (that is & | ! and <-> for phrases), category:x as a
column filter; ORDER BY ts_rank(tsv, query) DESC LIMIT k, count(*) for count
mode; the sorted_date class ORDER BY n DESC. One round trip per query over
the unix socket; parallel query off (single thread).
"""
import io
import sys

import psycopg2

import common
import querylang


def connect(sockdir, port):
    c = psycopg2.connect(host=sockdir, port=int(port), user="postgres", dbname="postgres")
    c.autocommit = True
    return c


class _CopyStream(io.RawIOBase):
    """Articles as COPY text format, produced while COPY reads."""

    def __init__(self, articles):
        self.it = articles
        self.buf = b""
        self.n = 0

    @staticmethod
    def esc(s):
        return (s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r").replace("\x00", ""))

    def readable(self):
        return True

    def readinto(self, b):
        while len(self.buf) < len(b):
            a = next(self.it, None)
            if a is None:
                break
            self.n += 1
            row = "\t".join(self.esc(common.field(a, f)) for f in ("id", "title", "lead", "body", "category"))
            self.buf += (row + "\n").encode("utf-8")
        n = min(len(b), len(self.buf))
        b[:n] = self.buf[:n]
        self.buf = self.buf[n:]
        return n


def index(sockdir, port, corpus):
    c = connect(sockdir, port)
    cur = c.cursor()
    cur.execute("DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS staging")
    cur.execute("CREATE UNLOGGED TABLE staging (n serial, id text, title text, lead text, body text, category text)")
    stream = _CopyStream(common.read_articles(corpus))
    cur.copy_expert("COPY staging (id, title, lead, body, category) FROM STDIN",
                    io.BufferedReader(stream, 1 << 20))
    cur.execute("""CREATE TABLE docs AS
                   SELECT n, id, title, lower(category) AS category,
                          to_tsvector('turkish', coalesce(title, '') || ' ' || coalesce(lead, '') || ' '
                                      || coalesce(body, '')) AS tsv
                   FROM staging""")
    cur.execute("DROP TABLE staging")
    cur.execute("ALTER TABLE docs ADD PRIMARY KEY (n)")
    cur.execute("CREATE INDEX docs_tsv ON docs USING gin (tsv)")
    cur.execute("CREATE INDEX docs_category ON docs (category)")
    cur.execute("VACUUM ANALYZE docs")
    print(f"postgres: indexed {stream.n} articles", file=sys.stderr)


def size(sockdir, port):
    cur = connect(sockdir, port).cursor()
    cur.execute("SELECT pg_total_relation_size('docs')")
    print(cur.fetchone()[0])


def bench(sockdir, port, qfile, mode, passes, out):
    queries = common.read_queries(qfile)
    c = connect(sockdir, port)
    cur = c.cursor()
    cur.execute("SET max_parallel_workers_per_gather = 0")
    cur.execute("SET jit = off")
    prepared = []
    for cls, q in queries:
        try:
            cond, params, rank = querylang.to_pg(querylang.parse(q))
        except querylang.QueryError as e:
            prepared.append(e)
            continue
        sql = {}
        sql[0] = (f"SELECT count(*) FROM docs WHERE {cond}", params)
        if common.is_sorted_class(cls) or rank is None:
            sql["k"] = (f"SELECT n FROM docs WHERE {cond} ORDER BY n DESC LIMIT %s", params)
        else:
            sql["k"] = (f"SELECT n FROM docs WHERE {cond} ORDER BY ts_rank(tsv, {rank[0]}) DESC LIMIT %s",
                        params + rank[1])
        prepared.append(sql)

    def run_one(i, cls, q, k):
        p = prepared[i]
        if isinstance(p, Exception):
            raise p
        if k == 0:
            cur.execute(*p[0])
            return cur.fetchone()[0]
        s, params = p["k"]
        cur.execute(s, params + [k])
        return len(cur.fetchall())

    res = common.run_bench("postgres", queries, mode, passes, run_one)
    for pq, p in zip(res["per_query"], prepared):
        pq["translated"] = str(p) if isinstance(p, Exception) else cur.mogrify(p["k"][0], p["k"][1] + [10]).decode()
    common.write_json(res, out)


if __name__ == "__main__":
    a = sys.argv
    if len(a) == 5 and a[1] == "index":
        index(a[2], a[3], a[4])
    elif len(a) == 4 and a[1] == "size":
        size(a[2], a[3])
    elif len(a) == 8 and a[1] == "bench":
        bench(a[2], a[3], a[4], a[5], int(a[6]), a[7])
    else:
        sys.exit(__doc__)
