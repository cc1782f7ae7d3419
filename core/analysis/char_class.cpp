#include "analysis/char_class.h"

#include <unicode/uchar.h>

namespace haber::analysis {

bool is_letter(char32_t c) {
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_ALPHABETIC);
}

bool is_lower(char32_t c) {
    if (c < 0x80) return c >= 'a' && c <= 'z';
    return u_isULowercase(static_cast<UChar32>(c));
}

bool is_digit(char32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    return u_isdigit(static_cast<UChar32>(c));
}

bool is_word_char(char32_t c) {
    if (c < 0x80) return is_letter(c) || is_digit(c);
    return is_letter(c) || is_digit(c) || (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
}

bool is_apostrophe(char32_t c) {
    switch (c) {
        case 0x0027:  // '
        case 0x0060:  // `
        case 0x00B4:  // ´
        case 0x2018:  // ‘ (kemik-42bin's U+0091 becomes this)
        case 0x2019:  // ’
        case 0x02BC:  // ʼ modifier letter apostrophe
        case 0x02B9:  // ʹ
        case 0xFF07:  // fullwidth '
            return true;
        default:
            return false;
    }
}

bool is_hyphen(char32_t c) {
    return c == '-' || c == 0x2010 || c == 0x2011;
}

}  // namespace haber::analysis
