// A quoted phrase typed exactly: search/exact_phrase.h on its own, then the
// Searcher ranking the articles with the typed wording first among the
// stems' matches (RankingOptions::phrase_rerank).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "article.h"
#include "search/exact_phrase.h"
#include "search/query.h"
#include "search/searcher.h"
#include "support/run_command.h"

namespace {

using haber::Article;
using haber::search::ExactPhraseMatcher;
using haber::search::SearchOptions;
using haber::search::Searcher;
using haber::search::typed_phrase;

Article article(std::string title, std::string lead, std::string body, std::string place = "") {
    Article a;
    a.title = std::move(title);
    a.lead = std::move(lead);
    a.body = std::move(body);
    a.place = std::move(place);
    return a;
}

struct PhraseCase {
    const char* phrase;
    bool title_only;
    const char* title;
    const char* body;
    bool holds;
};

// Text from kemik-42bin and tr-financial-200 stories.
const PhraseCase kCases[] = {
    {"faiz kararı", false, "Kritik faiz kararı öncesi Borsa günü düşüşle tamamladı", "", true},
    {"faiz kararı", false, "", "Piyasalar Merkez Bankası'nın faiz kararını bekliyor.", false},   // another ending
    {"faiz kararını", false, "", "Piyasalar Merkez Bankası'nın faiz kararını bekliyor.", true},
    {"Merkez Bankası", false, "", "TÜRKİYE CUMHURİYET MERKEZ BANKASI politika faizini sabit tuttu.", true},  // case
    {"merkez bankasi", false, "", "Merkez Bankası politika faizini sabit tuttu.", true},  // typed in ASCII
    {"merkez bankasi", false, "", "Merkez Bankasının politika faizi", false},
    {"Merkez Bankası'nın faiz", false, "", "Piyasalar Merkez Bankası’nın faiz kararını bekliyor.", true},  // ’ and '
    {"Merkez Bankası'nın faiz", false, "", "Piyasalar Merkez Bankası'na faiz soruldu.", false},
    {"Özbekistan-Kazakistan", false, "", "Özbekistan - Kazakistan ilişkileri gelişiyor", true},  // hyphen splits alike
    {"bankası politika", false, "", "Merkez Bankası\n\nPolitika faizi sabit", false},  // not across paragraphs
    {"faiz kararı", false, "Kritik faiz", "kararı öncesi", false},  // not from the title into the body
    {"faiz kararı", true, "", "Kritik faiz kararı öncesi Borsa", false},  // title:"…" looks at the title only
    {"faiz kararı", true, "Kritik faiz kararı öncesi Borsa", "", true},
    {"yüzde 6 artışla", false, "", "Borsada yüzde 6 artışla kapanış", true},  // numbers
    {"yüzde 6 artışla", false, "", "Borsada yüzde 16 artışla kapanış", false},
    {"ılımlı İslam", false, "", "ILIMLI İSLAM vurgusu", true},  // dotless and dotted I
    {"ilimli islam", false, "", "Ilımlı İslam vurgusu", true},
};

TEST(exact_phrase, HoldsOnlyTheTypedWording) {
    for (const auto& c : kCases) {
        ExactPhraseMatcher m({typed_phrase(c.phrase, c.title_only)});
        EXPECT_EQ(m.count(article(c.title, "", c.body)), c.holds ? 1u : 0u)
            << c.phrase << " in title \"" << c.title << "\" body \"" << c.body << "\"";
    }
}

TEST(exact_phrase, CountsEachPhraseAndLooksAtEveryField) {
    ExactPhraseMatcher m({typed_phrase("faiz kararı", false), typed_phrase("merkez bankası", false)});
    EXPECT_EQ(m.count(article("", "Merkez Bankası toplandı", "Kritik faiz kararı açıklandı")), 2u);
    EXPECT_EQ(m.count(article("", "", "faiz kararı", "MERKEZ BANKASI")), 2u);  // the dateline too
    EXPECT_EQ(m.count(article("Merkez bankaları", "", "faiz kararları")), 0u);
}

// The quick test on stored data never says no to a text that holds the
// phrase, whatever its case, Turkish letters or circumflexes.
TEST(exact_phrase, MayHoldNeverMissesAHolder) {
    for (const auto& c : kCases) {
        ExactPhraseMatcher m({typed_phrase(c.phrase, c.title_only)});
        std::string stored = std::string("{\"title\":\"") + c.title + "\",\"body\":\"" + c.body + "\"}";
        if (c.holds) {
            EXPECT_TRUE(m.may_hold(stored)) << c.phrase << " / " << stored;
        }
    }
    ExactPhraseMatcher kar({typed_phrase("net kâr", false)});
    EXPECT_TRUE(kar.may_hold("NET KÂR açıklandı"));
    EXPECT_EQ(kar.count(article("", "", "Şirketin net kârı ve NET KÂR")), 1u);
    EXPECT_FALSE(kar.may_hold("zarar açıklandı"));
    ExactPhraseMatcher ascii({typed_phrase("kuresel isinma", false)});
    EXPECT_TRUE(ascii.may_hold("KÜRESEL ISINMA"));
    EXPECT_EQ(ascii.count(article("KÜRESEL ISINMA", "", "")), 1u);
    EXPECT_FALSE(ascii.may_hold("ekonomi büyüdü"));  // no "kuresel", its longest word
}

TEST(exact_phrase, OneWordOrNothingIsNoPhrase) {
    EXPECT_TRUE(typed_phrase("faiz", false).words.empty());
    EXPECT_TRUE(typed_phrase("", false).words.empty());
    EXPECT_TRUE(typed_phrase("  ' - ", false).words.empty());
    ExactPhraseMatcher m({typed_phrase("faiz", false)});
    EXPECT_TRUE(m.empty());
    EXPECT_EQ(m.count(article("faiz", "", "faiz")), 0u);
}

// Two stories that hold the stems of "faiz kararı" often (the first also
// both words as typed, apart), and one that holds the phrase as typed once,
// in a long body.
std::vector<Article> faiz_stories() {
    auto make = [](std::string id, std::string title, std::string body) {
        Article a;
        a.id = std::move(id);
        a.title = std::move(title);
        a.body = std::move(body);
        return a;
    };
    std::string filler;
    for (int i = 0; i < 40; ++i) filler += "Borsa İstanbul günü yatay seyirle tamamladı, işlem hacmi düşük kaldı. ";
    return {make("inflected-1", "Faiz kararları piyasaları salladı",
                 "Merkez bankalarının faiz kararları açıklandı. Kurulun kararı oy birliğiyle alındı; faiz "
                 "kararlarının ardından dolar yükseldi."),
            make("inflected-2", "Faiz kararını bekleyen piyasa", "Yatırımcılar faiz kararını bekliyor."),
            make("typed", "Borsa günü düşüşle tamamladı", filler + "Kritik faiz kararı öncesi satış baskısı vardı.")};
}

class exact_phrase_search : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new haber::test::TempDir;
        haber::test::build_index(dir_->file("db"), faiz_stories());
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static std::vector<std::string> ids(const std::string& q, SearchOptions o) {
        Searcher s(dir_->file("db"));
        std::vector<std::string> out;
        for (const auto& h : s.search(q, o).hits) out.push_back(h.article.id);
        return out;
    }
    static haber::test::TempDir* dir_;
};
haber::test::TempDir* exact_phrase_search::dir_ = nullptr;

