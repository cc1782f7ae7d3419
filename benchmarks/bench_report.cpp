#include "bench_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>

namespace haber::bench {

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

namespace {

ClassStats stats_of(const std::string& name, const std::vector<std::size_t>& idx, const RunResult& run) {
    ClassStats s;
    s.cls = name;
    s.queries = idx.size();
    std::vector<double> t;
    for (auto i : idx) {
        t.push_back(run.per_query[i].best_us);
        s.results += run.per_query[i].results;
    }
    std::sort(t.begin(), t.end());
    s.p50_us = percentile(t, 50);
    s.p95_us = percentile(t, 95);
    s.p99_us = percentile(t, 99);
    s.max_us = t.empty() ? 0 : t.back();
    double sum_s = std::accumulate(t.begin(), t.end(), 0.0) / 1e6;
    s.qps = sum_s > 0 ? static_cast<double>(t.size()) / sum_s : 0;
    return s;
}

std::string with_commas(std::size_t n) {
    std::string d = std::to_string(n), out;
    for (std::size_t i = 0; i < d.size(); ++i) {
        if (i && (d.size() - i) % 3 == 0) out += ',';
        out += d[i];
    }
    return out;
}

std::string fmt_us(double us) {
    char b[32];
    std::snprintf(b, sizeof b, us < 100 ? "%.1f" : "%.0f", us);
    return b;
}

std::string fmt0(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.0f", v);
    return b;
}

std::string run_title(const RunReport& r) {
    std::ostringstream o;
    o << mode_name(r.run.spec.mode) << ", " << r.run.spec.threads << (r.run.spec.threads == 1 ? " thread" : " threads");
    if (r.run.spec.snippets && r.run.spec.mode != Mode::Count) o << ", with snippets";
    if (r.run.spec.match != "default") o << ", --match " << r.run.spec.match;
    if (r.run.spec.check_at_least && r.run.spec.mode != Mode::Count)
        o << ", check_at_least " << r.run.spec.check_at_least;
    return o.str();
}

std::string throughput_line(const RunReport& r, std::size_t nqueries) {
    std::ostringstream o;
    double best = r.run.best_wall_s(), med = r.run.median_wall_s();
    o << "throughput: " << fmt0(best > 0 ? static_cast<double>(nqueries) / best : 0) << " queries/s wall-clock with "
      << r.run.spec.threads << (r.run.spec.threads == 1 ? " thread" : " threads") << " (best of "
      << r.run.pass_wall_s.size() << (r.run.pass_wall_s.size() == 1 ? " pass" : " passes") << "; median pass "
      << fmt0(med > 0 ? static_cast<double>(nqueries) / med : 0) << " queries/s)";
    return o.str();
}

std::string describe_query(const std::vector<BenchQuery>& q, std::size_t i) {
    return q[i].file + ":" + std::to_string(q[i].line) + " [" + q[i].cls + "] " + q[i].text;
}

std::vector<std::string> check_lines(const std::vector<BenchQuery>& queries, const RunReport& r) {
    std::vector<std::string> out;
    std::size_t k = mode_k(r.run.spec.mode);
    if (r.verified) {
        if (r.mismatches.empty())
            out.push_back("verified: top" + std::to_string(k) + " hits == min(" + std::to_string(k) +
                          ", exact count) for all " + std::to_string(queries.size()) + " queries");
        else {
            out.push_back("MISMATCH: " + std::to_string(r.mismatches.size()) + " queries return a number of top" +
                          std::to_string(k) + " hits other than min(" + std::to_string(k) + ", exact count):");
            std::size_t shown = 0;
            for (const auto& m : r.mismatches) {
                if (++shown > 20) {
                    out.push_back("  ... and " + std::to_string(r.mismatches.size() - 20) + " more");
                    break;
                }
                out.push_back("  " + describe_query(queries, m.query) + ": " + std::to_string(m.hits) +
                              " hits, expected " + std::to_string(m.expected) + " (count " + std::to_string(m.count) +
                              ")");
            }
        }
    }
    if (!r.inexact.empty()) {
        out.push_back("WARNING: " + std::to_string(r.inexact.size()) + " counts are not exact (bounds differ), e.g. " +
                      describe_query(queries, r.inexact.front()));
    }
    if (!r.unstable.empty()) {
        out.push_back("WARNING: " + std::to_string(r.unstable.size()) +
                      " queries returned different result counts in different passes, e.g. " +
                      describe_query(queries, r.unstable.front()));
    }
    return out;
}

std::vector<std::string> header_lines(const ReportHeader& h, std::size_t nqueries) {
    std::vector<std::string> l;
    l.push_back("date:      " + h.date);
    l.push_back("machine:   " + h.machine);
    l.push_back("command:   " + h.command);
    std::string dbs;
    for (const auto& d : h.databases) dbs += (dbs.empty() ? "" : ", ") + d;
    l.push_back("databases: " + dbs + " (" + with_commas(h.doc_count) + " documents)");
    std::string files;
    for (const auto& [f, n] : h.query_files) files += (files.empty() ? "" : ", ") + f + " (" + std::to_string(n) + ")";
    l.push_back("queries:   " + std::to_string(nqueries) + " from " + files);
    l.push_back("method:    " + h.method);
    l.push_back("cache:     " + h.cache);
    for (const auto& e : h.excluded) l.push_back("excluded:  " + e);
    return l;
}

}  // namespace

std::vector<ClassStats> class_stats(const std::vector<BenchQuery>& queries, const RunResult& run,
                                    const std::vector<std::string>& classes) {
    std::vector<ClassStats> out;
    std::vector<std::size_t> all;
    for (const auto& c : classes) {
        std::vector<std::size_t> idx;
        for (std::size_t i = 0; i < queries.size(); ++i)
            if (queries[i].cls == c) idx.push_back(i);
        all.insert(all.end(), idx.begin(), idx.end());
        out.push_back(stats_of(c, idx, run));
    }
    out.push_back(stats_of("all", all, run));
    return out;
}

std::string render_text(const ReportHeader& h, const std::vector<BenchQuery>& queries,
                        const std::vector<RunReport>& runs) {
    std::ostringstream o;
    o << "haber-bench\n";
    for (const auto& l : header_lines(h, queries.size())) o << l << "\n";
    std::size_t cw = 5;
    for (const auto& r : runs)
        for (const auto& s : r.stats) cw = std::max(cw, s.cls.size());
    for (const auto& r : runs) {
        o << "\n" << run_title(r) << "\n";
        char line[256];
        std::snprintf(line, sizeof line, "%-*s %8s %12s %10s %10s %10s %10s %9s\n", static_cast<int>(cw), "class",
                      "queries", "results", "p50 us", "p95 us", "p99 us", "max us", "qps");
        o << line;
        for (const auto& s : r.stats) {
            std::snprintf(line, sizeof line, "%-*s %8zu %12s %10s %10s %10s %10s %9s\n", static_cast<int>(cw),
                          s.cls.c_str(), s.queries, with_commas(s.results).c_str(), fmt_us(s.p50_us).c_str(),
                          fmt_us(s.p95_us).c_str(), fmt_us(s.p99_us).c_str(), fmt_us(s.max_us).c_str(),
                          fmt0(s.qps).c_str());
            o << line;
        }
        o << throughput_line(r, queries.size()) << "\n";
        for (const auto& l : check_lines(queries, r)) o << l << "\n";
    }
    return o.str();
}

std::string render_markdown(const ReportHeader& h, const std::vector<BenchQuery>& queries,
                            const std::vector<RunReport>& runs) {
    std::ostringstream o;
    o << "\n### haber-bench: ";
    for (std::size_t i = 0; i < runs.size(); ++i) o << (i ? "; " : "") << run_title(runs[i]);
    o << "\n\n";
    for (const auto& l : header_lines(h, queries.size())) {
        auto colon = l.find(':');
        std::string key = l.substr(0, colon), val = l.substr(colon + 1);
        val.erase(0, val.find_first_not_of(' '));
        if (key == "command") val = "`" + val + "`";
        o << "- " << key << ": " << val << "\n";
    }
    for (const auto& r : runs) {
        o << "\n**" << run_title(r) << "**\n\n";
        o << "| class | queries | results | p50 µs | p95 µs | p99 µs | max µs | qps |\n";
        o << "|---|---:|---:|---:|---:|---:|---:|---:|\n";
        for (const auto& s : r.stats) {
            bool all = s.cls == "all";
            std::string b = all ? "**" : "";
            o << "| " << b << s.cls << b << " | " << s.queries << " | " << with_commas(s.results) << " | "
              << fmt_us(s.p50_us) << " | " << fmt_us(s.p95_us) << " | " << fmt_us(s.p99_us) << " | "
              << fmt_us(s.max_us) << " | " << fmt0(s.qps) << " |\n";
        }
        o << "\n" << throughput_line(r, queries.size()) << "\n";
        for (const auto& l : check_lines(queries, r)) o << "\n" << l << "\n";
    }
    return o.str();
}

nlohmann::json render_json(const ReportHeader& h, const std::vector<BenchQuery>& queries,
                           const std::vector<RunReport>& runs) {
    using nlohmann::json;
    json j;
    j["date"] = h.date;
    j["machine"] = h.machine;
    j["command"] = h.command;
    j["databases"] = h.databases;
    j["doc_count"] = h.doc_count;
    j["query_files"] = json::array();
    for (const auto& [f, n] : h.query_files) j["query_files"].push_back({{"file", f}, {"queries", n}});
    j["method"] = h.method;
    j["cache"] = h.cache;
    j["excluded"] = h.excluded;
    j["runs"] = json::array();
    for (const auto& r : runs) {
        json jr;
        jr["mode"] = mode_name(r.run.spec.mode);
        jr["k"] = mode_k(r.run.spec.mode);
        jr["threads"] = r.run.spec.threads;
        jr["passes"] = r.run.spec.passes;
        jr["warmup"] = r.run.spec.warmup;
        jr["snippets"] = r.run.spec.snippets && r.run.spec.mode != Mode::Count;
        jr["match"] = r.run.spec.match;
        jr["check_at_least"] = r.run.spec.mode == Mode::Count ? h.doc_count : r.run.spec.check_at_least;
        jr["pass_wall_s"] = r.run.pass_wall_s;
        double best = r.run.best_wall_s();
        jr["throughput_qps"] = best > 0 ? static_cast<double>(queries.size()) / best : 0.0;
        // "classes" holds the query classes only; the whole set is "all".
        jr["classes"] = json::array();
        for (const auto& s : r.stats) {
            json c{{"class", s.cls},   {"queries", s.queries}, {"results", s.results}, {"p50_us", s.p50_us},
                   {"p95_us", s.p95_us}, {"p99_us", s.p99_us},   {"max_us", s.max_us},   {"qps", s.qps}};
            if (s.cls == "all" && &s == &r.stats.back()) jr["all"] = std::move(c);
            else jr["classes"].push_back(std::move(c));
        }
        jr["verified"] = r.verified;
        jr["mismatches"] = json::array();
        for (const auto& m : r.mismatches)
            jr["mismatches"].push_back({{"file", queries[m.query].file},
                                        {"line", queries[m.query].line},
                                        {"class", queries[m.query].cls},
                                        {"query", queries[m.query].text},
                                        {"hits", m.hits},
                                        {"expected", m.expected},
                                        {"count", m.count}});
        jr["inexact_counts"] = r.inexact.size();
        jr["unstable_queries"] = r.unstable.size();
        jr["queries"] = json::array();
        for (std::size_t i = 0; i < queries.size(); ++i)
            jr["queries"].push_back({{"class", queries[i].cls},
                                     {"query", queries[i].text},
                                     {"best_us", r.run.per_query[i].best_us},
                                     {"results", r.run.per_query[i].results}});
        j["runs"].push_back(std::move(jr));
    }
    return j;
}

}  // namespace haber::bench
