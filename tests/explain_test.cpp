// --explain per hit (search/explain.h): on the bundled corpus indexed by
// haber-index, every hit's parts add up to its ranking score, each part's
// BM25 recomputed from the statistics Xapian used equals the weight Xapian
// gave it, and the matched variants are the document's own terms.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "search/explain.h"
#include "search/searcher.h"
#include "support/run_command.h"

namespace {

using namespace haber;

class explain : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir();
        auto r = test::run_command({HABER_INDEX_BIN, "--quiet", "--db", db(), std::string(HABER_SOURCE_DIR) + "/corpus"},
                                   {}, {{"HOME", dir_->path()}, {"XDG_DATA_HOME", dir_->file("xdg")}});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    static void TearDownTestSuite() { delete dir_; dir_ = nullptr; }
    static std::string db() { return dir_->file("db"); }
    static test::TempDir* dir_;
};
test::TempDir* explain::dir_ = nullptr;

std::string fixed4(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

struct Case {
    const char* query;
    search::SortOrder sort;
    const char* expect_role;     // a part with this role in some hit ("" : none required)
    const char* expect_variant;  // a matched variant form in some hit ("" : none required)
};

const Case kCases[] = {
    {"piyasa", search::SortOrder::Relevance, "", "piyasa"},
    {"ozbekistan", search::SortOrder::Relevance, "", "özbekistan"},  // ASCII-typed: the Turkish spelling, through the fold table
    {"Özbekistan'ın", search::SortOrder::Relevance, "", "özbekistan"},
    {"merkez bankası faiz", search::SortOrder::Relevance, "every word present", "faiz"},
    {"\"merkez bankası\"", search::SortOrder::Relevance, "exact typed forms", "merkez"},
    {"\"merkez bankası\" faiz", search::SortOrder::Relevance, "every word present, exact typed forms", "banka"},
    {"title:borsa", search::SortOrder::Relevance, "", ""},
    {"bors* OR dolar", search::SortOrder::Relevance, "", ""},
    {"enflasyon yüzde", search::SortOrder::Recency, "", ""},
    {"dolar kuru", search::SortOrder::DateDesc, "", ""},
    {"Kazakistan NEAR Özbekistan", search::SortOrder::Relevance, "", ""},
};

TEST_F(explain, PartsAddUpToTheRankingScore) {
    search::Searcher searcher(db());
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.query);
        search::SearchOptions so;
        so.collapse_versions = true;
        so.sort = c.sort;
        so.limit = 10;
        auto r = searcher.search(c.query, so);
        ASSERT_FALSE(r.hits.empty());
        bool role_seen = *c.expect_role == 0, variant_seen = *c.expect_variant == 0;
        for (const auto& h : r.hits) {
            auto e = search::explain_hit(searcher.database(), r, h, so.ranking);
            ASSERT_FALSE(e.parts.empty()) << h.article.id;
            EXPECT_NEAR(e.sum, h.score, 1e-9 * std::max(1.0, h.score)) << h.article.id;
            EXPECT_EQ(fixed4(e.sum), fixed4(h.score)) << h.article.id;
            for (const auto& p : e.parts) {
                if (p.role == c.expect_role) role_seen = true;
                for (const auto& v : p.matched) {
                    if (v.form == c.expect_variant) variant_seen = true;
                    if (std::string(c.query) == "ozbekistan" && v.form == "özbekistan") {
                        EXPECT_TRUE(v.folded) << v.term;
                    }
                    EXPECT_GT(v.wdf, 0u) << v.term;
                }
                if (p.kind == "recency") continue;
                EXPECT_FALSE(p.matched.empty()) << p.label;
                ASSERT_TRUE(p.has_bm25) << p.label;
                // BM25 recomputed from what Xapian saw is what Xapian weighed.
                double recomputed = 0;
                if (p.terms.empty()) recomputed = p.factor * p.idf * p.tf;
                else for (const auto& t : p.terms) recomputed += t.weight;
                EXPECT_NEAR(recomputed, p.weight, 1e-9 * std::max(1.0, p.weight)) << p.label;
            }
        }
        EXPECT_TRUE(role_seen) << c.expect_role;
        EXPECT_TRUE(variant_seen) << c.expect_variant;
    }
}

// Related stories rank by terms scaled by arbitrary factors (0.5 + 0.5·w/top):
// the factors are read back exactly.
TEST_F(explain, RelatedStoriesAddUpToo) {
    search::Searcher searcher(db());
    search::SearchOptions so;
    auto first = searcher.search("piyasa", so);
    ASSERT_FALSE(first.hits.empty());
    auto r = searcher.related(first.hits.front().article.id, so);
    ASSERT_TRUE(r && !r->hits.empty());
    for (const auto& h : r->hits) {
        auto e = search::explain_hit(searcher.database(), *r, h, so.ranking);
        EXPECT_NEAR(e.sum, h.score, 1e-9 * std::max(1.0, h.score)) << h.article.id;
        EXPECT_GT(e.parts.size(), 1u);
    }
}

// The CLI: --explain prints each hit's parts, and --json carries them with
// the score they add up to.
TEST_F(explain, CliShowsThePartsPerHit) {
    std::map<std::string, std::string> env{{"HOME", dir_->path()}, {"XDG_DATA_HOME", dir_->file("xdg")}};
    auto j = test::run_command({HABER_SEARCH_BIN, "--db", db(), "--json", "--explain", "-n", "3", "merkez bankası faiz"},
                               {}, env);
    ASSERT_EQ(j.exit_code, 0) << j.err;
    auto json = nlohmann::json::parse(j.out);
    ASSERT_EQ(json["hits"].size(), 3u);
    for (const auto& h : json["hits"]) {
        const auto& x = h["explanation"];
        double sum = 0;
        for (const auto& p : x["parts"]) sum += p["weight"].get<double>();
        EXPECT_NEAR(sum, h["score"].get<double>(), 1e-9);
        EXPECT_GT(x["document_length"].get<double>(), 0);
        EXPECT_TRUE(x["parts"][0].contains("matched"));
    }
    auto t = test::run_command({HABER_SEARCH_BIN, "--db", db(), "--explain", "-n", "2", "merkez bankası faiz"}, {}, env);
    ASSERT_EQ(t.exit_code, 0) << t.err;
    EXPECT_NE(t.out.find("score "), std::string::npos) << t.out;
    EXPECT_NE(t.out.find(" = "), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("every word present"), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("wdf "), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("idf "), std::string::npos) << t.out;
}

}  // namespace

namespace {

// Interactively, ":explain N" takes hit N apart (also off the current page).
TEST_F(explain, InteractiveExplainN) {
    std::map<std::string, std::string> env{{"HOME", dir_->path()}, {"XDG_DATA_HOME", dir_->file("xdg")}};
    auto r = test::run_command({HABER_SEARCH_BIN, "--db", db(), "-i", "-n", "2"},
                               "merkez bankası faiz\n:explain 2\n:explain 7\n:explain x\nq\n", env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("haber> :explain 2\n2.  "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("haber> :explain 7\n7.  "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("every word present"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("usage: :explain N"), std::string::npos) << r.out;
}

}  // namespace
