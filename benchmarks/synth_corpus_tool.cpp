// haber-synth-corpus: deterministic synthetic Turkish-like wire stories, any
// number of them, for SCALE tests (index size, indexing rate, query latency
// past one database). Never for relevance: the text is word salad with real
// Turkish surface forms and real word statistics, nothing more.
//
// Model, learnt from real corpora (default: kemik-42bin + tr-financial-200):
//  - vocabulary = whitespace-separated surface tokens after the indexer's
//    normaliser (Turkish letters, casing, apostrophe suffixes "Ankara'da" and
//    attached punctuation "söyledi." kept as written);
//  - a bigram chain over those tokens, kept as a token stream in CSR form:
//    the successors of word w are all tokens that followed w in the corpus,
//    so drawing one uniformly is drawing from P(next | w), and word
//    frequencies follow the learnt (Zipf-like) curve by construction;
//  - separate chains for titles and for lead+body; sentence starts kept per
//    category, so a "spor" story starts its sentences with spor words;
//  - learnt distributions of title length, lead length, paragraph length and
//    paragraph count, and of categories.
// Places (dateline style), sources and dates (uniform over --from..--to) come
// from built-in lists. Each article has its own random stream derived from
// (seed, n), so the output is byte-identical for the same seed and learning
// corpus, whatever the sharding. Output is streamed: memory is bounded by the
// model (about 10 bytes per learnt token), not by --count.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <CLI/CLI.hpp>
#include <zlib.h>

#include "analysis/normalizer.h"
#include "dates.h"
#include "ingest/reader.h"
#include "rng.h"

namespace {

using Clock = std::chrono::steady_clock;
using haber::bench::Rng;

// --- Dates: days since 1970-01-01 (core/dates.h).
std::int64_t parse_day(const std::string& s) {
    auto day = haber::dates::day_number(haber::dates::value(s));
    if (!day) throw std::invalid_argument("not a YYYY-MM-DD date: " + s);
    return *day;
}

// --- Built-in lists: dateline places (with rough weights) and sources.
struct Weighted { const char* name; unsigned weight; };
constexpr Weighted kPlaces[] = {
    {"ANKARA", 30}, {"İSTANBUL", 30}, {"İZMİR", 8}, {"BURSA", 4}, {"ANTALYA", 4}, {"ADANA", 3},
    {"KONYA", 3}, {"GAZİANTEP", 3}, {"DİYARBAKIR", 3}, {"KAYSERİ", 2}, {"ESKİŞEHİR", 2},
    {"TRABZON", 2}, {"SAMSUN", 2}, {"ERZURUM", 2}, {"VAN", 2}, {"HATAY", 2}, {"MALATYA", 2},
    {"KOCAELİ", 2}, {"MERSİN", 2}, {"ŞANLIURFA", 2}, {"MUĞLA", 1}, {"ÇANAKKALE", 1}, {"EDİRNE", 1},
    {"KAHRAMANMARAŞ", 1}, {"ELAZIĞ", 1}, {"SİVAS", 1}, {"DENİZLİ", 1}, {"AYDIN", 1}, {"RİZE", 1},
    {"LEFKOŞA", 2}, {"BAKÜ", 2}, {"TAŞKENT", 2}, {"ASTANA", 1}, {"BİŞKEK", 1}, {"AŞGABAT", 1},
    {"TİFLİS", 1}, {"BRÜKSEL", 3}, {"BERLİN", 3}, {"PARİS", 3}, {"LONDRA", 3}, {"ROMA", 1},
    {"ATİNA", 2}, {"VİYANA", 1}, {"CENEVRE", 1}, {"LAHEY", 1}, {"MOSKOVA", 3}, {"KİEV", 1},
    {"WASHINGTON", 4}, {"NEW YORK", 2}, {"TAHRAN", 2}, {"BAĞDAT", 2}, {"ŞAM", 2}, {"BEYRUT", 1},
    {"KUDÜS", 2}, {"KAHİRE", 2}, {"RİYAD", 1}, {"DOHA", 1}, {"TOKYO", 1}, {"PEKİN", 2},
    {"SARAYBOSNA", 1}, {"ÜSKÜP", 1}, {"PRİŞTİNE", 1}, {"KABİL", 1}, {"İSLAMABAD", 1},
};
constexpr Weighted kSources[] = {
    {"AA", 40}, {"DHA", 15}, {"İHA", 15}, {"ANKA", 5}, {"Reuters", 8}, {"AFP", 8},
    {"AP", 4}, {"DPA", 2}, {"Xinhua", 2}, {"ANSA", 1},
};
constexpr const char* kFallbackCategories[] = {"gündem", "ekonomi", "dünya", "spor", "siyaset",
                                               "kültür-sanat", "sağlık", "teknoloji"};

template <std::size_t N>
std::vector<const char*> expand(const Weighted (&list)[N]) {
    std::vector<const char*> out;
    for (const auto& w : list) out.insert(out.end(), w.weight, w.name);
    return out;
}

// --- The learnt model.
constexpr std::uint32_t kBreak = 0;  // end of a paragraph / title

class Vocabulary {
public:
    Vocabulary() { words_.push_back(nullptr); }  // id 0 = kBreak
    std::uint32_t id(std::string_view w) {
        auto [it, added] = ids_.try_emplace(std::string(w), static_cast<std::uint32_t>(words_.size()));
        if (added) words_.push_back(&it->first);
        return it->second;
    }
    const std::string& word(std::uint32_t id) const { return *words_[id]; }
    std::size_t size() const { return words_.size(); }
private:
    std::unordered_map<std::string, std::uint32_t> ids_;  // node-based: key addresses are stable
    std::vector<const std::string*> words_;
};

bool ends_sentence(std::string_view w) {
    while (!w.empty() && (w.back() == '"' || w.back() == '\'' || w.back() == ')'))
        w.remove_suffix(1);
    if (w.size() >= 3 && w.substr(w.size() - 3) == "…") return true;
    return !w.empty() && (w.back() == '.' || w.back() == '!' || w.back() == '?');
}

// A bigram chain in CSR form plus sentence starts per category (slot 0: all).
class Chain {
public:
    Chain() : starts_(1) {}

