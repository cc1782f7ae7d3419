#include "analysis/analyzer.h"

#include "analysis/apostrophe.h"
#include "analysis/case_folder.h"
#include "analysis/stopwords.h"

namespace haber::analysis {

Analyzer::Analyzer(StemConfig config) : stemmer_(config) {}

std::string Analyzer::fold_word(std::string_view word) const {
    std::string lowered = turkish_lower(word);
    for (char& c : lowered)
        if (c == '`') c = '\'';
    return strip_apostrophe_suffix(lowered);
}

std::vector<AnalyzedToken> Analyzer::analyze(std::string_view normalized,
                                             std::uint32_t first_position) const {
    std::vector<Token> tokens = tokenizer_.tokenize(normalized, first_position);
    std::vector<AnalyzedToken> out;
    out.reserve(tokens.size());
    for (Token& t : tokens) {
        AnalyzedToken a;
        a.exact = strip_apostrophe_suffix(turkish_lower(t.text));
        if (a.exact.empty()) continue;
        a.stem = stemmer_.stem(a.exact);
        std::string ascii = ascii_fold(a.exact);
        if (stemmer_.config().strategy == StemStrategy::Lemma)
            // The fold of the Turkish root; a word written without Turkish
            // letters is looked up in the folded lexicon (cocugun → cocuk).
            a.ascii_stem = ascii == a.exact ? stemmer_.stem_ascii(ascii) : ascii_fold(a.stem);
        else
            a.ascii_stem = ascii == a.exact ? a.stem : stemmer_.stem(ascii);
        a.ascii_typed = is_ascii(t.text);
        a.stopword = is_stopword(a.exact) || (a.ascii_typed && is_ascii_stopword(ascii));
        a.position = t.position;
        a.begin = t.begin;
        a.end = t.end;
        a.kind = t.kind;
        a.surface = std::string(normalized.substr(t.begin, t.end - t.begin));
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace haber::analysis
