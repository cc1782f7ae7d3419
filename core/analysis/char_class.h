// Character classes the tokenizer and apostrophe stage agree on.
#pragma once

namespace haber::analysis {

bool is_word_char(char32_t c);     // letters, digits and combining marks
bool is_digit(char32_t c);
bool is_letter(char32_t c);
bool is_lower(char32_t c);         // a lowercase letter (ı, ş, a)
bool is_apostrophe(char32_t c);    // ' ’ ‘ ʼ ´ ` and friends
bool is_hyphen(char32_t c);

}  // namespace haber::analysis
