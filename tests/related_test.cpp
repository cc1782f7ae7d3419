// Related stories ("more like this"): Xapian relevance feedback from an
// article's own title and body terms, the article itself excluded; from the
// library, the CLI (--related) and interactive mode (r N).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "article.h"
#include "search/searcher.h"
#include "support/run_command.h"

namespace {

using haber::Article;
using haber::search::SearchOptions;
using haber::search::Searcher;
using haber::test::run_command;
using haber::test::TempDir;

Article story(const std::string& id, const std::string& date, const std::string& title, const std::string& body) {
    Article a;
    a.id = id;
    a.date = date;
    a.title = title;
    a.body = body;
    return a;
}

// Three topics in wire-story Turkish: the central bank's rate decisions, an
// earthquake, football; plus degenerate articles.
std::vector<Article> archive() {
    std::vector<Article> v = {
        story("faiz-1", "2025-09-11", "Merkez Bankası politika faizini yüzde 40,5'e indirdi",
              "Türkiye Cumhuriyet Merkez Bankası Para Politikası Kurulu, politika faizini 250 baz puan indirerek "
              "yüzde 40,5'e düşürdü. Kurul, enflasyonun ana eğilimindeki düşüşün sürdüğünü belirtti."),
        story("faiz-2", "2025-07-24", "Para Politikası Kurulu faiz kararını açıkladı",
              "Merkez Bankası politika faizini yüzde 46'dan yüzde 43'e indirdi. Kurul, enflasyon beklentilerindeki "
              "iyileşmenin sürdüğünü ve para politikasındaki sıkı duruşun korunacağını bildirdi."),
        story("faiz-3", "2024-12-26", "Merkez Bankası faiz indirimine başladı",
              "Para Politikası Kurulu politika faizini yüzde 50'den yüzde 47,5'e indirdi. Ekonomistler, "
              "enflasyondaki düşüşün faiz indirimlerine alan açtığını değerlendirdi."),
        story("deprem-1", "2025-04-23", "Silivri açıklarında 6,2 büyüklüğünde deprem",
              "AFAD, Marmara Denizi'nde Silivri açıklarında 6,2 büyüklüğünde deprem meydana geldiğini açıkladı. "
              "Deprem İstanbul'da da hissedildi, vatandaşlar sokaklara çıktı."),
        story("deprem-2", "2025-04-24", "İstanbul'da artçı depremler sürüyor",
              "Marmara Denizi'ndeki depremin ardından bölgede artçı depremler sürüyor. AFAD ekipleri hasar tespit "
              "çalışmalarını sürdürüyor, vatandaşlar geceyi parklarda geçirdi."),
        story("futbol-1", "2025-05-18", "Galatasaray şampiyonluğunu ilan etti",
              "Süper Lig'de Galatasaray, deplasmanda kazandığı maçla şampiyonluğunu ilan etti. Taraftarlar "
              "kutlamalar için sokaklara döküldü."),
        story("sadece-sayi", "2025-01-01", "2025", "100 200 300 400 500"),
        story("bos-govde", "2025-01-02", "Kısa haber", ""),
    };
    // A copy of faiz-1 under another id and headline: a version of it.
    Article copy = v.front();
    copy.id = "faiz-1-kopya";
    copy.title = "PPK faizi 250 baz puan indirdi";
    v.push_back(copy);
    return v;
}

class related : public ::testing::Test {
protected:
    void SetUp() override { haber::test::build_index(dir_.file("db"), archive()); }
    TempDir dir_;
};

TEST_F(related, finds_the_same_topic_first_and_never_the_article_itself) {
    Searcher s(dir_.file("db"));
    struct Case {
        const char* id;
        std::set<std::string> top;  // the first hits, in any order
    };
    const std::vector<Case> cases = {
        {"faiz-1", {"faiz-2", "faiz-3"}},
        {"faiz-3", {"faiz-1", "faiz-2"}},
        {"deprem-1", {"deprem-2"}},
        {"deprem-2", {"deprem-1"}},
    };
    // As haber-search shows them: a story once (faiz-1-kopya is faiz-1).
    haber::search::SearchOptions o;
    o.collapse_versions = true;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.id);
        auto r = s.related(c.id, o);
        ASSERT_TRUE(r.has_value());
        ASSERT_GE(r->hits.size(), c.top.size());
        std::set<std::string> first;
        for (std::size_t i = 0; i < c.top.size(); ++i) first.insert(r->hits[i].article.id);
        EXPECT_EQ(first, c.top) << r->parsed.describe();
        for (const auto& h : r->hits) EXPECT_NE(h.article.id, c.id);
        EXPECT_FALSE(r->parsed.highlight.stems.empty());
        EXPECT_EQ(r->parsed.text, std::string("related:") + c.id);
    }
}

