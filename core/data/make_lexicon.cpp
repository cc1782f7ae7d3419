// Build-time generator of haber's Turkish root lexicon (core/analysis/lexicon.h)
// from Debian's hunspell-tr dictionary (tr_TR.dic/.aff, MPL-2.0), read with
// libhunspell.
//
//   haber-make-lexicon tr_TR.aff tr_TR.dic VOC.txt STEMS.txt OUT.cpp
//
// hunspell-tr misses common news words (hükümet is not in it). Snowball's
// Turkish test vocabulary (Debian's snowball-data: voc.txt, a word a line,
// and output.txt, its Snowball stems) fills the gaps: a word it holds that is
// its own stem and the stem of at least three of its words (hükümet: hükümet,
// hükümeti, hükümetin…) is added as a noun root if hunspell lacks it.
//
// Each root's part of speech comes from hunspell's own affix rules: a root
// that takes the plural (karar → kararlar) can be a noun, one that takes the
// infinitive (anla → anlamak) a verb; both is common (görüş, yaz). The
// lemmatizer lets only verbs take verb endings and only nouns noun endings,
// which keeps "anlam" from becoming "anla" + m.
//
// Kept: entries with affix flags ("karar/0,2,3") — the dictionary's roots, to
// which its affix rules apply — and capitalised entries without flags (proper
// names: "Taşkent"). Dropped: lowercase entries without flags, which are
// mostly inflected forms listed whole ("abandığı", "kitabı") and would stop
// the lemmatizer short of the root. Words are lowercased and folded with the
// same functions the analysis chain uses, so a lookup compares like with
// like; entries with anything but letters are dropped. The output is a C++
// file of sorted, newline-separated lists: roots, noun roots and verb roots,
// each as written and ASCII-folded, the roots only Snowball's vocabulary
// gave (its stems include pseudo-words: aras, olmas), and the proper names
// hunspell lists only capitalised (Ülken, Yaşın: no lowercase ülken or
// yaşın is a root), folded when every spelling that folds so is one.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <hunspell/hunspell.hxx>

#include "analysis/case_folder.h"
#include "analysis/utf8.h"

