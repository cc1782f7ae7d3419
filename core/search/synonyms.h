// Synonyms and abbreviations for the query side: rules read from Solr-style
// text ("AB, Avrupa Birliği" both ways, "TCMB => Merkez Bankası" one way) —
// haber's shipped list, a user's file, or the rules a database stores — and
// an index that finds them among analysed query words, so inflected
// (AB'nin) and ASCII-typed (avrupa birligi) forms match.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"

namespace haber::search {

// Querying `from` also finds `to`. `origin` says where the rule came from
// ("shipped list", "database", a file name with its line).
struct SynonymRule {
    std::string from, to, origin;
};

// Rules as text, before analysis.
class SynonymList {
public:
    // Parses Solr-style lines: "a, b, c" (equivalent), "a, b => c, d" (one
    // way), '#' comments. A bad line is reported as "ORIGIN:LINE: reason" in
    // `problems` and skipped; the rest is kept. Returns the rules added.
    std::size_t parse(std::string_view text, const std::string& origin, std::vector<std::string>& problems);
    // parse() on a file's contents. Throws std::runtime_error if it cannot be read.
    std::size_t load_file(const std::string& path, std::vector<std::string>& problems);
    // The abbreviations shipped with haber (core/data/turkish-abbreviations.txt).
    static const SynonymList& shipped();

    // The rules stored in a database's synonym table (by store()); none for
    // a database without them. Across several databases, their union.
    void load_database(const Xapian::Database& db);
    // Replaces the rules stored in `db`'s synonym table by these (not
    // committed). Returns the number stored.
    std::size_t store(Xapian::WritableDatabase& db) const;

    void add(SynonymRule rule);
    void append(const SynonymList& other);
    const std::vector<SynonymRule>& rules() const { return rules_; }
    bool empty() const { return rules_.empty(); }

private:
    std::vector<SynonymRule> rules_;
};

// One alternative a query expression expands to.
struct SynonymExpansion {
    std::string text;                               // as written in the rule
    std::vector<analysis::AnalyzedToken> tokens;    // analysed
    std::string origin;
};

// SynonymList compiled for an analyser: rule sides become sequences of
// ASCII-folded stems, so a match does not depend on inflection, case or
// Turkish letters.
class SynonymIndex {
public:
    SynonymIndex() = default;
    SynonymIndex(const SynonymList& list, const analysis::Analyzer& analyzer);

    // The longest rule whose words are toks[at], toks[at+1], ...; nullptr if
    // none. `length` receives the number of tokens matched.
    const std::vector<SynonymExpansion>* longest_match(const std::vector<analysis::AnalyzedToken>& toks,
                                                       std::size_t at, std::size_t& length) const;
    // A rule matching exactly all of `toks`; nullptr if none.
    const std::vector<SynonymExpansion>* full_match(const std::vector<analysis::AnalyzedToken>& toks) const;

    std::size_t size() const { return map_.size(); }
    bool empty() const { return map_.empty(); }

    // The key a token contributes: its ASCII-folded stem.
    static std::string token_key(const analysis::AnalyzedToken& t);

private:
    std::map<std::string, std::vector<SynonymExpansion>, std::less<>> map_;
    std::size_t max_tokens_ = 0;
};

}  // namespace haber::search