    // Adds one paragraph (or title) of whitespace-separated tokens.
    void add(std::string_view text, std::size_t category_slot, Vocabulary& vocab, std::size_t* token_count) {
        bool sentence_start = true;
        std::size_t n = 0, i = 0;
        while (i < text.size()) {
            while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
            std::size_t j = i;
            while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\r') ++j;
            if (j > i) {
                std::string_view w = text.substr(i, j - i);
                std::uint32_t id = vocab.id(w);
                stream_.push_back(id);
                if (sentence_start) {
                    if (category_slot >= starts_.size()) starts_.resize(category_slot + 1);
                    starts_[0].push_back(id);
                    if (category_slot) starts_[category_slot].push_back(id);
                }
                sentence_start = ends_sentence(w);
                ++n;
            }
            i = j;
        }
        if (n) stream_.push_back(kBreak);
        if (token_count) *token_count = n;
    }

    // Turns the token stream into successor lists; keeps the stream.
    void finish(std::size_t vocab_size) {
        offsets_.assign(vocab_size + 1, 0);
        for (std::size_t i = 0; i + 1 < stream_.size(); ++i)
            if (stream_[i] != kBreak) ++offsets_[stream_[i] + 1];
        for (std::size_t w = 0; w < vocab_size; ++w) offsets_[w + 1] += offsets_[w];
        successors_.resize(offsets_[vocab_size]);
        std::vector<std::uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
        for (std::size_t i = 0; i + 1 < stream_.size(); ++i)
            if (stream_[i] != kBreak) successors_[fill[stream_[i]]++] = stream_[i + 1];
        stream_.clear();
        stream_.shrink_to_fit();
    }

    bool empty() const { return starts_[0].empty(); }
    std::size_t transitions() const { return successors_.size(); }

