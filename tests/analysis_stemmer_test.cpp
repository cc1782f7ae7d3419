// Stage 5: stemming strategies.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analysis/stemmer.h"

namespace {

using haber::analysis::StemConfig;
using haber::analysis::Stemmer;
using haber::analysis::StemStrategy;

struct Case {
    std::string config;
    std::string word;
    std::string stem;
};

class StemTable : public ::testing::TestWithParam<Case> {};
TEST_P(StemTable, Stems) {
    auto config = StemConfig::parse(GetParam().config);
    ASSERT_TRUE(config.has_value()) << GetParam().config;
    EXPECT_EQ(Stemmer(*config).stem(GetParam().word), GetParam().stem)
        << GetParam().config << " " << GetParam().word;
}

INSTANTIATE_TEST_SUITE_P(
    Strategies, StemTable,
    ::testing::Values(
        Case{"snowball", "bakanlar", "bakan"}, Case{"snowball", "kitapları", "kitap"},
        Case{"snowball", "özbekistan", "özbekista"},
        Case{"prefix5", "bakanların", "bakan"}, Case{"prefix5", "toplantısında", "topla"},
        Case{"prefix5", "çağrışım", "çağrı"},  // code points, not bytes
        Case{"prefix5", "ab", "ab"}, Case{"prefix5", "2022", "2022"},
        Case{"prefix5", "2.5075", "2.5075"},  // numbers are never cut
        Case{"snowball+prefix5", "bakanlar", "bakan"},
        Case{"snowball+prefix5", "toplantısında", "topla"},
        Case{"none", "bakanların", "bakanların"}));

TEST(StemConfig, NamesRoundTrip) {
    for (const char* name : {"none", "snowball", "prefix5", "prefix7", "snowball+prefix6"}) {
        auto c = StemConfig::parse(name);
        ASSERT_TRUE(c.has_value()) << name;
        EXPECT_EQ(c->name(), name);
    }
    for (const char* bad : {"", "porter", "prefix", "prefix0", "prefix5x", "snowball+"})
        EXPECT_FALSE(StemConfig::parse(bad).has_value()) << bad;
}

// Snowball's own Turkish test vocabulary (Debian snowball-data): Xapian's
// stemmer must agree with the reference output on (nearly) all of it; words
// with an apostrophe are left out, the apostrophe stage handles those.
TEST(Snowball, AgreesWithSnowballReferenceVocabulary) {
    const std::filesystem::path dir = "/usr/share/snowball/data/turkish";
    if (!std::filesystem::exists(dir / "voc.txt")) GTEST_SKIP() << "snowball-data not installed";
    std::ifstream voc(dir / "voc.txt"), out(dir / "output.txt");
    Stemmer snowball(StemConfig{StemStrategy::Snowball, 0});
    std::string w, expected;
    std::size_t total = 0, agree = 0;
    while (std::getline(voc, w) && std::getline(out, expected)) {
        if (w.find('\'') != std::string::npos || w.find("\xE2\x80\x99") != std::string::npos) continue;
        ++total;
        if (snowball.stem(w) == expected) ++agree;
    }
    ASSERT_GT(total, 10000u);
    EXPECT_GE(static_cast<double>(agree) / static_cast<double>(total), 0.99)
        << agree << " of " << total << " agree";
}

}  // namespace

namespace {

// Which query stems a prefix stemmer widens to the longer stems beginning
// with them (the searcher's remedy for five-letter roots).
TEST(Stemmer, WidensWholeWordsShorterThanThePrefix) {
    Stemmer prefix6(*StemConfig::parse("prefix6")), snowball(*StemConfig::parse("snowball"));
    for (const char* w : {"tarih", "seçim", "banka", "kitap", "yasa"}) EXPECT_TRUE(prefix6.has_longer_forms(w)) << w;
    // Three letters are left alone (sis would reach sistem), as are cut
    // stems, numbers, and strategies that do not cut.
    for (const char* w : {"sis", "kar", "bakanl", "2022", ""}) EXPECT_FALSE(prefix6.has_longer_forms(w)) << w;
    EXPECT_FALSE(snowball.has_longer_forms("tarih"));
}

}  // namespace
