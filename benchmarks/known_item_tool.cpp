// haber-known-item: runs a known-item query set through haber's public
// search API (haber::search::Searcher), as a user of haber-search would, and
// writes the top 10 article ids of every query for benchmarks/quality/score.py.
//
//   haber-known-item --db DIR [--db DIR]... --queries FILE --out FILE
//                    [--mode default|any] [--set KEY=VALUE]...
//   haber-known-item --db DIR --dump-groups FILE
//
// FILE (queries): '#' comments; rows qid<TAB>split<TAB>kind<TAB>target<TAB>query
// (benchmarks/queries/known-item.tsv, or the headline set written by
// benchmarks/quality/make_headlines.py). Every query runs twice: as typed
// ("typed") and as its ASCII twin ("ascii": ç ğ ı ö ş ü Ç Ğ İ Ö Ş Ü replaced
// by c g i o s u C G I O S U, nothing else changed).
//
// --mode default: the SearchOptions `haber-search QUERY` uses (searcher/main.cpp):
// relevance order, 10 hits, story versions collapsed, synonyms on, no facets;
// suggestions off (they are only offered, the query runs as typed, so the
// ranking is the same). --mode any: the same with --any (OR).
//
// Output: JSON Lines {qid, variant, query, hits: [ids], total, error?}; a
// query that throws QueryError has no hits and its error is recorded.
// --dump-groups FILE: id<TAB>group for every article with a story-version
// group (value slot schema::kGroupSlot), for story-level scoring.
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "index/schema.h"
#include "index/versions.h"
#include "search/searcher.h"

namespace {

using namespace haber;

struct KnownItemQuery {
    std::string qid, split, kind, target, query;
};

std::vector<KnownItemQuery> read_queries(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<KnownItemQuery> out;
    std::string line;
    std::size_t no = 0;
    while (std::getline(in, line)) {
        ++no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> f;
        std::size_t start = 0;
        for (int i = 0; i < 4; ++i) {
            std::size_t tab = line.find('\t', start);
            if (tab == std::string::npos) break;
            f.push_back(line.substr(start, tab - start));
            start = tab + 1;
        }
        if (f.size() != 4) {
            std::cerr << path << ":" << no << ": not qid<TAB>split<TAB>kind<TAB>target<TAB>query, skipped\n";
            continue;
        }
        out.push_back({f[0], f[1], f[2], f[3], line.substr(start)});
    }
    return out;
}

// The query typed without Turkish letters: the twelve letters replaced,
// everything else (typographic apostrophes included) left as it is.
std::string ascii_twin(std::string_view s) {
    static const std::pair<std::string_view, char> map[] = {
        {"ç", 'c'}, {"ğ", 'g'}, {"ı", 'i'}, {"ö", 'o'}, {"ş", 's'}, {"ü", 'u'},
        {"Ç", 'C'}, {"Ğ", 'G'}, {"İ", 'I'}, {"Ö", 'O'}, {"Ş", 'S'}, {"Ü", 'U'},
    };
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        bool done = false;
        for (const auto& [from, to] : map) {
            if (s.substr(i, from.size()) == from) {
                out += to;
                i += from.size();
                done = true;
                break;
            }
        }
        if (!done) out += s[i++];
    }
    return out;
}

// The options `haber-search QUERY` runs with (searcher/main.cpp, no flags).
search::SearchOptions haber_search_defaults(bool any) {
    search::SearchOptions so;
    so.collapse_versions = true;  // no --all-versions
    so.limit = 10;
    so.offset = 0;
    so.sort = search::SortOrder::Relevance;
    so.facets = 0;
    so.any = any;                 // --any
    so.synonyms = true;           // no --no-synonyms
    so.suggest.enabled = false;   // suggestions are offered, never change the ranking
    return so;
}

// --set KEY=VALUE: the ranking's knobs (search::RankingOptions), to try
// values on the dev half before one becomes the default: k1, b (BM25),
// proximity (weight of neighbouring words found near each other), relax
// (0/1: search any word when no article has every word), slack (words of
// the default AND that may be missing), coordination (extra weight of
// articles with every word), exact and phrase_exact (weight of a word's or
// a phrase's exact typed forms), phrase_rerank (how many of the first
// matches a quoted phrase typed exactly re-ranks; 0: off). An unknown KEY is
// reported and ignored.
bool apply_setting(search::SearchOptions& so, const std::string& key, const std::string& value) {
    double v = 0;
    try {
        v = std::stod(value);
    } catch (const std::exception&) {
        return false;
    }
    if (key == "k1") so.ranking.k1 = v;
    else if (key == "b") so.ranking.b = v;
    else if (key == "proximity") so.ranking.proximity = v;
    else if (key == "relax") so.ranking.relax = v != 0;
    else if (key == "slack") so.ranking.slack = static_cast<unsigned>(v);
    else if (key == "coordination") so.ranking.coordination = v;
    else if (key == "exact") so.ranking.exact = v;
    else if (key == "phrase_exact") so.ranking.phrase_exact = v;
    else if (key == "phrase_rerank") so.ranking.phrase_rerank = static_cast<std::size_t>(v);
    else return false;
    return true;
}

