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
    explicit Lexer(const std::string& s) : s_(s), n_(s.size()) {}

    std::vector<Lexeme> run() {
        while (true) {
            while (i_ < n_ && is_space(s_[i_])) ++i_;
            if (i_ >= n_) break;
            Lexeme lx;
            lx.pos = i_;
            if (paren(lx)) continue;
            modifier(lx);
            if (!field(lx)) continue;
            lx.value_pos = i_;
            if (std::size_t q = quote_at(s_, i_)) {
                phrase(lx, q);
                continue;
            }
            word(lx);
        }
        Lexeme end;
        end.kind = Lx::End;
        end.pos = n_;
        out_.push_back(end);
        return std::move(out_);
    }

private:
    const std::string& s_;
    const std::size_t n_;
    std::size_t i_ = 0;      // the next byte to read
    std::size_t depth_ = 0;  // parentheses open
    std::vector<Lexeme> out_;

    // ( or ) at i_: pushed, true.
    bool paren(Lexeme& lx) {
        if (s_[i_] == '(') {
            // The parser recurses once per open parenthesis.
            if (++depth_ > kMaxQueryDepth)
                throw QueryError("parentheses nested too deep (limit: " + std::to_string(kMaxQueryDepth) +
                                     " levels)",
                                 s_, i_);
            lx.kind = Lx::LParen; out_.push_back(lx); ++i_; return true;
        }
        if (s_[i_] == ')') {
            if (depth_ > 0) --depth_;
            lx.kind = Lx::RParen; out_.push_back(lx); ++i_; return true;
        }
        return false;
    }

    // + - = before a term (not before a space or ')').
    void modifier(Lexeme& lx) {
        if ((s_[i_] == '+' || s_[i_] == '-' || s_[i_] == '=') && i_ + 1 < n_ && !is_space(s_[i_ + 1]) &&
            s_[i_ + 1] != ')') {
            lx.modifier = s_[i_];
            ++i_;
        }
    }

    // field: (and field:=) before a value, read into `lx`. An unknown field
    // ("foo:bar") is a word of its own, pushed: false.
    bool field(Lexeme& lx) {
        std::size_t j = i_;
        while (j < n_ && !is_space(s_[j]) && s_[j] != '(' && s_[j] != ')' && s_[j] != ':' &&
               !quote_at(s_, j))
            ++j;
        if (!(j < n_ && s_[j] == ':' && j > i_)) return true;
        std::string field = canonical_field(std::string_view(s_).substr(i_, j - i_));
        if (!field.empty()) {
            if (j + 1 >= n_ || is_space(s_[j + 1]) || s_[j + 1] == ')')
                throw QueryError("missing value after '" + s_.substr(i_, j + 1 - i_) + "'", s_, i_);
            if (s_[j + 1] == '(')
                throw QueryError("a field applies to one word or a quoted phrase, not to parentheses",
                                 s_, j + 1);
            lx.field = field;
            i_ = j + 1;
            if (lx.modifier == 0 && i_ < n_ && s_[i_] == '=' && i_ + 1 < n_ && !is_space(s_[i_ + 1])) {
                lx.modifier = '=';
                ++i_;
            }
            return true;
        }
        // Unknown field: "foo:bar" is just words.
        lx.kind = Lx::Word;
        lx.text = s_.substr(i_, j - i_);
        lx.value_pos = lx.text_pos = i_;
        lx.unknown_field = true;
        out_.push_back(lx);
        i_ = j + 1;
        return false;
    }

    // A quoted phrase; its opening quote, `q` bytes, at i_.
    void phrase(Lexeme& lx, std::size_t q) {
        std::size_t start = i_ + q, k = start;
        std::size_t close = 0;
        while (k < n_) {
            if ((close = quote_at(s_, k))) break;
            ++k;
        }
        if (k >= n_) {
            // A lone typographic quote (a headline pasted with one
            // ” left over) is text, not syntax; a lone " is a typo
            // worth pointing at.
            if (q > 1) {
                i_ += q;
                return;
            }
            throw QueryError("unclosed quote", s_, i_);
        }
        lx.kind = Lx::Phrase;
        lx.text = s_.substr(start, k - start);
        lx.text_pos = start;
        i_ = k + close;
        if (i_ < n_ && s_[i_] == '*') ++i_;  // "..."* : ignore
        out_.push_back(lx);
    }

    // A word, an operator (AND OR NOT NEAR NEAR/n) or a prefix*.
    void word(Lexeme& lx) {
        std::size_t j = i_;
        while (j < n_ && !is_space(s_[j]) && s_[j] != '(' && s_[j] != ')' && !quote_at(s_, j)) ++j;
        lx.kind = Lx::Word;
        lx.text = s_.substr(i_, j - i_);
        lx.text_pos = i_;
        i_ = j;
        if (lx.modifier == 0 && lx.field.empty() && as_operator(lx)) {
            out_.push_back(lx);
            return;
        }
        if (lx.field != "date" && lx.text.size() > 1 && lx.text.back() == '*') {
            while (!lx.text.empty() && lx.text.back() == '*') lx.text.pop_back();
            lx.wildcard = true;
        } else if (lx.text == "*") {
            throw QueryError("a wildcard needs at least one letter before *", s_, lx.pos);
        }
        out_.push_back(lx);
    }

    // The word `lx` as an operator: true, its kind (and NEAR/n's distance) set.
    bool as_operator(Lexeme& lx) const {
        if (lx.text == "AND") { lx.kind = Lx::And; return true; }
        if (lx.text == "OR") { lx.kind = Lx::Or; return true; }
        if (lx.text == "NOT") { lx.kind = Lx::Not; return true; }
        if (lx.text == "NEAR" || lx.text.rfind("NEAR/", 0) == 0) {
            lx.kind = Lx::Near;
            lx.near = 0;
            if (lx.text.size() > 4) {
                std::string num = lx.text.substr(5);
                if (!is_digits(num) || num.size() > 4 || to_int(num) == 0)
                    throw QueryError("NEAR/ needs a distance in words, e.g. NEAR/5", s_, lx.pos);
                lx.near = static_cast<unsigned>(to_int(num));
            }
            return true;
        }
        return false;
    }
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
