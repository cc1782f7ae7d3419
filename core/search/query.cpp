#include "search/query.h"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include "analysis/case_folder.h"
#include "analysis/utf8.h"
#include "index/schema.h"
#include "search/query_lexer.h"
#include "search/word_terms.h"

namespace haber::search {

using analysis::AnalyzedToken;
using detail::is_digits;
using detail::Lexeme;
using detail::Lx;
using detail::op_name;
using detail::to_int;

// --- QueryError ----------------------------------------------------------

QueryError::QueryError(std::string reason, std::string query, std::size_t position)
    : std::runtime_error(""), reason_(std::move(reason)), query_(std::move(query)),
      position_(std::min(position, query_.size())),
      column_(utf8::line_col(query_, position_).column) {
    static_cast<std::runtime_error&>(*this) =
        std::runtime_error(reason_ + " at column " + std::to_string(column_));
}

std::string QueryError::render() const {
    std::string out = "query error: " + reason_ + " at column " + std::to_string(column_) + "\n";
    std::string q = query_;
    std::replace(q.begin(), q.end(), '\n', ' ');
    out += "  " + q + "\n";
    out += "  " + std::string(column_ - 1, ' ') + "^";
    return out;
}

// --- ParsedQuery ---------------------------------------------------------

std::string ParsedQuery::describe() const {
    std::ostringstream out;
    out << "query: " << text << "\n";
    for (const auto& n : notes) out << "  " << n << "\n";
    if (!dropped_stopwords.empty()) {
        out << "  dropped stop words:";
        for (const auto& w : dropped_stopwords) out << " " << w;
        out << "\n";
    }
    out << "xapian: " << query.get_description() << "\n";
    return out.str();
}

// --- helpers ---------------------------------------------------------------

namespace {

std::string pretty_date(const std::string& v) {
    if (v.size() != 8) return v;
    return v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2);
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

std::string date_bound(std::string_view d, bool upper) {
    std::string year, month, day;
    auto parts = [&](char sep) {
        std::vector<std::string_view> out;
        std::size_t start = 0;
        while (true) {
            std::size_t p = d.find(sep, start);
            out.push_back(d.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
            if (p == std::string_view::npos) break;
            start = p + 1;
        }
        return out;
    };
    if (d.find('.') != std::string_view::npos) {  // Turkish DD.MM.YYYY or MM.YYYY
        auto p = parts('.');
        if (p.size() == 3 && p[0].size() <= 2 && p[1].size() <= 2 && p[2].size() == 4) {
            day = p[0]; month = p[1]; year = p[2];
        } else if (p.size() == 2 && p[0].size() <= 2 && p[1].size() == 4) {
            month = p[0]; year = p[1];
        } else {
            return {};
        }
    } else if (d.size() == 8 && is_digits(d)) {
        year = d.substr(0, 4); month = d.substr(4, 2); day = d.substr(6, 2);
    } else {
        auto p = parts('-');
        if (p.empty() || p.size() > 3 || p[0].size() != 4) return {};
        year = p[0];
        if (p.size() > 1) { if (p[1].empty() || p[1].size() > 2) return {}; month = p[1]; }
        if (p.size() > 2) { if (p[2].empty() || p[2].size() > 2) return {}; day = p[2]; }
    }
    if (!is_digits(year) || (!month.empty() && !is_digits(month)) || (!day.empty() && !is_digits(day)))
        return {};
    int y = to_int(year);
    int m = month.empty() ? (upper ? 12 : 1) : to_int(month);
    if (m < 1 || m > 12) return {};
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int dim = kDays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 1 : 0);
    int dd = day.empty() ? (upper ? dim : 1) : to_int(day);
    if (dd < 1 || dd > dim) return {};
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, dd);
    return buf;
}

// --- parser ----------------------------------------------------------------

namespace {

enum class Fields { Both, Title, Body };

struct Part {
    Xapian::Query q;         // empty: nothing to search (dropped stop words)
    bool boolean = false;    // a filter only (keywords, dates, ids): no ranking
    std::string group;       // for filters: field name (same-field filters are ORed)
    Xapian::Query near;      // a plain word: its terms without synonyms, for proximity
};

constexpr Xapian::termcount kProximityWindow = 8;
constexpr std::size_t kMaxSlackWords = 8;  // more words: any word (ranked)

Xapian::Query unweighted(const Xapian::Query& q) { return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0); }

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& qs) {
    std::vector<Xapian::Query> non_empty;
    for (const auto& q : qs)
        if (!q.empty()) non_empty.push_back(q);
    if (non_empty.empty()) return {};
    if (non_empty.size() == 1) return non_empty.front();
    return Xapian::Query(op, non_empty.begin(), non_empty.end());
}

class Parser {
public:
    Parser(const analysis::Analyzer& analyzer, const ParseOptions& options, ParsedQuery& out,
           std::vector<Lexeme> lexemes)
        : an_(analyzer), opt_(options), out_(out), lx_(std::move(lexemes)) {}

