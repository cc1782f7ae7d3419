// The Turkish root lexicon the lemmatizer (analysis/lemmatizer.h) checks its
// candidate roots against: the roots and proper names of Debian's hunspell-tr
// dictionary (about 140,000), with the part of speech hunspell's affix rules
// give them (noun, verb or both), compiled in at build time (core/data/
// make_lexicon.cpp). Words are Turkish-lowercased; every list is also kept
// ASCII-folded for words typed without Turkish letters. Lookups are binary
// searches over the compiled-in text: start-up only indexes line offsets.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace haber::analysis {

class Lexicon {
public:
    // The compiled-in hunspell-tr roots; built once, shared, thread-safe.
    static const Lexicon& turkish();

    struct Lists {  // sorted, newline-separated
        std::string_view roots, nouns, verbs;
        std::string_view snowball = {};  // of the roots, those only Snowball's vocabulary gave
        std::string_view names = {};     // of the roots, those hunspell lists only as proper names
    };
    Lexicon(Lists turkish, Lists folded);

    // `word`: Turkish-lowercased ("karar", "ankara", "çocuk"), or with
    // `folded` ASCII-folded ("cocuk").
    bool contains(std::string_view word, bool folded = false) const;
    bool noun(std::string_view word, bool folded = false) const;  // takes noun endings
    bool verb(std::string_view word, bool folded = false) const;  // takes verb endings
    // A root hunspell lacks and Snowball's vocabulary gave (hükümet, but
    // also stems that are no words: aras of arası, olmas of olması): the
    // lemmatizer takes it only when no hunspell root reads the word.
    bool snowball_only(std::string_view word, bool folded = false) const;
    // A root hunspell lists only capitalised, as a proper name (Ülken,
    // Yaşın): the lemmatizer reads a word as a shorter noun root and its
    // endings before such a name (ülkenin is ülke + nin).
    bool name_only(std::string_view word, bool folded = false) const;
    std::size_t size() const { return lists_[0].roots.size(); }

private:
    struct Index {
        std::vector<std::string_view> roots, nouns, verbs, snowball, names;
    };
    Index lists_[2];  // [0] Turkish, [1] folded
};

}  // namespace haber::analysis
