// Stage 3: Turkish casing and the ASCII folding used for queries typed
// without Turkish letters.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/case_folder.h"

namespace {

using haber::analysis::ascii_fold;
using haber::analysis::is_ascii;
using haber::analysis::turkish_lower;
using haber::analysis::turkish_spellings;

struct Case {
    std::string in;
    std::string out;
};

class TurkishLower : public ::testing::TestWithParam<Case> {};
TEST_P(TurkishLower, Lowers) { EXPECT_EQ(turkish_lower(GetParam().in), GetParam().out); }
INSTANTIATE_TEST_SUITE_P(
    Casing, TurkishLower,
    ::testing::Values(Case{"DIŞİŞLERİ", "dışişleri"},  // not "dişişleri"
                      Case{"IŞIK", "ışık"}, Case{"ışık", "ışık"}, Case{"İSTANBUL", "istanbul"},
                      Case{"ISPARTA", "ısparta"},  // plain ASCII I is dotless in Turkish
                      Case{"I\xCC\x87zmir", "izmir"},  // I + combining dot above
                      Case{"ÖZBEKİSTAN", "özbekistan"}, Case{"ÇAĞRI", "çağrı"},
                      Case{"Kâr", "kar"}, Case{"hâlâ", "hala"}, Case{"Îran", "iran"},
                      Case{"mûsiki", "musiki"}, Case{"TBMM", "tbmm"}, Case{"2022", "2022"},
                      Case{"", ""}));

class AsciiFold : public ::testing::TestWithParam<Case> {};
TEST_P(AsciiFold, Folds) { EXPECT_EQ(ascii_fold(GetParam().in), GetParam().out); }
INSTANTIATE_TEST_SUITE_P(
    Letters, AsciiFold,
    ::testing::Values(Case{"özbekistan", "ozbekistan"}, Case{"dışişleri", "disisleri"},
                      Case{"cumhurbaşkanı", "cumhurbaskani"}, Case{"çağrı", "cagri"},
                      Case{"güneş", "gunes"}, Case{"ımf", "imf"}, Case{"josé", "jose"},
                      Case{"müller", "muller"}, Case{"ankara", "ankara"},
                      Case{"москва", "москва"}));

TEST(IsAscii, TellsTurkishLettersApart) {
    EXPECT_TRUE(is_ascii("OZBEKISTAN"));
    EXPECT_TRUE(is_ascii("disisleri"));
    EXPECT_FALSE(is_ascii("Özbekistan"));
    EXPECT_FALSE(is_ascii("ışık"));
}

// The Turkish spellings an ASCII-typed word may stand for, in a fixed order
// (bit j of the index: the j-th ambiguous letter changed), capped.
TEST(TurkishSpellings, EveryAmbiguousLetterBothWays) {
    struct Case {
        const char* ascii;
        std::size_t cap;
        std::vector<std::string> spellings;
    };
    const Case cases[] = {
        {"cig", 256, {"cig", "çig", "cıg", "çıg", "ciğ", "çiğ", "cığ", "çığ"}},
        {"bir", 256, {"bir", "bır"}},
        {"bbb", 256, {"bbb"}},
        {"", 256, {""}},
        {"sis", 2, {"sis", "şis"}},            // the cap leaves the later letters as typed
        {"kose", 4, {"kose", "köse", "koşe", "köşe"}},
    };
    for (const auto& c : cases) EXPECT_EQ(turkish_spellings(c.ascii, c.cap), c.spellings) << c.ascii;
    EXPECT_EQ(turkish_spellings("iiiiiiiiiiii").size(), 256u);
    EXPECT_EQ(turkish_spellings("cocuklugunu", 64).size(), 64u);  // 7 ambiguous letters, 6 changed
}

}  // namespace
