#include "analysis/tokenizer.h"

#include "analysis/char_class.h"
#include "analysis/utf8.h"

namespace haber::analysis {

namespace {

constexpr std::size_t kMaxTokenBytes = 120;  // longer "words" are garbage (hashes, base64)

char32_t peek(std::string_view s, std::size_t i, std::size_t* len = nullptr) {
    if (i >= s.size()) { if (len) *len = 0; return 0; }
    std::size_t j = i;
    char32_t c = utf8::next(s, j);
    if (len) *len = j - i;
    return c;
}

// A line break inside a sentence (hard-wrapped text: "pankart açma
// hakkını\nistiyor") is no paragraph: one break, after a word or a comma,
// before a lowercase word. A heading ("Gözyaşlarını tutamadılar\nFatma")
// and a sentence's end keep the gap.
bool soft_wrap(int newlines, char32_t before, char32_t next) {
    return newlines == 1 && (is_word_char(before) || before == ',') && is_lower(next);
}

bool is_blank(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0; }

}  // namespace

std::vector<Token> Tokenizer::tokenize(std::string_view s, std::uint32_t first_position) const {
    std::vector<Token> tokens;
    tokens.reserve(s.size() / 6);
    std::uint32_t pos = first_position;
    int newlines = 0;            // line breaks since the last token
    char32_t visible = 0;        // the last character other than a blank
    char32_t before_break = 0;   // ... before the first of those breaks
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t len;
        char32_t c = peek(s, i, &len);
        if (!is_word_char(c)) {
            if (c == '\n') {
                if (newlines++ == 0) before_break = visible;
            } else if (!is_blank(c)) {
                visible = c;
            }
            i += len;
            continue;
        }
        if (newlines > 0 && !tokens.empty() && !soft_wrap(newlines, before_break, c)) pos += paragraph_gap_;
        newlines = 0;
        visible = c;

        Token t;
        t.begin = i;
        t.kind = is_digit(c) ? TokenKind::Number : TokenKind::Word;
        char32_t last = c;
        std::size_t letters = 1;
        t.text.append(s.substr(i, len));
        i += len;
        while (i < s.size()) {
            std::size_t l1, l2;
            char32_t c1 = peek(s, i, &l1);
            if (is_word_char(c1) && !is_apostrophe(c1)) {  // ʼ (U+02BC) is a letter to Unicode
                t.text.append(s.substr(i, l1));
                i += l1;
                last = c1;
                ++letters;
                continue;
            }
            char32_t c2 = peek(s, i + l1, &l2);
            if (is_apostrophe(c1) && is_word_char(c2)) {
                t.text += '\'';  // one spelling for every apostrophe variant
                i += l1;
                continue;
            }
            if ((c1 == '.' || c1 == ',') && t.kind == TokenKind::Number && is_digit(last) &&
                is_digit(c2)) {
                t.text += static_cast<char>(c1);
                i += l1;
                continue;
            }
            break;
        }
        // Dotted acronyms: "A.Ş.", "T.C." → "AŞ", "TC".
        if (letters == 1 && t.kind == TokenKind::Word) {
            std::size_t j = i;
            std::string joined = t.text;
            while (j < s.size() && s[j] == '.') {
                std::size_t la, lb;
                char32_t a = peek(s, j + 1, &la);
                char32_t b = peek(s, j + 1 + la, &lb);
                if (!is_letter(a) || is_word_char(b)) break;
                joined.append(s.substr(j + 1, la));
                j += 1 + la;
            }
            if (j != i) {
                if (j < s.size() && s[j] == '.') ++j;
                t.text = joined;
                i = j;
            }
        }
        t.end = i;
        t.position = pos++;
        if (t.text.size() <= kMaxTokenBytes) tokens.push_back(std::move(t));
    }
    return tokens;
}

}  // namespace haber::analysis
