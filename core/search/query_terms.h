// Term building for the query parser (search/query.h): one item of a query
// — a lexeme, or a chain of them joined by NEAR — becomes a Xapian query over
// the index schema (index/schema.h), with every text term from the analyser
// the indexer used. A word is one weighted word (search/word_terms.h: stems,
// Turkish spellings of ASCII-typed words, archive forms), a phrase or a
// compound its terms in order, =word its exact forms, prefix* a wildcard per
// Turkish spelling, place:/category:/source:/id:/date: boolean filters; a word
// or phrase that matches a synonym rule also finds the rule's alternatives.
// As it builds, it records in the ParsedQuery what to highlight, one note per
// item (the --explain text), the synonyms applied and the words typed.
// How items combine (AND, OR, NOT, the default operator) is the grammar's, in
// search/query.cpp. Internal to the query parser.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "search/query.h"
#include "search/query_lexer.h"
#include "search/synonyms.h"

namespace haber::search::detail {

enum class Fields { Both, Title, Body };

// What one item (or a group of them) contributes to the query.
struct Part {
    Xapian::Query q;         // empty: nothing to search (dropped stop words)
    bool boolean = false;    // a filter only (keywords, dates, ids): no ranking
    std::string group;       // for filters: field name (same-field filters are ORed)
    Xapian::Query near;      // a plain word: its terms without synonyms, for proximity
};

// `q` as a filter that adds no weight.
Xapian::Query unweighted(const Xapian::Query& q);
// The non-empty queries of `qs` joined by `op`; one alone as it is; empty if none.
Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& qs);
// s in double quotes, for notes.
std::string quoted(std::string_view s);
// The articles dated between the date bounds lo and hi ("YYYYMMDD"; one may be
// empty: open).
Xapian::Query date_range(const std::string& lo, const std::string& hi);

class TermBuilder {
public:
    TermBuilder(const analysis::Analyzer& analyzer, const ParseOptions& options, ParsedQuery& out)
        : an_(analyzer), opt_(options), out_(out) {}

    // >0 while an excluded item is built: nothing is highlighted or listed as
    // a synonym applied, and notes start with "excluded: ".
    int negation = 0;
    // Plain stop words are searched too (the query has nothing else).
    bool keep_stopwords = false;

    // Throws QueryError at byte `pos` of the query text.
    [[noreturn]] void error(const std::string& reason, std::size_t pos) const;
    // Adds a line to ParsedQuery::notes.
    void note(const std::string& s);
    // Remembers where the free-text words of `l` are (for spelling suggestions).
    void record_words(const Lexeme& l, const std::vector<analysis::AnalyzedToken>& toks);

    // One word, phrase, wildcard or field filter.
    Part single_item(const Lexeme& l);
    // Words and phrases joined by NEAR, within `distance` words.
    Part near_item(const std::vector<Lexeme>& chain, unsigned distance);

    // One analysed word in title and body (Both) or in one of them.
    Xapian::Query word_query(const analysis::AnalyzedToken& t, Fields f);
    // `original` OR each alternative (a word, or a phrase of several); for
    // one typed word, as one weighted word (OP_SYNONYM).
    Xapian::Query with_synonyms(const Xapian::Query& original, const std::vector<SynonymExpansion>& alternatives,
                                const std::string& typed, Fields f, bool one_word = false);

private:
    const analysis::Analyzer& an_;
    const ParseOptions& opt_;
    ParsedQuery& out_;
    std::set<std::string> archive_noted_;  // words whose archive forms have a note
    Xapian::Query last_positional_;        // the positional form of the last word built

    Xapian::Query with_synonyms(const Xapian::Query& original, const std::vector<analysis::AnalyzedToken>& toks,
                                const std::string& typed, Fields f);
    Xapian::Query field_sub(const analysis::AnalyzedToken& t, std::string_view prefix, bool keyword = false,
                            bool positional = false);
    void highlight(const analysis::AnalyzedToken& t);
    Xapian::Query positional(Xapian::Query::op op, const std::vector<analysis::AnalyzedToken>& toks, Fields f,
                             Xapian::termcount window);
    Xapian::Query phrase_query(const std::vector<analysis::AnalyzedToken>& toks, Fields f);
    // The kinds of single_item.
    Part keyword_item(const Lexeme& l);  // place: category: source:
    Part id_item(const Lexeme& l);
    Part date_item(const Lexeme& l);
    Part wildcard_item(const Lexeme& l);
    Part exact_item(const Lexeme& l, const std::vector<analysis::AnalyzedToken>& toks, Fields f);  // =word
    Part phrase_item(const Lexeme& l, const std::vector<analysis::AnalyzedToken>& toks, Fields f);
    Part word_item(const Lexeme& l, const std::vector<analysis::AnalyzedToken>& toks, Fields f);  // one token
};

}  // namespace haber::search::detail