namespace {

bool letters_only(const std::string& w) {
    std::size_t i = 0;
    while (i < w.size()) {
        char32_t c = haber::utf8::next(w, i);
        bool ascii_letter = (c >= 'a' && c <= 'z');
        bool turkish = c == U'ç' || c == U'ğ' || c == U'ı' || c == U'ö' || c == U'ş' || c == U'ü';
        if (!ascii_letter && !turkish) return false;
    }
    return !w.empty();
}

void write_list(std::ostream& out, const char* name, std::vector<std::string> words) {
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    out << "extern const std::string_view " << name << ";\n";
    out << "const std::string_view " << name << " =\n";
    // Chunks of raw string literals: some compilers limit one literal's length.
    std::size_t n = 0;
    out << "R\"HL(";
    for (const auto& w : words) {
        out << w << '\n';
        if (++n % 4000 == 0) out << ")HL\"\nR\"HL(";
    }
    out << ")HL\";\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        std::cerr << "usage: haber-make-lexicon tr_TR.aff tr_TR.dic VOC.txt STEMS.txt OUT.cpp\n";
        return 2;
    }
    std::ifstream in(argv[2]);
    if (!in) {
        std::cerr << "haber-make-lexicon: cannot read " << argv[2]
                  << " (Debian package hunspell-tr; .ci/install-deps installs it)\n";
        return 1;
    }
    Hunspell hunspell(argv[1], argv[2]);
    auto spells = [&](const std::string& w) { return hunspell.spell(w); };
    std::vector<std::string> roots, folded, nouns, nouns_folded, verbs, verbs_folded, attested, attested_folded;
    std::set<std::string> capitals, lowercase;  // capitalised roots; every lowercase entry
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        if (first) { first = false; continue; }  // the entry count
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::size_t slash = line.find('/');
        bool flagged = slash != std::string::npos;
        std::string word = line.substr(0, slash);
        if (word.empty()) continue;
        // Capitalised: the first letter (not byte: ç and Ç are two bytes
        // each) changes when lowercased.
        std::size_t initial_end = 0;
        haber::utf8::next(word, initial_end);
        const std::string initial = word.substr(0, initial_end);
        bool capitalised = haber::analysis::turkish_lower(initial) != initial;
        std::string lower = haber::analysis::turkish_lower(word);
        if (!capitalised) lowercase.insert(lower);  // flagged or not: a word, not only a name
        if (!flagged && !capitalised) continue;
        if (!letters_only(lower)) continue;
        std::string fold = haber::analysis::ascii_fold(lower);
        roots.push_back(lower);
        folded.push_back(fold);
        if (capitalised) capitals.insert(lower);
        // Hunspell checks words as written: a proper name keeps its capital.
        bool noun = capitalised || spells(word + "lar") || spells(word + "ler");
        bool verb = !capitalised && (spells(word + "mak") || spells(word + "mek"));
        if (noun) { nouns.push_back(lower); nouns_folded.push_back(fold); }
        if (verb) { verbs.push_back(lower); verbs_folded.push_back(fold); }
    }
    // Snowball's vocabulary: attested roots hunspell lacks.
    {
        std::ifstream voc(argv[3]), stems(argv[4]);
        if (!voc || !stems) {
            std::cerr << "haber-make-lexicon: cannot read " << argv[3] << " or " << argv[4]
                      << " (Debian package snowball-data)\n";
            return 1;
        }
        std::vector<std::string> known = roots, known_folded = folded;
        std::sort(known.begin(), known.end());
        std::sort(known_folded.begin(), known_folded.end());
        std::map<std::string, int> forms;
        std::set<std::string> self;
        std::string word, stem;
        while (std::getline(voc, word) && std::getline(stems, stem)) {
            if (!letters_only(word) || !letters_only(stem)) continue;
            ++forms[stem];
            if (word == stem) self.insert(word);
        }
        for (const auto& w : self) {
            if (forms[w] < 3 || std::binary_search(known.begin(), known.end(), w)) continue;
            roots.push_back(w);
            folded.push_back(haber::analysis::ascii_fold(w));
            nouns.push_back(w);
            nouns_folded.push_back(haber::analysis::ascii_fold(w));
            attested.push_back(w);
            // Folded, only where no hunspell root folds the same: ulke is
            // ülke's fold, though Snowball's vocabulary also spells it so.
            std::string fold = haber::analysis::ascii_fold(w);
            if (!std::binary_search(known_folded.begin(), known_folded.end(), fold)) attested_folded.push_back(fold);
        }
    }
    // Proper names only: no lowercase entry spells them.
    std::vector<std::string> names, names_folded;
    std::set<std::string> common_folded;
    for (const auto& w : lowercase) common_folded.insert(haber::analysis::ascii_fold(w));
    for (const auto& w : attested) common_folded.insert(haber::analysis::ascii_fold(w));
    for (const auto& w : capitals) {
        if (lowercase.count(w)) continue;
        names.push_back(w);
        std::string fold = haber::analysis::ascii_fold(w);
        if (!common_folded.count(fold)) names_folded.push_back(fold);
    }
    std::ofstream out(argv[5]);
    out << "// Generated by haber-make-lexicon from " << argv[2] << ": do not edit.\n";
    out << "#include <string_view>\nnamespace haber::data {\n";
    write_list(out, "kTurkishRoots", roots);
    write_list(out, "kTurkishRootsFolded", folded);
    write_list(out, "kTurkishNouns", nouns);
    write_list(out, "kTurkishNounsFolded", nouns_folded);
    write_list(out, "kTurkishVerbs", verbs);
    write_list(out, "kTurkishVerbsFolded", verbs_folded);
    write_list(out, "kSnowballRoots", attested);
    write_list(out, "kSnowballRootsFolded", attested_folded);
    write_list(out, "kTurkishNames", names);
    write_list(out, "kTurkishNamesFolded", names_folded);
    out << "}  // namespace haber::data\n";
    if (!out) {
        std::cerr << "haber-make-lexicon: cannot write " << argv[2] << "\n";
        return 1;
    }
    return 0;
}
