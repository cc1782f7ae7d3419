#include "analysis/lemmatizer.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "analysis/case_folder.h"
#include "analysis/utf8.h"

namespace haber::analysis {

namespace {

// --- Turkish suffix morphotactics --------------------------------------------
//
// Inflectional morphemes by slot, in all their vowel-harmony and consonant-
// assimilation forms. A suffix is read as a path of slots (kFollows) whose
// vowels agree in harmony; verb slots only after a verb root, noun slots
// after a noun root or a verb made a noun (participle, verbal noun).
// Derivational suffixes (-lık, -lı, -sız, -cı) are left out: they make words
// of their own, which the lexicon lists.

enum Slot : unsigned {
    kRoot, kVoice, kNeg, kAbil, kTense, kPart, kVNoun, kConv, kPl, kPoss, kCase, kKi, kCop, kPers, kSlots
};

struct Morpheme {
    std::string text;
    Slot slot;
};

std::vector<Morpheme> make_turkish() {
    std::vector<Morpheme> m;
    auto add = [&](Slot s, std::initializer_list<const char*> forms) {
        for (const char* f : forms) m.push_back({f, s});
    };
    add(kPl, {"lar", "ler"});
    // Possessives. "My" and "your" (-m, -n) are left out: rare in news and
    // the source of false readings of names (obama is not oba-m-a, başkan
    // not başka-n).
    add(kPoss, {"ı", "i", "u", "ü", "sı", "si", "su", "sü",
                "mız", "miz", "muz", "müz", "ımız", "imiz", "umuz", "ümüz", "nız", "niz", "nuz", "nüz",
                "ınız", "iniz", "unuz", "ünüz", "ları", "leri"});
    add(kCase, {"ı", "i", "u", "ü", "yı", "yi", "yu", "yü", "nı", "ni", "nu", "nü",            // accusative
                "a", "e", "ya", "ye", "na", "ne",                                              // dative
                "da", "de", "ta", "te", "nda", "nde",                                          // locative
                "dan", "den", "tan", "ten", "ndan", "nden",                                    // ablative
                "ın", "in", "un", "ün", "nın", "nin", "nun", "nün",                            // genitive
                "la", "le", "yla", "yle", "nla", "nle",                                        // instrumental
                "ca", "ce", "ça", "çe", "nca", "nce"});                                        // equative
    add(kKi, {"ki", "kü"});
    add(kCop, {"dır", "dir", "dur", "dür", "tır", "tir", "tur", "tür", "dı", "di", "du", "dü", "tı", "ti", "tu", "tü",
               "ydı", "ydi", "ydu", "ydü", "mış", "miş", "muş", "müş", "ymış", "ymiş", "ymuş", "ymüş",
               "sa", "se", "ysa", "yse", "ken", "yken"});
    add(kPers, {"ım", "im", "um", "üm", "yım", "yim", "yum", "yüm", "m", "sın", "sin", "sun", "sün", "n",
                "ız", "iz", "uz", "üz", "yız", "yiz", "yuz", "yüz", "k", "sınız", "siniz", "sunuz", "sünüz",
                "nız", "niz", "nuz", "nüz", "lar", "ler"});
    add(kVoice, {"ıl", "il", "ul", "ül", "l", "ın", "in", "un", "ün", "n", "dır", "dir", "dur", "dür",
                 "tır", "tir", "tur", "tür", "t", "ış", "iş", "uş", "üş", "ş"});
    add(kNeg, {"ma", "me"});
    add(kAbil, {"abil", "ebil", "yabil", "yebil", "ama", "eme", "yama", "yeme"});
    // The aorist after a vowel (söyle-r) and the optative (bak-a) are left
    // out: they would read nouns as verbs (partile-r, bak-a-n).
    add(kTense, {"dı", "di", "du", "dü", "tı", "ti", "tu", "tü", "mış", "miş", "muş", "müş",
                 "ıyor", "iyor", "uyor", "üyor", "yor", "acak", "ecek", "yacak", "yecek", "acağ", "eceğ",
                 "yacağ", "yeceğ", "ar", "er", "ır", "ir", "ur", "ür", "maz", "mez", "sa", "se",
                 "malı", "meli"});
    add(kPart, {"an", "en", "yan", "yen", "dık", "dik", "duk", "dük", "tık", "tik", "tuk", "tük",
                "dığ", "diğ", "duğ", "düğ", "tığ", "tiğ", "tuğ", "tüğ", "acak", "ecek", "yacak", "yecek",
                "acağ", "eceğ", "yacağ", "yeceğ", "mış", "miş", "muş", "müş"});
    add(kVNoun, {"ma", "me", "mak", "mek", "ış", "iş", "uş", "üş", "yış", "yiş", "yuş", "yüş"});
    add(kConv, {"arak", "erek", "yarak", "yerek", "ınca", "ince", "unca", "ünce", "yınca", "yince", "yunca",
                "yünce", "ıp", "ip", "up", "üp", "yıp", "yip", "yup", "yüp", "madan", "meden", "ken"});
    return m;
}

// kFollows[a] has bit b set if slot b may come right after slot a.
constexpr unsigned bit(Slot s) { return 1u << s; }
constexpr unsigned kVerbNext = bit(kVoice) | bit(kNeg) | bit(kAbil) | bit(kTense) | bit(kPart) | bit(kVNoun) | bit(kConv);
// A noun's own person endings (Türk-üm) are rare in news and read names
// wrongly; they are reached after the copula or the plural only.
constexpr unsigned kNounNext = bit(kPl) | bit(kPoss) | bit(kCase) | bit(kCop);
const unsigned kFollows[kSlots] = {
    /* kRoot  */ 0,  // by part of speech, see parse()
    /* kVoice */ kVerbNext,
    /* kNeg   */ bit(kAbil) | bit(kTense) | bit(kPart) | bit(kVNoun) | bit(kConv),
    /* kAbil  */ bit(kNeg) | bit(kTense) | bit(kPart) | bit(kVNoun) | bit(kConv),
    /* kTense */ bit(kCop) | bit(kPers),
    /* kPart  */ bit(kPl) | bit(kPoss) | bit(kCase) | bit(kCop) | bit(kPers),
    /* kVNoun */ bit(kPl) | bit(kPoss) | bit(kCase) | bit(kCop),
    /* kConv  */ 0,
    /* kPl    */ bit(kPoss) | bit(kCase) | bit(kCop) | bit(kPers),
    /* kPoss  */ bit(kCase) | bit(kCop),
    /* kCase  */ bit(kKi) | bit(kCop),
    /* kKi    */ bit(kPl) | bit(kCase),
    /* kCop   */ bit(kPers),
    /* kPers  */ bit(kCop),
};

bool is_vowel(char32_t c) {
    switch (c) {
        case U'a': case U'e': case U'ı': case U'i': case U'o': case U'ö': case U'u': case U'ü': return true;
        default: return false;
    }
}

std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    std::size_t i = 0;
    while (i < s.size()) out.push_back(utf8::next(s, i));
    return out;
}

std::string to_utf8(const std::vector<char32_t>& cps) {
    std::string out;
    for (char32_t c : cps) utf8::append(out, c);
    return out;
}

char32_t first_vowel(std::string_view s) {
    for (char32_t c : code_points(s))
        if (is_vowel(c)) return c;
    return 0;
}

char32_t last_vowel(std::string_view s) {
    char32_t v = 0;
    for (char32_t c : code_points(s))
        if (is_vowel(c)) v = c;
    return v;
}

bool front(char32_t v) { return v == U'e' || v == U'i' || v == U'ö' || v == U'ü'; }
bool rounded(char32_t v) { return v == U'o' || v == U'ö' || v == U'u' || v == U'ü'; }
bool high(char32_t v) { return v == U'ı' || v == U'i' || v == U'u' || v == U'ü'; }

// Does a morpheme whose first vowel is `next` agree with the vowel before it?
// Folded (typed without Turkish letters): i stands for ı or i, u for u or ü,
// o for o or ö, so only rounding and a/e can be told. After a root that ends
// in a consonant front and back may differ (saat → saati, kontrol → kontrolü,
// dikkat → dikkate), rounding may not.
bool harmonic(char32_t prev, char32_t next, bool after_root, bool folded) {
    if (prev == 0 || next == 0) return true;
    if (high(next) && rounded(next) != rounded(prev)) return false;
    // A back root may take a front suffix (saat-i), never the reverse:
    // insanız is no form of in (in-se-niz would be).
    if (after_root) return folded || !front(prev) || front(next);
    if (folded) {
        bool prev_known = prev == U'a' || prev == U'e';
        bool next_known = next == U'a' || next == U'e';
        return !(prev_known && next_known) || prev == next;
    }
    return front(prev) == front(next);
}

struct Grammar {
    std::vector<Morpheme> morphemes;
    std::vector<char32_t> vowels;  // first vowel of each morpheme (0: none)
    std::vector<char32_t> finals;  // last vowel of each morpheme (0: none)
    std::vector<bool> invariant;   // vowels that do not harmonise (ki, ken, -yor)
    // Morphemes by their first byte: a parse step tries only those that can
    // match (profiled: comparing every morpheme at every step dominated).
    std::array<std::vector<std::uint16_t>, 256> by_first_byte;
};

Grammar make_grammar(bool folded) {
    Grammar g;
    g.morphemes = make_turkish();
    if (folded)
        for (auto& m : g.morphemes) m.text = ascii_fold(m.text);
    for (const auto& m : g.morphemes) {
        g.vowels.push_back(first_vowel(m.text));
        g.finals.push_back(last_vowel(m.text));
        bool inv = m.slot == kKi || m.text == "ken" || m.text == "yken" || m.text == "yor";
        g.invariant.push_back(inv);
    }
    for (std::size_t k = 0; k < g.morphemes.size(); ++k)
        g.by_first_byte[static_cast<unsigned char>(g.morphemes[k].text[0])].push_back(static_cast<std::uint16_t>(k));
    return g;
}

const Grammar& grammar(bool folded) {
    static const Grammar turkish = make_grammar(false);
    static const Grammar ascii = make_grammar(true);
    return folded ? ascii : turkish;
}

constexpr std::size_t kMaxWordBytes = 64;

// Can `s` (what follows a root) be read as a path of morphemes starting after
// a root of these parts of speech whose last vowel is `vowel`?
// Noun endings take a buffer consonant after a vowel and none after a
// consonant: kana-ya but kan-a, kana-ydı but kan-dı, bölge-si but yıl-ı.
// Does morpheme `m` fit after what ends in a vowel (`after_vowel`) or not?
bool buffered_right(const Morpheme& m, bool after_vowel) {
    if (m.slot != kPoss && m.slot != kCase && m.slot != kCop && m.slot != kPers) return true;
    std::size_t i = 0;
    char32_t first = utf8::next(m.text, i);
    if (is_vowel(first)) return !after_vowel;
    const bool buffer = first == U'y' || first == U'n' || first == U's';
    if (m.slot == kCop) return buffer ? after_vowel : !after_vowel;  // kan-dı, kana-ydı
    if (buffer && m.text.size() > 1) {
        std::size_t j = i;
        if (j < m.text.size() && is_vowel(utf8::next(m.text, j))) return after_vowel;  // bölge-si, kapı-yı, ülke-nin
    }
    return true;
}

// The aorist -ar/-er follows a verb of one syllable only (yaz-ar, gör-ür
// but sorul-ur, veril-ir): `long_root` says the root takes -ır/-ir/-ur/-ür
// (long_verb_root), so that sorular is soru + lar, not sorul + ar, and
// veriler veri + ler.
bool parse(const Grammar& g, std::string_view s, unsigned allowed, char32_t vowel, bool after_root,
           bool folded, int max_morphemes = 12, int depth = 0, bool after_vowel = false, bool long_root = false) {
    if (s.empty()) return true;
    if (depth >= max_morphemes) return false;
    for (std::size_t k : g.by_first_byte[static_cast<unsigned char>(s[0])]) {
        const Morpheme& m = g.morphemes[k];
        if (!(allowed & bit(m.slot))) continue;
        if (s.compare(0, m.text.size(), m.text) != 0) continue;
        if (m.slot == kTense && (m.text == "ar" || m.text == "er") && (!after_root || long_root)) continue;
        if (!buffered_right(m, after_vowel)) continue;
        if (!g.invariant[k] && !harmonic(vowel, g.vowels[k], after_root, folded)) continue;
        char32_t next_vowel = g.finals[k] ? g.finals[k] : vowel;
        if (m.text == "yor") next_vowel = U'o';
        std::size_t i = m.text.size();
        while (i > 0 && (static_cast<unsigned char>(m.text[i - 1]) & 0xC0) == 0x80) --i;
        std::size_t at = i > 0 ? i - 1 : 0;
        bool ends_in_vowel = is_vowel(utf8::next(m.text, at));
        if (parse(g, s.substr(m.text.size()), kFollows[m.slot], next_vowel, false, folded, max_morphemes, depth + 1,
                  ends_in_vowel))
            return true;
    }
    return false;
}

// A root that takes the aorist -ir/-ur, not -ar/-er: more than one syllable
// (vowel), unless it is a compound of etmek or geçmek written as one word
// (kaybet-er → kaybeder, vazgeç-er).
bool long_verb_root(std::string_view s) {
    int n = 0;
    for (char32_t c : code_points(s)) n += is_vowel(c);
    auto ends = [&](std::string_view e) { return s.size() > e.size() && s.substr(s.size() - e.size()) == e; };
    return n > 1 && !ends("et") && !ends("geç") && !ends("gec");
}

bool ends_in_vowel(std::string_view s) {
    std::vector<char32_t> cp = code_points(s);
    return !cp.empty() && is_vowel(cp.back());
}

// Can `root`'s last consonant soften before a vowel (p → b, t → d, ç → c,
// k → ğ/g)? Words of two syllables or more do (kitap → kitabı, çocuk →
// çocuğu); of one syllable only a few (kat → katı, gece is no form of geç,
// kadın none of kat), listed here as written and ASCII-folded, with the
// one-syllable verbs that soften (et → ediyor, git → gidiyor).
bool softens(std::string_view root) {
    static constexpr std::string_view kOneSyllable[] = {
        "art", "borç", "borc", "cep", "çok", "cok", "denk", "dert", "dip", "dört", "dort", "genç", "genc",
        "gök", "gok", "grup", "güç", "guc", "harç", "harc", "harp", "kalp", "kap", "kurt", "renk", "taç",
        "tac", "uç", "uc", "yurt", "et", "git", "güt", "gut", "tat"};
    std::size_t vowels = 0;
    for (char32_t c : code_points(root)) vowels += is_vowel(c) ? 1 : 0;
    return vowels >= 2 || std::find(std::begin(kOneSyllable), std::end(kOneSyllable), root) != std::end(kOneSyllable);
}

// The Arabic loans of one syllable that double their last consonant before
// a vowel (hak → hakkı, zam → zammı, tıp → tıbbı), as written and
// ASCII-folded: madde is no form of mat, nor anne of an.
bool doubles(std::string_view root) {
    static constexpr std::string_view kDoubling[] = {
        "af", "cet", "fen", "hac", "had", "hak", "hat", "haz", "his", "ret", "sır", "sir", "şık", "sik",
        "tıp", "tip", "üs", "us", "zam", "zan", "zıt", "zit"};
    return std::find(std::begin(kDoubling), std::end(kDoubling), root) != std::end(kDoubling);
}

// The nouns that lose their last vowel before a vowel-initial suffix (şehir
// → şehri, ağız → ağzı, kayıp → kaybı): a closed class of body parts and
// Arabic loans, listed here as written (compared ASCII-folded when
// `folded`). kurşun is no form of kuruş, nor etkin of etik, belki of belik,
// ilişkin of ilişik or benzin of beniz (left out: benzi is rare, benzin is
// not).
bool drops_vowel(std::string_view root, bool folded) {
    static constexpr std::string_view kDropping[] = {
        "ağız", "akıl", "alın", "asıl", "asır", "azim", "bağır", "bahis", "beyin", "böğür", "boyun", "burun",
        "cisim", "cürüm", "devir", "emir", "fasıl", "fesih", "fikir", "fuhuş", "gönül", "göğüs", "hacim",
        "hapis", "hasım", "hatır", "hayır", "hazım", "hısım", "hüküm", "hüzün", "ilim", "isim", "izin", "kabir",
        "kadir", "kahır", "karın", "kasır", "kasıt", "kavim", "kavis", "kayıp", "kayıt", "kayın", "keşif",
        "kibir", "kısım", "koyun", "küfür", "lütuf", "metin", "meyil", "mühür", "nabız", "nakil", "nakış",
        "nakit", "nefis", "nehir", "nesil", "oğul", "omuz", "ömür", "resim", "ritim", "sabır", "seyir", "şahıs",
        "şehir", "şekil", "şükür", "tavır", "ufuk", "vahiy", "vakıf", "vakit", "vasıf", "zehir", "zihin",
        "zikir", "zulüm", "zülüf"};
    static const std::vector<std::string> kFolded = [] {
        std::vector<std::string> v;
        for (auto w : kDropping) v.push_back(ascii_fold(w));
        return v;
    }();
    if (folded) return std::find(kFolded.begin(), kFolded.end(), root) != kFolded.end();
    return std::find(std::begin(kDropping), std::end(kDropping), root) != std::end(kDropping);
}

// The root a stem seen before a vowel-initial suffix may come from:
// consonant alternation (kitab → kitap, çocuğ → çocuk, ağac → ağaç,
// kanad → kanat, reng → renk), a dropped vowel (şehr → şehir, ağz → ağız),
// a doubled consonant (hakk → hak). Most likely first.
std::vector<std::pair<std::string, bool>> root_changes(std::string_view stem, bool folded) {
    std::vector<std::pair<std::string, bool>> out;  // (root, only a noun changes so)
    std::vector<char32_t> cp = code_points(stem);
    if (cp.size() < 2) return out;
    char32_t last = cp.back();
    auto with_last = [&](char32_t c) {
        std::vector<char32_t> v = cp;
        v.back() = c;
        return to_utf8(v);
    };
    // A softened consonant back to its root's (kitab-ı → kitap), if that
    // root softens at all.
    auto hardened = [&](char32_t c, bool nouns_only) {
        std::string r = with_last(c);
        if (softens(r)) out.emplace_back(std::move(r), nouns_only);
    };
    if (last == U'b') hardened(U'p', true);
    // t → d before a vowel (dert-i is derdi; also verbs: ed-iyor → et), but
    // not after n: kent-i is kenti, and kendi (self) is no form of kent.
    if (last == U'd' && cp[cp.size() - 2] != U'n') hardened(U't', false);
    if (!folded && last == U'c') hardened(U'ç', true);
    if (!folded && last == U'ğ') hardened(U'k', true);
    if (folded && last == U'g') hardened(U'k', true);  // ğ → k, typed as g
    if (!folded && last == U'g' && cp[cp.size() - 2] == U'n') hardened(U'k', true);
    // Doubled consonant of Arabic loans (doubles): hakk → hak, hiss → his,
    // zamm → zam, redd → ret, tıbb → tıp.
    if (cp.size() >= 3 && last == cp[cp.size() - 2] &&
        (last == U'k' || last == U's' || last == U'm' || last == U'b' || last == U'd' || last == U'f' ||
         last == U't' || last == U'l' || last == U'n')) {
        std::vector<char32_t> v(cp.begin(), cp.end() - 1);
        auto add = [&](std::vector<char32_t> r) {
            std::string root = to_utf8(r);
            if (doubles(root)) out.emplace_back(std::move(root), true);
        };
        add(v);
        if (v.back() == U'b') { v.back() = U'p'; add(v); }
        if (v.back() == U'd') { v.back() = U't'; add(v); }
    }
    // Dropped vowel between the last two consonants, for the nouns that drop
    // it (drops_vowel): şehr → şehir, oğl → oğul, kayb → kayıp (also
    // alternated), kayd → kayıt.
    if (cp.size() >= 3 && !is_vowel(last) && !is_vowel(cp[cp.size() - 2])) {
        std::vector<char32_t> vowels = folded ? std::vector<char32_t>{U'i', U'u'}
                                              : std::vector<char32_t>{U'ı', U'i', U'u', U'ü'};
        auto add = [&](const std::vector<char32_t>& w) {
            std::string root = to_utf8(w);
            if (drops_vowel(root, folded)) out.emplace_back(std::move(root), true);
        };
        for (char32_t v : vowels) {
            std::vector<char32_t> w(cp.begin(), cp.end() - 1);
            w.push_back(v);
            w.push_back(last);
            add(w);
            if (last == U'b') { w.back() = U'p'; add(w); }
            if (last == U'd') { w.back() = U't'; add(w); }
        }
    }
    return out;
}

std::size_t letters(std::string_view s) { return code_points(s).size(); }

// The endings by which a word hunspell lists only as a name is still read as
// a noun (Lemmatizer::find): the possessive -sı/-si/-su/-sü after a vowel,
// the instrumental -la/-le after a consonant, each possibly followed by more.
bool name_listed_noun_ending(std::string_view suffix, bool after_vowel, bool folded) {
    static constexpr std::string_view kPossessive[] = {"sı", "si", "su", "sü"};
    static constexpr std::string_view kPossessiveFolded[] = {"si", "su"};
    static constexpr std::string_view kInstrumental[] = {"la", "le"};  // the same folded
    auto starts = [&](const auto& forms) {
        for (std::string_view f : forms)
            if (suffix.substr(0, f.size()) == f) return true;
        return false;
    };
    if (!after_vowel) return starts(kInstrumental);
    return folded ? starts(kPossessiveFolded) : starts(kPossessive);
}

// Code-point boundaries of `w` (0 and w.size() included).
std::vector<std::size_t> boundaries(std::string_view w) {
    std::vector<std::size_t> out{0};
    std::size_t i = 0;
    while (i < w.size()) {
        utf8::next(w, i);
        out.push_back(i);
    }
    return out;
}

}  // namespace

