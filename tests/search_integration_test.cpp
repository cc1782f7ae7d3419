// End to end on a small in-process index: real Turkish text, every spelling a
// user may type, phrases, boosts, filters and sorting.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "article.h"
#include "index/document_builder.h"
#include "index/schema.h"
#include "search/searcher.h"
#include "support/run_command.h"

namespace {

using haber::Article;
using haber::search::SearchOptions;
using haber::search::Searcher;
using haber::search::SortOrder;
using haber::test::build_index;
using haber::test::read_file;

Article aa_sample() {
    std::string text = read_file(std::string(HABER_SOURCE_DIR) +
                                 "/corpus/aa-sample/taskent-ozbekistan-kazakistan-muttefiklik.txt");
    Article a;
    a.id = "aa-taskent";
    auto nl = text.find('\n');
    a.lead = text.substr(0, nl);
    a.body = text.substr(nl + 1);
    a.title = "Stratejik ortaklık müttefiklik düzeyine çıkarılıyor";
    a.date = "2022-12-22";
    a.place = "TAŞKENT";
    a.source = "AA";
    a.category = "dünya";
    return a;
}

std::vector<Article> fixture() {
    std::vector<Article> v{aa_sample()};
    auto add = [&](std::string id, std::string title, std::string body, std::string date, std::string place,
                   std::string source, std::string category) {
        Article a;
        a.id = std::move(id);
        a.title = std::move(title);
        a.body = std::move(body);
        a.date = std::move(date);
        a.place = std::move(place);
        a.source = std::move(source);
        a.category = std::move(category);
        v.push_back(std::move(a));
    };
    add("dis-1", "Dışişleri Bakanı Brüksel'de temaslarda bulundu",
        "Dışişleri Bakanı, NATO dışişleri bakanlarının toplantısında Türkiye'nin güvenlik önceliklerini anlattı. "
        "Bakan, ittifak içinde dayanışmanın önemine dikkati çekti.",
        "2021-03-24", "BRÜKSEL", "AA", "politika");
    add("isik-1", "Işık kirliliği gökyüzünü karartıyor",
        "Uzmanlar, büyük şehirlerdeki IŞIK kirliliğinin yıldız gözlemini zorlaştırdığını belirtti. "
        "Gereksiz aydınlatmanın azaltılması öneriliyor.",
        "2023-05-02", "ANKARA", "DHA", "bilim");
    add("sis-1", "İstanbul Boğazı yoğun sis nedeniyle gemi trafiğine kapatıldı",
        "Sabah saatlerinde etkili olan sis, görüş mesafesini 100 metrenin altına düşürdü. "
        "Boğaz, sis dağıldıktan sonra yeniden trafiğe açıldı.",
        "2020-01-15", "İSTANBUL", "AA", "gündem");
    add("kebap-1", "Adana'da şiş kebap festivali başladı",
        "Festivalde ustalar şiş kebabın inceliklerini anlattı. Ziyaretçiler yöresel lezzetleri tattı.",
        "2019-10-05", "ADANA", "İHA", "yaşam");
    add("enerji-title", "Taşkent'te bölgesel enerji zirvesi",
        "Orta Asya ülkelerinin enerji bakanları, elektrik ağlarının birbirine bağlanması için yeni bir "
        "yol haritası üzerinde uzlaştı. Toplantıda yenilenebilir kaynaklara yatırım da ele alındı.",
        "2023-09-12", "ANKARA", "AA", "ekonomi");
    add("enerji-body", "Bölgesel enerji zirvesinde yol haritası belirlendi",
        "Orta Asya ülkelerinin enerji bakanları, Taşkent'teki toplantıda elektrik ağlarının birbirine "
        "bağlanması için yeni bir yol haritası üzerinde uzlaştı. Yenilenebilir kaynaklara yatırım da ele alındı.",
        "2024-02-01", "ANKARA", "AA", "ekonomi");
    return v;
}

class search_integration : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new haber::test::TempDir();
        build_index(dir_->file("db"), fixture());
    }
    static void TearDownTestSuite() { delete dir_; dir_ = nullptr; }

    static std::vector<std::string> ids(const std::string& q, SearchOptions o = {}) {
        Searcher s(dir_->file("db"));
        o.limit = 50;
        std::vector<std::string> out;
        for (const auto& h : s.search(q, o).hits) out.push_back(h.article.id);
        return out;
    }
    static std::vector<std::string> sorted_ids(const std::string& q, SearchOptions o = {}) {
        auto v = ids(q, o);
        std::sort(v.begin(), v.end());
        return v;
    }
    static haber::test::TempDir* dir_;
};
haber::test::TempDir* search_integration::dir_ = nullptr;