    std::uint32_t start(Rng& rng, std::size_t category_slot) const {
        const auto& s = category_slot && category_slot < starts_.size() && !starts_[category_slot].empty() ? starts_[category_slot] : starts_[0];
        return rng.pick(s);
    }
    // kBreak if w never had a successor or the chain chose to stop here.
    std::uint32_t next(Rng& rng, std::uint32_t w) const {
        std::uint32_t b = offsets_[w], e = offsets_[w + 1];
        return b == e ? kBreak : successors_[b + rng.below(e - b)];
    }

private:
    std::vector<std::uint32_t> stream_, offsets_, successors_;
    std::vector<std::vector<std::uint32_t>> starts_;
};

struct Model {
    Vocabulary vocab;
    std::vector<std::string> categories;        // as written in the learning corpus
    std::vector<std::uint32_t> category_draws;  // one entry per learnt article with a category
    Chain body, title;
    std::vector<std::uint16_t> title_lens, lead_lens, para_lens, para_counts;
    std::size_t articles = 0, with_lead = 0, tokens = 0;
};

std::uint16_t clamp16(std::size_t n) { return static_cast<std::uint16_t>(std::min<std::size_t>(n, 60000)); }

// One pass over the learning inputs: categories are discovered on the fly and
// the chains grow one start list per category slot as categories appear.
class Learner {
public:
    explicit Learner(Model& m) : m_(m) {}

    void add(haber::Article&& a) {
        std::size_t slot = 0;
        if (!a.category.empty()) {
            auto [it, added] = cats_.try_emplace(a.category, static_cast<std::uint32_t>(m_.categories.size()));
            if (added) m_.categories.push_back(a.category);
            m_.category_draws.push_back(it->second);
            slot = it->second + 1;
        }
        std::size_t n = 0;
        std::string title = norm_.normalize(a.title);
        for (char& c : title) if (c == '\n') c = ' ';
        m_.title.add(title, slot, m_.vocab, &n);
        if (n) m_.title_lens.push_back(clamp16(n));
        m_.tokens += n;
        std::string lead = norm_.normalize(a.lead);
        for (char& c : lead) if (c == '\n') c = ' ';
        m_.body.add(lead, slot, m_.vocab, &n);
        if (n) { m_.lead_lens.push_back(clamp16(n)); ++m_.with_lead; }
        m_.tokens += n;
        std::string body = norm_.normalize(a.body);
        std::size_t paragraphs = 0;
        for (std::size_t i = 0; i <= body.size();) {
            std::size_t j = body.find('\n', i);
            if (j == std::string::npos) j = body.size();
            m_.body.add(std::string_view(body).substr(i, j - i), slot, m_.vocab, &n);
            if (n) { m_.para_lens.push_back(clamp16(n)); ++paragraphs; }
            m_.tokens += n;
            i = j + 1;
        }
        if (paragraphs) m_.para_counts.push_back(clamp16(paragraphs));
        ++m_.articles;
    }

private:
    Model& m_;
    haber::analysis::Normalizer norm_;
    std::map<std::string, std::uint32_t> cats_;
};

}  // namespace


namespace {

// --- Generation.
class Generator {
public:
    Generator(const Model& m, std::uint64_t seed, std::int64_t first_day, std::int64_t last_day)
        : m_(m), seed_(seed), first_day_(first_day), days_(last_day - first_day + 1),
          places_(expand(kPlaces)), sources_(expand(kSources)) {
        // A flat, pre-escaped copy of the vocabulary: one contiguous arena is
        // far kinder to the cache than hash-map nodes while sampling.
        offsets_.reserve(m_.vocab.size() + 1);
        ends_.reserve(m_.vocab.size());
        offsets_.push_back(0);  // kBreak: empty
        ends_.push_back(0);
        for (std::uint32_t w = 1; w < m_.vocab.size(); ++w) {
            offsets_.push_back(static_cast<std::uint32_t>(arena_.size()));
            escape(m_.vocab.word(w), arena_);
            ends_.push_back(ends_sentence(m_.vocab.word(w)) ? 1 : 0);
        }
        offsets_.push_back(static_cast<std::uint32_t>(arena_.size()));
        if (m_.categories.empty())
            for (const char* c : kFallbackCategories) fallback_categories_.emplace_back(c);
    }

