#!/usr/bin/python3
"""How much room the systems of one quality run leave: per query, the best
reciprocal rank any of them reaches, beside each one's MRR@10.

  best_of.py --queries FILE --groups FILE --run SYSTEM=FILE... [--split dev|heldout]
             [--kind keyword|phrase|headline|sampled|...] [--variant typed|ascii] [--against SYSTEM]

Files as run_quality.sh leaves them in its work directory (queries-VIEW.tsv,
groups-VIEW.tsv, run-SYSTEM-VIEW.jsonl), scored at story level as score.py
scores them. Prints each system's MRR@10, the per-query best of all of them
(an upper bound on what choosing among these systems query by query could
reach), and, for the --against system (default: the first), how many of its
queries do not rank the target first, in how many another system does, and
in how many no system has it in its top 10.
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import knownitem  # noqa: E402
from score import read_groups, read_run  # noqa: E402


def rank(row, targets, groups):
    if row is None:
        return None
    for i, hit in enumerate(row.get("hits", [])[:10]):
        if groups.get(hit, hit) in targets:
            return i + 1
    return None


def add_run_arguments(ap):
    """The options that pick the queries and runs to compare (also paired_ci.py's)."""
    ap.add_argument("--queries", required=True)
    ap.add_argument("--groups", required=True)
    ap.add_argument("--run", action="append", required=True, metavar="SYSTEM=FILE")
    ap.add_argument("--split", choices=("dev", "heldout"), default="heldout")
    ap.add_argument("--kind", help="only queries of this kind (column 3 of the query file)")
    ap.add_argument("--variant", choices=knownitem.VARIANTS, default="typed")


def load_runs(args, prog):
    """(queries of the split and kind, story groups, {system: run}) from add_run_arguments' options."""
    queries = [q for q in knownitem.read_queries(args.queries)
               if q[1] == args.split and (args.kind is None or q[2] == args.kind)]
    if not queries:
        sys.exit(f"{prog}: no queries of that split and kind")
    groups = read_groups(args.groups)
    runs = {}
    for spec in args.run:
        name, _, path = spec.partition("=")
        if not name or not path:
            sys.exit(f"{prog}: --run wants SYSTEM=FILE, got {spec!r}")
        if name in runs:
            sys.exit(f"{prog}: --run {name} given twice")
        if not os.path.isfile(path):
            sys.exit(f"{prog}: --run {name}: no such file: {path}")
        runs[name] = read_run(path)
    return queries, groups, runs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_run_arguments(ap)
    ap.add_argument("--against", help="the system whose misses are broken down (default: the first --run)")
    args = ap.parse_args()
    queries, groups, runs = load_runs(args, "best_of.py")
    against = args.against or next(iter(runs))
    if against not in runs:
        sys.exit(f"best_of.py: --against {against}: no such --run")

    ranks = {s: [] for s in runs}
    for qid, _split, _kind, target, _q in queries:
        targets = {groups.get(target, target)}
        for s, run in runs.items():
            ranks[s].append(rank(run.get((qid, args.variant)), targets, groups))
    n = len(queries)

    def rr(r):
        return 1.0 / r if r else 0.0

    for s in runs:
        print(f"{s}\tMRR@10 {sum(rr(r) for r in ranks[s]) / n:.3f}")
    best = sum(max(rr(ranks[s][i]) for s in runs) for i in range(n)) / n
    print(f"best of the {len(runs)}, per query\tMRR@10 {best:.3f}\t({n} queries, {args.split}, {args.variant})")
    missed = [i for i in range(n) if ranks[against][i] != 1]
    others = [s for s in runs if s != against]
    print(f"{against}: target not first in {len(missed)}; another system first in "
          f"{sum(1 for i in missed if any(ranks[s][i] == 1 for s in others))}; "
          + "; ".join(f"{s} first in {sum(1 for i in missed if ranks[s][i] == 1)}" for s in others)
          + f"; no system in its top 10 in {sum(1 for i in missed if all(ranks[s][i] is None for s in runs))}")


if __name__ == "__main__":
    main()