bool Lemmatizer::is_suffix_chain(std::string_view s, bool folded) {
    if (s.empty() || s.size() > kMaxWordBytes) return false;
    // What came before is not known: after a vowel or after a consonant.
    return parse(grammar(folded), s, kNounNext | kVerbNext, 0, false, folded, 12, 0, false) ||
           parse(grammar(folded), s, kNounNext | kVerbNext, 0, false, folded, 12, 0, true);
}

Lemma Lemmatizer::find(std::string_view w, bool folded, int depth) const {
    if (w.empty() || w.size() > kMaxWordBytes) return {std::string(w), false};
    const Grammar& g = grammar(folded);
    auto pos_of = [&](std::string_view r) {
        unsigned next = 0;
        if (lexicon_.noun(r, folded)) next |= kNounNext;
        if (lexicon_.verb(r, folded)) next |= kVerbNext;
        if (!next && lexicon_.contains(r, folded)) next = kNounNext;  // neither: inflects as a noun (rare)
        return next;
    };
    // A short root carries few suffixes: as-t-an-a is no reading of astana,
    // though ad-ı-nı is one of adını.
    auto reads = [&](std::string_view root, std::string_view suffix, unsigned only = kNounNext | kVerbNext) {
        unsigned next = pos_of(root) & only;
        int most = std::max<int>(2, static_cast<int>(letters(root)));
        return next && parse(g, suffix, next, last_vowel(root), true, folded, most, 0, ends_in_vowel(root),
                             long_verb_root(root));
    };
    // A verb's last a or e narrows to ı i u ü before -yor (başla →
    // başlıyor, bekle → bekliyor, and the negative: iste-me → istemiyor):
    // the verb, if `stem` (what comes before the narrowed vowel) plus its
    // a or e is one and the rest reads as its endings; "" otherwise.
    auto narrowed_verb = [&](std::string_view stem, std::string_view suffix) -> std::string {
        std::size_t after = 0;
        if (suffix.empty() || !high(utf8::next(suffix, after)) || suffix.substr(after, 3) != "yor") return {};
        const bool fr = front(last_vowel(stem));
        std::string r = std::string(stem) + (fr ? "e" : "a");
        if (!lexicon_.verb(r, folded) || !reads(r, suffix.substr(after), kVerbNext)) return {};
        // Before -m-ıyor a verb's negative (iste-m-iyor: iste) or, with a/e
        // before it, its "cannot" (yap-am-ıyor: yap, söyle-yem-iyor: söyle,
        // ed-em-iyor: et), not a verb isteme or yapama that hunspell
        // accepts (istememek is the negative of istemek).
        if (stem.size() > 2 && stem.back() == 'm') {
            std::string_view neg = stem.substr(0, stem.size() - 1);
            if (neg.back() == 'a' || neg.back() == 'e') {
                std::string_view base = neg.substr(0, neg.size() - 1);
                if (base.size() > 1 && base.back() == 'y' && lexicon_.verb(base.substr(0, base.size() - 1), folded))
                    return std::string(base.substr(0, base.size() - 1));
                if (base.size() > 1 && lexicon_.verb(base, folded)) return std::string(base);
                if (base.size() > 1 && base.back() == 'd') {
                    std::string t = std::string(base.substr(0, base.size() - 1)) + "t";
                    if (lexicon_.verb(t, folded)) return t;
                }
            }
            if (lexicon_.verb(neg, folded)) return std::string(neg);
        }
        return r;
    };
    // A root found for a word may itself be a form listed whole (gücünü →
    // gücü → güç); `depth` bounds the chain.
    auto settle = [&](std::string root) -> Lemma {
        if (depth < 3 && root != w) {
            Lemma again = find(root, folded, depth + 1);
            if (again.known) return again;
        }
        return {std::move(root), true};
    };
    // The longest root a plain suffix reading allows (a root has two letters
    // at least); failing that, the longest whose last sound changed before a
    // vowel (çocuğ-un → çocuk, şehr-in → şehir, hakk-ı → hak). A word the
    // lexicon lists whole is its own root, unless its root changed (it lists
    // çocuğun, süreci, ağacı; their roots are çocuk, süreç, ağaç): a plain
    // reading of a listed word is left alone (başkan is not başka + n).
    const bool listed = lexicon_.contains(w, folded);
    std::vector<std::size_t> cuts = boundaries(w);
    if (!listed) {
        // A root only Snowball's vocabulary gave yields to a shorter hunspell
        // root that reads the word too: arasında is ara + sında, not aras +
        // ında; hükümeti stays hükümet. A root hunspell knows only as a
        // proper name yields to a shorter noun root (ülkenin is ülke + nin,
        // not Ülken + in; yaşındaki is yaş, not Yaşın), never to a verb
        // (sezerin stays Sezer, not sez + er + in).
        std::string_view fallback;
        bool name_fallback = false;
        for (std::size_t k = cuts.size() - 1; k-- > 2;) {
            std::string_view root = w.substr(0, cuts[k]);
            std::string_view suffix = w.substr(cuts[k]);
            if (!reads(root, suffix, name_fallback ? kNounNext : kNounNext | kVerbNext)) {
                if (name_fallback) continue;
                if (std::string r = narrowed_verb(root, suffix); !r.empty()) return settle(r);
                continue;
            }
            const bool snowball = lexicon_.snowball_only(root, folded);
            const bool name = lexicon_.name_only(root, folded);
            if (!snowball && !name) return settle(std::string(root));
            if (fallback.empty()) {
                fallback = root;
                name_fallback = name;
            }
        }
        if (!fallback.empty()) return settle(std::string(fallback));
    }
    if (listed) {
        // hunspell-tr also lists inflected forms as roots (başladı,
        // yapılacak, çıkaracak). A listed word is read as a verb of four
        // letters or more with a tense ending, or such a noun with the
        // plural: what makes a new word (bak-an, görüş-me, kap-ı) never does.
        for (std::size_t k = cuts.size() - 1; k-- > 4;) {
            std::string_view root = w.substr(0, cuts[k]);
            unsigned next = 0;
            if (lexicon_.verb(root, folded)) next |= bit(kTense);
            if (lexicon_.noun(root, folded)) next |= bit(kPl);
            if (!next) continue;
            int most = std::max<int>(2, static_cast<int>(letters(root)));
            if (parse(g, w.substr(cuts[k]), next, last_vowel(root), true, folded, most, 0, ends_in_vowel(root),
                      long_verb_root(root)))
                return settle(std::string(root));
        }
    }
    if (listed && cuts.size() >= 7) {
        // A listed word that is a noun of five letters or more plus the
        // third-person possessive vowel (tarih-i, asker-i, siyaset-i) is
        // read as that noun: news writes "12 Mayıs tarihinde" far more
        // than the adjective. Shorter stems stay whole (parti is not part-i,
        // kapı not kap-ı).
        std::string_view stem = w.substr(0, cuts[cuts.size() - 2]);
        char32_t v = code_points(w.substr(cuts[cuts.size() - 2])).front();
        bool possessive = v == U'ı' || v == U'i' || v == U'u' || v == U'ü';
        if (possessive && lexicon_.noun(stem, folded) &&
            parse(g, w.substr(stem.size()), kNounNext, last_vowel(stem), true, folded, 12, 0, ends_in_vowel(stem)))
            return settle(std::string(stem));
    }
    if (listed && lexicon_.name_only(w, folded)) {
        // hunspell-tr lists some inflected nouns as proper names only
        // (Vergisi, Babası, Kadınla: villages, surnames), so they stayed
        // whole and never met their noun. Such a word is the noun when it
        // reads as a hunspell noun (not itself a name) of four letters or
        // more with the buffered possessive after a vowel (vergi-si,
        // çağrı-sı, baba-sı) or the instrumental after a consonant
        // (kadın-la, devlet-le). Other endings stay whole: they are how
        // names end (Sakin-e, Fethi-ye, Bursa is no dative of burs).
        for (std::size_t k = cuts.size() - 1; k-- > 4;) {
            std::string_view root = w.substr(0, cuts[k]);
            std::string_view suffix = w.substr(cuts[k]);
            if (!lexicon_.noun(root, folded) || lexicon_.name_only(root, folded) ||
                lexicon_.snowball_only(root, folded))
                continue;
            if (!name_listed_noun_ending(suffix, ends_in_vowel(root), folded)) continue;
            if (reads(root, suffix, kNounNext)) return settle(std::string(root));
        }
    }
    for (std::size_t k = cuts.size() - 1; k-- > 2;) {
        std::string_view stem = w.substr(0, cuts[k]);
        std::string_view suffix = w.substr(cuts[k]);
        if (!is_vowel(code_points(suffix).front())) continue;
        if (lexicon_.contains(stem, folded)) {
            // Typed without Turkish letters, c is also ç: surec-i is süreç + i.
            if (folded && stem.back() == 'c' && listed && reads(stem, suffix, kNounNext))
                return settle(std::string(stem));
            continue;  // adı is ad + ı, not at + ı
        }
        if (k < 3) continue;  // a changed root has three letters at least (obam-a is not op)
        for (const auto& [r, nouns_only] : root_changes(stem, folded)) {
            // A listed word changes its last consonant (çocuğun, süreci) or
            // loses a doubled one (hakkı), but gets no vowel back before a
            // lone vowel: resmi (official) is not resim (picture), though
            // şehrin is şehir.
            if (listed && letters(r) > letters(stem) && letters(suffix) < 2) continue;
            if (reads(r, suffix, nouns_only ? kNounNext : kNounNext | kVerbNext)) return settle(r);
        }
    }
    return {std::string(w), listed};
}

