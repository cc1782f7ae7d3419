// Facets: exact counts over the whole result set (not the page) by year,
// month, category, place and source, from Xapian match spies.
#include <gtest/gtest.h>

#include <map>
#include <algorithm>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "article.h"
#include "index/index_writer.h"
#include "search/searcher.h"
#include "support/run_command.h"

namespace {

using haber::Article;
using haber::search::Facet;
using haber::search::SearchOptions;
using haber::search::SearchResult;
using haber::search::Searcher;

// 30 stories: 18 on the central bank (ekonomi), 12 on football (spor), over
// three years, four places and three sources, some undated or without place.
std::vector<Article> fixture() {
    std::vector<Article> v;
    const char* places[] = {"ANKARA", "İSTANBUL", "NEW YORK", ""};
    const char* sources[] = {"AA", "DHA", "İHA"};
    for (int i = 0; i < 30; ++i) {
        Article a;
        a.id = "haber-" + std::to_string(i);
        bool economy = i < 18;
        a.title = economy ? "Merkez Bankası politika faizini açıkladı" : "Süper Lig'de haftanın maçları";
        a.body = economy ? "Merkez Bankası Para Politikası Kurulu faiz kararını duyurdu. Piyasalar kararı bekliyordu."
                         : "Süper Lig'de bu hafta oynanan maçlarda gol yağmuru yaşandı. Taraftarlar stadı doldurdu.";
        a.category = economy ? "ekonomi" : "spor";
        // 2021: i%3==0, 2022: i%3==1, 2023: i%3==2; month from i%2; every 10th undated.
        if (i % 10 != 9) {
            int year = 2021 + i % 3;
            a.date = std::to_string(year) + (i % 2 ? "-03-15" : "-11-02");
        }
        a.place = places[i % 4];
        a.source = sources[i % 3 == 0 ? 0 : (i % 5 == 0 ? 2 : 1)];
        v.push_back(a);
    }
    return v;
}

// What the facets must say, counted here by hand from the fixture.
std::map<std::string, std::map<std::string, std::size_t>> expected_counts(bool economy_only) {
    std::map<std::string, std::map<std::string, std::size_t>> m;
    for (const auto& a : fixture()) {
        if (economy_only && a.category != "ekonomi") continue;
        if (!a.date.empty()) {
            ++m["year"][a.date.substr(0, 4)];
            ++m["month"][a.date.substr(0, 7)];
        }
        ++m["category"][a.category];
        if (!a.place.empty()) ++m["place"][a.place];
        ++m["source"][a.source];
    }
    return m;
}

class facets : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new haber::test::TempDir();
        haber::analysis::Analyzer analyzer;
        haber::index::IndexWriter w(dir_->file("db"), analyzer);
        for (const auto& a : fixture()) w.add(a);
        w.commit();
    }
    static void TearDownTestSuite() { delete dir_; dir_ = nullptr; }
    static std::string db() { return dir_->file("db"); }
    static haber::test::TempDir* dir_;
};
haber::test::TempDir* facets::dir_ = nullptr;

std::map<std::string, std::map<std::string, std::size_t>> as_map(const SearchResult& r) {
    std::map<std::string, std::map<std::string, std::size_t>> m;
    for (const auto& f : r.facets)
        for (const auto& v : f.values) m[f.name][v.value] = v.count;
    return m;
}

TEST_F(facets, ExactCountsOverTheWholeResultNotThePage) {
    struct Case {
        std::string query;
        bool economy_only;
        std::size_t total;
    } cases[] = {
        {"merkez bankası faiz", true, 18},
        {"merkez OR süper", false, 30},
        {"category:ekonomi", true, 18},
    };
    for (const auto& c : cases) {
        Searcher s(db());
        SearchOptions o;
        o.limit = 1;               // one hit on the page
        o.exact_count_up_to = 1;   // and no exact count asked for: facets still see every match
        o.facets = 100;
        SearchResult r = s.search(c.query, o);
        EXPECT_EQ(r.total, c.total) << c.query;
        EXPECT_TRUE(r.total_exact) << c.query;
        EXPECT_EQ(r.hits.size(), 1u);
        ASSERT_TRUE(r.has_facets);
        ASSERT_EQ(r.facets.size(), 5u);
        EXPECT_EQ(r.facets[0].name, "year");
        EXPECT_EQ(r.facets[1].name, "month");
        EXPECT_EQ(r.facets[2].name, "category");
        EXPECT_EQ(r.facets[3].name, "place");
        EXPECT_EQ(r.facets[4].name, "source");
        EXPECT_EQ(as_map(r), expected_counts(c.economy_only)) << c.query;
    }
}

