// Opens one or more haber databases read-only and runs parsed queries
// against them: BM25 ranking or date order, paging, exact-ish totals,
// Turkish-aware snippets.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "article.h"
#include "search/query.h"
#include "search/snippet.h"

namespace haber::search {

// Missing, unreadable, corrupt or non-haber database (haber-search exit 3).
class DatabaseError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class SortOrder { Relevance, DateDesc, DateAsc };
// "relevance", "date", "date-asc"; nullopt otherwise.
std::optional<SortOrder> parse_sort(std::string_view name);
std::string sort_name(SortOrder s);

struct SearchOptions {
    std::size_t offset = 0;
    std::size_t limit = 10;
    SortOrder sort = SortOrder::Relevance;
    bool any = false;          // default operator OR
    std::string from, to;      // date bounds
    std::size_t exact_count_up_to = 10000;  // check_at_least
    SnippetOptions snippet;
};

struct Hit {
    std::size_t rank = 0;        // 1-based, over the whole result list
    Xapian::docid docid = 0;
    double score = 0;
    int percent = 0;
    Article article;
    Snippet title;               // full title with highlights
    Snippet snippet;             // best window of lead+body
};

struct SearchResult {
    ParsedQuery parsed;
    std::size_t total = 0;       // matches estimated
    bool total_exact = false;    // lower bound == upper bound
    std::size_t offset = 0, limit = 0;
    double took_ms = 0;
    std::vector<Hit> hits;
};

class Searcher {
public:
    // Throws DatabaseError. Several paths are searched as one collection.
    explicit Searcher(const std::vector<std::string>& db_paths);
    explicit Searcher(const std::string& db_path) : Searcher(std::vector<std::string>{db_path}) {}

    // Throws QueryError for syntax errors, DatabaseError if the database
    // fails underneath. Reopens the database first (a running indexer's
    // commits become visible).
    SearchResult search(std::string_view query, const SearchOptions& options = {});
    ParsedQuery parse(std::string_view query, const SearchOptions& options = {}) const;

    std::optional<Article> article(std::string_view id);
    void reopen();
    Xapian::doccount doc_count() const { return db_.get_doccount(); }

    const analysis::Analyzer& analyzer() const { return *analyzer_; }
    const Xapian::Database& database() const { return db_; }
    const std::vector<std::string>& paths() const { return paths_; }

    // Lead and body as analysed for snippets (lead, blank line, body).
    static std::string snippet_text(const Article& a);

private:
    std::vector<std::string> paths_;
    Xapian::Database db_;
    std::unique_ptr<analysis::Analyzer> analyzer_;
};

// Opens and validates one database (used by Searcher and `--analyze --db`).
Xapian::Database open_database(const std::string& path);

}  // namespace haber::search
