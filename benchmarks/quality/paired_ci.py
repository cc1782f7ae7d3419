#!/usr/bin/python3
"""How sure a difference between two systems of one quality run is: a
paired bootstrap over the queries of one split and kind.

  paired_ci.py --queries FILE --groups FILE --run A=FILE --run B=FILE
               [--split dev|heldout] [--kind keyword|phrase|headline|sampled|...]
               [--variant typed|ascii] [--ratio R] [--samples N] [--seed S]

Files as run_quality.sh leaves them in its work directory, scored at story
level as score.py scores them. Prints both systems' MRR@10, the queries on
which A ranks the target higher or lower than B, and the 95 % bootstrap
intervals (queries drawn with replacement, the same draw for both systems)
of A - B and of A / B. With --ratio R, also A - R x B: its interval says
whether A's MRR@10 is at least R times B's (issue 9 asks R = 1.10 of Lucene)
beyond what the choice of queries explains.
"""
import argparse
import os
import random
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from best_of import add_run_arguments, load_runs, rank  # noqa: E402


def reciprocal_ranks(queries, groups, run, variant):
    out = []
    for qid, _split, _kind, target, _q in queries:
        r = rank(run.get((qid, variant)), {groups.get(target, target)}, groups)
        out.append(1.0 / r if r else 0.0)
    return out


def interval(values, share=0.95):
    values = sorted(values)
    lo = int(len(values) * (1 - share) / 2)
    return values[lo], values[len(values) - 1 - lo]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_run_arguments(ap)
    ap.add_argument("--ratio", type=float, help="also the interval of A - RATIO x B")
    ap.add_argument("--samples", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if len(args.run) != 2:
        sys.exit("paired_ci.py: give exactly two --run SYSTEM=FILE (A, then B)")
    if args.samples < 100:
        sys.exit("paired_ci.py: --samples must be at least 100")
    queries, groups, runs = load_runs(args, "paired_ci.py")
    names = list(runs)
    rr = [reciprocal_ranks(queries, groups, runs[name], args.variant) for name in names]
    a, b = rr
    n = len(queries)
    better = sum(1 for x, y in zip(a, b) if x > y)
    worse = sum(1 for x, y in zip(a, b) if x < y)

    rnd = random.Random(args.seed)
    diffs, ratios, margins = [], [], []
    for _ in range(args.samples):
        idx = [rnd.randrange(n) for _ in range(n)]
        sa = sum(a[i] for i in idx) / n
        sb = sum(b[i] for i in idx) / n
        diffs.append(sa - sb)
        ratios.append(sa / sb if sb > 0 else float("inf"))
        if args.ratio is not None:
            margins.append(sa - args.ratio * sb)

    ma, mb = sum(a) / n, sum(b) / n
    what = f"{args.split} {args.kind or 'all kinds'}, {args.variant}"
    print(f"{what}: {n} queries, {args.samples} bootstrap samples (seed {args.seed})")
    print(f"  MRR@10 {names[0]} {ma:.3f}, {names[1]} {mb:.3f}")
    print(f"  {names[0]} ranks the target higher in {better} queries, lower in {worse}")
    lo, hi = interval(diffs)
    print(f"  {names[0]} - {names[1]}: {ma - mb:+.3f}, 95 % interval {lo:+.3f} to {hi:+.3f}")
    lo, hi = interval(ratios)
    ratio = f"{ma / mb:.3f}" if mb > 0 else "inf"
    print(f"  {names[0]} / {names[1]}: {ratio}, 95 % interval {lo:.3f} to {hi:.3f}")
    if args.ratio is not None:
        lo, hi = interval(margins)
        m = ma - args.ratio * mb
        reached = sum(1 for x in margins if x >= 0) / len(margins)
        print(f"  {names[0]} - {args.ratio:g} x {names[1]}: {m:+.3f}, 95 % interval {lo:+.3f} to {hi:+.3f}; "
              f">= 0 in {reached:.0%} of the samples")


if __name__ == "__main__":
    main()
