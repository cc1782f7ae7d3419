// "Did you mean": corrections for query words the archive does not know as
// typed, taken from the archive's own vocabulary.
//
// Promises:
//   - Never changes what is searched: it only proposes a query string, the
//     typed one with some words replaced, keeping operators, fields, phrases,
//     apostrophe suffixes (Kazakistn'da → Kazakistan'da), the words that were
//     fine, and each word's capitalisation (DISISLERI → DIŞİŞLERİ).
//   - Candidates are the exact word forms of the index (E terms) and their
//     document frequencies, read at search time: no index-time work, works on
//     every haber database (also ones built before this feature), follows
//     deletions and re-indexing by itself, and across several --db at once.
//   - Turkish-aware distance: a Turkish letter typed as its ASCII twin
//     (ç ğ ı ö ş ü as c g i o s u) costs nothing, and so does ı typed for i
//     (an I lowercased by Turkish rules), so "cumhurbaskni" is one
//     edit from "cumhurbaşkanı"; insertion, deletion, substitution and the
//     transposition of two neighbours cost one (at most 1 edit for words of up
//     to 4 letters, 2 above).
//   - A word is left alone if it occurs in the archive as typed, unless
//       * it was typed without (some of) its Turkish letters and the archive
//         spells it with them far more often (disisleri → dışişleri,
//         ıstanbul → istanbul), or
//       * the query found few results, the word is rare (an archive typo seen
//         once or twice) and a form one or two edits away is at least
//         `rare_ratio` times as frequent (Norvig's frequency ratio).
//   - A word that analyses to a term of the archive (its stem, ASCII stem
//     or, for a word the lexicon does not know, a root before a suffix) is
//     never replaced by another word, only given its Turkish letters —
//     unless it is rare as an archive typo and the query found few results
//     (the rule below).
//   - Numbers, stop words, words of under 3 or over 40 letters, prefix*
//     wildcards and the values of place:, category:, source:, id:, date: are
//     never corrected. Bad input (U+FFFD from invalid UTF-8, punctuation)
//     simply yields no suggestion.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "search/query.h"

namespace haber::search {

struct SuggestOptions {
    bool enabled = true;
    // Below this many matches a query counts as finding "few": rare words
    // then get corrections too (see the class comment).
    std::size_t few_results = 5;
    // A rare word (in at most `rare_max_freq` articles) is corrected when
    // the candidate is in `rare_ratio` times as many articles.
    Xapian::doccount rare_max_freq = 3;
    double rare_ratio = 20.0;
    // An ASCII-typed word gets the archive's Turkish spelling when that is in
    // `ascii_ratio` times as many articles as the ASCII form.
    double ascii_ratio = 3.0;
    // The same for a word typed with some Turkish letters (ıstanbul, from
    // ISTANBUL'DA: Turkish lowercasing makes I a dotless ı).
    double mixed_ratio = 10.0;
    // A correction must occur in at least this many articles (an archive's
    // own one-off typos are not offered).
    Xapian::doccount min_freq = 2;
    // Ranking: a candidate one more edit away must be this many times as
    // frequent to win (score = ln freq − edits × ln edit_cost). On kemik,
    // 30 → 81.5 % of typos corrected, 100 → 84.9 %, 1000 → 86.0 %
    // (benchmarks/RESULTS-suggest.md): in practice fewer edits first, then
    // frequency, as Xapian's own speller ranks.
    double edit_cost = 1000.0;
};

struct WordCorrection {
    std::size_t begin = 0, end = 0;  // bytes of ParsedQuery::text replaced
    std::string from;                // as typed there: "Kazakistn"
    std::string to;                  // in the typed word's case: "Kazakistan"
    unsigned edits = 0;              // Turkish letters typed in ASCII not counted
    Xapian::doccount from_freq = 0;  // articles with the typed form
    Xapian::doccount to_freq = 0;    // articles with the correction
};

struct Suggestion {
    std::string query;                     // ready to run; empty if no suggestion
    std::vector<WordCorrection> corrections;
    bool empty() const { return corrections.empty(); }
};

// One word's best correction (lowercase forms).
struct Correction {
    std::string word;
    unsigned edits = 0;
    Xapian::doccount freq = 0;       // articles with `word`
    Xapian::doccount typed_freq = 0; // articles with the typed form
};

class Suggester {
public:
    explicit Suggester(const Xapian::Database& db, SuggestOptions options = {})
        : db_(db), options_(options) {}

    // Corrections for the words of a parsed query; `few_results`: the query
    // matched fewer than SuggestOptions::few_results articles.
    Suggestion suggest(const ParsedQuery& parsed, bool few_results) const;

    // The best correction of one lowercased, apostrophe-free word form
    // (an AnalyzedToken::exact), or nullopt if it should be left alone.
    std::optional<Correction> correct(std::string_view exact, bool ascii_typed, bool few_results) const;

    // Every archive word within `max_edits` (Turkish-aware) of `word`, with
    // its distance and document frequency; for tests and the evaluation.
    std::vector<Correction> candidates(std::string_view word, unsigned max_edits) const;

private:
    // Articles holding the word as analysed: its stem, ASCII stem or (for a
    // word the lexicon does not know) a root before a suffix; 0 if none.
    Xapian::doccount archive_frequency(const QueryWord& w) const;
    const Xapian::Database& db_;
    SuggestOptions options_;
};

// `word` (lowercase) in the letter case of `typed`: all capitals, a capital
// first letter, or lowercase — Turkish rules (i → İ, ı → I).
std::string match_case(std::string_view word, std::string_view typed);

}  // namespace haber::search
