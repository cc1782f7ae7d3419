// haber-suggest-eval: quality and latency of the "did you mean" suggestions
// (core/search/suggester.h) on a real archive.
//
// Words: a fixed-seed sample of the archive's frequent word forms (exact
// forms of letters only, at least --min-letters long, in at least
// --min-freq articles, no stop words). Each gets artificial typos, one of
// each kind: deletion, insertion, substitution, transposition of two
// neighbours, typed without Turkish letters (only words that have some), and
// both (without Turkish letters plus one edit). Each typo is searched as a
// one-word query through Searcher, the way haber-search runs it (the
// suggestion depends on whether the query found few results):
//   correct   the suggestion is the original word
//   wrong     another word is suggested
//   none      no suggestion
// False alarms: the sampled words themselves, and a second sample of rarer
// correct words (in --rare-min..--min-freq−1 articles), searched as typed:
// any suggestion is a false alarm. Latency: Suggester::suggest alone, per query.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <CLI/CLI.hpp>
#include <unicode/uchar.h>

#include "analysis/case_folder.h"
#include "analysis/stopwords.h"
#include "analysis/utf8.h"
#include "index/schema.h"
#include "machine_info.h"
#include "rng.h"
#include "search/searcher.h"

namespace {

using namespace haber;

std::u32string decode(std::string_view s) {
    std::u32string out;
    std::size_t i = 0;
    while (i < s.size()) out.push_back(utf8::next(s, i));
    return out;
}

std::string encode(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) utf8::append(out, c);
    return out;
}

const std::u32string kAlphabet = U"abcçdefgğhıijklmnoöprsştuüvyz";

