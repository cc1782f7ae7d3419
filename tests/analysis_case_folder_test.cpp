// Stage 3: Turkish casing and the ASCII folding used for queries typed
// without Turkish letters.
#include <gtest/gtest.h>

#include "analysis/case_folder.h"

namespace {

using haber::analysis::ascii_fold;
using haber::analysis::is_ascii;
using haber::analysis::turkish_lower;

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

}  // namespace