TEST_F(facets, TopNSortedByCountWithDistinct) {
    Searcher s(db());
    SearchOptions o;
    o.facets = 2;
    SearchResult r = s.search("merkez OR süper", o);
    auto expected = expected_counts(false);
    for (const auto& f : r.facets) {
        EXPECT_LE(f.values.size(), 2u) << f.name;
        EXPECT_EQ(f.distinct, expected[f.name].size()) << f.name;
        for (std::size_t i = 1; i < f.values.size(); ++i)
            EXPECT_GE(f.values[i - 1].count, f.values[i].count) << f.name;
        // The top value is the most frequent one.
        std::size_t best = 0;
        for (const auto& [v, n] : expected[f.name]) best = std::max(best, n);
        ASSERT_FALSE(f.values.empty()) << f.name;
        EXPECT_EQ(f.values.front().count, best) << f.name;
    }
}

TEST_F(facets, EveryFacetFilterNarrowsToItsCount) {
    Searcher s(db());
    SearchOptions o;
    o.facets = 100;
    SearchResult r = s.search("merkez OR süper", o);
    std::size_t checked = 0;
    for (const auto& f : r.facets) {
        for (const auto& v : f.values) {
            std::string q = "(merkez OR süper) " + haber::search::facet_filter(f, v);
            SearchOptions c;
            c.exact_count_up_to = 1000;
            EXPECT_EQ(s.search(q, c).total, v.count) << q;
            ++checked;
        }
    }
    EXPECT_GE(checked, 15u);
}

TEST_F(facets, FilterSyntax) {
    Facet place{"place", "place", {}, 0}, year{"year", "date", {}, 0}, cat{"category", "category", {}, 0};
    EXPECT_EQ(haber::search::facet_filter(place, {"NEW YORK", 1}), "place:\"NEW YORK\"");
    EXPECT_EQ(haber::search::facet_filter(place, {"İSTANBUL", 1}), "place:İSTANBUL");
    EXPECT_EQ(haber::search::facet_filter(year, {"2022", 1}), "date:2022");
    EXPECT_EQ(haber::search::facet_filter(year, {"2022-03", 1}), "date:2022-03");
    EXPECT_EQ(haber::search::facet_filter(cat, {"dış \"haber\"", 1}), "category:\"dış haber\"");
}

TEST_F(facets, NotComputedUnlessAsked) {
    Searcher s(db());
    SearchResult r = s.search("merkez");
    EXPECT_FALSE(r.has_facets);
    EXPECT_TRUE(r.facets.empty());
}

// The fixture's 18 central-bank stories share one text: versions of one
// story. Collapsed, the search counts stories; the facets still count every
// article, and say so.
TEST_F(facets, WithVersionsCollapsedFacetsCountArticlesAndSaySo) {
    Searcher s(db());
    SearchOptions o;
    o.collapse_versions = true;
    o.facets = 10;
    SearchResult r = s.search("merkez", o);
    EXPECT_EQ(r.total, 1u);
    EXPECT_EQ(r.articles, 18u);
    EXPECT_EQ(r.facets[2].values.at(0).count, 18u);  // category ekonomi

    auto cli = haber::test::run_command({HABER_SEARCH_BIN, "--db", db(), "--color", "never", "--facets", "merkez"});
    EXPECT_EQ(cli.exit_code, 0) << cli.err;
    EXPECT_NE(cli.out.find("facets count all 18 matching articles, every version of a story"), std::string::npos)
        << cli.out;
    EXPECT_NE(cli.out.find("ekonomi (18)"), std::string::npos);
    auto all = haber::test::run_command({HABER_SEARCH_BIN, "--db", db(), "--color", "never", "--facets",
                                         "--all-versions", "merkez"});
    EXPECT_EQ(all.out.find("facets count all"), std::string::npos) << all.out;
    auto json = haber::test::run_command({HABER_SEARCH_BIN, "--db", db(), "--json", "--facets", "merkez"});
    EXPECT_NE(json.out.find("\"articles\": 18"), std::string::npos) << json.out;
    EXPECT_NE(json.out.find("\"total\": 1,"), std::string::npos);
}

}  // namespace
