// Plain-text articles, one per file, as press agencies and scraped archives
// deliver them: optional headline line, "CITY (AGENCY) –" dateline at the
// start of the first paragraph, "– " sub-headings, BOM/CRLF/tab padding.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "article.h"

namespace haber::ingest {

struct Dateline {
    std::string place;   // as written: "TAŞKENT", "NEW YORK"
    std::string source;  // "AA"
    std::size_t length;  // bytes of the dateline including the dash and spaces after it
};

// Recognises "CITY (AGENCY) –" (also "CITY, (AGENCY) -", dashes – — -, city of
// one or more uppercase Turkish words) at the start of `paragraph`.
std::optional<Dateline> parse_dateline(std::string_view paragraph);

// Parses the text of one article (valid UTF-8), HTML character references
// decoded (ingest/char_refs.h). The id is set by the caller.
// Returns an article whose title and body may both be empty (nothing to index).
Article parse_plain_text(std::string_view text);

// Whitespace helpers shared by the readers.
std::string collapse_whitespace(std::string_view s);  // trims, runs of space/tab → one space

}  // namespace haber::ingest
