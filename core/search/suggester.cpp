#include "search/suggester.h"

#include <algorithm>
#include <cmath>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "analysis/case_folder.h"
#include "analysis/utf8.h"
#include "analysis/lemmatizer.h"
#include "index/schema.h"

namespace haber::search {

namespace {

constexpr std::size_t kMinLetters = 3;
constexpr std::size_t kMaxLetters = 40;

std::u32string decode(std::string_view s) {
    std::u32string out;
    std::size_t i = 0;
    while (i < s.size()) out.push_back(utf8::next(s, i));
    return out;
}

// Query character q matches archive character t at no cost: the same, a
// Turkish letter typed as its ASCII twin, or ı where the archive has i (an
// all-capitals I lowercased by Turkish rules: ISTANBUL'DA → ıstanbul).
bool same(char32_t q, char32_t t) {
    return q == t || (q < 0x80 && analysis::turkish_ascii_twin(t) == q) || (q == 0x0131 && t == 'i');
}

// Depth-first walk of the sorted exact-form terms (schema::kExact) as a trie (a Xapian allterms
// iterator moving only forward, skip_to past each pruned subtree), with a
// Damerau-Levenshtein row per trie node (the optimal-string-alignment
// variant: a transposition of two neighbours is one edit).
class Walker {
public:
    Walker(const Xapian::Database& db, std::u32string query, unsigned max_edits)
        : db_(db), q_(std::move(query)), max_(max_edits) {}

    std::vector<Correction> run() {
        const std::string root(schema::kExact);
        it_ = db_.allterms_begin(root);
        end_ = db_.allterms_end(root);
        std::vector<unsigned> row(q_.size() + 1);
        for (std::size_t j = 0; j <= q_.size(); ++j) row[j] = static_cast<unsigned>(j);
        rows_.push_back(row);
        chars_.push_back(0);
        std::string prefix = root;
        walk(prefix);
        return std::move(out_);
    }

private:
    const Xapian::Database& db_;
    std::u32string q_;
    unsigned max_;
    Xapian::TermIterator it_, end_;
    std::vector<std::vector<unsigned>> rows_;  // rows_[i]: distances for the trie node at depth i
    std::vector<char32_t> chars_;              // chars_[i]: the letter leading to depth i
    std::vector<Correction> out_;

    static bool starts_with(const std::string& s, const std::string& p) {
        return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
    }

    // The row for appending letter c to the current node.
    std::vector<unsigned> step(char32_t c) const {
        const auto& prev = rows_.back();
        const std::size_t depth = rows_.size();  // depth of the new node
        std::vector<unsigned> row(q_.size() + 1);
        row[0] = static_cast<unsigned>(depth);
        for (std::size_t j = 1; j <= q_.size(); ++j) {
            unsigned sub = prev[j - 1] + (same(q_[j - 1], c) ? 0u : 1u);
            unsigned v = std::min({prev[j] + 1, row[j - 1] + 1, sub});
            if (depth >= 2 && j >= 2 && same(q_[j - 1], chars_.back()) && same(q_[j - 2], c))
                v = std::min(v, rows_[rows_.size() - 2][j - 2] + 1);
            row[j] = v;
        }
        return row;
    }

