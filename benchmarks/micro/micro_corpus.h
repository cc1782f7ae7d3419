// Real text for the micro-benchmarks: the bundled corpus (corpus/aa-sample and
// corpus/tr-financial-200.jsonl) read with ingest::read_all, plus each stage's
// output, computed once, so every benchmark feeds a stage what the previous
// stage really produces.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/tokenizer.h"
#include "article.h"

namespace haber::micro {

struct Corpus {
    std::vector<Article> articles;        // as read (raw)
    std::string raw;                      // titles, leads and bodies, blank-line separated
    std::string normalized;               // Normalizer over raw
    std::vector<analysis::Token> tokens;  // Tokenizer over normalized
    std::vector<std::string> lowered;     // turkish_lower of each token
    std::vector<std::string> stripped;    // strip_apostrophe_suffix of each lowered token
    std::int64_t token_bytes = 0, lowered_bytes = 0, stripped_bytes = 0;
};

// Loaded on first use; aborts with a message if the bundled corpus is missing.
const Corpus& corpus();

}  // namespace haber::micro
