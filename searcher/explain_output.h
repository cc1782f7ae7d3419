// --explain per hit, as text under each hit and as JSON (search/explain.h
// computes the parts).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render.h"
#include "search/explain.h"

namespace haber::cli {

// "score 10.8523 = sum of 4 parts (document length 412, average 380.2; BM25 k1 1.2, b 0.75)"
// then one line a part: weight, what, field, BM25 statistics, the variants matched.
std::string render_explanation(const search::Explanation& e, const Style& style, std::size_t indent);

// {"score","sum","document_length","average_length","articles","k1","b",
//  "parts":[{"kind","label","field","role","factor","weight","wdf","df","idf","tf",
//            "matched":[{"term","form","wdf"}],"terms":[...]}]}
nlohmann::json explanation_json(const search::Explanation& e);

// The explanation of every hit of `result`, in order.
std::vector<search::Explanation> explain_hits(const search::Searcher& searcher, const search::SearchResult& result,
                                              const search::RankingOptions& ranking);

}  // namespace haber::cli