    Xapian::Query run() {
        decide_stopwords();
        if (peek().kind == Lx::End) return {};
        Part p = parse_or();
        if (peek().kind == Lx::RParen) error("unmatched closing parenthesis ')'", peek().pos);
        if (peek().kind != Lx::End) error(std::string("unexpected ") + describe_lexeme(peek()), peek().pos);
        if (p.boolean && !p.q.empty()) return unweighted(p.q);
        return p.q;
    }

private:
    const analysis::Analyzer& an_;
    const ParseOptions& opt_;
    ParsedQuery& out_;
    std::vector<Lexeme> lx_;
    std::size_t at_ = 0;
    bool keep_stopwords_ = false;
    int negation_ = 0;  // >0 while parsing an excluded item (no highlighting)
    std::set<std::string> archive_noted_;  // words whose archive forms have a note
    int depth_ = 0;                        // parentheses open around the item parsed
    Xapian::Query last_positional_;        // the positional form of the last word built
public:
    std::size_t top_required = 0;          // words the top-level run requires by default
    bool explicit_syntax = false;          // operators, +word or parentheses used
private:

    const Lexeme& peek(std::size_t k = 0) const { return lx_[std::min(at_ + k, lx_.size() - 1)]; }
    const Lexeme& next() { const Lexeme& l = lx_[at_]; if (at_ + 1 < lx_.size()) ++at_; return l; }

    [[noreturn]] void error(const std::string& reason, std::size_t pos) const {
        throw QueryError(reason, out_.text, pos);
    }

    static std::string describe_lexeme(const Lexeme& l) {
        switch (l.kind) {
            case Lx::LParen: return "'('";
            case Lx::RParen: return "')'";
            case Lx::End: return "end of query";
            case Lx::Word: return "word '" + l.text + "'";
            case Lx::Phrase: return "phrase";
            default: return op_name(l.kind);
        }
    }

    // Remembers where the free-text words of `l` are (for spelling suggestions).
    void record_words(const Lexeme& l, const std::vector<AnalyzedToken>& toks) {
        for (const auto& t : toks) {
            QueryWord w;
            w.begin = l.text_pos + t.begin;
            w.end = l.text_pos + t.end;
            w.surface = t.surface;
            w.exact = t.exact;
            w.stem = t.stem;
            w.ascii_stem = t.ascii_stem;
            w.ascii_typed = t.ascii_typed;
            w.number = t.kind == analysis::TokenKind::Number;
            w.stopword = t.stopword;
            w.exact_form = l.modifier == '=';
            out_.words.push_back(std::move(w));
        }
    }

    void note(const std::string& s) { out_.notes.push_back(negation_ > 0 ? "excluded: " + s : s); }

    // Stop words are dropped from keyword queries unless every plain word is one.
    void decide_stopwords() {
        bool content = false;
        for (const auto& l : lx_) {
            if (l.kind == Lx::Phrase) content = true;
            if (l.kind != Lx::Word) continue;
            if (!l.field.empty() || l.modifier || l.wildcard) { content = true; continue; }
            for (const auto& t : an_.analyze(l.text))
                if (!t.stopword) content = true;
        }
        keep_stopwords_ = !content;
    }

    static bool starts_item(Lx k) {
        return k == Lx::Word || k == Lx::Phrase || k == Lx::LParen || k == Lx::Not;
    }

    Part parse_or() {
        std::vector<Part> parts{parse_and()};
        while (peek().kind == Lx::Or) {
            const Lexeme& op = next();
            if (!starts_item(peek().kind)) error("OR needs a term after it", op.pos);
            parts.push_back(parse_and());
        }
        if (parts.size() == 1) return parts.front();
        bool all_boolean = std::all_of(parts.begin(), parts.end(), [](const Part& p) { return p.boolean; });
        std::vector<Xapian::Query> qs;
        for (const auto& p : parts) qs.push_back(p.boolean && !all_boolean && !p.q.empty() ? unweighted(p.q) : p.q);
        Part r;
        r.q = combine(Xapian::Query::OP_OR, qs);
        r.boolean = all_boolean;
        return r;
    }

    Part parse_and() {
        Part left = parse_seq();
        while (peek().kind == Lx::And) {
            const Lexeme& op = next();
            bool negate = false;
            if (peek().kind == Lx::Not) { next(); negate = true; }
            if (!starts_item(peek().kind))
                error(std::string(negate ? "AND NOT" : "AND") + " needs a term after it", op.pos);
            if (negate) ++negation_;
            Part right = parse_seq();
            if (negate) --negation_;
            if (right.q.empty()) continue;
            if (negate) {
                left.q = Xapian::Query(Xapian::Query::OP_AND_NOT,
                                       left.q.empty() ? Xapian::Query::MatchAll : left.q, right.q);
            } else if (left.q.empty()) {
                left = right;
            } else if (left.boolean && right.boolean) {
                left.q = Xapian::Query(Xapian::Query::OP_AND, left.q, right.q);
            } else if (right.boolean) {
                left.q = Xapian::Query(Xapian::Query::OP_FILTER, left.q, right.q);
            } else if (left.boolean) {
                left.q = Xapian::Query(Xapian::Query::OP_FILTER, right.q, left.q);
                left.boolean = false;
            } else {
                left.q = Xapian::Query(Xapian::Query::OP_AND, left.q, right.q);
            }
        }
        return left;
    }

