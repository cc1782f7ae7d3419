#include "ingest/plain_text.h"

#include <vector>

#include "analysis/utf8.h"
#include "ingest/char_refs.h"

namespace haber::ingest {

namespace {

bool is_space_byte(char c) {
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

// No-break space (U+00A0) also counts as padding.
bool starts_with_nbsp(std::string_view s, std::size_t i) {
    return i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 &&
           static_cast<unsigned char>(s[i + 1]) == 0xA0;
}

bool is_upper_letter(char32_t c) {
    if (c >= U'A' && c <= U'Z') return true;
    switch (c) {
        case U'Ç': case U'Ğ': case U'İ': case U'Ö': case U'Ş': case U'Ü':
        case U'Â': case U'Î': case U'Û': case U'Ê': case U'Ô': case U'É': case U'È':
        case U'Ä': case U'Ë': case U'Ï':
            return true;
        default:
            return false;
    }
}

bool is_dash(char32_t c) { return c == U'-' || c == U'–' || c == U'—'; }

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// Last code point of s (s non-empty).
char32_t last_code_point(std::string_view s) {
    std::size_t i = s.size();
    while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80) --i;
    if (i > 0) --i;
    std::size_t j = i;
    return utf8::next(s, j);
}

// A sub-heading marker "– " / "— " at the start of a line.
std::optional<std::size_t> subheading_marker(std::string_view line) {
    for (std::string_view m : {std::string_view("– "), std::string_view("— ")}) {
        if (line.substr(0, m.size()) == m) return m.size();
    }
    return std::nullopt;
}

}  // namespace

std::string collapse_whitespace(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (is_space_byte(s[i]) || s[i] == '\n') {
            pending_space = true;
            continue;
        }
        if (starts_with_nbsp(s, i)) {
            pending_space = true;
            ++i;
            continue;
        }
        if (pending_space && !out.empty()) out.push_back(' ');
        pending_space = false;
        out.push_back(s[i]);
    }
    return out;
}

std::optional<Dateline> parse_dateline(std::string_view p) {
    std::size_t i = 0;
    // City: uppercase words separated by single spaces.
    std::size_t letters = 0;
    std::size_t city_end = 0;
    for (;;) {
        std::size_t word_letters = 0;
        while (i < p.size()) {
            std::size_t j = i;
            char32_t c = utf8::next(p, j);
            bool inner = word_letters > 0 && (c == U'\'' || c == U'’' || c == U'.' || c == U'-' || c == U'/');
            if (!is_upper_letter(c) && !inner) break;
            if (is_upper_letter(c)) ++word_letters;
            i = j;
        }
        if (word_letters == 0) break;
        letters += word_letters;
        city_end = i;
        // Another word follows only after a single space and an uppercase letter.
        if (i + 1 < p.size() && p[i] == ' ') {
            std::size_t j = i + 1;
            if (is_upper_letter(utf8::next(p, j))) {
                ++i;
                continue;
            }
        }
        break;
    }
    if (letters < 2) return std::nullopt;
    i = city_end;
    auto skip_spaces = [&] { while (i < p.size() && (p[i] == ' ' || p[i] == '\t')) ++i; };
    skip_spaces();
    if (i < p.size() && p[i] == ',') {
        ++i;
        skip_spaces();
    }
    if (i >= p.size() || p[i] != '(') return std::nullopt;
    std::size_t close = p.find(')', i + 1);
    if (close == std::string_view::npos || close - i - 1 == 0 || close - i - 1 > 40) return std::nullopt;
    std::string source = collapse_whitespace(p.substr(i + 1, close - i - 1));
    if (source.empty() || source.find('(') != std::string::npos) return std::nullopt;
    i = close + 1;
    skip_spaces();
    if (i >= p.size()) return std::nullopt;
    std::size_t j = i;
    if (!is_dash(utf8::next(p, j))) return std::nullopt;
    i = j;
    skip_spaces();
    std::string place(p.substr(0, city_end));
    return Dateline{std::move(place), std::move(source), i};
}

Article parse_plain_text(std::string_view raw) {
    // Scraped archives leave HTML character references (m&uuml;cadele).
    const std::string decoded = decode_char_refs(raw);
    std::string_view text = decoded;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    // Non-empty lines, whitespace collapsed; each is a paragraph.
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        std::string line = collapse_whitespace(text.substr(start, nl - start));
        if (!line.empty()) lines.push_back(std::move(line));
        start = nl + 1;
    }

    Article a;
    std::size_t first = 0;
    if (lines.size() >= 2) {
        const std::string& h = lines[0];
        char32_t last = last_code_point(h);
        bool sentence_end = last == U'.' || last == U'!' || last == U'?' || last == U':' || last == U'…';
        if (code_points(h) < 200 && !sentence_end && !parse_dateline(h) && !subheading_marker(h)) {
            a.title = h;
            first = 1;
        }
    }
    std::string body;
    for (std::size_t k = first; k < lines.size(); ++k) {
        std::string_view para = lines[k];
        if (k == first) {
            if (auto d = parse_dateline(para)) {
                a.place = d->place;
                a.source = d->source;
                para.remove_prefix(d->length);
            }
        }
        if (auto m = subheading_marker(para)) para.remove_prefix(*m);
        while (!para.empty() && para.front() == ' ') para.remove_prefix(1);
        if (para.empty()) continue;
        if (!body.empty()) body.push_back('\n');
        body.append(para);
    }
    a.body = std::move(body);
    return a;
}

}  // namespace haber::ingest
