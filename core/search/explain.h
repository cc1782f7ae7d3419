// Why a hit scored what it did: the ranking score taken apart into the
// weighted parts of the query that match the document, each weighed by
// Xapian itself (the same BM25Weight, the same query subtree, the same
// OP_SCALE_WEIGHT factors as the ranking), so that the parts add up to the
// score. For each part, the BM25 statistics Xapian used: wdf (summed over the
// variant terms of a word, as OP_SYNONYM does), document frequency (for a
// word of several variants, Xapian's estimate for their OP_SYNONYM),
// document length and the collection's average; and which variant terms of
// the word the document holds.
//
// How the query is taken apart: OR, AND, AND_MAYBE add the weights of their
// matching subqueries, FILTER and AND_NOT weigh only their left side,
// SCALE_WEIGHT multiplies; a word (one term or the OP_SYNONYM of its
// variants), a phrase, a NEAR, a prefix* and the recency boost are parts.
// So the coordination bonus (every word present, ×0.25) and the exact-form
// bonus of a phrase show as parts of their own.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/searcher.h"

namespace haber::search {

struct ScorePart {
    std::string kind;     // "word", "phrase", "near", "prefix", "recency", "other"
    std::string label;    // the query word(s) as typed where known, else the stems
    std::string field;    // "text" (title, lead, body, place), "title", "exact form", or ""
    std::string role;     // "" for the word's own weight; "every word present", "exact typed forms",
                          //   "words near each other", "scaled" for a bonus
    double factor = 1.0;  // product of the OP_SCALE_WEIGHT factors above the part
    double weight = 0;    // Xapian's weight of the part for this document, factor included

    struct Variant {
        std::string term;  // the index term
        std::string form;  // the term without its field prefix
        Xapian::termcount wdf = 0;
        bool folded = false;  // an ASCII-folded term (ozbekistan for Özbekistan)
    };
    std::vector<Variant> matched;  // the part's terms that the document holds

    // BM25 statistics as Xapian's weighting saw them (has_bm25 false for a
    // recency boost, or when they could not be read, e.g. remote shards).
    bool has_bm25 = false;
    Xapian::termcount wdf = 0;      // summed over the matched variants (OP_SYNONYM)
    Xapian::doccount termfreq = 0;  // document frequency (an estimate for an OP_SYNONYM)
    double idf = 0;                 // log of Xapian's BM25 term weight ratio
    double tf = 0;                  // (k1+1)·wdf / (k1·((1-b) + b·len/avg) + wdf)
    // For a phrase or NEAR: one line of statistics per term it weighs.
    struct TermStats {
        Xapian::doccount termfreq = 0;
        Xapian::termcount wdf = 0;
        double idf = 0, tf = 0, weight = 0;
    };
    std::vector<TermStats> terms;
};

struct Explanation {
    Xapian::docid docid = 0;
    double score = 0;       // the ranking score (Hit::score)
    double sum = 0;         // the parts' weights added in order
    Xapian::termcount doc_length = 0;
    double average_length = 0;
    Xapian::doccount doc_count = 0;
    double k1 = 0, b = 0;
    std::vector<ScorePart> parts;
};

// The parts of `hit`'s score in `result` (a Searcher::search or related
// result: result.scored is the query it ranked by), weighed on `db` with the
// ranking options it ran with. Throws DatabaseError if the database fails.
Explanation explain_hit(const Xapian::Database& db, const SearchResult& result, const Hit& hit,
                        const RankingOptions& ranking);

}  // namespace haber::search