int dump_groups(search::Searcher& searcher, const std::string& path) {
    std::ofstream out(path, std::ios::binary);
    if (!out) {
        std::cerr << "haber-known-item: cannot write " << path << "\n";
        return 2;
    }
    const Xapian::Database& db = searcher.database();
    std::size_t n = 0, grouped = 0;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Xapian::Document doc = db.get_document(*it);
        ++n;
        std::string group = doc.get_value(schema::kGroupSlot);
        if (group.empty()) continue;
        out << index::versions::article_id(doc) << '\t' << group << '\n';
        ++grouped;
    }
    std::cerr << "haber-known-item: " << grouped << " of " << n << " articles in story-version groups -> " << path
              << "\n";
    return out ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"haber-known-item: known-item query set through haber's Searcher, top 10 ids per query"};
    std::vector<std::string> dbs, settings;
    std::string queries_path, out_path, mode = "default", groups_path;
    app.add_option("--db", dbs, "database directory (repeatable)")->required()->allow_extra_args(false);
    app.add_option("--queries", queries_path, "known-item TSV: qid, split, kind, target, query");
    app.add_option("--out", out_path, "JSON Lines output, one line per query and variant");
    app.add_option("--mode", mode, "default: as `haber-search QUERY`; any: as `haber-search --any QUERY`")
        ->check(CLI::IsMember({"default", "any"}))
        ->capture_default_str();
    app.add_option("--set", settings, "KEY=VALUE ranking knob: k1, b, proximity, relax, slack, coordination, exact, phrase_exact, phrase_rerank (repeatable)")
        ->allow_extra_args(false);
    app.add_option("--dump-groups", groups_path, "write id<TAB>group for every article in a story-version group");
    CLI11_PARSE(app, argc, argv);
    if (groups_path.empty() && (queries_path.empty() || out_path.empty())) {
        std::cerr << "haber-known-item: --queries and --out are needed (or --dump-groups)\n";
        return 2;
    }

    try {
        search::Searcher searcher(dbs);
        if (!groups_path.empty()) {
            int rc = dump_groups(searcher, groups_path);
            if (rc != 0 || queries_path.empty()) return rc;
        }

        search::SearchOptions so = haber_search_defaults(mode == "any");
        for (const std::string& s : settings) {
            std::size_t eq = s.find('=');
            std::string key = s.substr(0, eq), value = eq == std::string::npos ? "" : s.substr(eq + 1);
            bool applied = apply_setting(so, key, value);
            std::cerr << "haber-known-item: --set " << key << "=" << value
                      << (applied ? "" : " (no such knob yet: ignored)") << "\n";
        }

        std::vector<KnownItemQuery> queries = read_queries(queries_path);
        std::ofstream out(out_path, std::ios::binary);
        if (!out) {
            std::cerr << "haber-known-item: cannot write " << out_path << "\n";
            return 2;
        }
        std::size_t runs = 0, errors = 0, zero = 0;
        auto t0 = std::chrono::steady_clock::now();
        for (const KnownItemQuery& q : queries) {
            for (const char* variant : {"typed", "ascii"}) {
                std::string text = std::string(variant) == "typed" ? q.query : ascii_twin(q.query);
                nlohmann::ordered_json j;
                j["qid"] = q.qid;
                j["variant"] = variant;
                j["query"] = text;
                nlohmann::json hits = nlohmann::json::array();
                std::size_t total = 0;
                try {
                    search::SearchResult r = searcher.search(text, so);
                    for (const search::Hit& h : r.hits) hits.push_back(h.article.id);
                    total = r.total;
                } catch (const search::QueryError& e) {
                    j["error"] = e.reason() + " at column " + std::to_string(e.column());
                    ++errors;
                }
                if (hits.empty()) ++zero;
                j["hits"] = std::move(hits);
                j["total"] = total;
                out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
                ++runs;
            }
        }
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::cerr << "haber-known-item (" << mode << "): " << runs << " runs of " << queries.size() << " queries in "
                  << s << " s; " << zero << " with no hits, " << errors << " query errors -> " << out_path << "\n";
        return out ? 0 : 2;
    } catch (const search::DatabaseError& e) {
        std::cerr << "haber-known-item: " << e.what() << "\n";
        return 3;
    } catch (const Xapian::Error& e) {
        std::cerr << "haber-known-item: " << e.get_description() << "\n";
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "haber-known-item: " << e.what() << "\n";
        return 1;
    }
}
