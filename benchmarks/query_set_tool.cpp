// haber-query-set: a reproducible benchmark query file drawn from a haber
// database (and optionally the corpus it was built from). Same database, same
// corpus and same --seed give a byte-identical file.
//
// Output (TSV): '#' comment lines, then one "class<TAB>query" a line, the
// query in haber-search syntax. Classes:
//   term_high / term_medium / term_low  one word by the document frequency of
//                                       its exact form (E terms)
//   and2      two medium/high words from one document       w1 w2
//   or2       two medium/high words                         w1 OR w2
//   phrase    2-3 consecutive words of real article text    "w1 w2"
//   field     category: and/or date: filter + medium word of a document in it
//                                           category:spor date:2010..2012 w
//   ascii     medium/high words typed without Turkish letters (ç→c ğ→g ı→i ö→o ş→s ü→u)
//   sorted_date  a medium word; the benchmark runs it sorted by date
// Every query is checked to match at least one document of the database.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "analysis/case_folder.h"
#include "analysis/char_class.h"
#include "analysis/stopwords.h"
#include "analysis/utf8.h"
#include "dates.h"
#include "index/schema.h"
#include "ingest/reader.h"
#include "rng.h"
#include "search/searcher.h"

namespace {

namespace an = haber::analysis;
namespace schema = haber::schema;

using haber::bench::Rng;

std::size_t letters(std::string_view w) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < w.size();) {
        if (!an::is_letter(haber::utf8::next(w, i))) return 0;
        ++n;
    }
    return n;
}
// A word worth querying: letters only, 3+ letters, not a stop word.
bool good_word(std::string_view w) { return letters(w) >= 3 && !an::is_stopword(w); }
bool has_turkish_letter(std::string_view w) { return an::ascii_fold(w) != w; }

struct Word {
    std::string text;
    Xapian::doccount df;
};

struct Bands {
    Xapian::doccount high_min, med_lo, med_hi, low_lo, low_hi;
};

class Generator {
public:
    Generator(haber::search::Searcher& s, std::uint64_t seed, std::size_t per_class)
        : s_(s), db_(s.database()), seed_(seed), k_(per_class) {
        n_ = db_.get_doccount();
        last_ = db_.get_lastdocid();
        const double n = n_;
        b_.high_min = static_cast<Xapian::doccount>(0.10 * n) + 1;
        b_.med_lo = std::max<Xapian::doccount>(2, static_cast<Xapian::doccount>(0.005 * n));
        b_.med_hi = std::max<Xapian::doccount>(b_.med_lo, static_cast<Xapian::doccount>(0.05 * n));
        b_.low_lo = 10;
        b_.low_hi = std::min<Xapian::doccount>(100, b_.med_lo - 1);
        if (b_.low_hi < b_.low_lo) { b_.low_lo = 1; b_.low_hi = b_.med_lo - 1; }  // small database
        const auto end = db_.allterms_end(std::string(schema::kExact));
        for (auto it = db_.allterms_begin(std::string(schema::kExact)); it != end; ++it) {
            schema::skip_prefixed(it, end);
            if (it == end) break;
            std::string w = (*it).substr(schema::kExact.size());
            if (!good_word(w)) continue;
            Xapian::doccount df = it.get_termfreq();
            if (df >= b_.high_min) high_.push_back({w, df});
            else if (df >= b_.med_lo && df <= b_.med_hi) medium_.push_back({w, df});
            else if (df >= b_.low_lo && df <= b_.low_hi) low_.push_back({w, df});
            if (df >= b_.med_lo && (df <= b_.med_hi || df >= b_.high_min)) medhigh_set_.insert(w);
        }
        for (const auto& w : medium_) medhigh_.push_back(w.text), medium_set_.insert(w.text);
        for (const auto& w : high_) medhigh_.push_back(w.text);
        for (auto it = db_.allterms_begin(std::string(schema::kCategory)); it != db_.allterms_end(std::string(schema::kCategory)); ++it)
            ++categories_;
        dates_ = !db_.get_value_lower_bound(schema::kDateSlot).empty();
        if (dates_) {
            first_year_ = std::stoi(db_.get_value_lower_bound(schema::kDateSlot).substr(0, 4));
            last_year_ = std::stoi(db_.get_value_upper_bound(schema::kDateSlot).substr(0, 4));
        }
    }

    const Bands& bands() const { return b_; }
    std::size_t categories() const { return categories_; }
    bool has_dates() const { return dates_; }
    std::size_t dropped() const { return dropped_; }

    // Emits the queries of one class.
    using Out = std::vector<std::pair<std::string, std::string>>;

