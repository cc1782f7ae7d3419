// Whether an article holds a quoted phrase exactly as it was typed: the same
// words, in the same order, with the same endings. The phrase query itself
// matches stems ("merkez bankası" also finds "merkez bankasının"); this is
// what lets the Searcher rank the articles with the typed wording first
// (RankingOptions::phrase_rerank), as the user quoted it.
//
// Both sides are lowercased the Turkish way and split by the analysis
// chain's tokenizer, so apostrophes, hyphens and numbers split alike; a word
// typed without Turkish letters matches the text's ASCII fold (buyume holds
// for büyüme). Fields are checked one by one: a phrase never runs from the
// title into the lead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/tokenizer.h"
#include "article.h"

namespace haber::search {

// A phrase as typed, ready to look for.
struct TypedPhrase {
    struct Word {
        std::string form;        // lowercased as typed, apostrophe ending kept: "türkiye'nin"
        std::uint32_t gap = 0;   // positions after the phrase's first word
        bool ascii = false;      // typed without Turkish letters: compared with the text's ASCII fold
    };
    std::vector<Word> words;
    bool title_only = false;     // title:"…"; otherwise title, dateline, lead and body
    // The phrase's longest word ASCII-folded ("karari" for "faiz kararı"):
    // any text holding the phrase holds a spelling of it, a quick test
    // before the text is split.
    std::string needle;
};

// The phrase `text` (already normalised, as the query parser has it); empty
// words if it holds fewer than two words.
TypedPhrase typed_phrase(std::string_view text, bool title_only);

class ExactPhraseMatcher {
public:
    explicit ExactPhraseMatcher(std::vector<TypedPhrase> phrases);
    // How many of the phrases `a` holds exactly (stored articles are
    // normalised by the indexer).
    std::size_t count(const Article& a) const;
    // False if no text holding one of the phrases can be in `stored` (an
    // article's stored data, before it is decoded): count() would be 0.
    bool may_hold(std::string_view stored) const;
    bool empty() const { return phrases_.empty(); }
    std::size_t size() const { return phrases_.size(); }

private:
    bool in_text(std::string_view text, const TypedPhrase& p) const;
    bool holds(const std::vector<analysis::Token>& tokens, const TypedPhrase& p) const;
    std::vector<TypedPhrase> phrases_;
    analysis::Tokenizer tokenizer_;
};

}  // namespace haber::search
