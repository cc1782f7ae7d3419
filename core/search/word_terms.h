// The index terms one typed word stands for in one field, as one weighted
// query word: its stem; typed without Turkish letters, also the stems of the
// Turkish words it may stand for; for a word the lexicon does not know (a
// name: obamaya, gazzede, putinle), the forms the archive itself writes —
// the root before a suffix (obama) and the root's suffixed forms (obamanın).
// Several terms are joined with Xapian's OP_SYNONYM, so BM25 sees one word
// whose frequency is the sum of its variants': a word counts once however
// many spellings it has.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"

namespace haber::search {

struct WordTerms {
    Xapian::Query query;              // one term, or OP_SYNONYM of several
    Xapian::Query positional;         // the same terms for phrases and NEAR (OP_OR:
                                      //   Xapian 1.4 takes no OP_SYNONYM there)
    std::set<std::string> stems;      // stems reached, for highlighting
    std::set<std::string> ascii_stems;// ASCII-folded stems reached (a token's ascii_stem)
    std::vector<std::string> archive; // stems found only through the archive (notes)
};

class WordTermBuilder {
public:
    // `vocabulary`: the database whose terms confirm archive forms and whose
    // fold table (index/schema.h) gives the Turkish stems of an ASCII fold;
    // nullptr: neither (a word typed without Turkish letters is its stem).
    WordTermBuilder(const analysis::Analyzer& analyzer, const Xapian::Database* vocabulary)
        : an_(analyzer), db_(vocabulary) {}

    // The terms of `t` with `prefix` (the text's Z, the title's S).
    // `keyword`: a free-standing word (not part of a phrase): prefix
    // strategies widen short stems, the lemma strategy adds archive forms.
    WordTerms build(const analysis::AnalyzedToken& t, std::string_view prefix, bool keyword) const;

    // At most this many suffixed archive forms join a word.
    static constexpr std::size_t kMaxArchiveForms = 24;

private:
    // The stems that fold to `ascii` (and differ from it), as terms; those
    // that can take `suffix` (the rest of the typed word after `ascii`, by
    // vowel harmony: Lemmatizer::suffix_agrees) if it is given.
    void unfold(const std::string& ascii, std::string_view prefix, WordTerms& out, std::vector<std::string>& terms,
                std::optional<std::string_view> suffix = std::nullopt) const;
    // The archive's forms of an unknown word: text stems, or with `folded`
    // the fold table's keys (stems typed without Turkish letters).
    void archive_forms(const std::string& word, std::string_view prefix, bool folded, WordTerms& out,
                       std::vector<std::string>& terms) const;
    const analysis::Analyzer& an_;
    const Xapian::Database* db_;
};

}  // namespace haber::search