    void terms(const char* cls, const std::vector<Word>& band, std::uint64_t stream, Out& out,
               std::set<std::string>* used = nullptr, const std::set<std::string>* exclude = nullptr) {
        Rng rng(seed_, stream);
        std::vector<std::size_t> idx(band.size());
        for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
        std::size_t got = 0;
        for (std::size_t i = 0; i < idx.size() && got < k_; ++i) {
            std::swap(idx[i], idx[i + rng.below(idx.size() - i)]);
            const std::string& w = band[idx[i]].text;
            if (exclude && exclude->count(w)) continue;
            if (add(cls, w, out)) {
                ++got;
                if (used) used->insert(w);
            }
        }
    }

    void run(Out& out, const std::vector<haber::Article>& corpus_sample) {
        std::set<std::string> medium_used;
        terms("term_high", high_, 1, out);
        terms("term_medium", medium_, 2, out, &medium_used);
        terms("term_low", low_, 3, out);
        pairs("and2", 4, out, [](const std::string& a, const std::string& b) { return a + " " + b; }, false, k_);
        or2(5, out);
        phrases(6, out, corpus_sample);
        fields(7, out);
        ascii(8, out);
        terms("sorted_date", medium_, 9, out, nullptr, &medium_used);
    }

    std::vector<haber::Article> stored_articles(std::size_t want, std::uint64_t stream) {
        Rng rng(seed_, stream);
        std::vector<haber::Article> out;
        for (std::size_t attempt = 0; attempt < want * 4 && out.size() < want && last_; ++attempt) {
            try {
                out.push_back(schema::decode_article(db_.get_document(1 + static_cast<Xapian::docid>(rng.below(last_))).get_data()));
            } catch (const Xapian::DocNotFoundError&) {
            }
        }
        return out;
    }

private:
    bool add(const char* cls, const std::string& q, Out& out) {
        if (!seen_.insert(std::string(cls) + "\t" + q).second) return false;
        if (!matches(q)) { ++dropped_; return false; }
        out.emplace_back(cls, q);
        return true;
    }
    bool matches(const std::string& q) {
        try {
            auto parsed = s_.parse(q);
            if (parsed.empty()) return false;
            Xapian::Enquire enquire(db_);
            enquire.set_query(parsed.query);
            return enquire.get_mset(0, 0, 1).get_matches_lower_bound() > 0;
        } catch (const haber::search::QueryError&) {
            return false;
        }
    }

    // The medium/high exact forms of one random document, in term order.
    std::vector<std::string> doc_words(Rng& rng, Xapian::docid* id = nullptr) {
        std::vector<std::string> words;
        if (!last_) return words;
        Xapian::docid d = 1 + static_cast<Xapian::docid>(rng.below(last_));
        if (id) *id = d;
        try {
            auto end = db_.termlist_end(d);
            auto it = db_.termlist_begin(d);
            for (; it != end; ++it) {
                schema::skip_prefixed(it, end);
                if (it == end) break;
                std::string w = *it;
                if (medhigh_set_.count(w)) words.push_back(std::move(w));
            }
        } catch (const Xapian::DocNotFoundError&) {
            words.clear();
        }
        return words;
    }

    template <class Make>
    void pairs(const char* cls, std::uint64_t stream, Out& out, Make make, bool need_turkish, std::size_t want) {
        Rng rng(seed_, stream);
        std::size_t got = 0;
        for (std::size_t attempt = 0; got < want && attempt < want * 50; ++attempt) {
            auto words = doc_words(rng);
            if (need_turkish) {
                std::vector<std::string> tr;
                for (const auto& w : words) if (has_turkish_letter(w)) tr.push_back(w);
                if (tr.empty() || words.size() < 2) continue;
                std::string a = rng.pick(tr), b = rng.pick(words);
                if (a == b) continue;
                if (rng.below(2)) std::swap(a, b);
                got += add(cls, make(a, b), out);
                continue;
            }
            if (words.size() < 2) continue;
            std::size_t i = rng.below(words.size()), j = rng.below(words.size() - 1);
            if (j >= i) ++j;
            got += add(cls, make(words[i], words[j]), out);
        }
    }

    void or2(std::uint64_t stream, Out& out) {
        Rng rng(seed_, stream);
        std::size_t got = 0;
        for (std::size_t attempt = 0; got < k_ && attempt < k_ * 50 && medhigh_.size() >= 2; ++attempt) {
            const std::string& a = rng.pick(medhigh_);
            const std::string& b = rng.pick(medhigh_);
            if (a != b) got += add("or2", a + " OR " + b, out);
        }
    }