Lemma Lemmatizer::lemma(std::string_view word) const { return find(word, false, 0); }
Lemma Lemmatizer::lemma_folded(std::string_view ascii_word) const { return find(ascii_word, true, 0); }

bool Lemmatizer::suffix_agrees(std::string_view root, std::string_view suffix) {
    for (std::string_view invariant : {std::string_view("yor"), std::string_view("ken")})
        suffix = suffix.substr(0, std::min(suffix.size(), suffix.find(invariant)));
    char32_t s = 0;
    for (char32_t c : code_points(suffix))
        if (c == U'a' || c == U'e') {
            s = c;
            break;
        }
    char32_t v = last_vowel(root);
    if (s == 0 || v == 0) return true;
    return front(v) == (s == U'e') || (!front(v) && s == U'e' && !ends_in_vowel(root));
}

Lemmatizer::Spellings Lemmatizer::agreeing_spellings(std::string_view root, std::string_view suffix) const {
    // bira is no reading of bir (bire), though it is one of bır.
    Spellings out;
    for (auto& r : turkish_spellings(root, 64)) {  // six ambiguous letters at most
        if (!lexicon_.contains(r)) continue;
        out.any = true;
        if (suffix_agrees(r, suffix)) out.agreeing.push_back(std::move(r));
    }
    return out;
}

