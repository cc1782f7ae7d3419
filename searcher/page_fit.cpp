#include "page_fit.h"

#include <algorithm>

namespace haber::cli {

std::string page_text(const search::SearchResult& r, const Style& style) {
    std::string text = render_results(r, style) + render_facets(r, style);
    if (!r.suggestion.empty()) text += "y searches: " + r.suggestion.query + "\n";
    else if (r.total == 0) text += "no matches \u2014 try fewer words, or --any style: a OR b\n";
    return text;
}

std::string fit_page(search::SearchResult& r, const Style& style, std::size_t rows) {
    std::string text = page_text(r, style);
    if (rows == 0) return text;
    auto lines = [](const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); };
    while (r.hits.size() > 1 && lines(text) > rows) {
        r.hits.pop_back();
        text = page_text(r, style);
    }
    return text;
}

}  // namespace haber::cli