TEST_F(related, leaves_out_the_articles_own_versions) {
    Searcher s(dir_.file("db"));
    ASSERT_EQ(s.versions("faiz-1").value().size(), 2u);  // the premise: grouped at index time
    for (const char* id : {"faiz-1", "faiz-1-kopya"}) {
        SCOPED_TRACE(id);
        auto r = s.related(id);
        ASSERT_TRUE(r.has_value());
        for (const auto& h : r->hits) {
            EXPECT_NE(h.article.id, "faiz-1");
            EXPECT_NE(h.article.id, "faiz-1-kopya");
        }
        EXPECT_FALSE(r->hits.empty());
    }
}

TEST_F(related, unknown_ids_and_articles_without_usable_words) {
    Searcher s(dir_.file("db"));
    EXPECT_FALSE(s.related("yok-boyle-bir-haber").has_value());
    EXPECT_FALSE(s.related("").has_value());
    // Only numbers: no term to search with → no results, no error.
    auto numbers = s.related("sadece-sayi");
    ASSERT_TRUE(numbers.has_value());
    EXPECT_EQ(numbers->total, 0u);
    // Title only: its title words still find something or nothing, never itself.
    auto title_only = s.related("bos-govde");
    ASSERT_TRUE(title_only.has_value());
    for (const auto& h : title_only->hits) EXPECT_NE(h.article.id, "bos-govde");
}

TEST_F(related, date_bounds_and_paging_apply) {
    Searcher s(dir_.file("db"));
    SearchOptions o;
    o.from = "2025";
    auto r = s.related("faiz-1", o);
    ASSERT_TRUE(r.has_value());
    for (const auto& h : r->hits) EXPECT_GE(h.article.date, std::string("2025"));
    EXPECT_EQ(r->hits.front().article.id, "faiz-2");
    SearchOptions page;
    page.limit = 1;
    page.offset = 1;
    auto second = s.related("faiz-1", page);
    ASSERT_TRUE(second.has_value());
    ASSERT_EQ(second->hits.size(), 1u);
    EXPECT_EQ(second->hits.front().rank, 2u);
}

TEST_F(related, cli_text_json_and_errors) {
    const std::string db = dir_.file("db");
    auto r = run_command({HABER_SEARCH_BIN, "--db", db, "--color", "never", "-n", "2", "--related", "deprem-1"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("related to: Silivri açıklarında 6,2 büyüklüğünde deprem (deprem-1)\n", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("1.  İstanbul'da artçı depremler sürüyor"), std::string::npos) << r.out;

    r = run_command({HABER_SEARCH_BIN, "--db", db, "--json", "--related", "faiz-2"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"related_to\": \"faiz-2\""), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("\"id\": \"faiz-2\""), std::string::npos);

    r = run_command({HABER_SEARCH_BIN, "--db", db, "--related", "yok-boyle-bir-haber"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("no article with id yok-boyle-bir-haber"), std::string::npos) << r.err;

    r = run_command({HABER_SEARCH_BIN, "--db", db, "--related", "faiz-1", "deprem"});
    EXPECT_EQ(r.exit_code, 2);  // a usage error
    EXPECT_NE(r.err.find("--related takes an article id, not a QUERY"), std::string::npos) << r.err;
}

TEST_F(related, interactive_r_n_lists_related_stories_and_pages_them) {
    auto r = run_command({HABER_SEARCH_BIN, "--db", dir_.file("db"), "-i", "--color", "never", "-n", "1"},
                         "deprem silivri\nr 1\nn\n:facets\nr 9\nr x\nq\n");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("related to: Silivri açıklarında 6,2 büyüklüğünde deprem (deprem-1)"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("1.  İstanbul'da artçı depremler sürüyor"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("showing 2\u20132"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("facets count a search's matches; type a query first"), std::string::npos);
    EXPECT_NE(r.out.find("no hit 9"), std::string::npos);
    EXPECT_NE(r.out.find("usage: r N"), std::string::npos);
}

}  // namespace
