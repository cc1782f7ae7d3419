// What a document token must look like to be highlighted for a query: the
// query parser (search/query.h) fills a TermMatcher with the stems, exact
// forms and prefixes it searched, and snippets and highlighting ask it, token
// by token, which query term a token matches. Nothing here reads the index.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "analysis/analyzer.h"

namespace haber::search {

// What a document token must look like to be highlighted for a query.
struct TermMatcher {
    std::set<std::string> stems;          // token.stem ∈ stems
    std::set<std::string> ascii_stems;    // token.ascii_stem ∈ ascii_stems (ASCII-typed words)
    std::set<std::string> exacts;         // token.exact ∈ exacts (=word)
    std::vector<std::string> prefixes;    // token.exact starts with one (wildcards)

    bool empty() const {
        return stems.empty() && ascii_stems.empty() && exacts.empty() && prefixes.empty();
    }
    // The query term a token matches ("" if none); distinct keys count
    // distinct matched query terms when choosing a snippet window.
    std::string match(const analysis::AnalyzedToken& token) const;
    bool matches(const analysis::AnalyzedToken& token) const { return !match(token).empty(); }
};

}  // namespace haber::search