using Ids = std::vector<std::string>;

struct Case {
    const char* query;
    Ids expected;  // sorted ids
};

class search_spelling : public search_integration, public ::testing::WithParamInterface<Case> {};

TEST_P(search_spelling, FindsExactlyTheseArticles) {
    // Exactly what matches every word: no relaxing to some of them.
    SearchOptions o;
    o.ranking.relax = false;
    o.ranking.slack = 0;
    EXPECT_EQ(sorted_ids(GetParam().query, o), GetParam().expected) << "query: " << GetParam().query;
}

INSTANTIATE_TEST_SUITE_P(
    search, search_spelling,
    ::testing::Values(
        // Every way of typing Özbekistan finds the AA story (inflected: Özbekistan’da, Özbekistan'ın).
        Case{"Özbekistan", {"aa-taskent"}}, Case{"özbekistan", {"aa-taskent"}},
        Case{"ÖZBEKİSTAN", {"aa-taskent"}}, Case{"ozbekistan", {"aa-taskent"}},
        Case{"OZBEKISTAN", {"aa-taskent"}}, Case{"Özbekistan’da", {"aa-taskent"}},
        Case{"\"Özbekistan Kazakistan\"", {"aa-taskent"}},
        Case{"\"Kazakistan Cumhurbaşkanı Kasım Cömert Tokayev\"", {"aa-taskent"}},
        // I/ı: Turkish-typed upper and lower case agree.
        Case{"IŞIK", {"isik-1"}}, Case{"ışık", {"isik-1"}}, Case{"Işık kirliliği", {"isik-1"}},
        // ASCII-typed finds the Turkish spelling...
        Case{"isik", {"isik-1"}},
        // ...but ş typed is not s.
        Case{"şiş", {"kebap-1"}}, Case{"sis", {"kebap-1", "sis-1"}}, Case{"ŞİŞ kebap", {"kebap-1"}},
        Case{"disisleri bakani", {"dis-1"}}, Case{"DISISLERI BAKANI", {"dis-1"}},
        Case{"Dışişleri Bakanı", {"dis-1"}},
        // Inflected phrase: bakanları toplantısı ~ bakanlarının toplantısında.
        Case{"\"bakanları toplantısı\"", {"dis-1"}}, Case{"\"bakanların toplantısı\"", {"dis-1"}},
        Case{"\"dışişleri bakanlarının\"", {"dis-1"}},
        // Exact form and wildcard.
        Case{"=müttefiklik", {"aa-taskent"}}, Case{"=bakanlarının", {"dis-1"}},
        Case{"mirziy*", {"aa-taskent"}}, Case{"kirlil*", {"isik-1"}},
        Case{"ozbek*", {"aa-taskent"}},
        // NEAR.
        Case{"Mirziyoyev NEAR/3 Tokayev", {"aa-taskent"}},
        // Fields and filters.
        Case{"place:taşkent", {"aa-taskent"}}, Case{"place:TASKENT", {"aa-taskent"}},
        Case{"source:aa sis", {"sis-1"}}, Case{"source:İHA", {"kebap-1"}},
        // body: searches the text terms, which hold the title's words too.
        Case{"title:taşkent", {"enerji-title"}}, Case{"body:taşkent", {"aa-taskent", "enerji-body", "enerji-title"}},
        Case{"category:dünya", {"aa-taskent"}}, Case{"id:dis-1", {"dis-1"}},
        Case{"enerji date:2023", {"enerji-title"}}, Case{"enerji date:2022..", {"aa-taskent", "enerji-body", "enerji-title"}},
        Case{"enerji date:..2023-06", {"aa-taskent"}},
        // Boolean.
        Case{"şiş OR IŞIK", {"isik-1", "kebap-1"}}, Case{"enerji -Taşkent", {}},
        Case{"enerji NOT zirvesi", {"aa-taskent"}}, Case{"(sis OR ışık) source:aa", {"sis-1"}},
        // No match is not an error.
        Case{"Tokayev şiş", {}}));

