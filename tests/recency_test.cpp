// --rank recency: BM25 plus a bounded boost for newer stories, measured from
// the newest article in the database. Equal texts order by date; a much more
// relevant old story still beats a weak new one; undated stories get nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "article.h"
#include "index/index_writer.h"
#include "search/searcher.h"
#include "support/run_command.h"

namespace {

using haber::Article;
using haber::search::SearchOptions;
using haber::search::Searcher;
using haber::search::SortOrder;

Article art(std::string id, std::string title, std::string body, std::string date) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.date = std::move(date);
    a.place = "ANKARA";
    a.source = "AA";
    a.category = "gündem";
    return a;
}

const std::string kSecim =
    "Yüksek Seçim Kurulu, seçim takvimini açıkladı. Seçmen kütükleri askıya çıkarılacak.";
const std::string kDeprem =
    "Kandilli Rasathanesi, depremin büyüklüğünü 5,1 olarak açıkladı. Can kaybı bildirilmedi.";

class recency : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new haber::test::TempDir();
        haber::analysis::Analyzer analyzer;
        haber::index::IndexWriter w(dir_->file("db"), analyzer);
        // Pair 1: the older copy is indexed first; pair 2: the newer first.
        w.add(art("secim-2020", "Seçim takvimi açıklandı", kSecim, "2020-05-01"));
        w.add(art("secim-2023", "Seçim takvimi açıklandı", kSecim, "2023-05-01"));
        w.add(art("secim-tarihsiz", "Seçim takvimi açıklandı", kSecim, ""));
        w.add(art("deprem-2023", "Marmara'da deprem", kDeprem, "2023-04-01"));
        w.add(art("deprem-2019", "Marmara'da deprem", kDeprem, "2019-04-01"));
        // Strongly about inflation, old; weakly about it, the newest article.
        w.add(art("enflasyon-2010", "Enflasyon rakamları açıklandı: enflasyon yüzde 9",
                  "TÜİK enflasyon verilerini açıkladı. Yıllık enflasyon beklentilerin üzerinde geldi; "
                  "ekonomistler enflasyon ile mücadelede faiz artışı bekliyor.",
                  "2010-03-03"));
        w.add(art("futbol-2024", "Süper Lig'de derbi heyecanı",
                  "Galatasaray ile Fenerbahçe derbisi öncesi iki takım da son antrenmanlarını yaptı. "
                  "Taraftarlar stadı doldurdu. Teknik direktör, enflasyon nedeniyle bilet fiyatlarının "
                  "arttığını söyledi; maç saat 19.00'da başlayacak, hakem kadrosu açıklandı.",
                  "2024-01-01"));
        w.commit();
    }
    static void TearDownTestSuite() { delete dir_; dir_ = nullptr; }

    static std::vector<haber::search::Hit> hits(const std::string& q, SortOrder sort,
                                                haber::search::RecencyOptions rec = {}) {
        Searcher s(dir_->file("db"));
        SearchOptions o;
        o.limit = 50;
        o.sort = sort;
        o.recency = rec;
        return s.search(q, o).hits;
    }
    static std::vector<std::string> ids(const std::string& q, SortOrder sort) {
        std::vector<std::string> out;
        for (const auto& h : hits(q, sort)) out.push_back(h.article.id);
        return out;
    }
    static std::map<std::string, double> scores(const std::string& q, SortOrder sort,
                                                haber::search::RecencyOptions rec = {}) {
        std::map<std::string, double> out;
        for (const auto& h : hits(q, sort, rec)) out[h.article.id] = h.score;
        return out;
    }
    static haber::test::TempDir* dir_;
};
haber::test::TempDir* recency::dir_ = nullptr;

TEST_F(recency, ParsesRankNames) {
    EXPECT_EQ(haber::search::parse_sort("recency"), SortOrder::Recency);
    EXPECT_EQ(haber::search::sort_name(SortOrder::Recency), "recency");
    EXPECT_EQ(haber::search::parse_sort("date"), SortOrder::DateDesc);
    EXPECT_FALSE(haber::search::parse_sort("newness").has_value());
}