    // Appends article n (1-based) as one JSON line to `line`; returns its year.
    int article(std::uint64_t n, std::string& line) {
        Rng rng(seed_, n);
        std::string date = haber::dates::iso_from_value(haber::dates::value_of_day(
            static_cast<long>(first_day_ + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(days_))))));
        std::size_t slot = 0;
        std::string_view category;
        if (!m_.category_draws.empty()) {
            std::uint32_t c = rng.pick(m_.category_draws);
            category = m_.categories[c];
            slot = c + 1;
        } else {
            category = rng.pick(fallback_categories_);
        }
        const char* place = rng.pick(places_);
        const char* source = rng.pick(sources_);

        line += "{\"id\":\"synth-";
        line += std::to_string(n);
        line += "\",\"title\":\"";
        title(rng, slot, line);
        line += "\",\"lead\":\"";
        if (!m_.lead_lens.empty() && rng.below(m_.articles) < m_.with_lead)
            paragraph(rng, slot, rng.pick(m_.lead_lens), line);
        line += "\",\"body\":\"";
        std::size_t paragraphs = m_.para_counts.empty() ? 3 : rng.pick(m_.para_counts);
        paragraphs = std::clamp<std::size_t>(paragraphs, 1, 60);
        for (std::size_t p = 0; p < paragraphs; ++p) {
            if (p) line += "\\n";
            else if (rng.below(10) < 6) {  // dateline: "ANKARA (AA) – "
                escape(place, line);
                line += " (";
                escape(source, line);
                line += ") – ";
            }
            paragraph(rng, slot, m_.para_lens.empty() ? 40 : rng.pick(m_.para_lens), line);
        }
        line.append("\",\"date\":\"").append(date).append("\",\"place\":\"");
        escape(place, line);
        line += "\",\"category\":\"";
        escape(category, line);
        line += "\",\"source\":\"";
        escape(source, line);
        line += "\"}\n";
        return std::stoi(date.substr(0, 4));
    }

private:
    static void escape(std::string_view s, std::string& out) {
        if (std::none_of(s.begin(), s.end(), [](char c) {
                return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; })) {
            out += s;
            return;
        }
        for (char c : s) {
            auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') { out += '\\'; out += c; }
            else if (u < 0x20) {
                char b[8];
                std::snprintf(b, sizeof b, "\\u%04x", u);
                out += b;
            } else out += c;
        }
    }
    void word(std::uint32_t w, bool first, std::string& out) const {
        if (!first) out += ' ';
        out.append(arena_.data() + offsets_[w], offsets_[w + 1] - offsets_[w]);
    }

    // A paragraph of about `target` tokens, ended at a sentence end.
    void paragraph(Rng& rng, std::size_t slot, std::size_t target, std::string& out) const {
        target = std::clamp<std::size_t>(target, 3, 400);
        const std::size_t hard = target + 60;
        std::uint32_t w = m_.body.start(rng, slot);
        for (std::size_t n = 1;; ++n) {
            word(w, n == 1, out);
            const bool end = ends_[w] != 0;
            if (n >= target && end) return;
            if (n >= hard) { out += '.'; return; }
            std::uint32_t next = m_.body.next(rng, w);
            if (next == kBreak) {
                if (!end) out += '.';
                next = m_.body.start(rng, slot);
            }
            w = next;
        }
    }

    void title(Rng& rng, std::size_t slot, std::string& out) const {
        if (m_.title.empty()) return;
        std::size_t target = m_.title_lens.empty() ? 6 : std::clamp<std::size_t>(rng.pick(m_.title_lens), 1, 30);
        std::uint32_t w = m_.title.start(rng, slot);
        for (std::size_t n = 1;; ++n) {
            word(w, n == 1, out);
            if (n >= target) return;
            std::uint32_t next = m_.title.next(rng, w);
            if (next == kBreak) {
                if (n >= 3) return;
                next = m_.title.start(rng, slot);
            }
            w = next;
        }
    }

    const Model& m_;
    std::uint64_t seed_;
    std::int64_t first_day_, days_;
    std::vector<const char*> places_, sources_;
    std::vector<std::string> fallback_categories_;
    std::string arena_;                  // escaped words, back to back
    std::vector<std::uint32_t> offsets_;  // word w = arena_[offsets_[w], offsets_[w + 1])
    std::vector<std::uint8_t> ends_;      // word w ends a sentence
};

