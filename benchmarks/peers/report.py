#!/usr/bin/python3
"""Builds the side-by-side table from the files compare_peers.sh leaves in
its work directory (index-SYSTEM.json, bench-SYSTEM-MODE.json), prints it and
appends it, with date, machine and command, to the results file.

  report.py WORKDIR --results FILE --command CMD --corpus PATH --queries PATH
            --passes N [--quick]
"""
import argparse
import datetime
import json
import os
import platform
import sys

# haber_all: the same haber database queried with every word required
# (haber-bench --match all), the peers' AND; queries only.
SYSTEMS = ["haber", "haber_all", "xapian", "sqlite", "postgres", "lucene"]
LABELS = {"haber": "haber", "haber_all": "haber --all", "xapian": "Xapian (plain)", "sqlite": "SQLite FTS5",
          "postgres": "PostgreSQL", "lucene": "Lucene"}


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def classes_of(bench, mode):
    """{class: stats} from a peer's JSON or haber-bench --json."""
    if bench is None:
        return None
    if "runs" in bench:  # haber-bench
        for r in bench["runs"]:
            if r.get("mode") == mode:
                return {c["class"]: c for c in r["classes"] if c["class"] != "all"}
        return None
    return bench.get("classes")


def all_of(bench, mode, cls_stats):
    """Whole-query-set p50/p99 from per-query best times."""
    if bench is None:
        return None
    if "runs" in bench:
        per = next((r.get("queries", []) for r in bench["runs"] if r.get("mode") == mode), [])
    else:
        per = bench.get("per_query", [])
    t = sorted(q["best_us"] for q in per if q.get("best_us") is not None and not q.get("error"))
    if not t:
        return None

    def pct(p):
        import math
        return t[max(1, math.ceil(p / 100 * len(t))) - 1]
    return {"p50_us": pct(50), "p99_us": pct(99), "queries": len(per),
            "results": sum(c.get("results", 0) for c in cls_stats.values()) if cls_stats else 0}


def us(x):
    if x is None:
        return "–"
    return f"{x:,.0f}" if x >= 10 else f"{x:.1f}"


def ratio(peer, haber):
    if not peer or not haber:
        return "–"
    r = peer / haber
    if r >= 10:
        return f"{r:,.0f}×"
    if r >= 0.995:
        return f"{r:.1f}×"
    return f"{r:.2f}×" if r >= 0.1 else f"{r:.2g}×"


