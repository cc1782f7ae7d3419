// haber-conflation-eval: how well each stemming strategy brings together the
// inflected forms of a word that a user types in its plain form.
//
// The known-item evaluation (haber-retrieval-eval) uses long headline
// queries, where a missed inflection is made up for by the other words; a
// one-word query ("tarih", "seçim", "banka") has no such help. Here each of
// the most frequent word forms of the corpus is taken as a query, and its
// inflections are the corpus forms that are the word followed by a chain of
// Turkish suffix morphemes (the apostrophe stage's grammar, with the final
// consonant softened: kitap → kitabı). Weighted by document frequency:
//   recall    = share of the inflections' documents whose form gets the query's stem
//   precision = share of the documents sharing the query's stem that hold an inflection
// Derivations (bakan → bakanlık) count against precision, for every strategy alike.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <iostream>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <CLI/CLI.hpp>

#include "analysis/analyzer.h"
#include "analysis/apostrophe.h"
#include "analysis/stopwords.h"
#include "analysis/utf8.h"
#include "ingest/reader.h"
#include "machine_info.h"

namespace {

using namespace haber;

std::size_t code_points(std::string_view s) {
    std::size_t n = 0, i = 0;
    while (i < s.size()) {
        utf8::next(s, i);
        ++n;
    }
    return n;
}

// Final consonant softening before a vowel-initial suffix: kitap → kitab-ı.
std::string softened(const std::string& w) {
    static const std::pair<const char*, const char*> pairs[] = {
        {"p", "b"}, {"t", "d"}, {"k", "\xC4\x9F"}, {"\xC3\xA7", "c"}};  // k→ğ, ç→c
    for (const auto& [hard, soft] : pairs) {
        std::string h = hard;
        if (w.size() > h.size() && w.compare(w.size() - h.size(), h.size(), h) == 0)
            return w.substr(0, w.size() - h.size()) + soft;
    }
    return {};
}

bool is_inflection_of(const std::string& form, const std::string& word) {
    if (form == word) return true;
    for (const std::string& base : {word, softened(word)}) {
        if (base.empty() || form.size() <= base.size() || form.compare(0, base.size(), base) != 0) continue;
        if (analysis::is_turkish_suffix_chain(std::string_view(form).substr(base.size()))) return true;
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Conflation of inflected forms by each stemming strategy (one-word queries)"};
    std::string corpus = std::string(HABER_SHARED_CORPUS_DEFAULT) + "/kemik-42bin.jsonl.gz";
    std::vector<std::string> strategies = {"none", "snowball", "prefix5", "prefix6", "prefix7",
                                           "snowball+prefix5", "snowball+prefix6", "snowball+prefix7"};
    std::size_t n_words = 1000;
    std::string markdown;
    app.add_option("--corpus", corpus, "JSONL(.gz) corpus")->capture_default_str();
    app.add_option("--strategy", strategies, "stemming strategies")->capture_default_str();
    app.add_option("--words", n_words, "how many of the most frequent word forms to query")->capture_default_str();
    app.add_option("--markdown", markdown, "append the report to this Markdown file");
    CLI11_PARSE(app, argc, argv);

    // Document frequency of every exact (lowercased, apostrophe-free) form.
    analysis::Analyzer analyzer(*analysis::StemConfig::parse("none"));
    std::unordered_map<std::string, std::size_t> df;
    std::size_t docs = 0;
    for (const Article& a : ingest::read_all({corpus})) {
        std::unordered_set<std::string> seen;
        for (const std::string* field : {&a.title, &a.lead, &a.body})
            for (const auto& t : analyzer.analyze(analyzer.normalize(*field)))
                if (t.kind == analysis::TokenKind::Word) seen.insert(t.exact);
        for (const auto& w : seen) ++df[w];
        ++docs;
    }
    std::vector<std::pair<std::string, std::size_t>> forms(df.begin(), df.end());
    std::sort(forms.begin(), forms.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    std::vector<std::string> queries;
    for (const auto& [w, n] : forms) {
        if (queries.size() >= n_words) break;
        if (code_points(w) >= 4 && !analysis::is_stopword(w)) queries.push_back(w);
    }
    // Inflections of each query word among all forms.
    std::vector<std::vector<const std::pair<std::string, std::size_t>*>> inflections(queries.size());
    for (const auto& f : forms)
        for (std::size_t q = 0; q < queries.size(); ++q)
            if (f.first.size() >= queries[q].size() - 2 && is_inflection_of(f.first, queries[q]))
                inflections[q].push_back(&f);

    std::ostringstream out;
    out << "## Stemming strategy: conflation of inflected forms (one-word queries)\n\n"
        << "- date: " << bench::now_utc() << "\n- machine: " << bench::machine_description()
        << "\n- command: `" << bench::command_line(argc, argv) << "`\n- corpus: " << corpus << " — " << docs
        << " articles, " << forms.size() << " distinct word forms; queries: the " << queries.size()
        << " most frequent forms of 4+ letters that are not stop words\n"
        << "- recall: documents of the word's inflections (word + Turkish suffix chain) reached through its stem; "
           "precision: of the documents sharing its stem, those holding an inflection (document-frequency "
           "weighted, macro-averaged over the words)\n\n"
        << "| strategy | recall | precision | F1 |\n|---|---:|---:|---:|\n";
    for (const std::string& full_name : strategies) {
        // "NAME+expand": a query word shorter than the prefix also reaches
        // every stem that begins with it (what haber-search does for prefix
        // stemmers, so that "tarih" finds tarihi, tarihe, tarihinde).
        std::string name = full_name;
        bool expand = false;
        if (name.size() > 7 && name.compare(name.size() - 7, 7, "+expand") == 0) {
            name.resize(name.size() - 7);
            expand = true;
        }
        auto config = analysis::StemConfig::parse(name);
        if (!config) {
            std::cerr << "unknown strategy " << name << "\n";
            return 2;
        }
        analysis::Stemmer stemmer(*config);
        std::unordered_map<std::string, std::size_t> df_by_stem;
        std::unordered_map<std::string, std::string> stem_of;
        for (const auto& [w, n] : forms) {
            std::string s = stemmer.stem(w);
            df_by_stem[s] += n;
            stem_of.emplace(w, std::move(s));
        }
        double recall = 0, precision = 0;
        for (std::size_t q = 0; q < queries.size(); ++q) {
            const std::string& qs = stem_of[queries[q]];
            const bool widen = expand && stemmer.has_longer_forms(qs);  // as haber-search does
            auto reaches = [&](const std::string& stem) {
                return widen ? stem.compare(0, qs.size(), qs) == 0 : stem == qs;
            };
            double relevant = 0, reached = 0;
            for (const auto* f : inflections[q]) {
                relevant += static_cast<double>(f->second);
                if (reaches(stem_of[f->first])) reached += static_cast<double>(f->second);
            }
            double retrieved = 0;
            if (widen) {
                for (const auto& [stem, n] : df_by_stem)
                    if (reaches(stem)) retrieved += static_cast<double>(n);
            } else {
                retrieved = static_cast<double>(df_by_stem[qs]);
            }
            recall += relevant > 0 ? reached / relevant : 1.0;
            precision += reached / retrieved;
        }
        recall /= static_cast<double>(queries.size());
        precision /= static_cast<double>(queries.size());
        char row[200];
        std::snprintf(row, sizeof row, "| %s | %.3f | %.3f | %.3f |\n", full_name.c_str(), recall, precision,
                      2 * recall * precision / (recall + precision));
        out << row;
    }
    std::cout << out.str();
    if (!markdown.empty()) {
        std::ofstream f(markdown, std::ios::app);
        f << "\n" << out.str();
    }
    return 0;
}