TEST_F(exact_phrase_search, TypedWordingRanksFirst) {
    SearchOptions o;
    o.ranking.phrase_rerank = 0;
    auto by_score = ids("\"faiz kararı\"", o);
    ASSERT_EQ(by_score.size(), 3u);
    ASSERT_NE(by_score.front(), "typed") << "the fixture no longer tests the re-ranking";
    o = SearchOptions{};
    auto reranked = ids("\"faiz kararı\"", o);
    ASSERT_EQ(reranked.size(), 3u);
    EXPECT_EQ(reranked.front(), "typed");
    EXPECT_EQ(ids("\"faiz karari\"", o).front(), "typed");  // typed in ASCII
    // The rest keep their score order.
    by_score.erase(std::find(by_score.begin(), by_score.end(), "typed"));
    EXPECT_EQ(std::vector<std::string>(reranked.begin() + 1, reranked.end()), by_score);
}

TEST_F(exact_phrase_search, PagesCutFromTheReRankedOrder) {
    SearchOptions o;
    auto all = ids("\"faiz kararı\"", o);
    std::vector<std::string> paged;
    for (std::size_t off = 0; off < all.size(); ++off) {
        o.offset = off;
        o.limit = 1;
        auto page = ids("\"faiz kararı\"", o);
        ASSERT_EQ(page.size(), 1u);
        paged.push_back(page.front());
    }
    EXPECT_EQ(paged, all);
}

TEST(exact_phrase, TheParserKeepsThePhrasesSearchedFor) {
    haber::analysis::Analyzer an;
    haber::search::QueryParser parser(an);
    auto two = parser.parse("\"faiz kararı\" OR \"Merkez Bankası'nın\" dolar").phrases;
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[1].words.size(), 2u);
    EXPECT_EQ(two[1].words[1].form, "bankası'nın");
    EXPECT_FALSE(two[0].title_only);
    auto title = parser.parse("title:\"faiz kararı\"").phrases;
    ASSERT_EQ(title.size(), 1u);
    EXPECT_TRUE(title[0].title_only);
    EXPECT_TRUE(parser.parse("faiz -\"borsa günü\"").phrases.empty());  // excluded: nothing to rank by
    EXPECT_TRUE(parser.parse("\"faiz\" kararı").phrases.empty());        // one word is no phrase
}

}  // namespace
