#include "analysis/stemmer.h"

#include <charconv>
#include <unordered_map>

#include <xapian.h>

#include "analysis/case_folder.h"
#include "analysis/lemmatizer.h"
#include "analysis/utf8.h"

namespace haber::analysis {

std::string StemConfig::name() const {
    switch (strategy) {
        case StemStrategy::None: return "none";
        case StemStrategy::Snowball: return "snowball";
        case StemStrategy::Prefix: return "prefix" + std::to_string(prefix_length);
        case StemStrategy::SnowballPrefix: return "snowball+prefix" + std::to_string(prefix_length);
        case StemStrategy::Lemma: return "lemma";
    }
    return "none";
}

std::optional<StemConfig> StemConfig::parse(std::string_view name) {
    auto length_after = [&](std::string_view head) -> std::optional<unsigned> {
        if (name.substr(0, head.size()) != head) return std::nullopt;
        std::string_view digits = name.substr(head.size());
        unsigned n = 0;
        auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
        if (ec != std::errc() || p != digits.data() + digits.size() || n < 2 || n > 20) return std::nullopt;
        return n;
    };
    if (name == "none") return StemConfig{StemStrategy::None, 0};
    if (name == "snowball") return StemConfig{StemStrategy::Snowball, 0};
    if (name == "lemma") return StemConfig{StemStrategy::Lemma, 0};
    if (auto n = length_after("snowball+prefix")) return StemConfig{StemStrategy::SnowballPrefix, *n};
    if (auto n = length_after("prefix")) return StemConfig{StemStrategy::Prefix, *n};
    return std::nullopt;
}

namespace {

// Xapian::Stem objects are not safe to share between threads; one per thread.
std::string snowball(std::string_view word) {
    thread_local Xapian::Stem turkish("turkish");
    return turkish(std::string(word));
}

std::string first_code_points(std::string_view word, unsigned n) {
    std::size_t i = 0;
    for (unsigned k = 0; k < n && i < word.size(); ++k) utf8::next(word, i);
    return std::string(word.substr(0, i));
}

bool starts_with_digit(std::string_view word) {
    return !word.empty() && word[0] >= '0' && word[0] <= '9';
}

// Lemmas of the word forms this thread has seen: news text repeats its words,
// and the lexicon search costs a few microseconds a form. Bounded: cleared
// when it holds a million forms (about 100 MB).
struct WordHash {
    using is_transparent = void;  // find(string_view) without building a std::string
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

const analysis::Lemma& cached_lemma(std::string_view word, bool folded) {
    thread_local std::unordered_map<std::string, analysis::Lemma, WordHash, std::equal_to<>> cache[2];
    auto& c = cache[folded ? 1 : 0];
    auto it = c.find(word);
    if (it != c.end()) return it->second;
    if (c.size() >= 1000000) c.clear();
    static const Lemmatizer lemmatizer;
    analysis::Lemma l = folded ? lemmatizer.lemma_folded(word) : lemmatizer.lemma(word);
    return c.emplace(std::string(word), std::move(l)).first->second;
}

}  // namespace

bool Stemmer::has_longer_forms(std::string_view stem) const {
    if (config_.strategy != StemStrategy::Prefix && config_.strategy != StemStrategy::SnowballPrefix) return false;
    if (stem.empty() || starts_with_digit(stem)) return false;
    std::size_t i = 0;
    unsigned n = 0;
    while (i < stem.size()) {
        utf8::next(stem, i);
        ++n;
    }
    // Words of three letters or fewer are left alone: widened, "sis" (fog)
    // would reach sistem, "kar" kariyer. haber-conflation-eval measures the
    // rule on words of four letters and more.
    return n >= 4 && n < config_.prefix_length;
}

std::string Stemmer::stem(std::string_view word) const {
    if (word.empty() || starts_with_digit(word)) return std::string(word);
    switch (config_.strategy) {
        case StemStrategy::None: return std::string(word);
        case StemStrategy::Snowball: return snowball(word);
        case StemStrategy::Prefix: return first_code_points(word, config_.prefix_length);
        case StemStrategy::SnowballPrefix:
            return first_code_points(snowball(word), config_.prefix_length);
        case StemStrategy::Lemma: return cached_lemma(word, false).root;
    }
    return std::string(word);
}

std::string Stemmer::stem_ascii(std::string_view ascii_word) const {
    if (config_.strategy != StemStrategy::Lemma || ascii_word.empty() || starts_with_digit(ascii_word))
        return stem(ascii_word);
    return cached_lemma(ascii_word, true).root;
}

bool Stemmer::knows(std::string_view word) const {
    if (config_.strategy != StemStrategy::Lemma || word.empty() || starts_with_digit(word)) return true;
    return cached_lemma(word, false).known;
}

bool Stemmer::knows_ascii(std::string_view ascii_word) const {
    if (config_.strategy != StemStrategy::Lemma || ascii_word.empty() || starts_with_digit(ascii_word)) return true;
    return cached_lemma(ascii_word, true).known;
}

}  // namespace haber::analysis
