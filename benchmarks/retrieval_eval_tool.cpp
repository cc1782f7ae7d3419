// haber-retrieval-eval: chooses the stemming strategy by what it measures.
//
// Known-item retrieval on a real corpus (no relevance judgements exist for
// Turkish news, so each article's headline is the query and the article is
// the one right answer): index article bodies only, search with the
// headline (ranked OR, BM25), and report MRR@10, success@1/@10/@100 for each
// stemming strategy, also for the headline typed without Turkish letters,
// beside plain Xapian (TermGenerator + QueryParser + Stem("turkish")).
// Articles with identical bodies count as the same answer.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "analysis/analyzer.h"
#include "analysis/case_folder.h"
#include "index/schema.h"
#include "ingest/reader.h"
#include "machine_info.h"

namespace {

using namespace haber;

struct EvalDoc {
    std::string title;
    std::string body;
    std::size_t answer;  // id of the group of articles sharing this body
};

struct Metrics {
    double mrr10 = 0, s1 = 0, s10 = 0, s100 = 0;
};

struct Row {
    std::string name;
    Metrics turkish, ascii;
    Xapian::termcount terms = 0;
    double index_seconds = 0;
};

Metrics score(const std::vector<std::vector<std::size_t>>& ranked_answers,
              const std::vector<std::size_t>& expected) {
    Metrics m;
    for (std::size_t q = 0; q < expected.size(); ++q) {
        const auto& r = ranked_answers[q];
        for (std::size_t rank = 0; rank < r.size(); ++rank) {
            if (r[rank] != expected[q]) continue;
            if (rank < 10) m.mrr10 += 1.0 / static_cast<double>(rank + 1);
            if (rank < 1) m.s1 += 1;
            if (rank < 10) m.s10 += 1;
            if (rank < 100) m.s100 += 1;
            break;
        }
    }
    double n = static_cast<double>(expected.size());
    m.mrr10 /= n;
    m.s1 /= n;
    m.s10 /= n;
    m.s100 /= n;
    return m;
}

std::vector<std::size_t> answers_of(Xapian::Enquire& enquire, const Xapian::Query& query,
                                    const std::vector<EvalDoc>& docs) {
    enquire.set_query(query);
    Xapian::MSet mset = enquire.get_mset(0, 100);
    std::vector<std::size_t> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(docs[*it - 1].answer);
    return out;
}

std::string ascii_typed(const std::string& s) {
    return analysis::ascii_fold(analysis::turkish_lower(s));
}

// "prefix6+exact": the strategy, with each query word also matching its
// exact form (E terms), so that exact matches rank above conflated ones.
struct Variant {
    std::string stemmer;
    bool exact_boost = false;
};

std::optional<Variant> parse_variant(const std::string& name) {
    Variant v{name, false};
    const std::string suffix = "+exact";
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        v.stemmer = name.substr(0, name.size() - suffix.size());
        v.exact_boost = true;
    }
    if (!analysis::StemConfig::parse(v.stemmer)) return std::nullopt;
    return v;
}

