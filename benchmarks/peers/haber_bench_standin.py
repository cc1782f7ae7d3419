#!/usr/bin/python3
"""Stand-in for build/haber-bench while it does not exist: runs every query
through build/haber-search, one process per query, so its times include
process start and database open (far slower than haber-bench; the report
marks the column). Same passes, best time per query, same JSON as the peers.

  haber_bench_standin.py HABER_SEARCH DB QUERIES.tsv MODE PASSES OUT.json
"""
import json
import subprocess
import sys

import common


def main(exe, db, qfile, mode, passes, out):
    queries = common.read_queries(qfile)

    def run_one(i, cls, q, k):
        if k == 0:
            r = subprocess.run([exe, "--db", db, "--count", "--", q], capture_output=True, text=True)
            if r.returncode != 0:
                raise RuntimeError(r.stderr.strip())
            return int(r.stdout.strip())
        args = [exe, "--db", db, "--json", "--limit", str(k)]
        if common.is_sorted_class(cls):
            args += ["--sort", "date"]
        r = subprocess.run(args + ["--", q], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(r.stderr.strip())
        return len(json.loads(r.stdout).get("hits", []))

    res = common.run_bench("haber", queries, mode, passes, run_one,
                           note="stand-in: one haber-search process per query (includes process start)")
    common.write_json(res, out)


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])
