#!/usr/bin/python3
"""Scores known-item runs at story level and prints Markdown tables.

  score.py --queries VIEW=FILE... --groups VIEW=FILE... --run SYSTEM:VIEW=FILE...
           [--split dev|heldout|both] [--ids CORPUS.jsonl] [--append FILE]
           [--command TEXT] [--note TEXT]...

VIEW: a name for a query set with its own corpus ("knownitem", "headline").
--queries: its query file (qid<TAB>split<TAB>kind<TAB>target<TAB>query).
--groups: id<TAB>group lines (build/haber-known-item --dump-groups) of that
view's corpus; the same groups are applied to every system.
--run: a system's run on that view (JSON Lines {qid, variant, query, hits}).
--ids: a corpus export (JSON Lines with "id"): warn about targets not in it.

Story level: a hit is right if it is the target or an article in the
target's story-version group. The rank of a query is that of its first right
hit in the system's top 10 (other stories' duplicates keep their places, as
a user sees them). Rows: every system on every view part -- the known-item
set's kinds (keyword, phrase) and the headline set, each typed and as its
ASCII twin -- for each split: MRR@10, Success@1, Success@10, queries with no
hits at all, number of queries. A (qid, variant) missing from a run counts
as no hits (and is reported).
"""
import argparse
import datetime
import json
import os
import platform
import sys
from collections import OrderedDict, defaultdict

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import knownitem  # noqa: E402


def kv(text, what):
    if "=" not in text:
        sys.exit(f"score.py: {what} wants NAME=FILE, got {text!r}")
    k, v = text.split("=", 1)
    return k, v


def read_groups(path):
    groups = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                aid, _, g = line.partition("\t")
                if g:
                    groups[aid] = g
    return groups


