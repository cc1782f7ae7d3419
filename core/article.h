// One news article as read from any input format, before analysis.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace haber {

struct Article {
    std::string id;        // unique in the archive; re-indexing an id replaces it
    std::string title;
    std::string lead;
    std::string body;      // paragraphs separated by '\n'
    std::string date;      // "YYYY-MM-DD" or empty
    std::string place;     // dateline place, e.g. "TAŞKENT"
    std::string category;
    std::string source;    // agency or publication, e.g. "AA"
    std::string url;
    std::string author;
};

// The fields of an Article by name, in this order: the one list of them.
// JSON Lines input (--field OURS=THEIRS), the document data stored in the
// index and --json output name them so.
struct ArticleField {
    std::string_view name;
    std::string Article::*member;
};
inline constexpr std::array<ArticleField, 10> kArticleFields{{
    {"id", &Article::id},
    {"title", &Article::title},
    {"lead", &Article::lead},
    {"body", &Article::body},
    {"date", &Article::date},
    {"place", &Article::place},
    {"category", &Article::category},
    {"source", &Article::source},
    {"url", &Article::url},
    {"author", &Article::author},
}};

// The member called `name`; nullptr if there is none.
constexpr std::string Article::*article_member(std::string_view name) {
    for (const auto& f : kArticleFields)
        if (f.name == name) return f.member;
    return nullptr;
}

}  // namespace haber