// --- Output: a plain file / stdout, or gzip (zlib) when the name ends in .gz.
class Sink {
public:
    Sink(const std::string& path, int gzip_level) : path_(path) {
        bool gz = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
        if (path == "-") {
            file_ = stdout;
        } else if (gz) {
            gz_ = gzopen(path.c_str(), ("wb" + std::to_string(gzip_level)).c_str());
            if (!gz_) throw std::runtime_error("cannot write " + path);
            gzbuffer(gz_, 1 << 20);
        } else {
            file_ = std::fopen(path.c_str(), "wb");
            if (!file_) throw std::runtime_error("cannot write " + path);
        }
    }
    ~Sink() { try { close(); } catch (...) {} }
    Sink(const Sink&) = delete;
    Sink& operator=(const Sink&) = delete;

    void write(const std::string& s) {
        if (s.empty()) return;
        bool ok = gz_ ? gzwrite(gz_, s.data(), static_cast<unsigned>(s.size())) == static_cast<int>(s.size())
                      : std::fwrite(s.data(), 1, s.size(), file_) == s.size();
        if (!ok) throw std::runtime_error("write error on " + path_);
    }
    void close() {
        if (gz_) {
            int rc = gzclose(gz_);
            gz_ = nullptr;
            if (rc != Z_OK) throw std::runtime_error("write error on " + path_);
        } else if (file_) {
            bool ok = std::fflush(file_) == 0;
            if (file_ != stdout) ok = std::fclose(file_) == 0 && ok;
            file_ = nullptr;
            if (!ok) throw std::runtime_error("write error on " + path_);
        }
    }

private:
    std::string path_;
    std::FILE* file_ = nullptr;
    gzFile gz_ = nullptr;
};

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    const std::string shared = HABER_SHARED_CORPUS_DEFAULT;
    CLI::App app{
        "haber-synth-corpus: deterministic synthetic Turkish-like wire stories (JSON Lines) for SCALE\n"
        "tests only - index size, indexing rate, query latency over millions of articles. NEVER use\n"
        "it for relevance: the text is a bigram word salad with real Turkish surface forms and word\n"
        "frequencies learnt from real corpora, but it means nothing. Same --seed and same learning\n"
        "corpus give byte-identical output."};
    std::vector<std::string> learn{shared + "/kemik-42bin.jsonl.gz", shared + "/tr-financial-200.jsonl"};
    std::uint64_t count = 1000, seed = 1;
    std::string out = "-", shard_dir, from = "2003-01-01", to = "2024-12-31";
    int gzip_level = 1;
    std::size_t max_learn_articles = 0;
    bool quiet = false;
    app.add_option("--learn", learn, "real corpora to learn from (JSONL(.gz), text files, directories)")
        ->capture_default_str();
    app.add_option("--max-learn-articles", max_learn_articles, "learn from at most this many articles (0: all)");
    app.add_option("-n,--count", count, "number of articles to generate")->capture_default_str();
    app.add_option("--seed", seed, "random seed")->capture_default_str();
    app.add_option("-o,--out", out, "output file ('-': stdout; gzip if it ends in .gz)")->capture_default_str();
    app.add_option("--shard-by-year", shard_dir, "write DIR/YYYY.jsonl.gz, one file per year, instead of --out");
    app.add_option("--from", from, "first date (YYYY-MM-DD)")->capture_default_str();
    app.add_option("--to", to, "last date (YYYY-MM-DD)")->capture_default_str();
    app.add_option("--gzip-level", gzip_level, "zlib level for .gz output (1: fastest; synthetic text compresses about 2:1 at any level)")->check(CLI::Range(1, 9))->capture_default_str();
    app.add_flag("-q,--quiet", quiet, "no progress or rate on stderr");
    CLI11_PARSE(app, argc, argv);

    try {
        const std::int64_t first_day = parse_day(from), last_day = parse_day(to);
        if (last_day < first_day) throw std::invalid_argument("--to is before --from");

        // Learn.
        auto t0 = Clock::now();
        auto model = std::make_unique<Model>();
        Learner learner(*model);
        std::size_t diagnostics = 0;
        haber::ingest::DiagnosticSink sink = [&](const haber::ingest::Diagnostic& d) {
            if (d.severity == haber::ingest::Diagnostic::Error && ++diagnostics <= 5)
                std::fprintf(stderr, "%s\n", haber::ingest::format_diagnostic(d).c_str());
        };
        haber::ingest::ReadCallbacks cb;
        cb.diagnostic = sink;
        cb.article = [&](haber::Article&& a) {
            learner.add(std::move(a));
            return max_learn_articles == 0 || model->articles < max_learn_articles;
        };
        for (const auto& in : haber::ingest::collect_inputs(learn, sink)) {
            if (haber::ingest::read_input(in, {}, cb).stopped) break;
        }
        if (model->body.empty()) throw std::runtime_error("nothing to learn from: no article text in --learn inputs");
        model->body.finish(model->vocab.size());
        model->title.finish(model->vocab.size());
        if (!quiet)
            std::fprintf(stderr,
                         "learnt from %zu articles: %zu tokens, %zu distinct surface forms, %zu categories, "
                         "%zu body / %zu title transitions in %.1f s\n",
                         model->articles, model->tokens, model->vocab.size() - 1, model->categories.size(),
                         model->body.transitions(), model->title.transitions(), seconds_since(t0));

        // Generate.
        Generator gen(*model, seed, first_day, last_day);
        std::unique_ptr<Sink> single;
        std::map<int, std::unique_ptr<Sink>> shards;
        std::map<int, std::string> shard_buf;
        if (shard_dir.empty()) single = std::make_unique<Sink>(out, gzip_level);
        else std::filesystem::create_directories(shard_dir);

        auto t1 = Clock::now(), last_report = t1;
        std::uint64_t bytes = 0;
        std::string buf;
        buf.reserve(1 << 21);
        for (std::uint64_t n = 1; n <= count; ++n) {
            if (single) {
                gen.article(n, buf);
                if (buf.size() >= (1 << 20)) { bytes += buf.size(); single->write(buf); buf.clear(); }
            } else {
                std::string line;
                int year = gen.article(n, line);
                bytes += line.size();
                std::string& b = shard_buf[year];
                b += line;
                if (b.size() >= (1 << 18)) {
                    auto& s = shards[year];
                    if (!s) s = std::make_unique<Sink>(shard_dir + "/" + std::to_string(year) + ".jsonl.gz", gzip_level);
                    s->write(b);
                    b.clear();
                }
            }
            if (!quiet && (n & 0x3fff) == 0 && seconds_since(last_report) >= 10) {
                last_report = Clock::now();
                double s = seconds_since(t1);
                std::fprintf(stderr, "%llu articles, %.0f articles/s\n", static_cast<unsigned long long>(n),
                             static_cast<double>(n) / s);
            }
        }
        if (single) {
            bytes += buf.size();
            single->write(buf);
            single->close();
        } else {
            for (auto& [year, b] : shard_buf) {
                auto& s = shards[year];
                if (!s) s = std::make_unique<Sink>(shard_dir + "/" + std::to_string(year) + ".jsonl.gz", gzip_level);
                s->write(b);
                s->close();
            }
        }
        double s = seconds_since(t1);
        if (!quiet)
            std::fprintf(stderr,
                         "generated %llu articles, %.1f MB of JSON Lines (uncompressed) in %.1f s: "
                         "%.0f articles/s, %.1f MB/s%s\n",
                         static_cast<unsigned long long>(count), static_cast<double>(bytes) / 1e6, s,
                         s > 0 ? static_cast<double>(count) / s : 0.0, s > 0 ? static_cast<double>(bytes) / 1e6 / s : 0.0,
                         shard_dir.empty() ? "" : (", " + std::to_string(shards.size()) + " year files in " + shard_dir).c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "haber-synth-corpus: %s\n", e.what());
        return 1;
    }
}