    // Precondition: it_ is at the first term >= prefix.
    void walk(std::string& prefix) {
        while (it_ != end_) {
            const std::string term = *it_;
            if (!starts_with(term, prefix)) return;
            if (prefix.empty() && !schema::is_exact_term(term)) {  // the prefixed terms, one block
                schema::skip_prefixed(it_, end_);
                continue;
            }
            if (term.size() == prefix.size()) {  // a word ends here
                unsigned d = rows_.back()[q_.size()];
                if (d <= max_ && rows_.size() > 1)
                    out_.push_back({term.substr(schema::kExact.size()), d, it_.get_termfreq(), 0});
                ++it_;
                continue;
            }
            std::size_t pos = prefix.size();
            char32_t c = utf8::next(term, pos);
            std::string letter = term.substr(prefix.size(), pos - prefix.size());
            std::vector<unsigned> row = step(c);
            if (*std::min_element(row.begin(), row.end()) <= max_) {
                rows_.push_back(std::move(row));
                chars_.push_back(c);
                prefix += letter;
                walk(prefix);
                prefix.resize(prefix.size() - letter.size());
                rows_.pop_back();
                chars_.pop_back();
            }
            // Past every term starting with prefix+letter (UTF-8 never holds 0xFF).
            std::string past = prefix + letter + "\xFF";
            if (it_ != end_ && *it_ < past) it_.skip_to(past);
        }
    }
};

bool has_replacement_char(std::u32string_view s) {
    return std::find(s.begin(), s.end(), U'\uFFFD') != s.end();
}

bool is_word(std::u32string_view s) {
    // Letters only (a correction of "1920" or "g20" would be noise).
    return std::all_of(s.begin(), s.end(), [](char32_t c) { return u_isalpha(static_cast<UChar32>(c)); });
}

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == '`' || c == 0x02BC; }

}  // namespace

std::string match_case(std::string_view word, std::string_view typed) {
    std::u32string t = decode(typed);
    std::size_t upper = 0, letters = 0;
    for (char32_t c : t) {
        if (!u_isalpha(static_cast<UChar32>(c))) continue;
        ++letters;
        if (u_isupper(static_cast<UChar32>(c))) ++upper;
    }
    if (letters == 0 || upper == 0) return std::string(word);
    static const icu::Locale tr("tr", "TR");
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    bool first_upper = false;
    for (char32_t c : t)
        if (u_isalpha(static_cast<UChar32>(c))) { first_upper = u_isupper(static_cast<UChar32>(c)); break; }
    if (upper == letters && letters > 1) {
        u.toUpper(tr);
    } else if (first_upper && u.length() > 0) {
        int32_t n = U16_LENGTH(u.char32At(0));
        icu::UnicodeString head = u.tempSubString(0, n);
        head.toUpper(tr);
        u.replace(0, n, head);
    }
    std::string out;
    u.toUTF8String(out);
    return out;
}

std::vector<Correction> Suggester::candidates(std::string_view word, unsigned max_edits) const {
    std::u32string q = decode(word);
    if (q.empty() || q.size() > kMaxLetters || has_replacement_char(q)) return {};
    try {
        return Walker(db_, std::move(q), max_edits).run();
    } catch (const Xapian::Error&) {
        return {};  // a suggestion is never worth failing the search for
    }
}

std::optional<Correction> Suggester::correct(std::string_view exact, bool ascii_typed, bool few_results) const {
    // What the user typed, as the archive would hold it: an ASCII-typed
    // word's capital I is any i (ISTANBUL is istanbul, not ıstanbul).
    std::string typed = ascii_typed ? analysis::ascii_fold(exact) : std::string(exact);
    std::u32string letters = decode(typed);
    if (letters.size() < kMinLetters || letters.size() > kMaxLetters || !is_word(letters)) return std::nullopt;
    Xapian::doccount typed_freq = 0;
    try {
        typed_freq = db_.get_termfreq(schema::term(schema::kExact, typed));
    } catch (const Xapian::Error&) {
        return std::nullopt;
    }
    // How far to look: unknown words (and rare ones when the query found
    // few results) may be typos; a known ASCII word may lack its Turkish
    // letters (0 edits); a known word typed with Turkish letters is fine.
    const unsigned typo_edits = letters.size() <= 4 ? 1 : 2;
    const bool rare = few_results && typed_freq <= options_.rare_max_freq;
    // A known word may lack Turkish letters the archive writes far more
    // often (0 edits): typed in ASCII, or partly (cumhurbaskanı).
    // An archive's own typo is one slip away from the form it meant;
    // allowing two edits there measured more false alarms (audio → aldı).
    const unsigned max_edits = typed_freq == 0 ? typo_edits : rare ? 1 : 0;
    const double zero_edit_ratio = ascii_typed ? options_.ascii_ratio : options_.mixed_ratio;

    std::optional<Correction> best;
    double best_score = 0;
    for (auto& c : candidates(typed, max_edits)) {
        if (c.word == typed || c.freq < options_.min_freq) continue;
        if (c.edits == 0) {
            if (static_cast<double>(c.freq) < zero_edit_ratio * typed_freq) continue;
        } else if (typed_freq > 0 &&
                   (!rare || static_cast<double>(c.freq) < options_.rare_ratio * typed_freq)) {
            continue;
        }
        double score = std::log(static_cast<double>(c.freq)) - c.edits * std::log(options_.edit_cost);
        if (!best || score > best_score || (score == best_score && c.word < best->word)) {
            best = c;
            best_score = score;
        }
    }
    if (best) best->typed_freq = typed_freq;
    return best;
}

