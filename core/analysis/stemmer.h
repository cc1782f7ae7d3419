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
    SnowballPrefix // Snowball stem, then cut to at most N letters
};

struct StemConfig {
    // The default is what benchmarks/retrieval_eval measured best on
    // kemik-42bin, for queries typed with and without Turkish letters
    // (see benchmarks/RESULTS-retrieval.md).
    StemStrategy strategy = StemStrategy::Prefix;
    unsigned prefix_length = 6;

    std::string name() const;  // "snowball", "prefix5", "snowball+prefix5", "none"
    static std::optional<StemConfig> parse(std::string_view name);
};

class Stemmer {
public:
    explicit Stemmer(StemConfig config = {}) : config_(config) {}

    // Numbers and words shorter than the prefix length are returned unchanged.
    std::string stem(std::string_view word) const;
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
