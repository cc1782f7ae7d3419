#include "analysis/case_folder.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "analysis/char_class.h"
#include "analysis/utf8.h"

namespace haber::analysis {

namespace {

const icu::Locale& turkish_locale() {
    static const icu::Locale tr("tr", "TR");
    return tr;
}

char32_t fold_circumflex(char32_t c) {
    switch (c) {
        case 0x00E2: return 'a';  // â
        case 0x00EE: return 'i';  // î
        case 0x00FB: return 'u';  // û
        default: return c;
    }
}

// Turkish letters and common Latin accents → ASCII, without ICU.
char32_t ascii_of(char32_t c) {
    if (char32_t t = turkish_ascii_twin(c)) return t;
    switch (c) {
        case 0x00E2: case 0x00E0: case 0x00E1: case 0x00E4: case 0x00E3: case 0x00E5: return 'a';
        case 0x00EE: case 0x00EC: case 0x00ED: case 0x00EF: return 'i';
        case 0x00FB: case 0x00F9: case 0x00FA: return 'u';
        case 0x00E8: case 0x00E9: case 0x00EA: case 0x00EB: return 'e';
        case 0x00F2: case 0x00F3: case 0x00F4: case 0x00F5: case 0x00F8: return 'o';
        case 0x00F1: return 'n';
        case 0x00FD: case 0x00FF: return 'y';
        default: return 0;
    }
}

}  // namespace

bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

std::string turkish_lower(std::string_view s) {
    std::string out;
    if (is_ascii(s)) {
        out.reserve(s.size() + 2);
        for (char c : s) {
            if (c == 'I') out += "\xC4\xB1";  // ı
            else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c + 32);
            else out += c;
        }
        return out;
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    u.toLower(turkish_locale());  // I→ı, İ→i, I+U+0307→i
    std::string lowered;
    u.toUTF8String(lowered);
    out.reserve(lowered.size());
    std::size_t i = 0;
    while (i < lowered.size()) {
        char32_t c = utf8::next(lowered, i);
        utf8::append(out, fold_circumflex(c));
    }
    return out;
}

std::string ascii_fold(std::string_view lowered) {
    if (is_ascii(lowered)) return std::string(lowered);
    std::string out;
    out.reserve(lowered.size());
    std::size_t i = 0;
    while (i < lowered.size()) {
        char32_t c = utf8::next(lowered, i);
        if (c < 0x80) { out += static_cast<char>(c); continue; }
        if (char32_t a = ascii_of(c)) { out += static_cast<char>(a); continue; }
        // Anything else: decompose and drop combining marks (ā → a); letters
        // with no ASCII base (ß, Cyrillic, Greek) are kept as they are.
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
        icu::UnicodeString decomposed =
            U_SUCCESS(status) ? nfd->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status)
                              : icu::UnicodeString(static_cast<UChar32>(c));
        for (int32_t k = 0; k < decomposed.length();) {
            UChar32 dc = decomposed.char32At(k);
            k += U16_LENGTH(dc);
            if (U_GET_GC_MASK(dc) & U_GC_M_MASK) continue;
            utf8::append(out, static_cast<char32_t>(dc));
        }
    }
    return out;
}

bool folds_to(std::string_view lowered, std::string_view ascii) {
    std::size_t i = 0, j = 0;
    while (i < lowered.size()) {
        char32_t c = utf8::next(lowered, i);
        char32_t a = c < 0x80 ? c : ascii_of(c);
        if (a == 0) return ascii_fold(lowered) == ascii;  // decomposed by ICU
        if (j >= ascii.size() || static_cast<unsigned char>(ascii[j]) != a) return false;
        ++j;
    }
    return j == ascii.size();
}

char ascii_letter(char32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c);
    if (c == 0x0130) return 'i';  // İ
    char32_t a = ascii_of(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
    return static_cast<char>(a);
}

namespace {

// Does `text` from byte `p` on hold a spelling of the ASCII `needle`
// (find_folded)?
bool folded_at(std::string_view text, std::size_t p, std::string_view needle) {
    for (char want : needle) {
        if (p >= text.size()) return false;
        auto b = static_cast<unsigned char>(text[p]);
        if (b < 0x80) {
            if (b >= 'A' && b <= 'Z') b = static_cast<unsigned char>(b + 32);
            if (b == '`') b = '\'';
            if (static_cast<char>(b) != want) return false;
            ++p;
            continue;
        }
        char32_t c = utf8::next(text, p);
        if (is_apostrophe(c)) {  // the tokenizer writes every one as '
            if (want != '\'') return false;
            continue;
        }
        char a = ascii_letter(c);
        if (a == 0 ? !is_letter(c) : a != want) return false;
    }
    return true;
}

}  // namespace

std::size_t find_folded(std::string_view text, std::string_view needle, std::size_t from) {
    if (needle.empty()) return from <= text.size() ? from : std::string_view::npos;
    for (std::size_t start = from; start < text.size(); ++start) {
        auto b = static_cast<unsigned char>(text[start]);
        if (b < 0x80) {
            if (b >= 'A' && b <= 'Z') b = static_cast<unsigned char>(b + 32);
            if (static_cast<char>(b) != needle[0]) continue;
        } else if ((b & 0xC0) == 0x80) {
            continue;  // inside a character
        }
        if (folded_at(text, start, needle)) return start;
    }
    return std::string_view::npos;
}

char32_t turkish_ascii_twin(char32_t c) {
    switch (c) {
        case 0x00E7: return 'c';  // ç
        case 0x011F: return 'g';  // ğ
        case 0x0131: return 'i';  // ı
        case 0x00F6: return 'o';  // ö
        case 0x015F: return 's';  // ş
        case 0x00FC: return 'u';  // ü
        default: return 0;
    }
}

std::string_view turkish_letter_for(char ascii) {
    switch (ascii) {
        case 'c': return "\u00e7";
        case 'g': return "\u011f";
        case 'i': return "\u0131";
        case 'o': return "\u00f6";
        case 's': return "\u015f";
        case 'u': return "\u00fc";
        default: return {};
    }
}

std::vector<std::string> turkish_spellings(std::string_view ascii, std::size_t cap) {
    std::vector<std::string> out{std::string(ascii)};
    for (std::size_t i = 0; i < ascii.size(); ++i) {
        std::string_view repl = turkish_letter_for(ascii[i]);
        if (repl.empty()) continue;
        if (out.size() * 2 > cap) break;
        // Every variant so far still holds the ASCII letter at the same
        // offset from its end.
        std::size_t tail = ascii.size() - i;
        std::size_t n = out.size();
        for (std::size_t k = 0; k < n; ++k) {
            std::string v = out[k];
            v.replace(v.size() - tail, 1, repl);
            out.push_back(std::move(v));
        }
    }
    return out;
}

}  // namespace haber::analysis