std::string typo(const std::string& word, const std::string& kind, bench::Rng& rng) {
    std::u32string w = decode(word);
    if (kind == "ascii") return analysis::ascii_fold(word);
    if (kind == "ascii+edit") return typo(analysis::ascii_fold(word), "any", rng);
    std::string k = kind;
    if (k == "any") {
        static const char* kinds[] = {"deletion", "insertion", "substitution", "transposition"};
        k = kinds[rng.below(4)];
    }
    if (k == "deletion") {
        w.erase(rng.below(w.size()), 1);
    } else if (k == "insertion") {
        w.insert(w.begin() + static_cast<long>(rng.below(w.size() + 1)), kAlphabet[rng.below(kAlphabet.size())]);
    } else if (k == "substitution") {
        std::size_t at = rng.below(w.size());
        char32_t c;
        do c = kAlphabet[rng.below(kAlphabet.size())];
        while (c == w[at]);
        w[at] = c;
    } else if (k == "transposition") {
        std::size_t at = rng.below(w.size() - 1);
        if (w[at] == w[at + 1]) {  // find a pair that changes the word
            for (std::size_t i = 0; i + 1 < w.size(); ++i)
                if (w[i] != w[i + 1]) { at = i; break; }
        }
        std::swap(w[at], w[at + 1]);
    }
    return encode(w);
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

struct Tally {
    std::size_t n = 0, correct = 0, wrong = 0, none = 0;
};

std::string pct(std::size_t a, std::size_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", n ? 100.0 * static_cast<double>(a) / static_cast<double>(n) : 0.0);
    return buf;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Quality and latency of haber's \"did you mean\" suggestions on an archive"};
    std::string db;
    std::size_t n_words = 300, min_letters = 5;
    unsigned min_freq = 20, rare_min = 3;
    std::uint64_t seed = 42;
    std::string markdown;
    bool show_failures = false;
    app.add_option("--db", db, "a haber database (e.g. kemik-42bin indexed by haber-index)")->required();
    app.add_option("--words", n_words, "words sampled (and as many rarer correct words)")->capture_default_str();
    app.add_option("--min-freq", min_freq, "a sampled word is in at least this many articles")->capture_default_str();
    app.add_option("--rare-min", rare_min, "rarer correct words: in at least this many articles")->capture_default_str();
    app.add_option("--min-letters", min_letters, "sampled words have at least this many letters")->capture_default_str();
    app.add_option("--seed", seed, "random seed (sample and typos)")->capture_default_str();
    app.add_option("--markdown", markdown, "append the report to this Markdown file");
    app.add_flag("--show-failures", show_failures, "print every wrong or missing suggestion");
    search::SearchOptions so;
    so.limit = 1;
    app.add_option("--edit-cost", so.suggest.edit_cost, "SuggestOptions::edit_cost")->capture_default_str();
    app.add_option("--rare-ratio", so.suggest.rare_ratio, "SuggestOptions::rare_ratio")->capture_default_str();
    app.add_option("--suggest-below", so.suggest.few_results, "SuggestOptions::few_results")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    search::Searcher searcher(db);
    const Xapian::Database& xdb = searcher.database();

    // Candidate words.
    std::vector<std::string> frequent, rare;
    const std::string prefix(schema::kExact);
    const auto end = xdb.allterms_end(prefix);
    for (auto it = xdb.allterms_begin(prefix); it != end; ++it) {
        schema::skip_prefixed(it, end);
        if (it == end) break;
        std::string w = (*it).substr(prefix.size());
        std::u32string letters = decode(w);
        if (letters.size() < min_letters || letters.size() > 30) continue;
        if (!std::all_of(letters.begin(), letters.end(), [](char32_t c) {
                return c != 0xFFFD && u_isalpha(static_cast<UChar32>(c)) && !u_isupper(static_cast<UChar32>(c));
            }))
            continue;
        if (analysis::is_stopword(w)) continue;
        Xapian::doccount f = it.get_termfreq();
        if (f >= min_freq) frequent.push_back(w);
        else if (f >= rare_min) rare.push_back(w);
    }
    bench::Rng pick(seed, 1);
    auto sample = [&](std::vector<std::string>& v) {
        for (std::size_t i = 0; i < v.size() && i < n_words; ++i) std::swap(v[i], v[i + pick.below(v.size() - i)]);
        if (v.size() > n_words) v.resize(n_words);
    };
    sample(frequent);
    sample(rare);

    const std::vector<std::string> kinds = {"deletion", "insertion", "substitution", "transposition", "ascii",
                                            "ascii+edit"};
    std::map<std::string, Tally> tallies;
    Tally all;
    std::vector<double> latency_ms;
    std::ostringstream failures;

    auto suggestion_for = [&](const std::string& query) -> std::string {
        search::SearchResult r = searcher.search(query, so);
        // Time the suggester alone, as Searcher runs it.
        search::Suggester s(xdb, so.suggest);
        auto t0 = std::chrono::steady_clock::now();
        search::Suggestion again = s.suggest(r.parsed, r.total < so.suggest.few_results);
        latency_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        return r.suggestion.empty() ? std::string() : r.suggestion.query;
    };

    bench::Rng rng(seed, 2);
    for (const auto& word : frequent) {
        for (const auto& kind : kinds) {
            if ((kind == "ascii" || kind == "ascii+edit") && analysis::is_ascii(word)) continue;
            std::string t = typo(word, kind, rng);
            if (t == word) continue;
            std::string got = suggestion_for(t);
            Tally& k = tallies[kind];
            ++k.n;
            ++all.n;
            if (got == word) { ++k.correct; ++all.correct; }
            else if (got.empty()) { ++k.none; ++all.none; }
            else { ++k.wrong; ++all.wrong; }
            if (show_failures && got != word)
                failures << kind << ": " << word << " -> " << t << " -> " << (got.empty() ? "(none)" : got) << "\n";
        }
    }
    std::size_t fa_frequent = 0, fa_rare = 0;
    for (const auto& w : frequent)
        if (std::string g = suggestion_for(w); !g.empty()) {
            ++fa_frequent;
            if (show_failures) failures << "false alarm: " << w << " -> " << g << "\n";
        }
    for (const auto& w : rare)
        if (std::string g = suggestion_for(w); !g.empty()) {
            ++fa_rare;
            if (show_failures) failures << "false alarm (rare): " << w << " -> " << g << "\n";
        }

    std::ostringstream out;
    out << "## Did-you-mean evaluation\n\n"
        << "- command: `" << bench::command_line(argc, argv) << "`\n"
        << "- machine: " << bench::machine_description() << "\n"
        << "- date: " << bench::now_utc() << "\n"
        << "- database: " << db << " (" << xdb.get_doccount() << " articles)\n"
        << "- words: " << frequent.size() << " sampled word forms in >= " << min_freq << " articles, >= "
        << min_letters << " letters (seed " << seed << ")\n\n"
        << "| typo | n | suggestion = original | other suggestion | none |\n|---|---|---|---|---|\n";
    for (const auto& kind : kinds) {
        const Tally& t = tallies[kind];
        out << "| " << kind << " | " << t.n << " | " << pct(t.correct, t.n) << " | " << pct(t.wrong, t.n) << " | "
            << pct(t.none, t.n) << " |\n";
    }
    out << "| **all** | " << all.n << " | **" << pct(all.correct, all.n) << "** | " << pct(all.wrong, all.n) << " | "
        << pct(all.none, all.n) << " |\n\n";
    out << "False alarms (a correct word gets a suggestion): " << fa_frequent << " of " << frequent.size()
        << " sampled words (" << pct(fa_frequent, frequent.size()) << "); " << fa_rare << " of " << rare.size()
        << " rarer words in " << rare_min << ".." << (min_freq - 1) << " articles (" << pct(fa_rare, rare.size())
        << ").\n\n";
    char lat[160];
    std::snprintf(lat, sizeof lat, "Latency of Suggester::suggest per one-word query (%zu queries): p50 %.2f ms, p99 %.2f ms, max %.2f ms.\n",
                  latency_ms.size(), percentile(latency_ms, 0.5), percentile(latency_ms, 0.99),
                  percentile(latency_ms, 1.0));
    out << lat;
    std::cout << out.str();
    if (show_failures) std::cout << "\n" << failures.str();
    if (!markdown.empty()) {
        std::ofstream md(markdown, std::ios::app);
        md << "\n" << out.str();
    }
    return 0;
}