    // One phrase candidate per article: 2-3 consecutive words within one
    // sentence and paragraph, no punctuation between them, no stop word or
    // number at either end.
    void phrases(std::uint64_t stream, Out& out, const std::vector<haber::Article>& sample) {
        Rng rng(seed_, stream);
        const auto& analyzer = s_.analyzer();
        std::size_t got = 0;
        for (const auto& a : sample) {
            if (got >= k_) break;
            std::string text = analyzer.normalize(a.lead.empty() ? a.body : a.lead + "\n" + a.body);
            auto toks = analyzer.analyze(text);
            std::vector<std::pair<std::size_t, std::size_t>> cands;  // first token, length
            for (std::size_t i = 0; i < toks.size(); ++i) {
                for (std::size_t len = 2; len <= 3 && i + len <= toks.size(); ++len) {
                    bool ok = true;
                    for (std::size_t j = i; j < i + len && ok; ++j) {
                        ok = toks[j].kind == an::TokenKind::Word && letters(toks[j].exact) >= 2;
                        if (ok && j > i) {
                            ok = toks[j].position == toks[j - 1].position + 1;
                            for (std::size_t c = toks[j - 1].end; ok && c < toks[j].begin; ++c) ok = text[c] == ' ';
                        }
                    }
                    if (ok && !toks[i].stopword && !toks[i + len - 1].stopword && letters(toks[i].exact) >= 3 &&
                        letters(toks[i + len - 1].exact) >= 3)
                        cands.emplace_back(i, len);
                }
            }
            if (cands.empty()) continue;
            auto [i, len] = rng.pick(cands);
            std::string q = "\"";
            for (std::size_t j = i; j < i + len; ++j) {
                if (j > i) q += ' ';
                q += an::turkish_lower(toks[j].surface);
            }
            q += '"';
            got += add("phrase", q, out);
        }
    }

    // category: (and date:) filters around a medium/high word of one document.
    void fields(std::uint64_t stream, Out& out) {
        Rng rng(seed_, stream);
        std::size_t got = 0;
        for (std::size_t attempt = 0; got < k_ && attempt < k_ * 50; ++attempt) {
            Xapian::docid d = 0;
            auto words = doc_words(rng, &d);
            std::erase_if(words, [&](const std::string& w) { return !medium_set_.count(w); });
            if (words.empty()) continue;
            const std::string& w = rng.pick(words);
            std::string category, date;
            try {
                Xapian::Document doc = db_.get_document(d);
                auto it = doc.termlist_begin();
                it.skip_to(std::string(schema::kCategory));
                if (it != doc.termlist_end() && (*it).compare(0, schema::kCategory.size(), schema::kCategory) == 0)
                    category = (*it).substr(schema::kCategory.size());
                date = doc.get_value(schema::kDateSlot);
            } catch (const Xapian::DocNotFoundError&) {
                continue;
            }
            std::string q;
            if (!category.empty())
                q += "category:" + (category.find(' ') == std::string::npos ? category : "\"" + category + "\"") + " ";
            if (date.size() >= 4 && (category.empty() || rng.below(2))) {
                int y = std::stoi(date.substr(0, 4));
                int lo = std::max(y - static_cast<int>(rng.below(3)), first_year_);
                int hi = std::min(y + static_cast<int>(rng.below(3)), last_year_);
                q += lo == hi ? "date:" + std::to_string(y) + " " : "date:" + std::to_string(lo) + ".." + std::to_string(hi) + " ";
            }
            if (q.empty()) q = "title:";  // neither categories nor dates: a title field query
            got += add("field", q + w, out);
        }
    }

    void ascii(std::uint64_t stream, Out& out) {
        Rng rng(seed_, stream);
        std::vector<std::string> tr;
        for (const auto& w : medhigh_) if (has_turkish_letter(w)) tr.push_back(w);
        std::size_t singles = 0, want_singles = (k_ + 1) / 2;
        for (std::size_t attempt = 0; singles < want_singles && attempt < k_ * 50 && !tr.empty(); ++attempt)
            singles += add("ascii", an::ascii_fold(rng.pick(tr)), out);
        pairs("ascii", stream + 100, out,
              [](const std::string& a, const std::string& b) { return an::ascii_fold(a) + " " + an::ascii_fold(b); },
              true, k_ - singles);
    }

