#include "bench_runner.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include <xapian.h>

#include "article.h"
#include "index/schema.h"
#include "search/searcher.h"

namespace haber::bench {

std::string mode_name(Mode m) {
    switch (m) {
        case Mode::Count: return "count";
        case Mode::Top10: return "top10";
        case Mode::Top100: return "top100";
    }
    return "?";
}

std::size_t mode_k(Mode m) {
    switch (m) {
        case Mode::Top10: return 10;
        case Mode::Top100: return 100;
        default: return 0;
    }
}

double RunResult::best_wall_s() const {
    return pass_wall_s.empty() ? 0 : *std::min_element(pass_wall_s.begin(), pass_wall_s.end());
}

double RunResult::median_wall_s() const {
    if (pass_wall_s.empty()) return 0;
    auto v = pass_wall_s;
    std::sort(v.begin(), v.end());
    return v[(v.size() - 1) / 2];
}

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<Xapian::docid> g_sink{0};  // keeps the docid reads from being optimised away

struct Outcome {
    std::size_t results = 0;
    bool exact = true;
};

Outcome execute(search::Searcher& s, const BenchQuery& q, Mode mode, const RunSpec& spec,
                Xapian::doccount doc_count) {
    search::SearchOptions so;
    bool by_date = mode != Mode::Count && q.cls == "sorted_date";
    so.sort = by_date ? search::SortOrder::DateDesc : search::SortOrder::Relevance;
    if (spec.match == "all") search::require_every_word(so.ranking);
    so.any = spec.match == "any";
    if (spec.snippets && mode != Mode::Count) {
        so.limit = mode_k(mode);
        so.exact_count_up_to = spec.check_at_least;
        auto r = s.search(q.text, so);
        return {r.hits.size(), true};
    }
    search::ParsedQuery parsed = s.parse(q.text, so);
    if (parsed.query.empty()) return {0, true};
    Xapian::Enquire enquire(s.database());
    enquire.set_query(parsed.query);
    if (mode == Mode::Count) {
        Xapian::MSet m = enquire.get_mset(0, 0, doc_count);
        return {m.get_matches_lower_bound(), m.get_matches_lower_bound() == m.get_matches_upper_bound()};
    }
    if (by_date) enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
    // Quoted phrases: the first matches re-ranked by the phrases typed
    // exactly, as Searcher::search does (it reads those articles).
    so.limit = mode_k(mode);
    const bool rerank = search::phrase_rerank_window(so) > 0 && !parsed.phrases.empty();
    const std::size_t fetch = rerank ? std::max(so.limit, search::phrase_rerank_window(so)) : so.limit;
    Xapian::MSet m = enquire.get_mset(0, static_cast<Xapian::doccount>(fetch),
                                      static_cast<Xapian::doccount>(std::max<std::size_t>(spec.check_at_least, fetch)));
    std::vector<std::optional<Article>> articles(m.size());
    std::size_t n = 0;
    Xapian::docid x = 0;
    for (Xapian::doccount i : search::Searcher::page_order(m, parsed.phrases, so, rerank, articles)) {
        x ^= *m[i];
        ++n;
    }
    g_sink.fetch_xor(x, std::memory_order_relaxed);
    return {n, true};
}

std::string where(const BenchQuery& q) { return q.file + ":" + std::to_string(q.line) + ": "; }

}  // namespace

RunResult run_benchmark(const std::vector<std::string>& db_paths, const std::vector<BenchQuery>& queries,
                        const RunSpec& spec) {
    const int nthreads = std::max(1, spec.threads);
    const int total_passes = std::max(0, spec.warmup) + std::max(1, spec.passes);
    RunResult result;
    result.spec = spec;
    result.per_query.assign(queries.size(), QueryMeasure{std::numeric_limits<double>::infinity(), 0, true, true});
    std::vector<char> seen(queries.size(), 0);  // not vector<bool>: threads write neighbours

    // Every thread its own database handle (Xapian::Database is not thread-safe).
    std::vector<std::unique_ptr<search::Searcher>> searchers;
    for (int t = 0; t < nthreads; ++t) searchers.push_back(std::make_unique<search::Searcher>(db_paths));
    const Xapian::doccount doc_count = searchers.front()->doc_count();

    std::vector<Clock::time_point> marks;  // one per barrier phase: start of pass p, end of the last
    marks.reserve(static_cast<std::size_t>(total_passes) + 1);
    std::barrier sync(nthreads, [&]() noexcept { marks.push_back(Clock::now()); });
    std::mutex error_mutex;
    std::string error;
    std::atomic<bool> failed{false};

    auto worker = [&](int t) {
        search::Searcher& s = *searchers[static_cast<std::size_t>(t)];
        for (int pass = 0; pass < total_passes; ++pass) {
            sync.arrive_and_wait();
            const bool timed = pass >= spec.warmup;
            for (std::size_t i = static_cast<std::size_t>(t); i < queries.size(); i += static_cast<std::size_t>(nthreads)) {
                if (failed.load(std::memory_order_relaxed)) break;
                try {
                    auto t0 = Clock::now();
                    Outcome o = execute(s, queries[i], spec.mode, spec, doc_count);
                    double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
                    QueryMeasure& m = result.per_query[i];  // only this thread touches query i
                    if (seen[i] && o.results != m.results) m.stable = false;
                    seen[i] = 1;
                    m.results = o.results;
                    m.exact = m.exact && o.exact;
                    if (timed) m.best_us = std::min(m.best_us, us);
                } catch (const search::QueryError& e) {
                    std::lock_guard lock(error_mutex);
                    if (error.empty()) error = where(queries[i]) + e.render();
                    failed = true;
                } catch (const Xapian::Error& e) {
                    std::lock_guard lock(error_mutex);
                    if (error.empty()) error = where(queries[i]) + e.get_description();
                    failed = true;
                } catch (const std::exception& e) {
                    std::lock_guard lock(error_mutex);
                    if (error.empty()) error = where(queries[i]) + e.what();
                    failed = true;
                }
            }
        }
        sync.arrive_and_wait();
    };
    {
        std::vector<std::jthread> pool;
        for (int t = 1; t < nthreads; ++t) pool.emplace_back(worker, t);
        worker(0);
    }
    if (failed) throw std::runtime_error(error);
    for (std::size_t p = static_cast<std::size_t>(std::max(0, spec.warmup)); p + 1 < marks.size(); ++p)
        result.pass_wall_s.push_back(std::chrono::duration<double>(marks[p + 1] - marks[p]).count());
    return result;
}

std::vector<std::size_t> exact_counts(const std::vector<std::string>& db_paths,
                                      const std::vector<BenchQuery>& queries, const std::string& match) {
    search::Searcher s(db_paths);
    RunSpec spec;
    spec.mode = Mode::Count;
    spec.match = match;
    std::vector<std::size_t> out;
    out.reserve(queries.size());
    for (const auto& q : queries) out.push_back(execute(s, q, Mode::Count, spec, s.doc_count()).results);
    return out;
}

std::string drop_page_cache() {
    ::sync();
    const char* path = "/proc/sys/vm/drop_caches";
    int fd = ::open(path, O_WRONLY);
    if (fd < 0) return std::string("cannot open ") + path + " for writing: " + std::strerror(errno);
    ssize_t n = ::write(fd, "3\n", 2);
    int err = errno;
    ::close(fd);
    if (n != 2) return std::string("cannot write ") + path + ": " + std::strerror(err);
    return "";
}

}  // namespace haber::bench