TEST_F(search_integration, TitleMatchRanksAboveBodyOnly) {
    auto v = ids("Taşkent");
    auto pos = [&](const std::string& id) { return std::find(v.begin(), v.end(), id) - v.begin(); };
    ASSERT_NE(pos("enerji-title"), static_cast<long>(v.size()));
    ASSERT_NE(pos("enerji-body"), static_cast<long>(v.size()));
    EXPECT_LT(pos("enerji-title"), pos("enerji-body"));
}

TEST_F(search_integration, SortByDate) {
    SearchOptions o;
    o.sort = SortOrder::DateDesc;
    EXPECT_EQ(ids("enerji", o), (Ids{"enerji-body", "enerji-title", "aa-taskent"}));
    o.sort = SortOrder::DateAsc;
    EXPECT_EQ(ids("enerji", o), (Ids{"aa-taskent", "enerji-title", "enerji-body"}));
}

TEST_F(search_integration, FromToOptions) {
    SearchOptions o;
    o.from = "2021-01";
    o.to = "2023-06-30";
    EXPECT_EQ(sorted_ids("source:aa", o), (Ids{"aa-taskent", "dis-1"}));
}

TEST_F(search_integration, TotalsOffsetLimitAndSnippets) {
    Searcher s(dir_->file("db"));
    SearchOptions o;
    o.limit = 1;
    o.offset = 1;
    auto r = s.search("enerji", o);
    EXPECT_EQ(r.total, 3u);
    EXPECT_TRUE(r.total_exact);
    ASSERT_EQ(r.hits.size(), 1u);
    EXPECT_EQ(r.hits[0].rank, 2u);

    auto z = s.search("Özbekistan");
    ASSERT_EQ(z.hits.size(), 1u);
    const auto& sn = z.hits[0].snippet;
    ASSERT_FALSE(sn.highlights.empty());
    for (const auto& h : sn.highlights) {
        std::string word = sn.text.substr(h.begin, h.length);
        EXPECT_EQ(word.rfind("Özbekistan", 0), 0u) << word;
    }
    EXPECT_EQ(z.hits[0].article.place, "TAŞKENT");
}

TEST_F(search_integration, ArticleById) {
    Searcher s(dir_->file("db"));
    auto a = s.article("kebap-1");
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->title, "Adana'da şiş kebap festivali başladı");
    EXPECT_FALSE(s.article("yok-boyle-bir-haber").has_value());
}

TEST_F(search_integration, SeesNewCommitsWithoutReopeningByHand) {
    haber::test::TempDir d;
    build_index(d.file("db"), {aa_sample()});
    Searcher s(d.file("db"));
    EXPECT_EQ(s.search("şiş").total, 0u);
    std::vector<Article> more = fixture();
    build_index(d.file("db"), more);
    EXPECT_EQ(s.search("şiş").total, 1u);
}

TEST_F(search_integration, SeveralDatabasesAsOne) {
    haber::test::TempDir d;
    auto all = fixture();
    build_index(d.file("a"), {all[0]});
    build_index(d.file("b"), {all[4]});
    Searcher s(std::vector<std::string>{d.file("a"), d.file("b")});
    EXPECT_EQ(s.search("Özbekistan OR şiş").total, 2u);
}

TEST(search_errors, MissingCorruptAndForeignDatabases) {
    haber::test::TempDir d;
    try {
        Searcher s(d.file("nope"));
        FAIL();
    } catch (const haber::search::DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("no haber database at " + d.file("nope")), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("run haber-index first"), std::string::npos);
    }
    haber::test::write_file(d.file("junk/iamglass.glass"), "not a database");
    EXPECT_THROW(Searcher(d.file("junk")), haber::search::DatabaseError);
    {
        Xapian::WritableDatabase w(d.file("foreign"), Xapian::DB_CREATE_OR_OPEN);
        Xapian::Document doc;
        doc.add_term("hello");
        w.add_document(doc);
        w.commit();
    }
    try {
        Searcher s(d.file("foreign"));
        FAIL();
    } catch (const haber::search::DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("not a haber index"), std::string::npos) << e.what();
    }
}

}  // namespace