TEST_F(recency, EqualTextsNewerFirstUnderRecencyDocidOrderUnderRelevance) {
    struct Case {
        std::string query;
        std::vector<std::string> relevance, recency;
    } cases[] = {
        {"deprem", {"deprem-2023", "deprem-2019"}, {"deprem-2023", "deprem-2019"}},
        {"kandilli", {"deprem-2023", "deprem-2019"}, {"deprem-2023", "deprem-2019"}},
        {"seçim kurulu", {"secim-2020", "secim-2023", "secim-tarihsiz"},
         {"secim-2023", "secim-2020", "secim-tarihsiz"}},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(ids(c.query, SortOrder::Relevance), c.relevance) << c.query;
        EXPECT_EQ(ids(c.query, SortOrder::Recency), c.recency) << c.query;
        // Relevance does not look at dates: equal texts, equal scores.
        auto rel = scores(c.query, SortOrder::Relevance);
        EXPECT_DOUBLE_EQ(rel[c.relevance.front()], rel[c.relevance.back()]) << c.query;
    }
}

TEST_F(recency, ScoreFollowsTheDocumentedFormula) {
    // score = bm25 + w * top * 2^(-age_days / half_life); newest article 2024-01-01.
    auto rel = scores("seçim kurulu", SortOrder::Relevance);
    double top = rel["secim-2023"];
    ASSERT_GT(top, 0.0);
    struct Case {
        double w, half_life;
    } cases[] = {{0.5, 365}, {1.0, 30}, {0.2, 1000}};
    for (const auto& c : cases) {
        auto rec = scores("seçim kurulu", SortOrder::Recency, {c.w, c.half_life});
        double age2023 = 245;   // 2023-05-01 → 2024-01-01
        double age2020 = 1340;  // 2020-05-01 → 2024-01-01
        EXPECT_NEAR(rec["secim-2023"], top + c.w * top * std::exp2(-age2023 / c.half_life), 1e-6 * top);
        EXPECT_NEAR(rec["secim-2020"], top + c.w * top * std::exp2(-age2020 / c.half_life), 1e-6 * top);
        EXPECT_NEAR(rec["secim-tarihsiz"], top, 1e-9 * top) << "undated articles get no boost";
    }
}

TEST_F(recency, MuchMoreRelevantOldStoryBeatsWeakNewOne) {
    auto rel = scores("enflasyon", SortOrder::Relevance);
    ASSERT_EQ(rel.size(), 2u);
    ASSERT_GT(rel["enflasyon-2010"], 2 * rel["futbol-2024"]) << "fixture: the old story must be far more relevant";
    EXPECT_EQ(ids("enflasyon", SortOrder::Recency), (std::vector<std::string>{"enflasyon-2010", "futbol-2024"}));
    // The newest story gets the whole boost, a 14-year-old one almost nothing.
    auto rec = scores("enflasyon", SortOrder::Recency);
    EXPECT_NEAR(rec["futbol-2024"] - rel["futbol-2024"], 0.5 * rel["enflasyon-2010"], 1e-6);
    EXPECT_LT(rec["enflasyon-2010"] - rel["enflasyon-2010"], 1e-3);
}

TEST_F(recency, FilterOnlyQueryRanksNewestFirst) {
    // No weighted words: the boost alone orders (undated last).
    EXPECT_EQ(ids("category:gündem", SortOrder::Recency),
              (std::vector<std::string>{"futbol-2024", "secim-2023", "deprem-2023", "secim-2020", "deprem-2019",
                                        "enflasyon-2010", "secim-tarihsiz"}));
}

TEST(recency_day_number, ParsesValidDatesOnly) {
    using haber::search::RecencyPostingSource;
    EXPECT_EQ(RecencyPostingSource::day_number("19700101"), 0L);
    EXPECT_EQ(RecencyPostingSource::day_number("19700102"), 1L);
    EXPECT_EQ(*RecencyPostingSource::day_number("20240101") - *RecencyPostingSource::day_number("20230501"), 245L);
    EXPECT_FALSE(RecencyPostingSource::day_number("20230231").has_value());
    EXPECT_FALSE(RecencyPostingSource::day_number("2023-05-01").has_value());
    EXPECT_FALSE(RecencyPostingSource::day_number("").has_value());
}

}  // namespace
