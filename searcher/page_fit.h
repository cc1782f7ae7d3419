// A page of results that fits the terminal: as many hits as the window's
// height holds (at least one), with the header, the facets and the
// suggestion line measured as they will be printed.
#pragma once

#include <cstddef>
#include <string>

#include "render.h"
#include "search/searcher.h"

namespace haber::cli {

// The text of a results page for `result` in at most `rows` lines (0: no
// limit), dropping hits from the end of the page until it fits; `result`
// keeps only the hits shown, so the next page starts after them.
std::string fit_page(search::SearchResult& result, const Style& style, std::size_t rows);

// The page as printed: results, facets, and the suggestion or no-match hint.
std::string page_text(const search::SearchResult& result, const Style& style);

}  // namespace haber::cli
