// Opens one or more haber databases read-only and runs parsed queries
// against them: BM25 ranking or date order, paging, exact-ish totals,
// Turkish-aware snippets.
#pragma once

#include <chrono>
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
#include "search/synonyms.h"
#include "search/suggester.h"

namespace haber::search {

// Missing, unreadable, corrupt or non-haber database (haber-search exit 3).
class DatabaseError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Relevance: BM25. Recency: BM25 plus a bounded boost for newer stories (see
// RecencyOptions). DateDesc/DateAsc: by date, then relevance.
enum class SortOrder { Relevance, DateDesc, DateAsc, Recency };
// "relevance", "date", "date-asc", "recency"; nullopt otherwise.
std::optional<SortOrder> parse_sort(std::string_view name);
std::string sort_name(SortOrder s);

// Ranking by relevance and recency (SortOrder::Recency):
//
//   score = bm25 + w * top * 2^(-age_days / half_life_days)
//
// bm25 is the document's BM25 score for the query, top the best BM25 score
// any document reaches for it (so that for the leading documents, whose bm25
// is near top, this is bm25 * (1 + w * 2^(-age/half_life))), age_days the
// days between the article's date and the newest article date in the
// database (not the wall clock). Undated articles get no boost. The boost is
// a Xapian::PostingSource joined to the query with OP_AND_MAYBE: additive and
// never more than w * top. A query with no weighted words (only filters)
// has top = 0; then the boost alone ranks, newest first.
struct RecencyOptions {
    double weight = 0.5;             // w
    double half_life_days = 365.0;   // the boost halves every this many days
};

// The boost of RecencyOptions as a Xapian PostingSource over the date slot
// ("YYYYMMDD"): max_weight * 2^(-(newest - date) / half_life_days); documents
// without a date are not in its posting list.
class RecencyPostingSource : public Xapian::ValuePostingSource {
public:
    RecencyPostingSource(Xapian::valueno slot, std::string newest_yyyymmdd, double half_life_days,
                         double max_weight);
    double get_weight() const override;
    RecencyPostingSource* clone() const override;
    std::string name() const override { return "haber::RecencyPostingSource"; }
    std::string get_description() const override;
    void init(const Xapian::Database& db) override;
    // Days since 1970-01-01 for "YYYYMMDD"; nullopt if not a valid date.
    static std::optional<long> day_number(std::string_view yyyymmdd);
private:
    std::string newest_;
    long newest_day_ = 0;
    double half_life_, max_weight_;
};

// Facets: exact counts over the whole result set.
struct FacetValue {
    std::string value;   // "2022", "2022-01", or the field value as displayed
    std::size_t count = 0;
};
struct Facet {
    std::string name;    // "year", "month", "category", "place", "source"
    std::string field;   // the query field that narrows by it: "date", "category", ...
    std::vector<FacetValue> values;  // top values, most frequent first (ties by value)
    std::size_t distinct = 0;        // distinct values in the result set
};
// The query-language filter that selects a facet value: date:2022,
// category:ekonomi, place:"new york".
std::string facet_filter(const Facet& facet, const FacetValue& value);

// How a query is matched and ranked. The defaults were chosen on the
// development half of benchmarks/queries/known-item.tsv through
// haber-known-item (benchmarks/RESULTS-retrieval.md); the held-out half
// only reports them.
struct RankingOptions {
    // BM25 (Xapian::BM25Weight): k1 saturates a word's frequency in an
    // article, b normalises by the article's length.
    double k1 = 1.2;
    double b = 0.75;
    // Default AND: when no article has every word of a plain query, search
    // again with any word (SearchResult::relaxed).
    bool relax = true;
    // Neighbouring query words found within 8 positions of each other add
    // this much of their weight again (ParseOptions::proximity).
    double proximity = 0;
    // Plain words joined by the default AND: how many may be missing from an
    // article (0: every word required), and how much an article with every
    // word gains (ParseOptions::slack, coordination). Any may be missing:
    // "up to two" excluded the target whenever three words of a longer
    // query were not in its text. Dev headline half 0.611 -> 0.618; 3,000
    // more kemik headlines, none of the evaluation's, 0.566 -> 0.575 (paired
    // 95 % interval +0.0055 to +0.0127); dev keywords unchanged
    // (RESULTS-retrieval.md, session 7). Queries of up to three words
    // matched this way already.
    unsigned slack = kAnyWordMayBeMissing;
    double coordination = 0.25;
    // An article holding a plain word in exactly the typed form gains this
    // much of that form's weight (ParseOptions::exact); one holding a
    // phrase's words in exactly the typed forms, `phrase_exact` of theirs.
    double exact = 0;
    double phrase_exact = 1.0;
    // Ranked by relevance (or recency), a query with quoted phrases: among
    // its first `phrase_rerank` matches, the articles holding more of the
    // phrases exactly as typed (search/exact_phrase.h) come first, each
    // group in score order. 0: off. Pages past it keep the score order.
    std::size_t phrase_rerank = 50;
};

// Every plain word required (haber-search --all, haber-bench --match all):
// none may be missing, and a query no article fully matches finds nothing
// instead of being searched again with any word. The AND of Lucene's and
// Xapian's query parsers.
inline void require_every_word(RankingOptions& ranking) {
    ranking.slack = 0;
    ranking.relax = false;
}

struct SearchOptions {
    std::size_t offset = 0;
    std::size_t limit = 10;
    SortOrder sort = SortOrder::Relevance;
    bool any = false;          // default operator OR
    RankingOptions ranking;
    std::string from, to;      // date bounds
    std::size_t exact_count_up_to = 10000;  // check_at_least
    RecencyOptions recency;    // for SortOrder::Recency
    std::size_t facets = 0;    // top values per facet; 0: no facets
    bool synonyms = true;      // expand abbreviations and synonyms (see Searcher::synonyms)
    // Story versions (index/versions.h): true shows each story once, by its
    // best-ranked version (Xapian's collapse on the group slot), as
    // haber-search does unless --all-versions. Off by default so that
    // evaluations and benchmarks see every article.
    bool collapse_versions = false;
    SnippetOptions snippet;
    // "Did you mean" (suggest.enabled = false: none); the query always runs
    // as typed, the suggestion is only offered.
    SuggestOptions suggest;
};

// How many first matches a query's quoted phrases re-rank under `options`
// (RankingOptions::phrase_rerank): 0 when off or sorted by date.
std::size_t phrase_rerank_window(const SearchOptions& options);

struct Hit {
    std::size_t rank = 0;        // 1-based, over the whole result list
    Xapian::docid docid = 0;
    double score = 0;
    int percent = 0;
    Article article;
    Snippet title;               // full title with highlights
    Snippet snippet;             // best window of lead+body
    std::string group;           // key of the story's version group; "" if it has no other version
    std::size_t versions = 0;    // other versions of this story in the archive (matching or not)
    std::size_t collapsed = 0;   // other matching versions hidden under this hit (a lower bound
                                 //   unless every match was checked); 0 without collapse_versions
};

struct SearchResult {
    ParsedQuery parsed;
    // The query the ranking ran: parsed.query, with the recency boost joined
    // for SortOrder::Recency (search/explain.h takes its scores apart).
    Xapian::Query scored;
    std::size_t total = 0;       // matches (stories when collapsed): exact when total_exact,
    bool total_exact = false;    //   else Xapian's estimate (past SearchOptions::exact_count_up_to)
    // Articles matched, every version counted (== total unless versions were
    // collapsed): exact when articles_exact (whenever total is exact, and
    // with facets), otherwise Xapian's estimate.
    std::size_t articles = 0;
    bool articles_exact = false;
    std::size_t offset = 0, limit = 0;
    double took_ms = 0;
    std::vector<Hit> hits;
    bool has_facets = false;     // facets were asked for
    std::vector<Facet> facets;   // year, month, category, place, source (in this order)
    Suggestion suggestion;       // "did you mean"; empty if none
    // No article has every word of a plain query: these are the articles
    // with most of them, best (most words, rarest words) first.
    bool relaxed = false;
    // What the user should know about how the search ran, one sentence each:
    // "foo:" is not a field; the archive has no dates for a date filter or
    // order. haber-search prints them on stderr and in --json "notices".
    std::vector<std::string> notices;
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
    // Articles like the one with this id ("more like this"): a query of the
    // terms that best tell it apart (Xapian's relevance feedback, ESet over
    // its title and body stems), the article itself excluded. nullopt if
    // there is no article with this id. Throws DatabaseError.
    std::optional<SearchResult> related(std::string_view id, const SearchOptions& options = {});
    // Every version of the story of the article with this id, itself included,
    // oldest first (undated last, then by id); nullopt if there is no such article.
    std::optional<std::vector<Article>> versions(std::string_view id);
    void reopen();

    // Synonym rules in force: haber's shipped abbreviations, the rules stored
    // in the database (haber-index --synonyms) and those added here (a user
    // file at search time).
    void add_synonyms(const SynonymList& rules);
    const SynonymList& synonym_rules() const { return synonym_rules_; }
    const SynonymIndex& synonyms() const { return synonyms_; }
    Xapian::doccount doc_count() const { return db_.get_doccount(); }

    const analysis::Analyzer& analyzer() const { return *analyzer_; }
    const Xapian::Database& database() const { return db_; }
    const std::vector<std::string>& paths() const { return paths_; }

    // Lead and body as analysed for snippets (lead, blank line, body).
    static std::string snippet_text(const Article& a);
    // Which of `mset`'s matches make the page (options.offset, limit), in
    // order: when `rerank`, the mset starts at the first match and its
    // first RankingOptions::phrase_rerank matches are re-ranked by the
    // quoted `phrases` they hold as typed; otherwise the mset is the page.
    // Articles read on the way are left in `articles` (mset.size() long).
    // Public for haber-bench, which times the engine without the rest of
    // search().
    static std::vector<Xapian::doccount> page_order(const Xapian::MSet& mset, const std::vector<TypedPhrase>& phrases,
                                                    const SearchOptions& options, bool rerank,
                                                    std::vector<std::optional<Article>>& articles);

private:
    void load_synonyms();
    // Runs a parsed query on the database as the caller last reopened it
    // (reopened and retried if it changes underneath); took_ms counts from t0.
    SearchResult execute(ParsedQuery parsed, const SearchOptions& options,
                         std::chrono::steady_clock::time_point t0);
    // SearchResult::notices: the query's warnings, and date filters or date
    // orders asked of an archive without dates.
    void add_notices(SearchResult& r, const SearchOptions& options) const;
    // At least one article matches (retried if the database changes).
    bool has_match(const Xapian::Query& query);

    std::vector<std::string> paths_;
    Xapian::Database db_;
    std::unique_ptr<analysis::Analyzer> analyzer_;
    SynonymList user_synonyms_;   // added by add_synonyms()
    SynonymList synonym_rules_;   // shipped + database + user
    SynonymIndex synonyms_;
};

// Opens and validates one database (used by Searcher and `--analyze --db`).
Xapian::Database open_database(const std::string& path);

}  // namespace haber::search
