// Terminal and JSON rendering for haber-search: result lists, full articles,
// analysis tables. ANSI styling only when asked for (Style::color).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analyzer.h"
#include "article.h"
#include "search/searcher.h"

namespace haber::cli {

enum class ColorMode { Auto, Always, Never };

struct Style {
    bool color = false;
    std::size_t width = 0;  // 0: do not wrap
    std::size_t height = 0; // terminal rows, 0 if unknown
};

// Colour and width for stdout (isatty, NO_COLOR, TERM=dumb, $COLUMNS).
Style detect_style(ColorMode mode);

// Greedy word wrap of one paragraph; highlighted spans (byte offsets into
// text) are wrapped in `on`..`off` when style.color. Continuation lines are
// indented by `indent` spaces; the first line is not (the caller prints it).
std::string wrap(std::string_view text, const std::vector<search::Span>& spans, const Style& style,
                 std::size_t indent, std::size_t first_line_used, std::string_view on, std::string_view off);

// `after_hit[i]`, if given, is printed under hit i (--explain's parts).
std::string render_results(const search::SearchResult& result, const Style& style,
                           const std::vector<std::string>& after_hit = {});
std::string render_article(const Article& article, const analysis::Analyzer& analyzer,
                           const search::TermMatcher& terms, const Style& style);

// Facet counts after the hits: one line a facet ("year: 2023 (12) · 2022 (3)").
std::string render_facets(const search::SearchResult& result, const Style& style);
// The same, numbered 1.. across facets for interactive narrowing (`:f N`);
// `numbered` receives the (facet, value) of each number in order.
std::string render_facets_numbered(const search::SearchResult& result, const Style& style,
                                   std::vector<std::pair<const search::Facet*, const search::FacetValue*>>* numbered);
// {"year": [{"value":"2022","count":12}, ...], "month": ..., ...}
nlohmann::json facets_json(const search::SearchResult& result);

// "Did you mean: dışişleri bakanı" (corrected words highlighted); "" if none.
std::string render_suggestion(const search::Suggestion& suggestion, const Style& style);
// {"query": "...", "corrections": [{"from","to","edits","from_articles","to_articles"}]},
// or null if there is no suggestion.
nlohmann::json suggestion_json(const search::Suggestion& suggestion);
// "+1 version", "+3 versions" (the other versions of a story).
std::string versions_label(std::size_t n);
// The versions of one story (Searcher::versions), numbered, oldest first.
std::string render_versions(const std::vector<Article>& versions, const Style& style);
// {"id","count","versions":[{"id","title","date","place","source","category","url"}]}
nlohmann::json versions_json(const std::string& id, const std::vector<Article>& versions);

nlohmann::json results_json(const search::SearchResult& result, const std::string& query);
nlohmann::json article_json(const Article& article);

std::string render_analysis(const analysis::Analyzer& analyzer, std::string_view text);
nlohmann::json analysis_json(const analysis::Analyzer& analyzer, std::string_view text);

// JSON text as haber writes it (indent -1: one line): invalid UTF-8 from the
// command line or an archive is written as U+FFFD instead of throwing
// nlohmann's type_error.316.
std::string dump_json(const nlohmann::json& j, int indent = 2);

// "2022-11-22" from the article; "" if none.
std::string display_date(const Article& a);
// Display width in terminal columns (code points; combining marks count 0).
std::size_t display_width(std::string_view s);

}  // namespace haber::cli
