#include "search/snippet.h"

#include <algorithm>
#include <set>

#include "analysis/utf8.h"

namespace haber::search {

namespace {

std::size_t codepoints(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// True if the text between two tokens ends a sentence.
bool sentence_break(std::string_view between) {
    return between.find_first_of(".!?\n") != std::string_view::npos;
}

struct Marked {
    const analysis::AnalyzedToken* tok;
    std::string key;  // matched query term, "" if none
};

}  // namespace

Snippet highlight_all(const analysis::Analyzer& analyzer, std::string_view text, const TermMatcher& terms) {
    Snippet s;
    s.text = std::string(text);
    std::replace(s.text.begin(), s.text.end(), '\n', ' ');
    std::set<std::string> keys;
    if (terms.empty()) return s;
    for (const auto& t : analyzer.analyze(text)) {
        std::string key = terms.match(t);
        if (key.empty()) continue;
        keys.insert(key);
        s.highlights.push_back({t.begin, t.end - t.begin});
    }
    s.distinct_matches = keys.size();
    return s;
}

Snippet make_snippet(const analysis::Analyzer& analyzer, std::string_view text, const TermMatcher& terms,
                     const SnippetOptions& opt) {
    Snippet out;
    std::vector<analysis::AnalyzedToken> toks = analyzer.analyze(text);
    if (toks.empty()) {
        std::string_view t = text;
        while (!t.empty() && is_space_byte(t.front())) t.remove_prefix(1);
        // No words at all: first max_chars code points.
        std::size_t i = 0, n = 0;
        while (i < t.size() && n < opt.max_chars) { utf8::next(t, i); ++n; }
        out.text = std::string(t.substr(0, i));
        if (i < t.size()) { out.text += kEllipsis; out.cut_end = true; }
        std::replace(out.text.begin(), out.text.end(), '\n', ' ');
        return out;
    }
    std::vector<std::string> keys(toks.size());
    if (!terms.empty())
        for (std::size_t i = 0; i < toks.size(); ++i) keys[i] = terms.match(toks[i]);

    // The window starting at token `start`: as many tokens as fit.
    auto window_end = [&](std::size_t start) {
        std::size_t end = start;  // exclusive
        while (end < toks.size() && end - start < opt.max_words) {
            std::string_view span = text.substr(toks[start].begin, toks[end].end - toks[start].begin);
            if (end > start && codepoints(span) > opt.max_chars) break;
            ++end;
        }
        return end;
    };

    // Candidate starts: a little before each match (not across a sentence
    // end), and the beginning of the text.
    std::set<std::size_t> candidates{0};
    for (std::size_t i = 0; i < toks.size(); ++i) {
        if (keys[i].empty()) continue;
        std::size_t s = i;
        while (s > 0 && i - s < opt.lead_in &&
               !sentence_break(text.substr(toks[s - 1].end, toks[s].begin - toks[s - 1].end)))
            --s;
        candidates.insert(s);
        candidates.insert(i);
    }
    auto sentence_start = [&](std::size_t s) {
        return s == 0 || sentence_break(text.substr(toks[s - 1].end, toks[s].begin - toks[s - 1].end));
    };
    std::size_t best_start = 0, best_end = window_end(0), best_distinct = 0, best_total = 0;
    bool have_best = false;
    for (std::size_t s : candidates) {
        std::size_t e = window_end(s);
        std::set<std::string> distinct;
        std::size_t total = 0;
        for (std::size_t i = s; i < e; ++i)
            if (!keys[i].empty()) { distinct.insert(keys[i]); ++total; }
        if (total > 0 && sentence_start(s)) ++total;  // prefer windows that start a sentence
        if (!have_best || distinct.size() > best_distinct ||
            (distinct.size() == best_distinct && total > best_total)) {
            have_best = true;
            best_start = s; best_end = e; best_distinct = distinct.size(); best_total = total;
        }
    }

    // Cut: from the first token (or the text start, when only spaces or an
    // opening quote precede it) to the last token plus the punctuation
    // attached to it.
    std::size_t from = toks[best_start].begin;
    if (best_start == 0) from = 0;
    else {
        // keep an opening quote/paren glued to the first word
        while (from > 0 && !is_space_byte(text[from - 1]) && from > toks[best_start - 1].end) --from;
    }
    while (from < text.size() && is_space_byte(text[from])) ++from;
    std::size_t to = toks[best_end - 1].end;
    std::size_t limit = best_end < toks.size() ? toks[best_end].begin : text.size();
    while (to < limit && !is_space_byte(text[to])) ++to;
    bool cut_end = false;
    {
        std::size_t rest = to;
        while (rest < text.size() && is_space_byte(text[rest])) ++rest;
        cut_end = rest < text.size();
    }
    out.cut_start = best_start > 0;
    out.cut_end = cut_end;
    if (out.cut_start) out.text = std::string(kEllipsis);
    // Copy [from, to) collapsing whitespace runs to one space; remember where
    // each source byte landed so highlights follow.
    std::vector<std::size_t> where(to - from + 1, 0);
    bool in_space = false;
    for (std::size_t i = from; i < to; ++i) {
        where[i - from] = out.text.size();
        if (is_space_byte(text[i])) {
            if (!in_space) out.text += ' ';
            in_space = true;
        } else {
            out.text += text[i];
            in_space = false;
        }
    }
    where[to - from] = out.text.size();
    if (cut_end) out.text += kEllipsis;
    std::set<std::string> distinct;
    for (std::size_t i = best_start; i < best_end; ++i) {
        if (keys[i].empty()) continue;
        distinct.insert(keys[i]);
        if (toks[i].begin < from || toks[i].end > to) continue;
        std::size_t b = where[toks[i].begin - from], e = where[toks[i].end - from];
        out.highlights.push_back({b, e - b});
    }
    out.distinct_matches = distinct.size();
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> to_codepoints(std::string_view text, const std::vector<Span>& spans) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (const auto& s : spans) {
        std::size_t b = std::min(s.begin, text.size());
        std::size_t e = std::min(s.begin + s.length, text.size());
        out.emplace_back(codepoints(text.substr(0, b)), codepoints(text.substr(b, e - b)));
    }
    return out;
}

}  // namespace haber::search
