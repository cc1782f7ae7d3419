#include "analysis/utf8.h"

namespace haber::utf8 {

namespace {
// Length of the valid sequence starting at s[i], or 0 if invalid.
std::size_t valid_length(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    if (c < 0x80) return 1;
    std::size_t n;
    char32_t min;
    if ((c & 0xE0) == 0xC0) { n = 2; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 3; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 4; min = 0x10000; }
    else return 0;
    if (i + n > s.size()) return 0;
    char32_t cp = c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}
}  // namespace

std::optional<std::size_t> first_invalid(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        // Fast path over ASCII.
        if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
        std::size_t n = valid_length(s, i);
        if (n == 0) return i;
        i += n;
    }
    return std::nullopt;
}

void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

char32_t next(std::string_view s, std::size_t& i) {
    std::size_t n = valid_length(s, i);
    if (n == 0) { ++i; return 0xFFFD; }
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    char32_t cp;
    switch (n) {
        case 1: cp = b(i); break;
        case 2: cp = ((b(i) & 0x1F) << 6) | (b(i + 1) & 0x3F); break;
        case 3: cp = ((b(i) & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F); break;
        default:
            cp = ((b(i) & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) |
                 (b(i + 3) & 0x3F);
    }
    i += n;
    return cp;
}

LineCol line_col(std::string_view s, std::size_t pos) {
    LineCol lc{1, 1};
    std::size_t i = 0;
    while (i < pos && i < s.size()) {
        if (s[i] == '\n') { ++lc.line; lc.column = 1; ++i; continue; }
        next(s, i);
        ++lc.column;
    }
    return lc;
}

}  // namespace haber::utf8
