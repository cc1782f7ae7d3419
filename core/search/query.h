// The haber query language: a recursive-descent parser that turns what a user
// types into a Xapian::Query mirroring the index schema (core/index/schema.h).
// Every text term comes from the same Analyzer the indexer used.
//
//   words            özbekistan bakan        (default AND; ParseOptions::any → OR)
//   boolean          a AND b, a OR b, a NOT b, a AND NOT b, NOT a, ( ... )
//   required/excl.   +word  -word  +"phrase"  -"phrase"
//   phrase           "bakanların toplantısı"  (stems, so inflected forms match)
//   exact form       =word  ="exact phrase"
//   proximity        a NEAR b (within 10 words), a NEAR/5 b
//   prefix           özbek*  ozbek* (ASCII-typed: c g i o s u also match ç ğ ı ö ş ü)
//   fields           title: body: place: category: source: id: date:
//   dates            date:2022  date:2022-03  date:2022-01-01..2022-06-30  date:2022..  date:..2021-06
//   synonyms         AB ↔ "Avrupa Birliği" (ParseOptions::synonyms; not for =exact)
//
// This header is the parser's public entry. Inside: search/query_lexer.h cuts
// the text into lexemes, search/query.cpp holds the grammar, and
// search/query_terms.h builds each item's terms; search/term_matcher.h is
// what to highlight.
#pragma once

#include <cstddef>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "search/exact_phrase.h"
#include "search/synonyms.h"
#include "search/term_matcher.h"