    // A run of implicitly joined items: words joined by the default operator,
    // +required, -excluded (also NOT x), filters applied as OP_FILTER.
    // Words typed next to each other that stand near each other in an
    // article count more: each neighbouring pair found within
    // kProximityWindow positions adds ParseOptions::proximity times the two
    // words' weight (a sequential-dependence boost; matches are unchanged).
    Xapian::Query with_proximity(const Xapian::Query& q, const std::vector<Xapian::Query>& words) {
        if (opt_.proximity <= 0 || words.size() < 2) return q;
        std::vector<Xapian::Query> pairs;
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            if (words[i].empty() || words[i + 1].empty()) continue;
            Xapian::Query two[] = {words[i], words[i + 1]};
            pairs.emplace_back(Xapian::Query::OP_NEAR, two, two + 2, kProximityWindow);
        }
        if (pairs.empty()) return q;
        return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                             Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, combine(Xapian::Query::OP_OR, pairs),
                                           opt_.proximity));
    }

    // The default AND over a run of plain words, with ParseOptions::slack
    // of them allowed missing: an article must hold all but `slack` words
    // (OP_FILTER by the OR of those subsets) and is ranked by every word it
    // holds, those with every word first by `coordination` (their weight
    // again, scaled).
    Xapian::Query most_words(const std::vector<Xapian::Query>& words) {
        std::vector<Xapian::Query> w;
        for (const auto& q : words)
            if (!q.empty()) w.push_back(q);
        const std::size_t n = w.size();
        if (opt_.slack == 0 || opt_.any || n < 2) return combine(Xapian::Query::OP_AND, w);
        // Past kMaxSlackWords words (a pasted headline) the subsets would be
        // many: any word, ranked with the coordination boost.
        const std::size_t need = n > opt_.slack && n <= kMaxSlackWords ? n - opt_.slack : 1;
        Xapian::Query ranked(Xapian::Query::OP_OR, w.begin(), w.end());
        Xapian::Query all(Xapian::Query::OP_AND, w.begin(), w.end());
        Xapian::Query q = ranked;
        if (need > 1) {
            std::vector<Xapian::Query> subsets;
            for (unsigned mask = 0; mask < (1u << n); ++mask) {
                if (static_cast<std::size_t>(__builtin_popcount(mask)) != need) continue;
                std::vector<Xapian::Query> part;
                for (std::size_t i = 0; i < n; ++i)
                    if (mask & (1u << i)) part.push_back(w[i]);
                subsets.emplace_back(Xapian::Query::OP_AND, part.begin(), part.end());
            }
            q = Xapian::Query(Xapian::Query::OP_FILTER, ranked,
                              Xapian::Query(Xapian::Query::OP_OR, subsets.begin(), subsets.end()));
        }
        if (opt_.coordination > 0)
            q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                              Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all, opt_.coordination));
        note("at least " + std::to_string(need) + " of the " + std::to_string(n) +
             " words; articles with every word count more");
        return q;
    }

    Part parse_seq() {
        std::vector<Xapian::Query> required, optional, excluded;
        std::vector<Xapian::Query> near_words;
        bool implicit = true;  // only plain items joined by the default operator
        std::vector<Part> filters;
        bool any_item = false;
        while (true) {
            Lx k = peek().kind;
            if (k == Lx::Or || k == Lx::And || k == Lx::RParen || k == Lx::End) break;
            if (k == Lx::Near) error("NEAR needs a word before it", peek().pos);
            char mod = 0;
            if (k == Lx::Not) {
                const Lexeme& op = next();
                if (!starts_item(peek().kind) || peek().kind == Lx::Not) error("NOT needs a term after it", op.pos);
                mod = '-';
            }
            if (peek().modifier == '+' || peek().modifier == '-') mod = peek().modifier;
            if (mod == '-') ++negation_;
            std::optional<Part> run = mod == 0 ? synonym_run() : std::nullopt;
            Part p = run ? *run : parse_item();
            if (mod == '-') --negation_;
            any_item = true;
            if (p.q.empty()) continue;
            if (mod == '-') excluded.push_back(p.q);
            else if (p.boolean) filters.push_back(p);
            else if (mod == '+' || !opt_.any) required.push_back(p.q);
            else optional.push_back(p.q);
            if (mod == '+') explicit_syntax = true;
            if (mod != 0) implicit = false;  // a filter (date:, category:) narrows; the words match as without it
            if (depth_ == 0 && mod == 0 && !p.boolean) ++top_required;
            if (mod != '-' && !p.boolean) near_words.push_back(p.near);
        }
        if (!any_item) {
            const Lexeme& l = peek();
            if (l.kind == Lx::Or || l.kind == Lx::And)
                error(std::string(op_name(l.kind)) + " needs a term before it", l.pos);
            if (l.kind == Lx::RParen) error("unmatched closing parenthesis ')'", l.pos);
            error("expected a search term", l.pos);
        }
        Part r;
        Xapian::Query pos = depth_ == 0 && implicit ? most_words(required) : combine(Xapian::Query::OP_AND, required);
        Xapian::Query opt = combine(Xapian::Query::OP_OR, optional);
        if (pos.empty()) pos = opt;
        else if (!opt.empty()) pos = Xapian::Query(Xapian::Query::OP_AND_MAYBE, pos, opt);
        if (!pos.empty()) pos = with_proximity(pos, near_words);
        if (!filters.empty()) {
            std::map<std::string, std::vector<Xapian::Query>> groups;
            for (const auto& f : filters) groups[f.group].push_back(f.q);
            std::vector<Xapian::Query> anded;
            for (const auto& [g, qs] : groups) anded.push_back(combine(Xapian::Query::OP_OR, qs));
            Xapian::Query filter = combine(Xapian::Query::OP_AND, anded);
            if (pos.empty()) { pos = filter; r.boolean = true; }
            else pos = Xapian::Query(Xapian::Query::OP_FILTER, pos, filter);
        }
        if (!excluded.empty()) {
            if (pos.empty()) { pos = Xapian::Query::MatchAll; r.boolean = true; }
            pos = Xapian::Query(Xapian::Query::OP_AND_NOT, pos, combine(Xapian::Query::OP_OR, excluded));
        }
        r.q = pos;
        return r;
    }

    Part parse_item() {
        const Lexeme& l = peek();
        if (l.kind == Lx::LParen) {
            std::size_t open = l.pos;
            next();
            if (peek().kind == Lx::RParen) error("empty parentheses", open);
            ++depth_;
            explicit_syntax = true;
            Part p = parse_or();
            --depth_;
            if (peek().kind != Lx::RParen) error("unclosed parenthesis '('", open);
            next();
            return p;
        }
        if (l.kind != Lx::Word && l.kind != Lx::Phrase) error("expected a search term", l.pos);
        std::vector<Lexeme> chain{next()};
        unsigned distance = 0;
        while (peek().kind == Lx::Near) {
            const Lexeme& op = next();
            if (peek().kind != Lx::Word && peek().kind != Lx::Phrase) error("NEAR needs a word after it", op.pos);
            unsigned d = op.near ? op.near : opt_.near_distance;
            distance = distance ? std::min(distance, d) : d;
            chain.push_back(next());
        }
        if (chain.size() > 1) return near_item(chain, distance);
        return single_item(chain.front());
    }

    // --- synonyms ----------------------------------------------------------------

    static bool plain_word(const Lexeme& l) {
        return l.kind == Lx::Word && l.modifier == 0 && l.field.empty() && !l.wildcard;
    }

    // Two or more plain words in a row that match a synonym rule as a whole
    // ("avrupa birliği" → also AB): the words as typed OR the alternatives.
    // A single word or a phrase is handled by single_item.
    std::optional<Part> synonym_run() {
        if (!opt_.synonyms || opt_.synonyms->empty()) return std::nullopt;
        std::vector<std::vector<AnalyzedToken>> words;
        for (std::size_t k = 0; plain_word(peek(k)); ++k) {
            words.push_back(an_.analyze(peek(k).text));
            if (peek(k + 1).kind == Lx::Near) break;  // the last word belongs to NEAR
            if (words.size() >= 8) break;
        }
        if (!words.empty() && peek(words.size()).kind == Lx::Near) words.pop_back();
        for (std::size_t n = words.size(); n >= 2; --n) {
            std::vector<AnalyzedToken> toks;
            for (std::size_t k = 0; k < n; ++k) toks.insert(toks.end(), words[k].begin(), words[k].end());
            const auto* alternatives = opt_.synonyms->full_match(toks);
            if (!alternatives) continue;
            std::string typed;
            std::vector<Xapian::Query> each;
            for (std::size_t k = 0; k < n; ++k) {
                const Lexeme& l = next();
                typed += (typed.empty() ? "" : " ") + l.text;
                record_words(l, words[k]);
            }
            for (const auto& t : toks) {
                if (t.stopword && !keep_stopwords_ && negation_ == 0) continue;
                each.push_back(word_query(t, Fields::Both));
            }
            Part p;
            p.q = with_synonyms(combine(opt_.any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, each), *alternatives,
                                typed, Fields::Both);
            return p;
        }
        return std::nullopt;
    }

    // `original` OR each alternative (a word, or a phrase of several); for
    // one typed word, as one weighted word (OP_SYNONYM): AB and "Avrupa
    // Birliği" are one word's two spellings.
    Xapian::Query with_synonyms(const Xapian::Query& original, const std::vector<SynonymExpansion>& alternatives,
                                const std::string& typed, Fields f, bool one_word = false) {
        if (original.empty()) return original;
        std::vector<Xapian::Query> qs{original};
        std::string list;
        std::set<std::string> origins;
        for (const auto& e : alternatives) {
            qs.push_back(e.tokens.size() == 1 ? word_query(e.tokens.front(), f) : phrase_query(e.tokens, f));
            list += (list.empty() ? "" : ", ") + quoted(e.text);
            std::string o = e.origin.substr(0, e.origin.rfind(':') == std::string::npos ? e.origin.size()
                                                                                            : e.origin.rfind(':'));
            origins.insert(o);
        }
        std::string from;
        for (const auto& o : origins) from += (from.empty() ? "" : ", ") + o;
        note("synonyms: " + quoted(typed) + " also matches " + list + " (" + from + ")");
        if (negation_ == 0) {
            ParsedQuery::Expansion x{typed, {}};
            for (const auto& e : alternatives) x.alternatives.push_back(e.text);
            out_.synonyms.push_back(std::move(x));
        }
        return Xapian::Query(one_word ? Xapian::Query::OP_SYNONYM : Xapian::Query::OP_OR, qs.begin(), qs.end());
    }

    Xapian::Query with_synonyms(const Xapian::Query& original, const std::vector<AnalyzedToken>& toks,
                                const std::string& typed, Fields f) {
        if (!opt_.synonyms) return original;
        const auto* alternatives = opt_.synonyms->full_match(toks);
        return alternatives ? with_synonyms(original, *alternatives, typed, f, toks.size() == 1) : original;
    }

    // --- building blocks over analysed tokens --------------------------------

    // One analysed word in one field as one weighted query word
    // (search/word_terms.h). `keyword`: a word on its own, not in a phrase.
    // A phrase or NEAR takes the same terms joined by OR (`positional`).
    Xapian::Query field_sub(const AnalyzedToken& t, std::string_view prefix, bool keyword = false,
                            bool positional = false) {
        WordTerms w = WordTermBuilder(an_, opt_.vocabulary).build(t, prefix, keyword);
        last_positional_ = w.positional;
        if (negation_ == 0) {
            out_.highlight.stems.insert(w.stems.begin(), w.stems.end());
            out_.highlight.ascii_stems.insert(w.ascii_stems.begin(), w.ascii_stems.end());
            if (!w.archive.empty() && archive_noted_.insert(t.surface).second) {
                std::string forms;
                for (const auto& a : w.archive) forms += (forms.empty() ? "" : ", ") + quoted(a);
                note(quoted(t.surface) + " is not in the Turkish lexicon (a name?): also matches the archive's " +
                     forms);
            }
        }
        return positional ? w.positional : w.query;
    }

    static std::string fields_text(Fields f) {
        switch (f) {
            case Fields::Title: return "in title";
            case Fields::Body: return "in the text";
            default: return "in the text (title words count " + std::to_string(schema::kTitleWdf) + "x)";
        }
    }

    void highlight(const AnalyzedToken& t) {
        if (negation_ > 0) return;
        out_.highlight.stems.insert(t.stem);
        if (t.ascii_typed) {
            out_.highlight.ascii_stems.insert(t.ascii_stem);
            out_.highlight.stems.insert(t.ascii_stem);
        }
    }

    std::string token_text(const AnalyzedToken& t) {
        std::string s = quoted(t.surface) + " -> stem " + quoted(t.stem);
        if (t.ascii_typed && t.kind != analysis::TokenKind::Number)
            s += " (typed without Turkish letters: also matches Turkish spellings, ASCII stem " + quoted(t.ascii_stem) + ")";
        return s;
    }

    Xapian::Query word_query(const AnalyzedToken& t, Fields f) {
        highlight(t);
        if (t.kind == analysis::TokenKind::Word && negation_ == 0 && an_.stemmer().has_longer_forms(t.stem))
            out_.highlight.prefixes.push_back(t.exact);  // highlight tarihinde for "tarih"
        return field_sub(t, f == Fields::Title ? schema::kTitleStem : schema::kBodyStem, true);
    }

    Xapian::Query positional(Xapian::Query::op op, const std::vector<AnalyzedToken>& toks, Fields f,
                             Xapian::termcount window) {
        std::vector<Xapian::Query> qs;
        for (const auto& t : toks) {
            highlight(t);
            qs.push_back(field_sub(t, f == Fields::Title ? schema::kTitleStem : schema::kBodyStem, false, true));
        }
        return Xapian::Query(op, qs.begin(), qs.end(), window);
    }

    Xapian::Query phrase_query(const std::vector<AnalyzedToken>& toks, Fields f) {
        if (toks.size() == 1) return word_query(toks.front(), f);
        Xapian::termcount window = toks.back().position - toks.front().position + 1;
        window = std::max<Xapian::termcount>(window, static_cast<Xapian::termcount>(toks.size()));
        return positional(Xapian::Query::OP_PHRASE, toks, f, window);
    }

    static std::string stems_text(const std::vector<AnalyzedToken>& toks) {
        std::string s;
        for (const auto& t : toks) {
            if (!s.empty()) s += " ";
            s += quoted(t.stem);
            if (t.ascii_typed && t.kind != analysis::TokenKind::Number) s += "/" + quoted(t.ascii_stem) + "(ascii)";
        }
        return s;
    }

    Fields fields_of(const Lexeme& l) {
        if (l.field == "title") return Fields::Title;
        if (l.field == "body") return Fields::Body;
        return Fields::Both;
    }

    Part single_item(const Lexeme& l) {
        Part p;
        if (l.field == "date") return date_item(l);
        if (l.field == "place" || l.field == "category" || l.field == "source") {
            std::string_view prefix = l.field == "place" ? schema::kPlace
                                     : l.field == "category" ? schema::kCategory : schema::kSource;
            std::string key = schema::keyword_key(l.text);
            if (key.empty()) error("empty value for " + l.field + ":", l.pos);
            p.q = Xapian::Query(schema::term(prefix, key));
            p.boolean = true;
            p.group = l.field;
            note("filter " + l.field + " = " + quoted(l.text) + " (term " + schema::term(prefix, key) + ")");
            out_.has_filters = true;
            return p;
        }
        if (l.field == "id") {
            p.q = Xapian::Query(schema::id_term(l.text));
            p.boolean = true;
            p.group = "id";
            note("filter id = " + quoted(l.text));
            out_.has_filters = true;
            return p;
        }
        Fields f = fields_of(l);
        if (l.wildcard) return wildcard_item(l);
        std::vector<AnalyzedToken> toks = an_.analyze(l.text);
        record_words(l, toks);
        if (toks.empty()) {
            note("ignored " + quoted(l.text) + " (nothing searchable)");
            return p;
        }
        if (l.modifier == '=') {
            std::vector<Xapian::Query> exact;
            for (const auto& t : toks) {
                exact.push_back(Xapian::Query(schema::term(schema::kExact, t.exact)));
                if (negation_ == 0) out_.highlight.exacts.insert(t.exact);
            }
            Xapian::Query e = combine(Xapian::Query::OP_AND, exact);
            if (l.kind == Lx::Phrase && toks.size() > 1) {
                int saved = negation_;
                negation_ = 1;  // phrase stems are not highlighted: only the exact forms
                Xapian::Query ph = phrase_query(toks, f);
                negation_ = saved;
                p.q = Xapian::Query(Xapian::Query::OP_FILTER, ph, e);
                note("exact phrase " + quoted(l.text) + " -> phrase of " + stems_text(toks) + " " + fields_text(f) +
                     ", every word in exactly this form");
            } else {
                p.q = e;
                std::string forms;
                for (const auto& t : toks) forms += (forms.empty() ? "" : " ") + quoted(t.exact);
                note("exact form " + forms + " (no stemming, title/lead/body)");
            }
            return p;
        }
        if (l.kind == Lx::Phrase) {
            p.q = phrase_query(toks, f);
            if (opt_.phrase_exact > 0 && toks.size() > 1 && negation_ == 0) {
                // The phrase in exactly the typed forms ranks above its
                // inflected variants.
                std::vector<Xapian::Query> forms;
                for (const auto& t : toks) forms.emplace_back(schema::term(schema::kExact, t.exact));
                p.q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, p.q,
                                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                  Xapian::Query(Xapian::Query::OP_AND, forms.begin(), forms.end()),
                                                  opt_.phrase_exact));
            }
            if (toks.size() == 1) note("word " + token_text(toks.front()) + " " + fields_text(f));
            else note("phrase " + quoted(l.text) + " -> stems " + stems_text(toks) + " in this order " + fields_text(f));
            p.q = with_synonyms(p.q, toks, l.text, f);
            return p;
        }
        if (toks.size() == 1) {
            const auto& t = toks.front();
            if (t.stopword && !keep_stopwords_ && l.modifier == 0 && l.field.empty() && negation_ == 0) {
                out_.dropped_stopwords.push_back(t.surface);
                return p;
            }
            p.q = word_query(t, f);
            if (f == Fields::Both && negation_ == 0) p.near = last_positional_;
            if (opt_.exact > 0 && f == Fields::Both && negation_ == 0 && t.kind == analysis::TokenKind::Word)
                // The word in exactly the typed form counts a little more.
                p.q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, p.q,
                                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                  Xapian::Query(schema::term(schema::kExact, t.exact)), opt_.exact));
            note("word " + token_text(t) + " " + fields_text(f));
            p.q = with_synonyms(p.q, toks, l.text, f);
            return p;
        }
        // One typed word that analyses into several (Özbekistan-Kazakistan):
        // consecutive positions, so a phrase.
        p.q = phrase_query(toks, f);
        note("compound " + quoted(l.text) + " -> phrase of " + stems_text(toks) + " " + fields_text(f));
        p.q = with_synonyms(p.q, toks, l.text, f);
        return p;
    }

    Part wildcard_item(const Lexeme& l) {
        Part p;
        std::string prefix = an_.fold_word(l.text);
        if (prefix.empty()) error("a wildcard needs at least one letter before *", l.pos);
        std::vector<std::string> variants;
        if (analysis::is_ascii(l.text)) variants = analysis::turkish_spellings(analysis::ascii_fold(prefix));
        else variants.push_back(prefix);
        std::vector<Xapian::Query> qs;
        for (const auto& v : variants) {
            qs.emplace_back(Xapian::Query::OP_WILDCARD, schema::term(schema::kExact, v), opt_.wildcard_limit,
                            Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
            if (negation_ == 0) out_.highlight.prefixes.push_back(v);
        }
        p.q = combine(Xapian::Query::OP_OR, qs);
        std::string s = "prefix " + quoted(prefix + "*") + " -> words starting with ";
        if (variants.size() == 1) s += quoted(variants.front());
        else s += std::to_string(variants.size()) + " spellings (" + quoted(variants.front()) + ", " +
                  quoted(variants.back()) + ", ...; typed without Turkish letters)";
        note(s + ", at most " + std::to_string(opt_.wildcard_limit) + " most frequent");
        return p;
    }

    Part near_item(const std::vector<Lexeme>& chain, unsigned distance) {
        std::vector<AnalyzedToken> toks;
        Fields f = Fields::Both;
        for (const auto& l : chain) {
            if (l.field == "title") f = Fields::Title;
            else if (l.field == "body") f = Fields::Body;
            else if (!l.field.empty()) error("NEAR works on words, not on " + l.field + ":", l.pos);
            if (l.wildcard || l.modifier == '=') error("NEAR works on plain words and phrases", l.pos);
            auto t = an_.analyze(l.text);
            record_words(l, t);
            toks.insert(toks.end(), t.begin(), t.end());
        }
        Part p;
        if (toks.empty()) return p;
        if (toks.size() == 1) { p.q = word_query(toks.front(), f); return p; }
        auto window = static_cast<Xapian::termcount>(distance + toks.size());
        p.q = positional(Xapian::Query::OP_NEAR, toks, f, window);
        note("near: " + stems_text(toks) + " within " + std::to_string(distance) + " words of each other " +
             fields_text(f));
        return p;
    }

    Part date_item(const Lexeme& l) {
        Part p;
        std::string v = l.text;
        std::string lo_s, hi_s;
        auto dots = v.find("..");
        if (dots == std::string::npos) { lo_s = hi_s = v; }
        else { lo_s = v.substr(0, dots); hi_s = v.substr(dots + 2); }
        if (lo_s.empty() && hi_s.empty()) error("date: needs a date or a range like 2022-01-01..2022-06-30", l.pos);
        std::string lo, hi;
        if (!lo_s.empty() && (lo = date_bound(lo_s, false)).empty())
            error("invalid date '" + lo_s + "' (use YYYY, YYYY-MM or YYYY-MM-DD)", l.value_pos);
        if (!hi_s.empty() && (hi = date_bound(hi_s, true)).empty())
            error("invalid date '" + hi_s + "' (use YYYY, YYYY-MM or YYYY-MM-DD)",
                  l.value_pos + (dots == std::string::npos ? 0 : dots + 2));
        if (!lo.empty() && !hi.empty() && lo > hi) error("empty date range: " + lo_s + " is after " + hi_s, l.pos);
        p.q = date_range(lo, hi);
        p.boolean = true;
        p.group = "date";
        note("filter date " + (lo.empty() ? std::string("…") : pretty_date(lo)) + " .. " +
             (hi.empty() ? std::string("…") : pretty_date(hi)));
        out_.has_filters = true;
        return p;
    }

public:
    static Xapian::Query date_range(const std::string& lo, const std::string& hi) {
        if (!lo.empty() && !hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, lo, hi);
        if (!lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, lo);
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, hi);
    }
};

}  // namespace

