#include "search/query.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <sstream>

#include "analysis/case_folder.h"
#include "analysis/utf8.h"
#include "dates.h"
#include "search/query_lexer.h"
#include "search/query_terms.h"

namespace haber::search {

using analysis::AnalyzedToken;
using detail::combine;
using detail::is_digits;
using detail::Lexeme;
using detail::Lx;
using detail::Part;
using detail::to_int;
using detail::unweighted;

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

// --- dates -------------------------------------------------------------------

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

using detail::Fields;
using detail::op_name;
using detail::TermBuilder;

constexpr Xapian::termcount kProximityWindow = 8;
constexpr std::size_t kMaxSlackWords = 8;  // more words: any word (ranked)

class Parser {
public:
    Parser(const analysis::Analyzer& analyzer, const ParseOptions& options, ParsedQuery& out,
           std::vector<Lexeme> lexemes)
        : an_(analyzer), opt_(options), lx_(std::move(lexemes)), terms_(analyzer, options, out) {}

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
    std::vector<Lexeme> lx_;
    std::size_t at_ = 0;
    TermBuilder terms_;                    // builds each item's query, notes and highlighting
    int depth_ = 0;                        // parentheses open around the item parsed
public:
    std::size_t top_required = 0;          // words the top-level run requires by default
    bool explicit_syntax = false;          // operators, +word or parentheses used
private:

    const Lexeme& peek(std::size_t k = 0) const { return lx_[std::min(at_ + k, lx_.size() - 1)]; }
    const Lexeme& next() { const Lexeme& l = lx_[at_]; if (at_ + 1 < lx_.size()) ++at_; return l; }

    [[noreturn]] void error(const std::string& reason, std::size_t pos) const { terms_.error(reason, pos); }

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
        terms_.keep_stopwords = !content;
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
            if (negate) ++terms_.negation;
            Part right = parse_seq();
            if (negate) --terms_.negation;
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
        terms_.note("at least " + std::to_string(need) + " of the " + std::to_string(n) +
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
            if (mod == '-') ++terms_.negation;
            std::optional<Part> run = mod == 0 ? synonym_run() : std::nullopt;
            Part p = run ? *run : parse_item();
            if (mod == '-') --terms_.negation;
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
        if (chain.size() > 1) return terms_.near_item(chain, distance);
        return terms_.single_item(chain.front());
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
                terms_.record_words(l, words[k]);
            }
            for (const auto& t : toks) {
                if (t.stopword && !terms_.keep_stopwords && terms_.negation == 0) continue;
                each.push_back(terms_.word_query(t, Fields::Both));
            }
            Part p;
            p.q = terms_.with_synonyms(combine(opt_.any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, each),
                                       *alternatives, typed, Fields::Both);
            return p;
        }
        return std::nullopt;
    }
};

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

// How plain words combine under `options`, for the notes.
std::string default_operator_text(const ParseOptions& options) {
    if (options.any) return "OR (any word may match)";
    if (options.slack == 0) return "AND (every word must match)";
    if (options.slack == kAnyWordMayBeMissing)
        return "every plain word counts, articles with all of them first; any may be missing";
    return "AND, up to " + std::to_string(options.slack) + " plain words may be missing";
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
        Xapian::Query range = detail::date_range(lo, hi);
        q = q.empty() ? unweighted(range) : Xapian::Query(Xapian::Query::OP_FILTER, q, range);
        out.notes.push_back("filter date " + (lo.empty() ? std::string("…") : dates::iso_from_value(lo)) + " .. " +
                            (hi.empty() ? std::string("…") : dates::iso_from_value(hi)) + " (--from/--to)");
        out.has_filters = true;
        out.date_filter = true;
    }
    out.notes.insert(out.notes.begin(), "default operator: " + default_operator_text(options));
    out.query = q;
    return out;
}

}  // namespace haber::search