std::vector<FoldedReading> Lemmatizer::lemmas_folded(std::string_view w, std::size_t most) const {
    std::vector<FoldedReading> out;
    Lemma first = lemma_folded(w);
    if (!first.known) return out;
    out.push_back({first.root, lexicon_.contains(first.root)});
    auto has = [&](std::string_view r) {
        return std::any_of(out.begin(), out.end(), [&](const FoldedReading& x) { return x.root == r; });
    };
    // A reading stands if a Turkish spelling of its root agrees with the
    // suffix (or the lexicon spells it no way we can rebuild).
    auto add = [&](std::string_view root, std::string_view suffix) {
        Spellings sp = agreeing_spellings(root, suffix);
        if (sp.any && sp.agreeing.empty()) return;
        bool as_spelled = std::find(sp.agreeing.begin(), sp.agreeing.end(), root) != sp.agreeing.end();
        out.push_back({std::string(root), as_spelled});
    };
    if (w.size() > kMaxWordBytes) return out;
    // Other plain readings, longest root first: basvurusu is başvuru-su as
    // well as başvuruş-u once the letters are folded.
    const Grammar& g = grammar(true);
    std::vector<std::size_t> cuts = boundaries(w);
    for (std::size_t k = cuts.size() - 1; k-- > 2 && out.size() < most;) {
        std::string_view root = w.substr(0, cuts[k]);
        if (has(root)) continue;
        unsigned next = 0;
        if (lexicon_.noun(root, true)) next |= kNounNext;
        if (lexicon_.verb(root, true)) next |= kVerbNext;
        if (!next) continue;
        int max_morphemes = std::max<int>(2, static_cast<int>(letters(root)));
        if (parse(g, w.substr(cuts[k]), next, last_vowel(root), true, true, max_morphemes, 0, ends_in_vowel(root),
                  long_verb_root(root)))
            add(root, w.substr(cuts[k]));
    }
    // And roots whose last sound changed before a vowel (karn-inda: karın).
    for (std::size_t k = cuts.size() - 1; k-- > 2 && out.size() < most;) {
        std::string_view stem = w.substr(0, cuts[k]);
        std::string_view suffix = w.substr(cuts[k]);
        if (!is_vowel(code_points(suffix).front())) continue;
        for (const auto& [r, nouns_only] : root_changes(stem, true)) {
            if (out.size() >= most || has(r)) continue;
            unsigned next = lexicon_.noun(r, true) ? kNounNext : 0;
            if (!nouns_only && lexicon_.verb(r, true)) next |= kVerbNext;
            if (next && parse(g, suffix, next, last_vowel(r), true, true, 12, 0, ends_in_vowel(r), long_verb_root(r)))
                add(r, suffix);
        }
    }
    return out;
}

std::vector<std::string> Lemmatizer::unknown_roots(std::string_view w, bool folded) const {
    std::vector<std::string> out;
    if (w.empty() || w.size() > kMaxWordBytes) return out;
    const Grammar& g = grammar(folded);
    std::vector<std::size_t> cuts = boundaries(w);
    for (std::size_t k = cuts.size() - 1; k-- > 3;) {
        std::string_view stem = w.substr(0, cuts[k]);
        // A name inflects as a noun.
        if (parse(g, w.substr(cuts[k]), kNounNext, last_vowel(stem), true, folded, 12, 0, ends_in_vowel(stem)))
            out.emplace_back(stem);
    }
    return out;
}

}  // namespace haber::analysis
