#include "search/exact_phrase.h"

#include <algorithm>
#include <utility>

#include "analysis/case_folder.h"

namespace haber::search {

namespace {

// The longest word of the phrase, ASCII-folded (its longest ASCII run):
// any text that holds the phrase holds a spelling that folds to it.
std::string needle_of(const std::vector<TypedPhrase::Word>& words) {
    std::string best;
    for (const auto& w : words) {
        // Letters with no ASCII fold (ß, Cyrillic) end a run.
        std::string folded = analysis::ascii_fold(w.form);
        std::size_t i = 0;
        while (i < folded.size()) {
            std::size_t j = i;
            while (j < folded.size() && static_cast<unsigned char>(folded[j]) < 0x80) ++j;
            if (j - i > best.size()) best = folded.substr(i, j - i);
            i = j + 1;
        }
    }
    return best;
}

bool blank_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

TypedPhrase typed_phrase(std::string_view text, bool title_only) {
    TypedPhrase p;
    p.title_only = title_only;
    std::vector<analysis::Token> toks = analysis::Tokenizer().tokenize(analysis::turkish_lower(text));
    if (toks.size() < 2) return p;
    for (auto& t : toks) {
        TypedPhrase::Word w;
        w.gap = t.position - toks.front().position;
        w.ascii = analysis::is_ascii(t.text);
        w.form = std::move(t.text);
        p.words.push_back(std::move(w));
    }
    p.needle = needle_of(p.words);
    return p;
}

ExactPhraseMatcher::ExactPhraseMatcher(std::vector<TypedPhrase> phrases) {
    for (auto& p : phrases)
        if (p.words.size() >= 2) phrases_.push_back(std::move(p));
}

bool ExactPhraseMatcher::may_hold(std::string_view stored) const {
    return std::any_of(phrases_.begin(), phrases_.end(),
                       [&](const TypedPhrase& p) { return analysis::find_folded(stored, p.needle) != std::string_view::npos; });
}

bool ExactPhraseMatcher::holds(const std::vector<analysis::Token>& tokens, const TypedPhrase& p) const {
    // A word typed without Turkish letters matches the text's ASCII fold.
    auto word_is = [&](const analysis::Token& t, const TypedPhrase::Word& w) {
        return t.text == w.form || (w.ascii && !analysis::is_ascii(t.text) && analysis::folds_to(t.text, w.form));
    };
    const std::size_t n = tokens.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (!word_is(tokens[i], p.words.front())) continue;
        const std::uint32_t start = tokens[i].position;
        std::size_t j = i;
        bool all = true;
        for (std::size_t k = 1; k < p.words.size() && all; ++k) {
            const std::uint32_t want = start + p.words[k].gap;
            while (j < n && tokens[j].position < want) ++j;
            all = j < n && tokens[j].position == want && word_is(tokens[j], p.words[k]);
        }
        if (all) return true;
    }
    return false;
}

bool ExactPhraseMatcher::in_text(std::string_view text, const TypedPhrase& p) const {
    // Only the stretch around each place that may hold the phrase's longest
    // word is split: as far on either side as four times the typed phrase
    // (blanks between words may be more than one), out to a blank.
    std::size_t span = 32;
    for (const auto& w : p.words) span += 4 * (w.form.size() + 1);
    for (std::size_t at = analysis::find_folded(text, p.needle); at != std::string_view::npos;
         at = analysis::find_folded(text, p.needle, at + 1)) {
        std::size_t begin = at > span ? at - span : 0;
        std::size_t end = std::min(text.size(), at + p.needle.size() + span);
        while (begin > 0 && !blank_byte(text[begin - 1])) --begin;
        while (end < text.size() && !blank_byte(text[end])) ++end;
        // Split lowercased, the tokenizer cannot tell a heading's line break
        // by the capital after it, so a phrase may run over one here that
        // the index's positions keep apart: only an article that matched
        // the phrase's stems elsewhere could gain by it.
        if (holds(tokenizer_.tokenize(analysis::turkish_lower(text.substr(begin, end - begin))), p)) return true;
    }
    return false;
}

std::size_t ExactPhraseMatcher::count(const Article& a) const {
    std::size_t found = 0;
    for (const auto& p : phrases_) {
        bool in = in_text(a.title, p);
        if (!p.title_only)
            for (const std::string* text : {&a.place, &a.lead, &a.body})
                if (!in) in = in_text(*text, p);
        if (in) ++found;
    }
    return found;
}

}  // namespace haber::search