namespace {

// The start of a long query, for an error message about all of it.
std::string excerpt(std::string_view text) {
    constexpr std::size_t kShown = 40;
    std::size_t n = std::min(text.size(), kShown);
    while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    return std::string(text.substr(0, n)) + " \u2026";
}

// Words as the analysis chain splits them (a hyphenated compound is two),
// counted before anything is built from them.
void check_word_count(const analysis::Analyzer& analyzer, const std::string& text,
                      const std::vector<Lexeme>& lexemes) {
    std::size_t words = 0;
    for (const auto& l : lexemes) {
        if (l.kind != Lx::Word && l.kind != Lx::Phrase) continue;
        words += std::max<std::size_t>(1, analyzer.analyze(l.text).size());
        if (words > kMaxQueryWords)
            throw QueryError("too many words (limit: " + std::to_string(kMaxQueryWords) + " words a query)",
                             text, l.pos);
    }
}

// The expansion limit of each wildcard pattern: kMaxWildcardTerms shared
// by all patterns and their Turkish spellings, never above `limit`.
// Throws QueryError for a prefix shorter than kMinWildcardLetters.
unsigned wildcard_share(const analysis::Analyzer& analyzer, const std::string& text,
                        const std::vector<Lexeme>& lexemes, unsigned limit) {
    std::size_t patterns = 0;
    for (const auto& l : lexemes) {
        if (!l.wildcard) continue;
        std::string folded = analyzer.fold_word(l.text);
        std::size_t letters = 0;
        for (unsigned char c : folded) letters += (c & 0xC0) != 0x80;
        if (letters > 0 && letters < kMinWildcardLetters)
            throw QueryError("a prefix needs at least " + std::to_string(kMinWildcardLetters) +
                                 " letters before * (limit: one letter matches nearly everything)",
                             text, l.pos);
        patterns += analysis::is_ascii(l.text)
                        ? analysis::turkish_spellings(analysis::ascii_fold(analyzer.fold_word(l.text))).size()
                        : 1;
    }
    if (patterns == 0) return limit;
    std::size_t most = limit == 0 ? kMaxWildcardTerms : limit;  // 0: Xapian's "unlimited"
    return static_cast<unsigned>(std::clamp<std::size_t>(kMaxWildcardTerms / patterns, 1, most));
}

}  // namespace

