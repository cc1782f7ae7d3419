#include "analysis/normalizer.h"

#include <stdexcept>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "analysis/utf8.h"

namespace haber::analysis {

namespace {

// Windows-1252 meaning of the C1 controls 0x80-0x9F; 0 where undefined
// (those are dropped). Text converted from cp1252/cp1254 by a tool that
// mapped bytes straight to code points carries these (kemik-42bin does).
constexpr char32_t kCp1252C1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

bool is_removed_format_char(char32_t c) {
    return c == 0x00AD                       // soft hyphen
           || (c >= 0x200B && c <= 0x200F)   // zero-width space/joiners, LRM, RLM
           || (c >= 0x202A && c <= 0x202E)   // bidi embeddings
           || (c >= 0x2060 && c <= 0x2064)   // word joiner, invisible operators
           || (c >= 0x2066 && c <= 0x2069)   // bidi isolates
           || c == 0xFEFF;                   // BOM / zero-width no-break space
}

bool is_space_variant(char32_t c) {
    return c == 0x00A0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
           c == 0x3000 || c == 0x000B || c == 0x000C;
}

}  // namespace

Normalizer::Normalizer() {
    UErrorCode status = U_ZERO_ERROR;
    icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normaliser unavailable");
}

std::string Normalizer::normalize(std::string_view raw) const {
    std::string mapped;
    mapped.reserve(raw.size());
    bool ascii_only = true;
    std::size_t i = 0;
    while (i < raw.size()) {
        unsigned char b = static_cast<unsigned char>(raw[i]);
        if (b < 0x80) {
            ++i;
            if (b == '\r') {
                if (i < raw.size() && raw[i] == '\n') continue;  // CRLF → LF
                mapped += '\n';
            } else if (b == '\n' || b == '\t' || b >= 0x20) {
                mapped += static_cast<char>(b == 0x7F ? ' ' : b);
            } else {
                mapped += ' ';  // other C0 controls
            }
            continue;
        }
        char32_t c = utf8::next(raw, i);
        if (c >= 0x80 && c <= 0x9F) {
            c = kCp1252C1[c - 0x80];
            if (c == 0) continue;
        }
        if (is_removed_format_char(c)) continue;
        if (is_space_variant(c)) { mapped += ' '; continue; }
        ascii_only = false;
        utf8::append(mapped, c);
    }
    if (ascii_only) return mapped;

    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(mapped);
    if (nfc->isNormalized(u, status) && U_SUCCESS(status)) return mapped;
    status = U_ZERO_ERROR;
    icu::UnicodeString out = nfc->normalize(u, status);
    if (U_FAILURE(status)) return mapped;
    std::string result;
    out.toUTF8String(result);
    return result;
}

}  // namespace haber::analysis
