// Stage 2: splits normalised text into word tokens with positions and byte
// offsets. Keeps numbers whole (2.5075, 1,5, 2022), abbreviations (AA, TBMM),
// apostrophe forms (Özbekistan’da, D'Artagnan: the apostrophe stage decides),
// and splits hyphenated pairs (Özbekistan-Kazakistan) into consecutive words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace haber::analysis {

enum class TokenKind { Word, Number };

struct Token {
    std::string text;         // the token as it appears (apostrophes unified to ')
    std::size_t begin = 0;    // byte offsets into the tokenised text
    std::size_t end = 0;
    std::uint32_t position = 0;  // word position, 0-based, +gap at paragraph breaks
    TokenKind kind = TokenKind::Word;
};

class Tokenizer {
public:
    // Positions jump by `paragraph_gap` at a blank line, and at a line
    // break that ends a sentence or a heading, so that phrases never match
    // across paragraphs; a line wrapped inside a sentence (one break after a
    // word or a comma, then a lowercase word) goes on without a gap.
    explicit Tokenizer(std::uint32_t paragraph_gap = 8) : paragraph_gap_(paragraph_gap) {}
    std::vector<Token> tokenize(std::string_view normalized, std::uint32_t first_position = 0) const;
private:
    std::uint32_t paragraph_gap_;
};

}  // namespace haber::analysis
