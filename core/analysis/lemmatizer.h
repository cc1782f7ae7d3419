// Stage 5 (strategy "lemma"): reduces a lowercased, apostrophe-free Turkish
// word to the root the lexicon (analysis/lexicon.h) knows, by taking off
// inflectional suffixes and undoing what they do to the root:
//
//   kararını → karar     haberleri → haber     bölgesinde → bölge
//   çocuğun → çocuk      kitabı → kitap        sürecinde → süreç   (k/ğ, p/b, ç/c, t/d, nk/ng)
//   şehrin → şehir       ağzı → ağız                               (dropped vowel)
//   hakkı → hak          zammı → zam                               (doubled consonant)
//   görüştü → görüş      açıkladı → açıkla                         (verb endings)
//   cumhurbaşkanı → cumhurbaşkan, never cumhuriyet; şiş and sis stay apart
//
// How: every split of the word into a root and a chain of suffix morphemes
// is a candidate. The chain must follow the slots' order (plural, possessive,
// case, copula; voice, negation, tense, participle for verbs), vowel harmony
// and buffer consonants (kana-ya, bölge-si); verb endings follow only verbs
// and noun endings nouns (hunspell's part of speech); a short root carries
// few suffixes. The longest root in the lexicon wins; failing that, the
// longest whose last sound changed (the root changes above).
//
// Words hunspell lists whole are their own root (bakan, anlam, ankara,
// başkan), except: a form whose last consonant changed (çocuğun, süreci,
// ağacı, listed by hunspell), a verb of four letters or more with a tense
// ending (başladı), a noun of four or more with the plural, a noun of
// five or more with the possessive vowel (tarihi → tarih), and a word listed
// only as a name that is a noun of four or more with -sı/-si after a vowel
// or -la/-le after a consonant (babası → baba, devletle → devlet).
//
// A word the lexicon does not know (a name: obama, putinle) is its own root:
// the query side widens it through the archive's own forms (unknown_roots).
// Real ambiguity stays: kurdu reads as kur-du (founded), not kurt-u.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/lexicon.h"

namespace haber::analysis {

struct Lemma {
    std::string root;    // the lexicon's root, or the word itself when unknown
    bool known = false;  // the lexicon knows the root
};

// One reading of a word typed without Turkish letters (Lemmatizer::lemmas_folded).
struct FoldedReading {
    std::string root;         // ASCII-folded
    bool as_spelled = false;  // also a Turkish root spelled exactly so
};

class Lemmatizer {
public:
    explicit Lemmatizer(const Lexicon& lexicon = Lexicon::turkish()) : lexicon_(lexicon) {}

    // `word` Turkish-lowercased, apostrophe suffix already removed.
    Lemma lemma(std::string_view word) const;
    // The same for a word typed without Turkish letters, against the folded
    // lexicon: "cocugun" → "cocuk" (the ASCII fold of çocuk).
    Lemma lemma_folded(std::string_view ascii_word) const;
    // Folding merges letters (ş and s, ı and i), so a word typed without
    // Turkish letters may have several readings: lemma_folded's root first,
    // then other roots a plain suffix reading allows, at most `most`; empty
    // if the folded lexicon knows no root.
    // A reading's root is ASCII-folded; `as_spelled` if the lexicon also
    // spells it so in Turkish, as a root that agrees with the suffix (then it
    // is a text term as well as an ASCII one: basvuru, not bir for bira,
    // whose reading is bır + a).
    std::vector<FoldedReading> lemmas_folded(std::string_view ascii_word, std::size_t most = 3) const;
    // For a word the lexicon does not know: the prefixes (3 letters or more)
    // that a chain of suffix morphemes follows, longest first ("obamaya" →
    // obamay? no: "obama"; "putinle" → "putin"). Candidates only: the caller
    // checks them against the archive.
    std::vector<std::string> unknown_roots(std::string_view word, bool folded = false) const;

    // True if `s` splits entirely into inflectional suffix morphemes.
    static bool is_suffix_chain(std::string_view s, bool folded = false);
    // Whether a Turkish root, as spelled, can take the ASCII-folded `suffix`
    // by vowel harmony. Folded, only a and e tell front from back, and the
    // suffix's vowels follow one another up to an invariant -yor or -ken: so
    // its first a or e before those must be back after a back last vowel and
    // front after a front one, except that a back root ending in a consonant
    // may take a front suffix (saat-e, kontrol-e). ol + duklari agrees
    // (oldukları); öl + duklari does not (öldükleri folds to oldukleri).
    static bool suffix_agrees(std::string_view root, std::string_view suffix);

private:
    Lemma find(std::string_view word, bool folded, int depth) const;
    // The Turkish spellings of the folded `root` the lexicon holds (`any`)
    // and those of them that can take the folded `suffix` (suffix_agrees:
    // `agreeing`).
    struct Spellings {
        bool any = false;
        std::vector<std::string> agreeing;
    };
    Spellings agreeing_spellings(std::string_view root, std::string_view suffix) const;
    const Lexicon& lexicon_;
};

}  // namespace haber::analysis
