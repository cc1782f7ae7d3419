#include "search/exact_phrase.h"

#include <algorithm>
#include <utility>

#include "analysis/case_folder.h"

namespace haber::search {

namespace {

bool any_ascii(const std::vector<TypedPhrase>& phrases) {
    for (const auto& p : phrases)
        for (const auto& w : p.words)
            if (w.ascii) return true;
    return false;
}

}  // namespace

// One field of an article, lowercased and split: each word's form, its
// ASCII fold when some phrase word needs it, and its position.
struct ExactPhraseMatcher::Field {
    std::vector<analysis::Token> tokens;
    std::vector<std::string> folded;
};

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
    return p;
}

ExactPhraseMatcher::ExactPhraseMatcher(std::vector<TypedPhrase> phrases) {
    for (auto& p : phrases)
        if (p.words.size() >= 2) phrases_.push_back(std::move(p));
}

bool ExactPhraseMatcher::holds(const Field& f, const TypedPhrase& p) const {
    auto word_is = [&](std::size_t i, const TypedPhrase::Word& w) {
        return w.ascii ? f.folded[i] == w.form : f.tokens[i].text == w.form;
    };
    const std::size_t n = f.tokens.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (!word_is(i, p.words.front())) continue;
        const std::uint32_t start = f.tokens[i].position;
        std::size_t j = i;
        bool all = true;
        for (std::size_t k = 1; k < p.words.size() && all; ++k) {
            const std::uint32_t want = start + p.words[k].gap;
            while (j < n && f.tokens[j].position < want) ++j;
            all = j < n && f.tokens[j].position == want && word_is(j, p.words[k]);
        }
        if (all) return true;
    }
    return false;
}

std::size_t ExactPhraseMatcher::count(const Article& a) const {
    if (phrases_.empty()) return 0;
    const bool fold = any_ascii(phrases_);
    // A field is split only if it holds some phrase's first word at all.
    auto split = [&](const std::string& text, bool title) {
        Field f;
        std::string lowered = analysis::turkish_lower(text);
        std::string folded_text;
        bool candidate = false;
        for (const auto& p : phrases_) {
            if (p.title_only && !title) continue;
            const auto& first = p.words.front();
            if (first.ascii && folded_text.empty()) folded_text = analysis::ascii_fold(lowered);
            candidate = (first.ascii ? folded_text : lowered).find(first.form) != std::string::npos;
            if (candidate) break;
        }
        if (!candidate) return f;
        // Split lowercased, the tokenizer cannot tell a heading's line break
        // by the capital after it, so a phrase may run over one here that
        // the index's positions keep apart: only an article that matched
        // the phrase's stems elsewhere could gain by it.
        f.tokens = tokenizer_.tokenize(lowered);
        if (fold) {
            f.folded.reserve(f.tokens.size());
            for (const auto& t : f.tokens) f.folded.push_back(analysis::ascii_fold(t.text));
        }
        return f;
    };
    const Field title = split(a.title, true);
    std::vector<Field> rest;
    bool need_rest = std::any_of(phrases_.begin(), phrases_.end(), [](const auto& p) { return !p.title_only; });
    if (need_rest)
        for (const std::string* text : {&a.place, &a.lead, &a.body})
            if (!text->empty()) rest.push_back(split(*text, false));
    std::size_t found = 0;
    for (const auto& p : phrases_) {
        bool in = holds(title, p);
        if (!p.title_only)
            for (std::size_t i = 0; i < rest.size() && !in; ++i) in = holds(rest[i], p);
        if (in) ++found;
    }
    return found;
}

}  // namespace haber::search
