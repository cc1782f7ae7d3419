// Runs benchmark queries against haber databases the way the
// search-benchmark-game and luceneutil do: open, warm up, then N passes, and
// keep each query's best (minimum) time.
//
// What one timed query is (engine path, the default):
//   Searcher::parse (the haber query parser, analysis included)
//   + Xapian::Enquire on the Searcher's database:
//     count  : get_mset(0, 0, check_at_least = doc count) → exact match count
//     topK   : get_mset(0, K, check_at_least = --check-at-least, default 0),
//              docids read; class sorted_date sorted by date, newest first
//   No Searcher::reopen(), no document data decoded, no snippets.
// With `snippets`, top-K queries go through Searcher::search itself (what
// haber-search does: reopen, decode stored articles, highlight the title,
// build the snippet).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bench_queries.h"

namespace haber::bench {

enum class Mode { Count, Top10, Top100 };
std::string mode_name(Mode m);
std::size_t mode_k(Mode m);  // 0 for Count

struct RunSpec {
    Mode mode = Mode::Top10;
    int passes = 5;
    int warmup = 1;
    int threads = 1;
    bool snippets = false;
    std::size_t check_at_least = 0;  // top-K modes only
    // How plain words match: "default" (haber-search's), "all" (every word
    // required, search::require_every_word) or "any" (OR).
    std::string match = "default";
};

struct QueryMeasure {
    double best_us = 0;       // minimum over the timed passes
    std::size_t results = 0;  // count mode: exact matches; top-K: hits returned
    bool exact = true;        // count mode: lower bound == upper bound
    bool stable = true;       // same result count in every pass
};

struct RunResult {
    RunSpec spec;
    std::vector<QueryMeasure> per_query;  // parallel to the query list
    std::vector<double> pass_wall_s;      // wall time of each timed pass (all threads)
    double best_wall_s() const;
    double median_wall_s() const;
};

// Throws search::DatabaseError (opening) or std::runtime_error (a query
// failing at run time, named by file:line).
RunResult run_benchmark(const std::vector<std::string>& db_paths, const std::vector<BenchQuery>& queries,
                        const RunSpec& spec);

// Exact count of every query matched as `match` says (RunSpec::match),
// untimed (for verifying top-K runs).
std::vector<std::size_t> exact_counts(const std::vector<std::string>& db_paths,
                                      const std::vector<BenchQuery>& queries, const std::string& match = "default");

// Tries `sync; echo 3 > /proc/sys/vm/drop_caches`. "" on success, else why not.
std::string drop_page_cache();

}  // namespace haber::bench
