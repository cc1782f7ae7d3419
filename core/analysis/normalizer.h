// Stage 1 of the analysis chain: makes raw article text canonical before
// tokenisation. Promises: valid UTF-8 out, NFC, Windows-1252 punctuation that
// arrived as C1 controls (U+0092 used as an apostrophe, U+0093/U+0094 quotes...)
// mapped to the characters meant, invisible format characters removed,
// exotic spaces turned into plain spaces. Idempotent.
#pragma once

#include <string>
#include <string_view>

namespace haber::analysis {

class Normalizer {
public:
    Normalizer();
    // Invalid UTF-8 sequences become U+FFFD (callers that must reject bad
    // input check with utf8::first_invalid() first).
    std::string normalize(std::string_view raw) const;
};

}  // namespace haber::analysis
