// The lexer of the query language (search/query.h): it cuts the normalised
// query text into lexemes — words, quoted phrases (straight or typographic
// quotes), parentheses, the operators AND OR NOT NEAR NEAR/n — and reads
// what is attached to a word: a modifier + - =, a field name before ':'
// (Turkish or English, canonicalised), a trailing * (wildcard). Every lexeme
// keeps the byte offsets an error message points at. It throws QueryError for
// what is wrong at the level of characters (an unclosed ", a field without a
// value, NEAR/x, parentheses nested past kMaxQueryDepth); the grammar is
// search/query.cpp's. Internal to the query parser.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace haber::search::detail {

enum class Lx { Word, Phrase, LParen, RParen, And, Or, Not, Near, End };

struct Lexeme {
    Lx kind = Lx::End;
    std::string text;
    std::size_t pos = 0;
    std::size_t value_pos = 0;  // where the value starts (after modifier and field:)
    std::size_t text_pos = 0;   // where `text` starts (after an opening quote)
    char modifier = 0;   // '+', '-', '='
    std::string field;   // canonical field name, or empty
    bool wildcard = false;
    unsigned near = 0;
    bool unknown_field = false;  // "foo:" before this word is not a field (ParsedQuery::warnings)
};

// The lexemes of `text`, ending with one of kind End at text.size().
// Throws QueryError.
std::vector<Lexeme> lex(const std::string& text);

// "AND", "OR", "NOT", "NEAR" for an operator, "?" otherwise.
const char* op_name(Lx kind);

// ASCII digits only, and at least one.
bool is_digits(std::string_view s);
// The value of a string of ASCII digits (is_digits).
int to_int(std::string_view s);

}  // namespace haber::search::detail
