// haber-bench: query latency and throughput of haber, measured the way the
// search-benchmark-game (quickwit-oss) and Lucene's luceneutil measure
// engines: open the database(s), one warm-up pass over all queries, then N
// timed passes; each query's best (minimum) time is kept, and per query class
// the report gives p50/p95/p99/max over those best times, queries/s (queries /
// sum of best times) and the summed result counts, so that a fast wrong
// answer cannot pass for a fast right one. Top-K runs are verified against
// exact counts (hits == min(K, count)). What one timed query includes is
// described in bench_runner.h. Indexing figures come from run_bench.sh.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench_queries.h"
#include "bench_report.h"
#include "bench_runner.h"
#include "machine_info.h"
#include "search/searcher.h"

namespace {

constexpr int kExitOk = 0, kExitMismatch = 1, kExitUsage = 2, kExitDatabase = 3;

int fail(int code, const std::string& msg) {
    std::cerr << "haber-bench: " << msg << "\n";
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace haber::bench;
    CLI::App app{
        "haber-bench: query latency and throughput of haber databases.\n"
        "Warm-up pass, then N passes; per query the best time; per class p50/p95/p99/max (µs),\n"
        "queries/s and the summed result counts. Times include query parsing; the engine alone\n"
        "is measured (Xapian Enquire on the parsed query: no snippets; articles are read only\n"
        "to re-rank a quoted phrase's first matches, as haber-search does) unless --snippets.\n"
        "Top-K runs are checked: hits == min(K, exact count)."};
    app.footer(
        "Query files: TSV, '#' comments, `class<TAB>query` in haber-search syntax; class sorted_date\n"
        "is sorted by date (newest first) in top-K modes.\n"
        "Exit status: 0 ok; 1 verification failed (top-K hits != min(K, count), counts inexact or\n"
        "unstable between passes) or a query failed at run time; "
        "2 usage error or bad query file;\n3 database missing or not a haber database.");
    std::vector<std::string> dbs, files, only_classes;
    std::string mode = "all", markdown, match = "default";
    int passes = 5, warmup = 1, threads = 1;
    std::size_t check_at_least = 0;
    bool json = false, cold = false, snippets = false, machine_only = false;
    app.add_option("--db", dbs, "haber database (repeatable: searched as one collection)")
        ->allow_extra_args(false);
    app.add_option("queryfile", files, "query files (class<TAB>query)");
    app.add_option("--mode", mode, "count | top10 | top100 | all (the three in turn)")
        ->check(CLI::IsMember({"count", "top10", "top100", "all"}));
    app.add_option("--passes", passes, "timed passes; the best time per query is kept")
        ->check(CLI::PositiveNumber);
    app.add_option("--warmup", warmup, "untimed warm-up passes")->check(CLI::NonNegativeNumber);
    app.add_option("--threads", threads, "threads, each with its own database handle, splitting the queries")
        ->check(CLI::PositiveNumber);
    app.add_option("--class", only_classes, "only queries of this class (repeatable)")->allow_extra_args(false);
    app.add_flag("--snippets", snippets,
                 "top-K through Searcher::search as haber-search does it (reopen, decode, highlight, snippets)");
    app.add_option("--check-at-least", check_at_least,
                   "top-K: Xapian check_at_least (0 = pure top-K; haber-search uses 10000)");
    app.add_flag("--cold", cold,
                 "drop the page cache (needs root) and time a single pass with no warm-up; "
                 "if not permitted, say why and measure warm");
    app.add_option("--match", match,
                   "default (as haber-search: articles with every word first, any plain word may be missing) | "
                   "all (every word required, as haber-search --all and the AND of Lucene's and Xapian's "
                   "query parsers) | any (OR)")
        ->check(CLI::IsMember({"default", "all", "any"}))
        ->capture_default_str();
    app.add_flag("--json", json, "JSON on standard output instead of the table");
    app.add_option("--markdown", markdown, "also append the report in Markdown to FILE");
    app.add_flag("--machine-info", machine_only, "print date and machine description, then exit");
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {  // --help
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitUsage;  // as the footer says: CLI11's own codes (105 ...) are not ours
    }

    if (machine_only) {
        std::cout << "date: " << now_utc() << "\nmachine: " << machine_description() << "\n";
        return kExitOk;
    }
    if (dbs.empty()) return fail(kExitUsage, "no database given (--db PATH); see --help");
    if (files.empty()) return fail(kExitUsage, "no query file given; see --help");

    // Queries.
    std::vector<BenchQuery> queries;
    std::vector<std::pair<std::string, std::size_t>> file_counts;
    try {
        for (const auto& f : files) {
            auto q = read_query_file(f);
            std::size_t used = 0;
            for (auto& one : q) {
                if (!only_classes.empty() &&
                    std::find(only_classes.begin(), only_classes.end(), one.cls) == only_classes.end())
                    continue;
                queries.push_back(std::move(one));
                ++used;
            }
            file_counts.emplace_back(f, used);
        }
    } catch (const QueryFileError& e) {
        return fail(kExitUsage, e.what());
    }
    if (queries.empty()) return fail(kExitUsage, "no queries of the classes asked for (--class) in the query files");

    // Database; queries the parser rejects are left out (and said so).
    ReportHeader header;
    header.date = now_utc();
    header.machine = machine_description();
    header.command = command_line(argc, argv);
    header.databases = dbs;
    try {
        haber::search::Searcher probe(dbs);
        header.doc_count = probe.doc_count();
        std::vector<BenchQuery> ok;
        for (auto& q : queries) {
            try {
                probe.parse(q.text);
                ok.push_back(std::move(q));
            } catch (const haber::search::QueryError& e) {
                std::string msg = q.file + ":" + std::to_string(q.line) + ": " + e.reason() + " in \"" + q.text + "\"";
                std::cerr << "haber-bench: excluded " << msg << "\n";
                header.excluded.push_back(msg);
                for (auto& fc : file_counts)
                    if (fc.first == q.file) --fc.second;
            }
        }
        queries = std::move(ok);
    } catch (const haber::search::DatabaseError& e) {
        return fail(kExitDatabase, e.what());
    } catch (const Xapian::Error& e) {
        return fail(kExitDatabase, e.get_description());
    }
    if (queries.empty()) return fail(kExitUsage, "every query was rejected by the query parser");
    header.query_files = file_counts;

    std::vector<Mode> modes;
    if (mode == "count" || mode == "all") modes.push_back(Mode::Count);
    if (mode == "top10" || mode == "all") modes.push_back(Mode::Top10);
    if (mode == "top100" || mode == "all") modes.push_back(Mode::Top100);

    RunSpec base;
    base.passes = passes;
    base.warmup = warmup;
    base.threads = threads;
    base.snippets = snippets;
    base.check_at_least = check_at_least;
    base.match = match;
    header.cache = "warm";
    if (cold) {
        std::string why = drop_page_cache();
        if (why.empty()) {
            base.passes = 1;
            base.warmup = 0;
            header.cache = "cold: page cache dropped before each mode's single pass, no warm-up";
        } else {
            std::cerr << "haber-bench: --cold skipped: " << why
                      << " (dropping the page cache needs root, and a writable /proc/sys outside containers); "
                         "measuring warm\n";
            header.cache = "warm (--cold skipped: " + why + ")";
        }
    }
    const bool cold_ok = cold && base.warmup == 0 && base.passes == 1;
    {
        std::string m = base.warmup == 0 ? std::string("no warm-up") :
                        std::to_string(base.warmup) + (base.warmup == 1 ? " warm-up pass" : " warm-up passes");
        m += ", best of " + std::to_string(base.passes) + (base.passes == 1 ? " pass" : " passes") + " per query";
        m += ", " + std::to_string(base.threads) + (base.threads == 1 ? " thread" : " threads");
        m += "; times include query parsing; ";
        m += snippets ? "top-K via Searcher::search (reopen, decode, highlight, snippets)"
                      : "engine only (Xapian Enquire on the parsed query; no snippets; quoted phrases re-rank "
                        "their first matches, reading those articles, as haber-search does)";
        m += "; count = get_mset(0, 0, check_at_least = doc count); top-K = get_mset(0, K";
        m += check_at_least ? ", " + std::to_string(check_at_least) + ")" : ")";
        m += "; class sorted_date sorted by date, newest first, in top-K modes";
        header.method = m;
    }

    const auto classes = classes_in_order(queries);
    const bool tty = isatty(2);
    std::vector<RunReport> reports;
    std::vector<std::size_t> counts;  // exact count per query, for verification
    try {
        for (Mode md : modes) {
            RunSpec spec = base;
            spec.mode = md;
            if (tty)
                std::cerr << "haber-bench: " << mode_name(md) << ", " << queries.size() << " queries, "
                          << spec.warmup + spec.passes << " passes...\n";
            if (cold_ok && (md != modes.front())) {
                std::string why = drop_page_cache();
                if (!why.empty()) std::cerr << "haber-bench: cannot drop the page cache again: " << why << "\n";
            }
            RunReport r;
            r.run = run_benchmark(dbs, queries, spec);
            r.stats = class_stats(queries, r.run, classes);
            for (std::size_t i = 0; i < queries.size(); ++i) {
                if (!r.run.per_query[i].exact) r.inexact.push_back(i);
                if (!r.run.per_query[i].stable) r.unstable.push_back(i);
            }
            if (md == Mode::Count) {
                counts.clear();
                for (const auto& m : r.run.per_query) counts.push_back(m.results);
            } else {
                if (counts.empty()) counts = exact_counts(dbs, queries, match);  // untimed
                r.verified = true;
                std::size_t k = mode_k(md);
                for (std::size_t i = 0; i < queries.size(); ++i) {
                    std::size_t expected = std::min(k, counts[i]);
                    if (r.run.per_query[i].results != expected)
                        r.mismatches.push_back({i, r.run.per_query[i].results, expected, counts[i]});
                }
            }
            reports.push_back(std::move(r));
        }
    } catch (const haber::search::DatabaseError& e) {
        return fail(kExitDatabase, e.what());
    } catch (const std::exception& e) {
        return fail(1, e.what());
    }

    if (json) std::cout << render_json(header, queries, reports).dump(2) << "\n";
    else std::cout << render_text(header, queries, reports);
    if (!markdown.empty()) {
        std::ofstream md(markdown, std::ios::app);
        md << render_markdown(header, queries, reports);
        if (!md) return fail(kExitUsage, "cannot append to " + markdown);
    }
    bool bad = std::any_of(reports.begin(), reports.end(), [](const RunReport& r) {
        return !r.mismatches.empty() || !r.unstable.empty() || !r.inexact.empty();
    });
    if (bad) std::cerr << "haber-bench: verification failed (see the report)\n";
    return bad ? kExitMismatch : kExitOk;
}
