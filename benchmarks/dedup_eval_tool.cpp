// haber-dedup-eval: how the story-version grouping (core/index/versions.h)
// behaves on a database built by haber-index: exact duplicates (same
// normalised body) against the groups found, group counts and sizes for a
// range of thresholds, and a fixed-seed sample of near-duplicate pairs per
// similarity band, printed with both titles and openings so that a person
// can judge whether each pair is the same story.
//
//   haber-dedup-eval --db /tmp/v.db [--per-band 20] [--seed 42] [--bands 0.5,0.6,...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "analysis/analyzer.h"
#include "analysis/utf8.h"
#include "index/schema.h"
#include "index/versions.h"
#include "machine_info.h"
#include "rng.h"

namespace {

using namespace haber;
namespace versions = haber::index::versions;

struct Doc {
    Xapian::docid docid = 0;
    std::string id, title, text, body_hash, group;
    std::optional<versions::Fingerprint> sig;
};

class UnionFind {
public:
    explicit UnionFind(std::size_t n) : p_(n) { for (std::size_t i = 0; i < n; ++i) p_[i] = i; }
    std::size_t find(std::size_t x) {
        while (p_[x] != x) x = p_[x] = p_[p_[x]];
        return x;
    }
    void unite(std::size_t a, std::size_t b) {
        a = find(a);
        b = find(b);
        if (a != b) p_[std::max(a, b)] = std::min(a, b);
    }
private:
    std::vector<std::size_t> p_;
};

// The first n code points of s, newlines as " / ".
std::string opening(const std::string& s, std::size_t n) {
    std::string out;
    std::size_t i = 0, count = 0;
    while (i < s.size() && count < n) {
        std::size_t start = i;
        utf8::next(s, i);
        std::string_view cp(s.data() + start, i - start);
        if (cp == "\n") out += " / ";
        else out += cp;
        ++count;
    }
    if (i < s.size()) out += "…";
    return out;
}

std::string size_bucket(std::size_t n) {
    if (n <= 5) return std::to_string(n);
    if (n <= 9) return "6-9";
    if (n <= 19) return "10-19";
    if (n <= 49) return "20-49";
    return "50+";
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"haber-dedup-eval: measures the story-version grouping on a haber database"};
    std::string db_path;
    std::size_t per_band = 20;
    std::uint64_t seed = 42;
    std::vector<double> edges{0.5, 0.6, 0.7, 0.8, 0.9, 1.0001};
    std::vector<double> thresholds{0.5, 0.6, 0.7, 0.8, 0.9};
    std::size_t chars = 200;
    app.add_option("--db", db_path, "database built by haber-index")->required();
    app.add_option("--per-band", per_band, "sampled pairs per similarity band")->capture_default_str();
    app.add_option("--seed", seed, "sampling seed")->capture_default_str();
    app.add_option("--bands", edges, "band edges of estimated similarity (last one > 1 includes 1.0)")
        ->delimiter(',');
    app.add_option("--thresholds", thresholds, "thresholds for the group statistics")->delimiter(',');
    app.add_option("--chars", chars, "characters of each text shown")->capture_default_str();
    bool timing = false;
    app.add_flag("--time", timing,
                 "also time the grouping pass (versions::regroup_all on the database, which changes nothing "
                 "if its groups are right) and the fingerprints of every stored text");
    CLI11_PARSE(app, argc, argv);

    if (timing) {
        std::vector<Article> texts;
        {
            Xapian::Database rdb(db_path);
            for (auto p = rdb.postlist_begin(""); p != rdb.postlist_end(""); ++p)
                texts.push_back(schema::decode_article(rdb.get_document(*p).get_data()));
        }
        analysis::Analyzer an;
        auto t0 = std::chrono::steady_clock::now();
        std::size_t tokens = 0;
        for (const auto& a : texts) tokens += an.analyze(a.lead).size() + an.analyze(a.body).size();
        auto t1 = std::chrono::steady_clock::now();
        std::size_t signed_texts = 0;
        for (const auto& a : texts) signed_texts += versions::fingerprint_of(an, a.lead, a.body).has_value();
        auto t2 = std::chrono::steady_clock::now();
        Xapian::WritableDatabase wdb(db_path, Xapian::DB_OPEN);
        auto st = versions::regroup_all(wdb);
        wdb.commit();
        auto t3 = std::chrono::steady_clock::now();
        auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
        std::printf("timing: analysis of %zu texts (%zu tokens) %.2f s; analysis + fingerprints (%zu) %.2f s; "
                    "regroup_all %.2f s (%zu groups, %zu articles, %zu documents updated)\n",
                    texts.size(), tokens, secs(t0, t1), signed_texts, secs(t1, t2), secs(t2, t3), st.groups,
                    st.grouped, st.updated);
        return 0;
    }

