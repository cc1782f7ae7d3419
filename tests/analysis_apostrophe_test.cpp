// Stage 4: suffixes after apostrophes on proper nouns and numbers.
#include <gtest/gtest.h>

#include "analysis/apostrophe.h"

namespace {

using haber::analysis::is_turkish_suffix_chain;
using haber::analysis::strip_apostrophe_suffix;

struct Case {
    std::string in;   // lowercased, apostrophes unified to '
    std::string out;
};

class Apostrophe : public ::testing::TestWithParam<Case> {};
TEST_P(Apostrophe, Strips) { EXPECT_EQ(strip_apostrophe_suffix(GetParam().in), GetParam().out); }

INSTANTIATE_TEST_SUITE_P(
    RealForms, Apostrophe,
    ::testing::Values(
        // Turkish suffixes on proper nouns (aa-sample, kemik-42bin)
        Case{"özbekistan'da", "özbekistan"}, Case{"kazakistan'ın", "kazakistan"},
        Case{"ankara'ya", "ankara"}, Case{"ankara'nın", "ankara"}, Case{"ankara'da", "ankara"},
        Case{"yunanistan'da", "yunanistan"}, Case{"israil'e", "israil"},
        Case{"istanbul'dakilerden", "istanbul"}, Case{"türkiye'dekilerin", "türkiye"},
        Case{"ab'nin", "ab"}, Case{"abd'ye", "abd"}, Case{"tbmm'de", "tbmm"},
        Case{"erdoğan'ın", "erdoğan"}, Case{"davutoğlu'nun", "davutoğlu"},
        Case{"istanbul'lu", "istanbul"}, Case{"atatürk'çü", "atatürk"},
        Case{"nato'yla", "nato"}, Case{"imf'ye", "imf"},
        // numbers
        Case{"2022'de", "2022"}, Case{"1990'larda", "1990"}, Case{"15'i", "15"},
        Case{"2'nci", "2"}, Case{"1'inci", "1"}, Case{"1990'lı", "1990"},
        // foreign names are not cut down to a letter or a stop word
        Case{"d'artagnan", "dartagnan"}, Case{"o'connell", "oconnell"},
        Case{"l'oréal", "loréal"}, Case{"rock'n'roll", "rocknroll"},
        // no apostrophe
        Case{"özbekistan", "özbekistan"}));

TEST(SuffixChain, AcceptsInflectionsAndRejectsNames) {
    for (const char* s : {"da", "nın", "dakiler", "lardan", "ya", "yla", "dır", "ydi"})
        EXPECT_TRUE(is_turkish_suffix_chain(s)) << s;
    for (const char* s : {"artagnan", "connell", "xyz", "", "dadadadadadadadadadadadadadadadadada"})
        EXPECT_FALSE(is_turkish_suffix_chain(s)) << s;
}

}  // namespace