Row run_haber(const std::string& strategy, const std::vector<EvalDoc>& docs,
              const std::vector<std::size_t>& queries, const std::string& dir) {
    Variant variant = *parse_variant(strategy);
    analysis::Analyzer analyzer(*analysis::StemConfig::parse(variant.stemmer));
    Row row;
    row.name = "haber " + strategy;
    auto t0 = std::chrono::steady_clock::now();
    {
        Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
        for (const EvalDoc& d : docs) {
            Xapian::Document doc;
            for (const auto& t : analyzer.analyze(d.body)) {
                doc.add_term(schema::term(schema::kBodyStem, t.stem));
                if (t.ascii_stem != t.stem) doc.add_term(schema::term(schema::kBodyAscii, t.ascii_stem));
                if (variant.exact_boost) doc.add_term(schema::term(schema::kExact, t.exact));
            }
            db.add_document(doc);
        }
        db.commit();
    }
    row.index_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    Xapian::Database db(dir);
    Xapian::Enquire enquire(db);
    row.terms = 0;
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) ++row.terms;

    std::vector<std::vector<std::size_t>> turkish, ascii;
    std::vector<std::size_t> expected;
    for (std::size_t q : queries) {
        expected.push_back(docs[q].answer);
        std::vector<Xapian::Query> words, ascii_words;
        for (const auto& t : analyzer.analyze(docs[q].title)) {
            if (t.stopword) continue;
            Xapian::Query word(schema::term(schema::kBodyStem, t.stem));
            if (variant.exact_boost)
                word = Xapian::Query(Xapian::Query::OP_OR, word, Xapian::Query(schema::term(schema::kExact, t.exact)));
            words.push_back(word);
        }
        for (const auto& t : analyzer.analyze(ascii_typed(docs[q].title))) {
            if (t.stopword) continue;
            // What haber-search does with a word typed without Turkish letters.
            ascii_words.emplace_back(Xapian::Query::OP_OR,
                                     Xapian::Query(schema::term(schema::kBodyStem, t.ascii_stem)),
                                     Xapian::Query(schema::term(schema::kBodyAscii, t.ascii_stem)));
        }
        turkish.push_back(answers_of(enquire, Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()), docs));
        ascii.push_back(answers_of(enquire, Xapian::Query(Xapian::Query::OP_OR, ascii_words.begin(), ascii_words.end()), docs));
    }
    row.turkish = score(turkish, expected);
    row.ascii = score(ascii, expected);
    return row;
}