    Xapian::Database db(db_path);
    analysis::Analyzer analyzer(schema::stem_config_of(db));
    std::vector<Doc> docs;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        Xapian::Document d = db.get_document(*p);
        Article a = schema::decode_article(d.get_data());
        Doc x;
        x.docid = *p;
        x.id = a.id;
        x.title = a.title;
        x.text = a.lead.empty() ? a.body : a.lead + "\n" + a.body;
        x.body_hash = d.get_value(schema::kBodyHashSlot);
        x.group = d.get_value(schema::kGroupSlot);
        x.sig = versions::decode(d.get_value(schema::kSignatureSlot));
        docs.push_back(std::move(x));
    }
    const double floor = std::min(edges.front(), *std::min_element(thresholds.begin(), thresholds.end()));

    std::printf("# haber-dedup-eval\n\n");
    std::printf("- date: %s\n- machine: %s\n- command: `%s`\n", bench::now_utc().c_str(),
                bench::machine_description().c_str(), bench::command_line(argc, argv).c_str());
    std::printf("- method: MinHash %zu x 32-bit over %zu-word shingles of lead+body, LSH %zu bands x %zu rows, "
                "min %zu shingles, numbers must agree below %zu shingles; database threshold %.2f\n",
                versions::kHashes, versions::kShingleWords, versions::kBands, versions::kRows,
                versions::kMinShingles, versions::kShortShingles, versions::kDefaultThreshold);
    std::size_t with_sig = 0, with_body = 0;
    for (const auto& d : docs) {
        with_sig += d.sig.has_value();
        with_body += !d.body_hash.empty();
    }
    std::printf("- articles: %zu; with a body: %zu; with a signature (>= %zu shingles): %zu\n\n", docs.size(),
                with_body, versions::kMinShingles, with_sig);

    // Candidate pairs: those sharing a band, with estimated similarity >= floor.
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < docs.size(); ++i)
        if (docs[i].sig) idx.push_back(i);
    std::vector<std::array<std::uint64_t, versions::kBands>> keys;
    for (auto i : idx) keys.push_back(versions::band_keys(docs[i].sig->minhash));
    std::unordered_set<std::uint64_t> seen_pairs;
    struct Pair { std::size_t a, b; double sim; bool guard; };  // guard: passes the short-text numbers check
    std::vector<Pair> pairs;
    for (std::size_t band = 0; band < versions::kBands; ++band) {
        std::unordered_map<std::uint64_t, std::vector<std::size_t>> buckets;
        for (std::size_t k = 0; k < idx.size(); ++k) buckets[keys[k][band]].push_back(idx[k]);
        for (auto& [key, m] : buckets)
            for (std::size_t x = 0; x < m.size(); ++x)
                for (std::size_t y = x + 1; y < m.size(); ++y) {
                    std::size_t a = std::min(m[x], m[y]), b = std::max(m[x], m[y]);
                    if (!seen_pairs.insert((std::uint64_t(a) << 32) | b).second) continue;
                    double s = versions::similarity(docs[a].sig->minhash, docs[b].sig->minhash);
                    if (s >= floor) pairs.push_back({a, b, s, versions::same_story(*docs[a].sig, *docs[b].sig, 0.0)});
                }
    }
    std::printf("candidate pairs (sharing a band) with estimated similarity >= %.2f: %zu\n\n", floor, pairs.size());

    // Exact duplicates by normalised body.
    std::map<std::string, std::vector<std::size_t>> exact;
    for (std::size_t i = 0; i < docs.size(); ++i)
        if (!docs[i].body_hash.empty()) exact[docs[i].body_hash].push_back(i);
    std::size_t exact_groups = 0, exact_articles = 0;
    for (auto& [h, m] : exact)
        if (m.size() > 1) {
            ++exact_groups;
            exact_articles += m.size();
        }

    std::printf("## Groups by threshold (computed here from the stored signatures)\n\n");
    std::printf("| threshold | groups | articles grouped | largest | exact-duplicate groups recovered (of %zu, %zu articles) | sizes |\n",
                exact_groups, exact_articles);
    std::printf("|---|---|---|---|---|---|\n");
    for (double t : thresholds) {
        UnionFind uf(docs.size());
        for (const auto& p : pairs)
            if (p.sim >= t && p.guard) uf.unite(p.a, p.b);
        std::map<std::size_t, std::size_t> size;
        for (std::size_t i = 0; i < docs.size(); ++i) ++size[uf.find(i)];
        std::size_t groups = 0, grouped = 0, largest = 0;
        std::map<std::string, std::size_t> hist;
        for (auto [root, n] : size)
            if (n > 1) {
                ++groups;
                grouped += n;
                largest = std::max(largest, n);
                ++hist[size_bucket(n)];
            }
        std::size_t recovered = 0;
        for (auto& [h, m] : exact) {
            if (m.size() < 2) continue;
            bool all = true;
            for (auto i : m) all = all && uf.find(i) == uf.find(m[0]);
            recovered += all;
        }
        std::ostringstream hs;
        for (const char* b : {"2", "3", "4", "5", "6-9", "10-19", "20-49", "50+"})
            if (hist.count(b)) hs << b << ":" << hist[b] << " ";
        std::printf("| %.2f | %zu | %zu | %zu | %zu | %s|\n", t, groups, grouped, largest, recovered, hs.str().c_str());
    }

    // What the database holds (its own threshold).
    {
        std::map<std::string, std::vector<std::size_t>> stored;
        for (std::size_t i = 0; i < docs.size(); ++i)
            if (!docs[i].group.empty()) stored[docs[i].group].push_back(i);
        std::size_t grouped = 0, largest = 0, recovered = 0, exact_short = 0;
        std::map<std::string, std::size_t> hist;
        std::string largest_key;
        for (auto& [k, m] : stored) {
            grouped += m.size();
            if (m.size() > largest) { largest = m.size(); largest_key = k; }
            ++hist[size_bucket(m.size())];
        }
        for (auto& [h, m] : exact) {
            if (m.size() < 2) continue;
            bool all = !docs[m[0]].group.empty();
            for (auto i : m) all = all && docs[i].group == docs[m[0]].group;
            recovered += all;
            if (!all && !docs[m[0]].sig) ++exact_short;
        }
        std::printf("\n## Groups stored in the database\n\n");
        std::printf("- groups: %zu; articles grouped: %zu; largest group: %zu (key %s)\n", stored.size(), grouped,
                    largest, largest_key.c_str());
        std::printf("- exact-duplicate groups (same normalised body, non-empty): %zu with %zu articles; "
                    "recovered whole in one group: %zu; not recovered because the body is too short to sign: %zu\n",
                    exact_groups, exact_articles, recovered, exact_short);
        std::printf("- group sizes:");
        for (const char* b : {"2", "3", "4", "5", "6-9", "10-19", "20-49", "50+"})
            if (hist.count(b)) std::printf(" %s: %zu;", b, hist[b]);
        std::printf("\n");
        if (largest > 0) {
            std::printf("- titles in the largest group (first 10):\n");
            std::size_t n = 0;
            for (auto i : stored[largest_key]) {
                if (n++ == 10) break;
                std::printf("  - %s | %s\n", docs[i].id.c_str(), docs[i].title.c_str());
            }
        }
    }

    // The sample: pairs whose bodies differ (identical bodies are copies by
    // definition), per band.
    std::printf("\n## Sampled pairs with different bodies, per band of estimated similarity (seed %llu)\n",
                static_cast<unsigned long long>(seed));
    std::sort(pairs.begin(), pairs.end(), [&](const Pair& x, const Pair& y) {
        return std::tie(docs[x.a].id, docs[x.b].id) < std::tie(docs[y.a].id, docs[y.b].id);
    });
    for (std::size_t e = 0; e + 1 < edges.size(); ++e) {
        std::vector<const Pair*> in, same_body;
        std::size_t guarded = 0;
        for (const auto& p : pairs)
            if (p.sim >= edges[e] && p.sim < edges[e + 1]) {
                guarded += !p.guard;
                if (docs[p.a].body_hash == docs[p.b].body_hash && !docs[p.a].body_hash.empty()) same_body.push_back(&p);
                else in.push_back(&p);
            }
        std::printf("\n### band [%.2f, %.2f): %zu pairs with different bodies, %zu with identical bodies; "
                    "%zu rejected by the short-text numbers check\n",
                    edges[e], std::min(edges[e + 1], 1.0), in.size(), same_body.size(), guarded);
        bench::Rng rng(seed, e);
        for (std::size_t k = 0; k < in.size() && k < per_band; ++k) {  // partial Fisher-Yates
            std::size_t j = k + rng.below(in.size() - k);
            std::swap(in[k], in[j]);
        }
        for (std::size_t k = 0; k < in.size() && k < per_band; ++k) {
            const Doc& a = docs[in[k]->a];
            const Doc& b = docs[in[k]->b];
            double exact_j = versions::jaccard(versions::shingles(analyzer.analyze(a.text)),
                                               versions::shingles(analyzer.analyze(b.text)));
            std::printf("\n[%zu.%zu] estimated %.3f, exact Jaccard %.3f%s\n", e + 1, k + 1, in[k]->sim, exact_j,
                        in[k]->guard ? "" : " [rejected: short texts with different numbers]");
            std::printf("  A %s | %s\n    %s\n", a.id.c_str(), a.title.c_str(), opening(a.text, chars).c_str());
            std::printf("  B %s | %s\n    %s\n", b.id.c_str(), b.title.c_str(), opening(b.text, chars).c_str());
        }
    }
    return 0;
}
