#include "analysis/apostrophe.h"

#include <array>
#include <string>
#include <vector>

namespace haber::analysis {

namespace {

// Inflectional (and a few frequent derivational) suffix morphemes written
// after an apostrophe, in all their vowel-harmony and consonant-assimilation
// forms. A right-hand side is a suffix if it splits entirely into these.
const std::vector<std::string>& morphemes() {
    static const std::vector<std::string> list = {
        // plural
        "lar", "ler",
        // possessive / accusative / genitive / dative / locative / ablative
        "ı", "i", "u", "ü", "yı", "yi", "yu", "yü", "nı", "ni", "nu", "nü",
        "sı", "si", "su", "sü",
        "m", "ım", "im", "um", "üm", "n", "ın", "in", "un", "ün",
        "nın", "nin", "nun", "nün",
        "mız", "miz", "muz", "müz", "ımız", "imiz", "umuz", "ümüz",
        "nız", "niz", "nuz", "nüz", "ınız", "iniz", "unuz", "ünüz",
        "a", "e", "ya", "ye", "na", "ne",
        "da", "de", "ta", "te", "nda", "nde",
        "dan", "den", "tan", "ten", "ndan", "nden",
        "la", "le", "yla", "yle",
        "ca", "ce", "ça", "çe", "nca", "nce",
        "ki", "kü",
        // copula and person endings
        "dır", "dir", "dur", "dür", "tır", "tir", "tur", "tür",
        "dı", "di", "du", "dü", "tı", "ti", "tu", "tü", "ydı", "ydi", "ydu", "ydü",
        "mış", "miş", "muş", "müş", "ymış", "ymiş", "ymuş", "ymüş",
        "sa", "se", "ysa", "yse", "ken", "yken",
        "yım", "yim", "yum", "yüm", "sın", "sin", "sun", "sün",
        "yız", "yiz", "yuz", "yüz", "sınız", "siniz", "sunuz", "sünüz",
        // derivational suffixes common on names and numbers: İstanbul'lu,
        // 1990'lı, 2'nci / 1'inci, Atatürk'çü, AB'ci
        "lı", "li", "lu", "lü", "lık", "lik", "luk", "lük", "sız", "siz", "suz", "süz",
        "cı", "ci", "cu", "cü", "çı", "çi", "çu", "çü",
        "ncı", "nci", "ncu", "ncü", "ıncı", "inci", "uncu", "üncü",
        "ğı", "ği", "ğu", "ğü",
    };
    return list;
}

constexpr std::size_t kMaxSuffixBytes = 32;

}  // namespace

bool is_turkish_suffix_chain(std::string_view s) {
    if (s.empty() || s.size() > kMaxSuffixBytes) return false;
    // reachable[i]: s[0, i) splits into morphemes.
    std::array<bool, kMaxSuffixBytes + 1> reachable{};
    reachable[0] = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!reachable[i]) continue;
        for (const std::string& m : morphemes()) {
            if (s.compare(i, m.size(), m) == 0 && i + m.size() <= s.size())
                reachable[i + m.size()] = true;
        }
    }
    return reachable[s.size()];
}

std::string strip_apostrophe_suffix(std::string_view w) {
    std::size_t apo = w.find('\'');
    if (apo == std::string_view::npos) return std::string(w);
    std::string_view left = w.substr(0, apo);
    std::string_view right = w.substr(apo + 1);
    if (!left.empty() && right.find('\'') == std::string_view::npos && is_turkish_suffix_chain(right))
        return std::string(left);
    // Not a Turkish suffix: a foreign name (d'artagnan, o'connell) or an
    // elision; keep the letters, drop the apostrophes.
    std::string joined;
    joined.reserve(w.size());
    for (char c : w)
        if (c != '\'') joined += c;
    return joined;
}

}  // namespace haber::analysis