ParsedQuery QueryParser::parse(std::string_view text, const ParseOptions& options) const {
    if (text.size() > kMaxQueryBytes)
        throw QueryError("query too long: " + std::to_string(text.size()) + " bytes (limit: " +
                             std::to_string(kMaxQueryBytes) + " bytes)",
                         excerpt(text), 0);
    ParsedQuery out;
    out.text = analyzer_.normalize(text);
    std::vector<Lexeme> lexemes = detail::lex(out.text);
    check_word_count(analyzer_, out.text, lexemes);
    ParseOptions bounded = options;
    bounded.wildcard_limit = wildcard_share(analyzer_, out.text, lexemes, options.wildcard_limit);
    Parser parser(analyzer_, bounded, out, std::move(lexemes));
    Xapian::Query q = parser.run();
    {
        bool operators = false;
        for (const auto& l : detail::lex(out.text)) {
            if (l.kind == Lx::And || l.kind == Lx::Or || l.kind == Lx::Not || l.kind == Lx::Near) operators = true;
            if (l.field == "date") out.date_filter = true;
            if (l.unknown_field)
                out.warnings.push_back("\"" + l.text + ":\" is not a field (title, body, place, category, source, id, "
                                       "date): searched " + l.text + " as a word");
        }
        out.relaxable = !options.any && !operators && !parser.explicit_syntax && parser.top_required >= 2;
    }
    if (!options.from.empty() || !options.to.empty()) {
        std::string lo, hi;
        if (!options.from.empty() && (lo = date_bound(options.from, false)).empty())
            throw QueryError("invalid --from date '" + options.from + "' (use YYYY, YYYY-MM or YYYY-MM-DD)", options.from, 0);
        if (!options.to.empty() && (hi = date_bound(options.to, true)).empty())
            throw QueryError("invalid --to date '" + options.to + "' (use YYYY, YYYY-MM or YYYY-MM-DD)", options.to, 0);
        if (!lo.empty() && !hi.empty() && lo > hi)
            throw QueryError("empty date range: --from " + options.from + " is after --to " + options.to, options.from, 0);
        Xapian::Query range = Parser::date_range(lo, hi);
        q = q.empty() ? unweighted(range) : Xapian::Query(Xapian::Query::OP_FILTER, q, range);
        out.notes.push_back("filter date " + (lo.empty() ? std::string("…") : pretty_date(lo)) + " .. " +
                            (hi.empty() ? std::string("…") : pretty_date(hi)) + " (--from/--to)");
        out.has_filters = true;
        out.date_filter = true;
    }
    out.notes.insert(out.notes.begin(), std::string("default operator: ") +
                                            (options.any ? "OR (any word may match)"
                                                         : options.slack ? "AND, up to " + std::to_string(options.slack) +
                                                                               " plain words may be missing"
                                                                         : std::string("AND (every word must match)")));
    out.query = q;
    return out;
}

}  // namespace haber::search
