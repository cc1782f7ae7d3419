"""Shared pieces of the peer benchmarks (benchmarks/compare_peers.sh).

Every peer is measured the same way as haber-bench: one warm-up pass over the
whole query set, then PASSES passes; each query keeps its best (smallest)
time; per query class the nearest-rank p50/p95/p99/max of those best times,
the class's queries per second (queries / sum of best times) and the sum of
the result counts (hits returned in top-k modes, exact matches in count mode).
Single thread, the query runs in the measuring process (or, for PostgreSQL,
one round trip over a unix socket), timed with time.perf_counter_ns.
"""
import gzip
import json
import math
import sys
import time

MODES = {"count": 0, "top10": 10, "top100": 100}


def read_queries(path):
    """TSV `class<TAB>query`; `#` comments and blank lines skipped."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if "\t" not in line:
                print(f"{path}:{n}: no TAB between class and query, line skipped", file=sys.stderr)
                continue
            cls, q = line.split("\t", 1)
            cls, q = cls.strip(), q.strip()
            if cls and q:
                out.append((cls, q))
    if not out:
        sys.exit(f"{path}: no queries")
    return out


def is_sorted_class(cls):
    # kemik-42bin has no dates: peers sort the sorted_date class by document
    # number, newest (last indexed) first, without ranking.
    return cls.startswith("sorted")


def read_articles(path, limit=0):
    """Yields dicts from JSON Lines (.gz or not)."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        n = 0
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            yield a
            n += 1
            if limit and n >= limit:
                break


def field(a, name):
    v = a.get(name)
    return v if isinstance(v, str) else ("" if v is None else str(v))


def percentile(sorted_vals, p):
    if not sorted_vals:
        return 0
    k = max(1, math.ceil(p / 100.0 * len(sorted_vals)))
    return sorted_vals[k - 1]


def run_bench(system, queries, mode, passes, run_one, note=""):
    """run_one(index, cls, query, k) -> number of results; k = 0 means count.

    Returns the result dict (also the JSON written by the peers)."""
    k = MODES[mode]
    best = [None] * len(queries)
    results = [0] * len(queries)
    errors = [None] * len(queries)
    for p in range(passes + 1):  # pass 0 is the warm-up
        for i, (cls, q) in enumerate(queries):
            if errors[i] is not None:
                continue
            t0 = time.perf_counter_ns()
            try:
                r = run_one(i, cls, q, k)
            except Exception as e:  # noqa: BLE001 - reported per query
                errors[i] = f"{type(e).__name__}: {e}".splitlines()[0][:200]
                print(f"{system}: query failed ({cls}) {q!r}: {errors[i]}", file=sys.stderr)
                continue
            dt = time.perf_counter_ns() - t0
            results[i] = r
            if p > 0 and (best[i] is None or dt < best[i]):
                best[i] = dt
    return summarize(system, queries, mode, passes, best, results, errors, note)


def summarize(system, queries, mode, passes, best, results, errors, note=""):
    classes = {}
    order = []
    for i, (cls, q) in enumerate(queries):
        if cls not in classes:
            classes[cls] = {"times": [], "results": 0, "queries": 0, "failed": 0}
            order.append(cls)
        c = classes[cls]
        c["queries"] += 1
        if errors[i] is not None or best[i] is None:
            c["failed"] += 1
            continue
        c["times"].append(best[i] / 1000.0)
        c["results"] += results[i]
    out_classes = {}
    all_times = []
    for cls in order:
        c = classes[cls]
        t = sorted(c["times"])
        all_times += t
        out_classes[cls] = {
            "queries": c["queries"],
            "failed": c["failed"],
            "p50_us": percentile(t, 50),
            "p95_us": percentile(t, 95),
            "p99_us": percentile(t, 99),
            "max_us": t[-1] if t else 0,
            "qps": (len(t) / (sum(t) / 1e6)) if t and sum(t) > 0 else 0,
            "results": c["results"],
        }
    all_times.sort()
    return {
        "system": system,
        "mode": mode,
        "passes": passes,
        "queries": len(queries),
        "note": note,
        "classes": out_classes,
        "all": {
            "p50_us": percentile(all_times, 50),
            "p95_us": percentile(all_times, 95),
            "p99_us": percentile(all_times, 99),
            "max_us": all_times[-1] if all_times else 0,
            "qps": (len(all_times) / (sum(all_times) / 1e6)) if all_times else 0,
            "results": sum(c["results"] for c in out_classes.values()),
        },
        "per_query": [
            {"class": cls, "query": q, "best_us": (best[i] / 1000.0 if best[i] is not None else None),
             "results": results[i], "error": errors[i]}
            for i, (cls, q) in enumerate(queries)
        ],
    }


def write_json(obj, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


def write_index_stats(path, system, articles, seconds, note=""):
    write_json({"system": system, "articles": articles, "seconds": seconds,
                "articles_per_s": articles / seconds if seconds > 0 else 0, "note": note}, path)