Xapian::doccount Suggester::archive_frequency(const QueryWord& w) const {
    Xapian::doccount most = 0;
    try {
        auto seen = [&](std::string_view prefix, const std::string& stem) {
            if (!stem.empty()) most = std::max(most, db_.get_termfreq(schema::term(prefix, stem)));
        };
        seen(schema::kBodyStem, w.stem);
        seen(schema::kBodyStem, w.ascii_stem);
        if (w.ascii_typed)
            for (const auto& stem : schema::unfold(db_, w.ascii_stem)) seen(schema::kBodyStem, stem);
        if (most == 0) {
            static const analysis::Lemmatizer lemmatizer;
            for (const auto& root : lemmatizer.unknown_roots(w.stem)) seen(schema::kBodyStem, root);
        }
    } catch (const Xapian::Error&) {
    }
    return most;
}

Suggestion Suggester::suggest(const ParsedQuery& parsed, bool few_results) const {
    Suggestion s;
    if (!options_.enabled) return s;
    for (const QueryWord& w : parsed.words) {
        if (w.number || w.stopword || w.begin >= w.end || w.end > parsed.text.size()) continue;
        // Replace only the word before an apostrophe suffix (Kazakistn'da):
        // the typed span must lowercase to the exact form.
        std::string_view span(parsed.text.data() + w.begin, w.end - w.begin);
        std::size_t i = 0, cut = span.size();
        while (i < span.size()) {
            std::size_t at = i;
            if (is_apostrophe(utf8::next(span, i))) { cut = at; break; }
        }
        std::string_view head = span.substr(0, cut);
        std::string head_lower = analysis::turkish_lower(head);
        if (head_lower != w.exact && analysis::ascii_fold(head_lower) != analysis::ascii_fold(w.exact))
            continue;  // a foreign name with an apostrophe (D'Artagnan): leave it
        auto c = correct(w.exact, w.ascii_typed, few_results);
        if (!c) continue;
        // A word that analyses to something the archive holds (a name in
        // another case: taşkent for TAŞKENT, obamaya for Obama'ya) is known,
        // not a typo: only its Turkish letters may be restored — unless it
        // is as rare as an archive typo and the query found few results
        // (then correct() has applied the rare-word ratio).
        if (c->edits > 0) {
            Xapian::doccount seen = archive_frequency(w);
            if (seen > 0 && !(few_results && seen <= options_.rare_max_freq)) continue;
        }
        WordCorrection wc;
        wc.begin = w.begin;
        wc.end = w.begin + head.size();
        wc.from = std::string(head);
        wc.to = match_case(c->word, head);
        wc.edits = c->edits;
        wc.from_freq = c->typed_freq;
        wc.to_freq = c->freq;
        if (wc.to == wc.from) continue;
        s.corrections.push_back(std::move(wc));
    }
    if (s.corrections.empty()) return s;
    s.query = parsed.text;
    for (auto it = s.corrections.rbegin(); it != s.corrections.rend(); ++it)
        s.query.replace(it->begin, it->end - it->begin, it->to);
    return s;
}

}  // namespace haber::search