    haber::search::Searcher& s_;
    const Xapian::Database& db_;
    std::uint64_t seed_;
    std::size_t k_;
    Xapian::doccount n_ = 0;
    Xapian::docid last_ = 0;
    Bands b_{};
    std::vector<Word> high_, medium_, low_;
    std::vector<std::string> medhigh_;
    std::unordered_set<std::string> medhigh_set_, medium_set_;
    std::size_t categories_ = 0;
    bool dates_ = false;
    int first_year_ = 0, last_year_ = 9999;
    std::set<std::string> seen_;
    std::size_t dropped_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "haber-query-set: reproducible benchmark queries (TSV: class<TAB>query, haber-search syntax) drawn\n"
        "from a haber database and the corpus it was built from. Same database, corpus and --seed give\n"
        "the same file. Every query is checked to match at least one document."};
    std::string db_path, out_path = "-";
    std::vector<std::string> corpus;
    std::uint64_t seed = 1;
    std::size_t per_class = 50;
    app.add_option("--db", db_path, "haber database (built by haber-index)")->required();
    app.add_option("--corpus", corpus,
                   "the corpus the database was built from, for phrases (default: the articles stored in the database)");
    app.add_option("--seed", seed, "random seed")->capture_default_str();
    app.add_option("--per-class", per_class, "queries per class")->capture_default_str()->check(CLI::PositiveNumber);
    app.add_option("-o,--out", out_path, "output file ('-': stdout)")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    try {
        haber::search::Searcher searcher(db_path);
        Generator gen(searcher, seed, per_class);
        const auto& db = searcher.database();

        // Phrase sources: a reservoir sample of corpus articles (Algorithm R,
        // in reading order), or random stored articles.
        const std::size_t want = per_class * 3;
        std::vector<haber::Article> sample;
        std::string phrase_source;
        if (!corpus.empty()) {
            Rng rng(seed, 50);
            std::size_t seen = 0;
            haber::ingest::ReadCallbacks cb;
            cb.article = [&](haber::Article&& a) {
                ++seen;
                if (sample.size() < want) sample.push_back(std::move(a));
                else if (auto r = rng.below(seen); r < want) sample[r] = std::move(a);
                return true;
            };
            for (const auto& in : haber::ingest::collect_inputs(corpus, {})) haber::ingest::read_input(in, {}, cb);
            for (const auto& c : corpus) {
                phrase_source += phrase_source.empty() ? "" : " ";
                phrase_source += std::filesystem::path(c).filename().string();
            }
            phrase_source += " (" + std::to_string(seen) + " articles)";
        } else {
            sample = gen.stored_articles(want, 50);
            phrase_source = "articles stored in the database";
        }

        Generator::Out out;
        gen.run(out, sample);

        std::ostringstream os;
        const auto& b = gen.bands();
        os << "# haber query set, made by haber-query-set: one query a line, class<TAB>query, the query in\n"
              "# haber-search syntax. Classes: term_high, term_medium, term_low (one word by the number of\n"
              "# documents holding its exact form), and2 (two words of one document), or2 (w1 OR w2),\n"
              "# phrase (2-3 consecutive words of real text), field (category:/date:/title: + word), ascii\n"
              "# (words with Turkish letters typed without them), sorted_date (run sorted by date).\n";
        os << "# seed: " << seed << ", per class: " << per_class << "\n";
        os << "# database: " << db.get_doccount() << " documents, " << gen.categories() << " categories, dates: ";
        if (gen.has_dates())
            os << haber::dates::iso_from_value(db.get_value_lower_bound(schema::kDateSlot)) << ".."
               << haber::dates::iso_from_value(db.get_value_upper_bound(schema::kDateSlot));
        else
            os << "none";
        os << "\n# bands (documents holding the exact form): high >= " << b.high_min << ", medium " << b.med_lo << ".."
           << b.med_hi << ", low " << b.low_lo << ".." << b.low_hi << "\n";
        os << "# phrases from: " << phrase_source << "\n";
        os << "# " << out.size() << " queries, each matching at least one document (" << gen.dropped()
           << " candidates without a match dropped)\n";
        for (const auto& [cls, q] : out) os << cls << '\t' << q << '\n';

        if (out_path == "-") {
            std::cout << os.str();
            std::cout.flush();
            if (!std::cout) throw std::runtime_error("write error on stdout");
        } else {
            std::ofstream f(out_path, std::ios::binary);
            f << os.str();
            f.close();
            if (!f) throw std::runtime_error("cannot write " + out_path);
        }
        std::map<std::string, std::size_t> per;
        for (const auto& [cls, q] : out) ++per[cls];
        std::fprintf(stderr, "haber-query-set: %zu queries:", out.size());
        for (const auto& [cls, n] : per) std::fprintf(stderr, " %s %zu", cls.c_str(), n);
        std::fprintf(stderr, "\n");
        return 0;
    } catch (const haber::search::DatabaseError& e) {
        std::fprintf(stderr, "haber-query-set: %s\n", e.what());
        return 3;
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "haber-query-set: %s\n", e.get_description().c_str());
        return 3;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "haber-query-set: %s\n", e.what());
        return 1;
    }
}