def machine():
    cpu = "unknown CPU"
    mem = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem}, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("work")
    ap.add_argument("--results", required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--passes", type=int, required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--pin", default="not pinned", help="how the single-thread rows were pinned")
    ap.add_argument("--mc-jobs", type=int, default=0, help="cores of the multi-core indexing row")
    a = ap.parse_args()

    idx = {s: load(os.path.join(a.work, f"index-{s}.json")) for s in SYSTEMS}
    top = {s: load(os.path.join(a.work, f"bench-{s}-top10.json")) for s in SYSTEMS}
    cnt = {s: load(os.path.join(a.work, f"bench-{s}-count.json")) for s in SYSTEMS}
    systems = [s for s in SYSTEMS if idx[s] or top[s] or cnt[s]]
    peers = [s for s in systems if not s.startswith("haber")]
    # The extra ratio column: haber with every word required against Lucene.
    extra = ["lucene"] if "haber_all" in systems and "lucene" in systems else []
    tcls = {s: classes_of(top[s], "top10") or {} for s in systems}
    ccls = {s: classes_of(cnt[s], "count") or {} for s in systems}
    order = []
    for s in systems:
        for c in list(tcls[s]) + list(ccls[s]):
            if c not in order:
                order.append(c)

    def label(s):
        v = (idx[s] or idx.get("haber") or {}).get("version", "")
        lab = LABELS[s] + (f" {v}" if v else "")
        if s == "haber" and (top[s] or {}).get("note", "").startswith("stand-in"):
            lab += " (stand-in †)"
        return lab

    head = ["", *[label(s) for s in systems], *[f"haber vs {LABELS[p]}" for p in peers],
            *[f"haber --all vs {LABELS[p]}" for p in extra]]
    rows = []
    h_idx = idx.get("haber") or {}

    def rate(s):
        i = idx[s]
        return i["articles"] / i["seconds"] if i and i.get("seconds") else None

    def mb(s):
        i = idx[s]
        return i["bytes"] / 1e6 if i and i.get("bytes") else None

    rows.append(["indexing, articles/s", *[us(rate(s)) for s in systems],
                 *[ratio(rate("haber"), rate(p)) if "haber" in systems else "–" for p in peers], *["–" for p in extra]])
    rows.append(["index size, MB", *[f"{mb(s):,.1f}" if mb(s) else "–" for s in systems],
                 *[ratio(mb(p), mb("haber")) if "haber" in systems else "–" for p in peers], *["–" for p in extra]])
    stored = (idx.get("haber") or {}).get("stored_bytes") or 0
    if stored:
        # What haber stores to show hits (the whole article); the peers store id + title.
        rows.append(["of which stored articles, MB", *[f"{stored / 1e6:,.1f}" if s == "haber" else "–" for s in systems],
                     *["–" for p in peers + extra]])
        rows.append(["index size without stored articles, MB",
                     *[f"{mb(s) - stored / 1e6:,.1f}" if s == "haber" and mb(s) else "–" for s in systems],
                     *[ratio(mb(p), mb("haber") - stored / 1e6) if p == "lucene" and mb(p) and mb("haber") else "–"
                       for p in peers], *["–" for p in extra]])
    mc = {s: load(os.path.join(a.work, f"index-{s}-mc.json")) for s in ("haber", "lucene")}
    if a.mc_jobs and any(mc.values()):
        def mc_rate(s):
            i = mc.get(s)
            return i["articles"] / i["seconds"] if i and i.get("seconds") else None
        rows.append([f"indexing on {a.mc_jobs} cores, not pinned (haber -j {a.mc_jobs}, Lucene {a.mc_jobs} threads), articles/s",
                     *[us(mc_rate(s)) if s in mc else "–" for s in systems],
                     *[ratio(mc_rate("haber"), mc_rate(p)) if p == "lucene" else "–" for p in peers],
                     *["–" for p in extra]])

    def cell(s, c):
        t = tcls[s].get(c)
        n = ccls[s].get(c)
        lat = f"{us(t['p50_us'])} / {us(t['p99_us'])}" if t else "–"
        res = f"{n['results']:,}" if n else "–"
        failed = (t or {}).get("failed", 0) + (n or {}).get("failed", 0)
        return f"{lat} · {res}" + (f" ({failed} failed)" if failed else "")

    def rcell(p, c, ours="haber"):
        h, t = tcls.get(ours, {}).get(c), tcls[p].get(c)
        if not h or not t:
            return "–"
        return f"{ratio(t['p50_us'], h['p50_us'])} / {ratio(t['p99_us'], h['p99_us'])}"

    nq = {}
    for s in systems:
        for c, st in list(tcls[s].items()) + list(ccls[s].items()):
            nq[c] = max(nq.get(c, 0), st.get("queries", 0))
    for c in order:
        rows.append([f"{c} ({nq.get(c, '?')} q)", *[cell(s, c) for s in systems], *[rcell(p, c) for p in peers],
                     *[rcell(p, c, "haber_all") for p in extra]])
    tall = {s: all_of(top[s], "top10", tcls[s]) for s in systems}
    call = {s: all_of(cnt[s], "count", ccls[s]) for s in systems}

    def allcell(d, s, with_results):
        x = d[s]
        if not x:
            return "–"
        r = f" · {x['results']:,}" if with_results else ""
        return f"{us(x['p50_us'])} / {us(x['p99_us'])}{r}"

    def allratio(d, p, ours="haber"):
        h, t = d.get(ours), d[p]
        if not h or not t:
            return "–"
        return f"{ratio(t['p50_us'], h['p50_us'])} / {ratio(t['p99_us'], h['p99_us'])}"
    rows.append(["**all queries**, TOP10", *[allcell(tall, s, False) for s in systems], *[allratio(tall, p) for p in peers],
                 *[allratio(tall, p, "haber_all") for p in extra]])
    rows.append(["**all queries**, COUNT", *[allcell(call, s, True) for s in systems], *[allratio(call, p) for p in peers],
                 *[allratio(call, p, "haber_all") for p in extra]])

    table = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    table += ["| " + " | ".join(r) + " |" for r in rows]

    nart = h_idx.get("articles") or next((idx[s]["articles"] for s in systems if idx[s]), 0)
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = []
    out.append(f"## Side by side with peers{' (--quick)' if a.quick else ''}: {os.path.basename(a.corpus)}")
    out.append("")
    out.append(f"- date: {date}")
    out.append(f"- machine: {machine()}")
    out.append(f"- command: `{a.command}`")
    nqueries = max((b or {}).get("queries", 0) if isinstance((b or {}).get("queries", 0), int) else 0
                   for b in list(top.values()) + list(cnt.values()))
    out.append(f"- corpus: {a.corpus} ({nart:,} articles); queries: {a.queries} "
               f"({nqueries or sum(nq.values())} queries)")
    out.append(f"- pinning: every process of every system in the single-thread rows ({a.pin}; the PostgreSQL "
               f"server too), haber-index with -j 1; the multi-core row is not pinned")
    out.append(f"- method: every system single-threaded, same machine, same run; one warm-up pass then "
               f"{a.passes} passes, best time per query; p50 / p99 of those per class in µs in TOP10 mode "
               f"(ranked top 10 document numbers, no stored fields read, as haber-bench; haber's quoted phrases read up to their first 50 matches' articles to rank the typed wording first, as haber-search does), then · the sum of the class's exact result counts (COUNT mode)")
    out.append("- ratio columns: peer p50 / haber p50 and peer p99 / haber p99 (> 1: haber faster); "
               "indexing: haber rate / peer rate; size: peer size / haber size (> 1: haber faster / smaller)")
    out.append("")
    out += table
    out.append("")
    notes = [
        "indexing: wall time of the whole load from the same uncompressed JSON Lines file (process start and "
        "JSON parsing included; PostgreSQL: COPY, to_tsvector, GIN and b-tree builds, VACUUM ANALYZE, server "
        "already running); index size: du of the index directory/file, PostgreSQL pg_total_relation_size of "
        "the table (TOAST and indexes included, WAL and catalogs excluded). Peers store id + title only; haber "
        "stores what haber-search shows.",
        "Xapian (plain): python3-xapian, TermGenerator + QueryParser with Stem(\"turkish\"), STEM_SOME, AND, "
        "the query as typed (as build/haber-xapian-baseline, plus category as boolean prefix). SQLite: FTS5 "
        "unicode61 remove_diacritics 2, bm25(), python3 sqlite3. PostgreSQL: 'turkish' configuration, GIN, "
        "ts_rank, psycopg2 over a unix socket (one round trip per query included), parallel query off. "
        "Lucene: TurkishAnalyzer, BM25Similarity, classic QueryParser (AND), Java 17, one JVM.",
        "sorted_date: kemik-42bin has no dates, so the peers sort that class by document number (last indexed "
        "first) without ranking; haber sorts by its date slot.",
        "haber: its default matching, as haber-search runs it (every word counts, articles with every word "
        "first, any may be missing). haber --all: the "
        "same database with every word required (haber-bench --match all, haber-search --all), the matching "
        "of the peers' AND; the ratio columns 'haber vs' compare the default, 'haber --all vs' the latter.",
        "Peers analyse text their own way (no Turkish apostrophe or ASCII-folding rules), so result counts differ; "
        "that is part of the comparison.",
    ]
    if any((top[s] or {}).get("note", "").startswith("stand-in") for s in systems):
        notes.append("† build/haber-bench was missing: haber measured by peers/haber_bench_standin.py, one "
                     "haber-search process per query, so its times include process start and are not comparable.")
    out += ["- " + n for n in notes]
    text = "\n".join(out) + "\n"
    print(text)
    with open(a.results, "a", encoding="utf-8") as f:
        if f.tell() == 0:
            f.write("# haber side by side with peer systems\n\nWritten by benchmarks/compare_peers.sh; "
                    "newest run last. Do not edit by hand.\n\n")
        f.write(text + "\n")


if __name__ == "__main__":
    sys.exit(main())
