// haber-bench reports: per class, the number of queries, the sum of their
// result counts, latency percentiles over the per-query best times and
// queries/s; as an aligned text table, Markdown or JSON.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_queries.h"
#include "bench_runner.h"

namespace haber::bench {

struct ClassStats {
    std::string cls;           // "all" for the total row
    std::size_t queries = 0;
    std::size_t results = 0;   // sum over the queries
    double p50_us = 0, p95_us = 0, p99_us = 0, max_us = 0;
    double qps = 0;            // queries / sum of best times
};

// Nearest-rank percentile of `sorted` (ascending), p in (0, 100].
double percentile(const std::vector<double>& sorted, double p);

// One row per class (in `classes` order) and a final "all" row.
std::vector<ClassStats> class_stats(const std::vector<BenchQuery>& queries, const RunResult& run,
                                    const std::vector<std::string>& classes);

struct Mismatch {
    std::size_t query = 0;     // index into the query list
    std::size_t hits = 0;      // top-K hits returned
    std::size_t expected = 0;  // min(K, exact count)
    std::size_t count = 0;     // exact count
};

struct RunReport {
    RunResult run;
    std::vector<ClassStats> stats;
    bool verified = false;            // top-K hit counts compared with exact counts
    std::vector<Mismatch> mismatches;
    std::vector<std::size_t> inexact;   // count mode: bounds differ
    std::vector<std::size_t> unstable;  // result count changed between passes
};

struct ReportHeader {
    std::string date, machine, command;
    std::vector<std::string> databases;
    std::size_t doc_count = 0;
    std::vector<std::pair<std::string, std::size_t>> query_files;  // name, queries used
    std::string method;   // one line
    std::string cache;    // "warm", "cold (page cache dropped)", "warm (--cold skipped: …)"
    std::vector<std::string> excluded;  // "file:line: reason"
};

std::string render_text(const ReportHeader& h, const std::vector<BenchQuery>& queries,
                        const std::vector<RunReport>& runs);
std::string render_markdown(const ReportHeader& h, const std::vector<BenchQuery>& queries,
                            const std::vector<RunReport>& runs);
nlohmann::json render_json(const ReportHeader& h, const std::vector<BenchQuery>& queries,
                           const std::vector<RunReport>& runs);

}  // namespace haber::bench
