// haber-search's command line: every option, its default, and how the query
// words are put back together (CLI11, with --db and "-word" handled first).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "render.h"
#include "search/searcher.h"

namespace haber::cli {

inline constexpr const char* kSearchProgram = "haber-search";

struct SearchCli {
    std::vector<std::string> dbs;       // --db, repeatable; empty: the default database
    std::string query;                  // the words joined by spaces, trimmed
    bool query_given = false;           // QUERY words were on the command line (even blank ones)
    bool json = false, any = false, all_words = false, explain = false, interactive = false, count_only = false;
    std::size_t limit = 10, offset = 0;
    search::SortOrder sort = search::SortOrder::Relevance;
    std::string from, to;
    ColorMode color = ColorMode::Auto;
    std::optional<std::string> analyze;  // --analyze TEXT
    std::string show, related, versions_of;
    bool facets = false;
    std::size_t facet_limit = 10;
    search::RecencyOptions recency;
    std::vector<std::string> synonym_files;
    bool no_synonyms = false, list_synonyms = false;
    bool no_suggest = false;
    std::size_t suggest_below = search::SuggestOptions{}.few_results;
    bool all_versions = false;

    // The SearchOptions these options ask for.
    search::SearchOptions search_options() const;
};

// Parses argv into `out`. Returns an exit status when the program should
// stop here (--help, --version: 0; a usage error, already reported: 2),
// nullopt to go on.
std::optional<int> parse_search_cli(int argc, char** argv, SearchCli& out);

}  // namespace haber::cli
