// Stage 5: reduces a lowercased, apostrophe-free word to its index stem.
// Strategies are compared by benchmarks/ (retrieval evaluation); the one a
// database was built with is recorded in it, so the searcher uses the same.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace haber::analysis {

enum class StemStrategy {
    None,          // exact word forms
    Snowball,      // Xapian::Stem("turkish")
    Prefix,        // first N letters (F5 in the Turkish IR literature)
    SnowballPrefix, // Snowball stem, then cut to at most N letters
    Lemma          // root in the hunspell-tr lexicon (analysis/lemmatizer.h)
};

struct StemConfig {
    // The default: measured by benchmarks/quality (known-item queries through
    // the Searcher, see benchmarks/RESULTS-retrieval.md). Databases record
    // theirs; older ones keep the prefix strategy they were built with.
    StemStrategy strategy = StemStrategy::Lemma;
    unsigned prefix_length = 0;

    std::string name() const;  // "lemma", "snowball", "prefix5", "snowball+prefix5", "none"
    static std::optional<StemConfig> parse(std::string_view name);
};

class Stemmer {
public:
    explicit Stemmer(StemConfig config = {}) : config_(config) {}

    // Numbers and words shorter than the prefix length are returned unchanged.
    // Lemma: a per-thread cache of word forms keeps repeated words cheap.
    std::string stem(std::string_view word) const;
    // The stem of a word typed without Turkish letters, comparable with
    // ascii_fold(stem(w)) of the Turkish word w it stands for: the lemma
    // strategy looks it up in the folded lexicon ("cocugun" → "cocuk"); the
    // others stem the folded word.
    std::string stem_ascii(std::string_view ascii_word) const;
    // Lemma strategy: true if the lexicon knows the word's root (a word it
    // does not know is its own stem, often a name). Other strategies: true.
    bool knows(std::string_view word) const;
    // The same for a word typed without Turkish letters (folded lexicon).
    bool knows_ascii(std::string_view ascii_word) const;
    // True if `stem` is a whole word of four letters or more but shorter than
    // the prefix a prefix strategy cuts to: its inflections then have longer
    // stems that begin with it (tarih → tarihi, tarihe), and a query for it
    // should reach them.
    bool has_longer_forms(std::string_view stem) const;
    const StemConfig& config() const { return config_; }
private:
    StemConfig config_;
};

}  // namespace haber::analysis
