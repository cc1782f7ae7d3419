// The whole chain, on real Turkish news text.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "analysis/analyzer.h"

namespace {

using haber::analysis::AnalyzedToken;
using haber::analysis::Analyzer;
using haber::analysis::StemConfig;

AnalyzedToken one(const Analyzer& a, const std::string& word) {
    auto tokens = a.analyze(a.normalize(word));
    EXPECT_EQ(tokens.size(), 1u) << word;
    return tokens.empty() ? AnalyzedToken{} : tokens[0];
}

struct ExactCase {
    std::string in;
    std::string exact;
};
class ExactForm : public ::testing::TestWithParam<ExactCase> {};
TEST_P(ExactForm, IsLowercasedAndSuffixFree) {
    Analyzer a;
    EXPECT_EQ(one(a, GetParam().in).exact, GetParam().exact) << GetParam().in;
}
INSTANTIATE_TEST_SUITE_P(
    RealText, ExactForm,
    ::testing::Values(ExactCase{"Özbekistan’da", "özbekistan"}, ExactCase{"ÖZBEKİSTAN", "özbekistan"},
                      ExactCase{"DIŞİŞLERİ", "dışişleri"}, ExactCase{"Kazakistan’ın", "kazakistan"},
                      ExactCase{"Ankara\xC2\x92" "da", "ankara"},  // kemik-42bin's C1 apostrophe
                      ExactCase{"D'Artagnan", "dartagnan"}, ExactCase{"O'Connell", "oconnell"},
                      ExactCase{"AB'nin", "ab"}, ExactCase{"2022'de", "2022"},
                      ExactCase{"İSTANBUL'DA", "istanbul"}, ExactCase{"Kâr", "kar"}));

// A word typed without Turkish letters must meet its Turkish spelling on
// ascii_stem; the searcher relies on this for "ozbekistan".
struct AsciiPair {
    std::string turkish;
    std::string typed;
};
class AsciiTyped : public ::testing::TestWithParam<AsciiPair> {};
TEST_P(AsciiTyped, MeetsTheTurkishSpelling) {
    for (const char* config : {"snowball", "prefix5", "snowball+prefix5", "none"}) {
        Analyzer a(*StemConfig::parse(config));
        AnalyzedToken t = one(a, GetParam().turkish), q = one(a, GetParam().typed);
        EXPECT_TRUE(q.ascii_typed);
        EXPECT_EQ(t.ascii_stem, q.ascii_stem) << config << ": " << GetParam().turkish << " / " << GetParam().typed;
    }
}
INSTANTIATE_TEST_SUITE_P(
    Queries, AsciiTyped,
    ::testing::Values(AsciiPair{"Özbekistan", "ozbekistan"}, AsciiPair{"ÖZBEKİSTAN", "OZBEKISTAN"},
                      AsciiPair{"Özbekistan’da", "ozbekistan'da"}, AsciiPair{"Dışişleri", "disisleri"},
                      AsciiPair{"Bakanı", "bakani"}, AsciiPair{"Cumhurbaşkanı", "cumhurbaskani"},
                      AsciiPair{"İstanbul", "ISTANBUL"}, AsciiPair{"IMF", "imf"},
                      AsciiPair{"güneş", "gunes"}));

TEST(Analyzer, TurkishLettersStayExact) {
    Analyzer a;
    AnalyzedToken sis = one(a, "şiş"), plain = one(a, "sis");
    EXPECT_FALSE(sis.ascii_typed);
    EXPECT_NE(sis.stem, plain.stem);
    EXPECT_EQ(one(a, "IŞIK").stem, one(a, "ışık").stem);
}

TEST(Analyzer, StopWordsAreFlaggedNotDropped) {
    Analyzer a;
    auto tokens = a.analyze("Özbek ve Kazak halkları sadece yakın komşular değil");
    ASSERT_EQ(tokens.size(), 8u);
    EXPECT_TRUE(tokens[1].stopword);   // ve
    EXPECT_FALSE(tokens[0].stopword);
    EXPECT_EQ(tokens[1].position, 1u);
}

TEST(Analyzer, WholeWireStory) {
    std::ifstream f(std::string(HABER_SOURCE_DIR) + "/corpus/aa-sample/taskent-ozbekistan-kazakistan-muttefiklik.txt");
    ASSERT_TRUE(f) << "bundled aa-sample missing";
    std::stringstream ss;
    ss << f.rdbuf();
    Analyzer a;
    std::string text = a.normalize(ss.str());
    auto tokens = a.analyze(text);
    ASSERT_GT(tokens.size(), 300u);
    int ozbekistan = 0, kazakistan = 0;
    for (const auto& t : tokens) {
        EXPECT_EQ(t.exact.find('\''), std::string::npos) << t.surface;
        EXPECT_EQ(text.substr(t.begin, t.end - t.begin), t.surface);
        if (t.exact == "özbekistan") ++ozbekistan;
        if (t.exact == "kazakistan") ++kazakistan;
    }
    EXPECT_GE(ozbekistan, 5);  // incl. Özbekistan’da and Özbekistan-Kazakistan
    EXPECT_GE(kazakistan, 5);
}

TEST(Analyzer, FoldWordForWildcards) {
    Analyzer a;
    EXPECT_EQ(a.fold_word("Özbek"), "özbek");
    EXPECT_EQ(a.fold_word("ANKARA'DA"), "ankara");
}

}  // namespace
