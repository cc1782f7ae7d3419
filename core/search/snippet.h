// Turkish-aware snippets: the stored (normalised) text is analysed with the
// database's Analyzer, tokens whose stem / ASCII stem / exact form match the
// query are highlighted (so "Özbekistan’da" lights up for "özbekistan"), and
// the window with the most distinct matched query terms is cut out at word
// boundaries with "…".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/analyzer.h"
#include "search/query.h"

namespace haber::search {

struct Span {
    std::size_t begin = 0;   // byte offset into Snippet::text
    std::size_t length = 0;  // bytes
    bool operator==(const Span&) const = default;
};

struct Snippet {
    std::string text;              // single line: newlines become spaces
    std::vector<Span> highlights;  // sorted, non-overlapping
    bool cut_start = false;        // text starts with "…"
    bool cut_end = false;          // text ends with "…"
    std::size_t distinct_matches = 0;  // distinct query terms in the window
};

struct SnippetOptions {
    std::size_t max_words = 30;
    std::size_t max_chars = 200;  // code points, excluding the "…" marks
    std::size_t lead_in = 4;      // words of context before the first match, if room
};

inline constexpr std::string_view kEllipsis = "\u2026";

// The best window of `text` (already normalised).
Snippet make_snippet(const analysis::Analyzer& analyzer, std::string_view text, const TermMatcher& terms,
                     const SnippetOptions& options = {});

// The whole of `text` (a title) with its matches highlighted.
Snippet highlight_all(const analysis::Analyzer& analyzer, std::string_view text, const TermMatcher& terms);

// Byte spans → [start, length] in Unicode code points (for JSON output).
std::vector<std::pair<std::size_t, std::size_t>> to_codepoints(std::string_view text, const std::vector<Span>& spans);

}  // namespace haber::search