def read_run(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            rows[(r["qid"], r["variant"])] = r
    return rows


def part_name(kind, variant):
    return kind + (" ASCII" if variant == "ascii" else "")


KIND_ORDER = {"keyword": 0, "phrase": 1, "headline": 2}


def label(view, part):
    """'keyword ASCII' for the known-item view, 'headline' for the headline view."""
    return part if view == "knownitem" or part.split()[0] == view else f"{view} {part}"


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            mem = int(f.readline().split()[1]) / 1024 / 1024
    except OSError:
        mem = 0
    return f"{os.cpu_count()} cores ({cpu}), {mem:.1f} GiB RAM, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--queries", action="append", default=[], metavar="VIEW=FILE")
    ap.add_argument("--groups", action="append", default=[], metavar="VIEW=FILE")
    ap.add_argument("--run", action="append", default=[], metavar="SYSTEM:VIEW=FILE")
    ap.add_argument("--split", choices=("dev", "heldout", "both"), default="both")
    ap.add_argument("--ids", action="append", default=[], metavar="CORPUS.jsonl",
                    help="check that every target is in this corpus export (repeatable: VIEW=FILE or FILE)")
    ap.add_argument("--append", metavar="FILE", help="also append the report (with date, machine, command) to FILE")
    ap.add_argument("--command", default="", help="the command line to record with --append")
    ap.add_argument("--note", action="append", default=[], help="a line to add under the report header")
    args = ap.parse_args()

    views = OrderedDict()
    for spec in args.queries:
        v, path = kv(spec, "--queries")
        views[v] = knownitem.read_queries(path)
    groups = {}
    for spec in args.groups:
        v, path = kv(spec, "--groups")
        groups[v] = read_groups(path)
    systems, runs = [], {}
    for spec in args.run:
        sv, path = kv(spec, "--run")
        if ":" not in sv:
            sys.exit(f"score.py: --run wants SYSTEM:VIEW=FILE, got {spec!r}")
        s, v = sv.rsplit(":", 1)
        if v not in views:
            sys.exit(f"score.py: --run {spec}: no --queries {v}=FILE")
        if s not in systems:
            systems.append(s)
        runs[(s, v)] = read_run(path)
    warnings = []
    for spec in args.ids:
        v, path = kv(spec, "--ids") if "=" in spec else (None, spec)
        ids = set()
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    ids.add(json.loads(line)["id"])
        for view, qs in views.items():
            if v is not None and view != v:
                continue
            missing = [q[0] for q in qs if q[3] not in ids]
            if missing:
                warnings.append(f"{view}: {len(missing)} targets not in {path}: {', '.join(missing[:10])}"
                                + (" ..." if len(missing) > 10 else ""))

    splits = ["dev", "heldout"] if args.split == "both" else [args.split]
    # (view, part, split, system) -> [queries, rr sum, s1, s10, zero]
    acc = defaultdict(lambda: [0, 0.0, 0, 0, 0])
    parts = OrderedDict()
    same_text = defaultdict(set)  # (view, qid, variant) -> query texts the systems ran
    for view, qs in views.items():
        g = groups.get(view)
        if g is None:
            warnings.append(f"{view}: no --groups file: counted at article level")
            g = {}
        for qid, split, kind, target, _q in qs:
            if split not in splits:
                continue
            tg = g.get(target)
            for variant in knownitem.VARIANTS:
                part = part_name(kind, variant)
                parts.setdefault((view, part), None)
                for s in systems:
                    run = runs.get((s, view))
                    if run is None:
                        continue
                    r = run.get((qid, variant))
                    a = acc[(view, part, split, s)]
                    a[0] += 1
                    if r is None:
                        warnings.append(f"{s} {view}: no run of {qid} {variant}")
                        a[4] += 1
                        continue
                    same_text[(view, qid, variant)].add(r.get("query"))
                    hits = r.get("hits") or []
                    if not hits:
                        a[4] += 1
                    for rank, h in enumerate(hits[:10], 1):
                        if h == target or (tg is not None and g.get(h) == tg):
                            a[1] += 1.0 / rank
                            a[2] += rank == 1
                            a[3] += 1
                            break
    for (view, qid, variant), texts in same_text.items():
        if len(texts) > 1:
            warnings.append(f"{view} {qid} {variant}: the systems ran different query texts: {sorted(map(str, texts))}")

    out = []
    for split in splits:
        out.append(f"### {split}\n")
        # Compact: MRR@10 of every system on every view part.
        cols = sorted(parts, key=lambda vp: (KIND_ORDER.get(vp[1].split()[0], 9), list(views).index(vp[0]),
                                             vp[1].split()[0], vp[1]))
        out.append("MRR@10 (story level):\n")
        out.append("| system | " + " | ".join(label(v, p) for v, p in cols) + " |")
        out.append("|---|" + "---:|" * len(cols))
        for s in systems:
            cells = []
            for v, p in cols:
                a = acc.get((v, p, split, s))
                cells.append(f"{a[1] / a[0]:.3f}" if a and a[0] else "–")
            out.append(f"| {s} | " + " | ".join(cells) + " |")
        out.append("")
        out.append("| view | system | MRR@10 | S@1 | S@10 | zero-hit | queries |")
        out.append("|---|---|---:|---:|---:|---:|---:|")
        for v, p in cols:
            for s in systems:
                a = acc.get((v, p, split, s))
                if not a or not a[0]:
                    continue
                n = a[0]
                out.append(f"| {label(v, p)} | {s} | {a[1] / n:.3f} | {a[2] / n:.3f} | {a[3] / n:.3f} | {a[4]} | {n} |")
        out.append("")
    twins = {}
    for view, qs in views.items():
        changed = sum(1 for q in qs if q[1] in splits and knownitem.ascii_twin(q[4]) != q[4])
        twins[view] = f"{changed} of {sum(1 for q in qs if q[1] in splits)}"
    out.append("ASCII twins that differ from the typed query: "
               + "; ".join(f"{v} {t}" for v, t in twins.items()) + " (the others run the same text twice).")
    report = "\n".join(out) + "\n"
    print(report)
    for w in warnings[:50]:
        print("score.py: warning: " + w, file=sys.stderr)
    if len(warnings) > 50:
        print(f"score.py: ... {len(warnings) - 50} more warnings", file=sys.stderr)

    if args.append:
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        head = [f"## Known-item retrieval quality, {now}", "",
                f"- machine: {machine()}"]
        if args.command:
            head.append(f"- command: `{args.command}`")
        head += [f"- {n}" for n in args.note]
        head.append("- story level: a hit is right if it is the target or in the target's version group; "
                    "MRR@10, S@1, S@10 over all queries of the row; zero-hit: queries with no hits")
        with open(args.append, "a", encoding="utf-8") as f:
            f.write("\n".join(head) + "\n\n" + report + "\n")
        print(f"score.py: appended to {args.append}", file=sys.stderr)


if __name__ == "__main__":
    main()
