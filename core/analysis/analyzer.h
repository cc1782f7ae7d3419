// The analysis chain used by both indexer and searcher: normalise → tokenise
// → Turkish case-fold → apostrophe suffix → stem → ASCII variant. Every term
// in the index and in a query comes from here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/normalizer.h"
#include "analysis/stemmer.h"
#include "analysis/tokenizer.h"

namespace haber::analysis {

struct AnalyzedToken {
    std::string surface;     // as written: "Özbekistan’da"
    std::string exact;       // lowercased, suffix after apostrophe removed: "özbekistan"
    std::string stem;        // stem of `exact` under the configured strategy
    std::string ascii_stem;  // stem of ascii_fold(exact); == stem for words without Turkish letters
    std::uint32_t position = 0;
    std::size_t begin = 0, end = 0;  // byte offsets of `surface` in the analysed text
    TokenKind kind = TokenKind::Word;
    bool stopword = false;
    bool ascii_typed = false;  // surface has no letter outside ASCII (a query typed without Turkish letters)
};

class Analyzer {
public:
    explicit Analyzer(StemConfig config = {});

    // Stage 1 alone; apply to raw input once, store the result.
    std::string normalize(std::string_view raw) const { return normalizer_.normalize(raw); }

    // Stages 2-6 over already-normalised text; offsets refer to `normalized`.
    std::vector<AnalyzedToken> analyze(std::string_view normalized,
                                       std::uint32_t first_position = 0) const;

    // One word (or the part of it a user typed before '*'): lowercased and
    // apostrophe-stripped, not stemmed.
    std::string fold_word(std::string_view word) const;

    const Stemmer& stemmer() const { return stemmer_; }
    const StemConfig& stem_config() const { return stemmer_.config(); }

private:
    Normalizer normalizer_;
    Tokenizer tokenizer_;
    Stemmer stemmer_;
};

}  // namespace haber::analysis