Row run_plain_xapian(const std::vector<EvalDoc>& docs, const std::vector<std::size_t>& queries,
                     const std::string& dir) {
    Row row;
    row.name = "plain Xapian (TermGenerator+QueryParser, Stem turkish)";
    Xapian::Stem stem("turkish");
    auto t0 = std::chrono::steady_clock::now();
    {
        Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator tg;
        tg.set_stemmer(stem);
        for (const EvalDoc& d : docs) {
            Xapian::Document doc;
            tg.set_document(doc);
            tg.index_text_without_positions(d.body);
            db.add_document(doc);
        }
        db.commit();
    }
    row.index_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    Xapian::Database db(dir);
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) ++row.terms;
    Xapian::Enquire enquire(db);
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    std::vector<std::vector<std::size_t>> turkish, ascii;
    std::vector<std::size_t> expected;
    auto parse = [&](const std::string& text) {
        try {
            return qp.parse_query(text, 0);  // no operators: plain words, OR
        } catch (const Xapian::QueryParserError&) {
            return Xapian::Query();
        }
    };
    for (std::size_t q : queries) {
        expected.push_back(docs[q].answer);
        turkish.push_back(answers_of(enquire, parse(docs[q].title), docs));
        ascii.push_back(answers_of(enquire, parse(ascii_typed(docs[q].title)), docs));
    }
    row.turkish = score(turkish, expected);
    row.ascii = score(ascii, expected);
    return row;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Known-item retrieval evaluation of haber's stemming strategies (headline → article)"};
    std::string corpus = std::string(HABER_SHARED_CORPUS_DEFAULT) + "/kemik-42bin.jsonl.gz";
    std::vector<std::string> strategies = {"none",     "snowball", "prefix4",          "prefix5",
                                           "prefix6",  "prefix7",  "snowball+prefix5", "snowball+prefix6",
                                           "snowball+prefix7"};
    std::size_t n_queries = 2000;
    unsigned seed = 42;
    std::string markdown;
    std::string workdir = (std::filesystem::temp_directory_path() / "haber-retrieval-eval").string();
    app.add_option("--corpus", corpus, "JSONL(.gz) corpus with title and body")->capture_default_str();
    app.add_option("--strategy", strategies, "stemming strategies to compare (NAME or NAME+exact: exact forms also scored)")->capture_default_str();
    app.add_option("--queries", n_queries, "number of headline queries (fixed seed)")->capture_default_str();
    app.add_option("--seed", seed, "sampling seed")->capture_default_str();
    app.add_option("--markdown", markdown, "also write the report to this Markdown file");
    app.add_option("--workdir", workdir, "where the temporary databases go")->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    for (const auto& s : strategies)
        if (!parse_variant(s)) {
            std::cerr << "haber-retrieval-eval: unknown strategy '" << s << "'\n";
            return 2;
        }
    if (!std::filesystem::exists(corpus)) {
        std::cerr << "haber-retrieval-eval: corpus not found: " << corpus << "\n";
        return 2;
    }

    std::vector<ingest::Diagnostic> diagnostics;
    std::vector<Article> articles = ingest::read_all({corpus}, {}, &diagnostics);
    analysis::Normalizer normalizer;
    std::vector<EvalDoc> docs;
    std::unordered_map<std::string, std::size_t> body_group;
    for (Article& a : articles) {
        std::string body = normalizer.normalize(a.body);
        if (body.find_first_not_of(" \n\t") == std::string::npos) continue;
        auto [it, fresh] = body_group.emplace(body, body_group.size());
        docs.push_back({normalizer.normalize(a.title), std::move(body), it->second});
    }
    std::vector<std::size_t> candidates;
    analysis::Analyzer probe;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        std::size_t words = 0;
        for (const auto& t : probe.analyze(docs[i].title)) words += t.stopword ? 0 : 1;
        if (words >= 2) candidates.push_back(i);
    }
    std::mt19937_64 rng(seed);
    std::shuffle(candidates.begin(), candidates.end(), rng);
    if (candidates.size() > n_queries) candidates.resize(n_queries);
    std::cerr << "corpus: " << docs.size() << " articles with a body (" << body_group.size()
              << " distinct bodies); " << candidates.size() << " headline queries\n";

    std::filesystem::create_directories(workdir);
    std::vector<Row> rows(strategies.size() + 1);
    std::mutex mu;
    std::size_t next = 0;
    auto worker = [&] {
        for (;;) {
            std::size_t job;
            {
                std::lock_guard lock(mu);
                if (next > strategies.size()) return;
                job = next++;
            }
            std::string dir = workdir + "/db" + std::to_string(job);
            rows[job] = job == strategies.size() ? run_plain_xapian(docs, candidates, dir)
                                                 : run_haber(strategies[job], docs, candidates, dir);
            std::filesystem::remove_all(dir);
            std::lock_guard lock(mu);
            std::cerr << "  done: " << rows[job].name << "\n";
        }
    };
    std::thread t1(worker), t2(worker);
    t1.join();
    t2.join();

    std::ostringstream out;
    out << "## Stemming strategy: known-item retrieval (headline → article body)\n\n"
        << "- date: " << bench::now_utc() << "\n- machine: " << bench::machine_description()
        << "\n- command: `" << bench::command_line(argc, argv) << "`\n- corpus: " << corpus << " — "
        << docs.size() << " articles with a body, " << candidates.size()
        << " headline queries (≥ 2 non-stop words, seed " << seed << "), bodies only, ranked OR, BM25\n\n"
        << "| strategy | MRR@10 | S@1 | S@10 | S@100 | ASCII-typed MRR@10 | ASCII S@10 | distinct terms |\n"
        << "|---|---:|---:|---:|---:|---:|---:|---:|\n";
    char buf[256];
    for (const Row& r : rows) {
        std::snprintf(buf, sizeof buf, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %u |\n", r.name.c_str(),
                      r.turkish.mrr10, r.turkish.s1, r.turkish.s10, r.turkish.s100, r.ascii.mrr10, r.ascii.s10,
                      static_cast<unsigned>(r.terms));
        out << buf;
    }
    std::cout << out.str();
    if (!markdown.empty()) {
        std::ofstream f(markdown);
        f << out.str();
    }
    return 0;
}