namespace haber::search {

// A syntax error in a query. `position` is a byte offset into the (normalised)
// query text, `column` the 1-based column in code points.
class QueryError : public std::runtime_error {
public:
    QueryError(std::string reason, std::string query, std::size_t position);
    const std::string& reason() const { return reason_; }
    const std::string& query() const { return query_; }
    std::size_t position() const { return position_; }
    std::size_t column() const { return column_; }
    // "query error: unclosed quote at column 7\n  özbek \"taş\n        ^"
    std::string render() const;
private:
    std::string reason_, query_;
    std::size_t position_, column_;
};

// Limits on what one query may ask for, so that no input can exhaust the
// stack or take seconds to parse and run (haber-search exit 2 when exceeded):
// a query of at most 4 KiB of text, 64 words (words of phrases and field
// values included; operators and parentheses are not words) and parentheses
// nested at most 32 deep. Real queries are far below them: kemik-42bin's
// longest headline is 14 words and 100 bytes, a median lead 20 words; 64
// words keep the worst case (every word an ASCII-typed, widened keyword with
// --any) fast. 4 KiB holds 64 long words with fields and operators.
inline constexpr std::size_t kMaxQueryBytes = 4096;
inline constexpr std::size_t kMaxQueryWords = 64;
inline constexpr std::size_t kMaxQueryDepth = 32;
// A prefix* needs this many letters: Xapian enumerates every word with the
// prefix to pick the most frequent, and a one-letter prefix is a twentieth
// of the vocabulary (each took 0.07-0.17 s on kemik-42bin, 64 of them 3 s).
inline constexpr std::size_t kMinWildcardLetters = 2;
// Terms all the prefix* patterns of a query may expand to together (each
// pattern and each of its Turkish spellings gets an equal share, at most
// ParseOptions::wildcard_limit): one `si*` keeps its 4 x 500.
inline constexpr std::size_t kMaxWildcardTerms = 2000;

// ParseOptions::slack that lets any of a query's plain words be missing:
// an article needs one of them, and the ranking (every word counts, those
// with all of them first) does the rest.
inline constexpr unsigned kAnyWordMayBeMissing = std::numeric_limits<unsigned>::max();

struct ParseOptions {
    bool any = false;     // default operator OR instead of AND
    std::string from;     // date filter bounds ("2022", "2022-03", "2022-03-01"); empty = open
    std::string to;
    unsigned wildcard_limit = 500;  // expansion limit per wildcard pattern
    unsigned near_distance = 10;    // NEAR without /n
    // Words, runs of plain words and phrases that match a rule also find the
    // rule's alternatives (OR). nullptr: no expansion.
    const SynonymIndex* synonyms = nullptr;
    // The archive, whose own word forms widen words the lexicon does not
    // know (search/word_terms.h). nullptr: no archive forms.
    const Xapian::Database* vocabulary = nullptr;
    // Weight of the boost for neighbouring query words found near each other
    // (0: none). See SearchOptions::ranking.
    double proximity = 0;
    // Default AND over plain words: this many may be missing (0: all
    // required; kAnyWordMayBeMissing: none required), and an article with
    // every word gains `coordination` times its weight. See
    // SearchOptions::ranking.
    unsigned slack = 0;
    double coordination = 0;
    // Weight of a plain word's exact typed form (E term) as a boost, and of a
    // phrase's exact typed forms (0: none).
    double exact = 0;
    double phrase_exact = 0;
    // How many first matches the Searcher re-ranks by quoted phrases typed
    // exactly (RankingOptions::phrase_rerank): for the notes only.
    std::size_t phrase_rerank = 0;
};

// A word of free text in the query (not an operator, a field filter value
// like place:/id:/date:, or a prefix*), where the user typed it: what a
// spelling suggestion may replace without touching the query's structure.
struct QueryWord {
    std::size_t begin = 0, end = 0;  // byte span in ParsedQuery::text (the token's surface)
    std::string surface;             // as typed: "Kazakistn'da"
    std::string exact;               // lowercased, apostrophe suffix removed: "kazakistn"
    std::string stem, ascii_stem;    // as analysed (analysis/analyzer.h)
    bool ascii_typed = false;        // no letter outside ASCII
    bool number = false;
    bool stopword = false;
    bool exact_form = false;         // =word: matched only in this exact form
};

struct ParsedQuery {
    std::string text;               // the normalised query text
    Xapian::Query query;            // empty query (MatchNothing) if nothing searchable
    TermMatcher highlight;          // terms to highlight in results
    std::vector<std::string> notes; // human-readable explanation, one line each
    std::vector<std::string> dropped_stopwords;
    // Synonym expansions applied, one per expanded word or phrase.
    struct Expansion {
        std::string typed;                      // as the user typed it
        std::vector<std::string> alternatives;  // what it also matched, as written in the rules
    };
    std::vector<Expansion> synonyms;
    bool has_filters = false;
    bool date_filter = false;        // date: in the query, or --from/--to
    // What the user may not have meant, for a notice ("foo:" is not a field,
    // so foo:bar searched the words foo and bar).
    std::vector<std::string> warnings;
    std::vector<QueryWord> words;   // free-text words in the order typed
    // Two or more words joined only by the default AND (no operators, no
    // +word, no parentheses): if no article has every word, the search may
    // run again with any word (Searcher: relaxed).
    bool relaxable = false;
    // The quoted phrases searched for (not excluded), as typed: the Searcher
    // ranks the articles holding them in exactly these words first.
    std::vector<TypedPhrase> phrases;

    bool empty() const { return query.empty(); }
    // How the query was understood (notes) plus Xapian's get_description().
    std::string describe() const;
};

class QueryParser {
public:
    explicit QueryParser(const analysis::Analyzer& analyzer) : analyzer_(analyzer) {}
    // Throws QueryError on syntax errors.
    ParsedQuery parse(std::string_view text, const ParseOptions& options = {}) const;
private:
    const analysis::Analyzer& analyzer_;
};

// A date bound → "YYYYMMDD"; `upper` completes partial dates to the end of the
// year/month. Returns "" if `date` is not YYYY, YYYY-MM or YYYY-MM-DD.
std::string date_bound(std::string_view date, bool upper);

}  // namespace haber::search
