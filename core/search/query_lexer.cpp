#include "search/query_lexer.h"

#include <algorithm>
#include <map>

#include "analysis/case_folder.h"
#include "search/query.h"

namespace haber::search::detail {

bool is_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

namespace {

std::string canonical_field(std::string_view name) {
    std::string n = analysis::ascii_fold(analysis::turkish_lower(name));
    static const std::map<std::string, std::string, std::less<>> kFields = {
        {"title", "title"}, {"baslik", "title"}, {"body", "body"}, {"metin", "body"},
        {"text", "body"},   {"place", "place"},  {"yer", "place"}, {"category", "category"},
        {"kategori", "category"}, {"source", "source"}, {"kaynak", "source"},
        {"id", "id"}, {"date", "date"}, {"tarih", "date"}};
    auto it = kFields.find(n);
    return it == kFields.end() ? std::string() : it->second;
}

// Byte length of the quote character at s[i], or 0.
std::size_t quote_at(std::string_view s, std::size_t i) {
    if (s[i] == '"') return 1;
    for (std::string_view q : {"\u201C", "\u201D", "\u201E"})
        if (s.substr(i, q.size()) == q) return q.size();
    return 0;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

class Lexer {
public:
    explicit Lexer(const std::string& s) : s_(s) {}

    std::vector<Lexeme> run() {
        std::vector<Lexeme> out;
        std::size_t i = 0, depth = 0;
        const std::size_t n = s_.size();
        while (true) {
            while (i < n && is_space(s_[i])) ++i;
            if (i >= n) break;
            Lexeme lx;
            lx.pos = i;
            if (s_[i] == '(') {
                // The parser recurses once per open parenthesis.
                if (++depth > kMaxQueryDepth)
                    throw QueryError("parentheses nested too deep (limit: " + std::to_string(kMaxQueryDepth) +
                                         " levels)",
                                     s_, i);
                lx.kind = Lx::LParen; out.push_back(lx); ++i; continue;
            }
            if (s_[i] == ')') {
                if (depth > 0) --depth;
                lx.kind = Lx::RParen; out.push_back(lx); ++i; continue;
            }
            if ((s_[i] == '+' || s_[i] == '-' || s_[i] == '=') && i + 1 < n && !is_space(s_[i + 1]) &&
                s_[i + 1] != ')') {
                lx.modifier = s_[i];
                ++i;
            }
            // field:
            std::size_t j = i;
            while (j < n && !is_space(s_[j]) && s_[j] != '(' && s_[j] != ')' && s_[j] != ':' &&
                   !quote_at(s_, j))
                ++j;
            if (j < n && s_[j] == ':' && j > i) {
                std::string field = canonical_field(std::string_view(s_).substr(i, j - i));
                if (!field.empty()) {
                    if (j + 1 >= n || is_space(s_[j + 1]) || s_[j + 1] == ')')
                        throw QueryError("missing value after '" + s_.substr(i, j + 1 - i) + "'", s_, i);
                    if (s_[j + 1] == '(')
                        throw QueryError("a field applies to one word or a quoted phrase, not to parentheses",
                                         s_, j + 1);
                    lx.field = field;
                    i = j + 1;
                    if (lx.modifier == 0 && i < n && s_[i] == '=' && i + 1 < n && !is_space(s_[i + 1])) {
                        lx.modifier = '=';
                        ++i;
                    }
                } else {
                    // Unknown field: "foo:bar" is just words.
                    lx.kind = Lx::Word;
                    lx.text = s_.substr(i, j - i);
                    lx.value_pos = lx.text_pos = i;
                    lx.unknown_field = true;
                    out.push_back(lx);
                    i = j + 1;
                    continue;
                }
            }
            lx.value_pos = i;
            if (std::size_t q = quote_at(s_, i)) {
                std::size_t start = i + q, k = start;
                std::size_t close = 0;
                while (k < n) {
                    if ((close = quote_at(s_, k))) break;
                    ++k;
                }
                if (k >= n) {
                    // A lone typographic quote (a headline pasted with one
                    // ” left over) is text, not syntax; a lone " is a typo
                    // worth pointing at.
                    if (q > 1) {
                        i += q;
                        continue;
                    }
                    throw QueryError("unclosed quote", s_, i);
                }
                lx.kind = Lx::Phrase;
                lx.text = s_.substr(start, k - start);
                lx.text_pos = start;
                i = k + close;
                if (i < n && s_[i] == '*') ++i;  // "..."* : ignore
                out.push_back(lx);
                continue;
            }
            j = i;
            while (j < n && !is_space(s_[j]) && s_[j] != '(' && s_[j] != ')' && !quote_at(s_, j)) ++j;
            lx.kind = Lx::Word;
            lx.text = s_.substr(i, j - i);
            lx.text_pos = i;
            i = j;
            if (lx.modifier == 0 && lx.field.empty()) {
                if (lx.text == "AND") { lx.kind = Lx::And; out.push_back(lx); continue; }
                if (lx.text == "OR") { lx.kind = Lx::Or; out.push_back(lx); continue; }
                if (lx.text == "NOT") { lx.kind = Lx::Not; out.push_back(lx); continue; }
                if (lx.text == "NEAR" || lx.text.rfind("NEAR/", 0) == 0) {
                    lx.kind = Lx::Near;
                    lx.near = 0;
                    if (lx.text.size() > 4) {
                        std::string num = lx.text.substr(5);
                        if (!is_digits(num) || num.size() > 4 || to_int(num) == 0)
                            throw QueryError("NEAR/ needs a distance in words, e.g. NEAR/5", s_, lx.pos);
                        lx.near = static_cast<unsigned>(to_int(num));
                    }
                    out.push_back(lx);
                    continue;
                }
            }
            if (lx.field != "date" && lx.text.size() > 1 && lx.text.back() == '*') {
                while (!lx.text.empty() && lx.text.back() == '*') lx.text.pop_back();
                lx.wildcard = true;
            } else if (lx.text == "*") {
                throw QueryError("a wildcard needs at least one letter before *", s_, lx.pos);
            }
            out.push_back(lx);
        }
        Lexeme end;
        end.kind = Lx::End;
        end.pos = n;
        out.push_back(end);
        return out;
    }

private:
    const std::string& s_;
};

}  // namespace

std::vector<Lexeme> lex(const std::string& text) { return Lexer(text).run(); }

const char* op_name(Lx k) {
    switch (k) {
        case Lx::And: return "AND";
        case Lx::Or: return "OR";
        case Lx::Not: return "NOT";
        case Lx::Near: return "NEAR";
        default: return "?";
    }
}

}  // namespace haber::search::detail
