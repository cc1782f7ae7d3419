// Every count haber-search --json prints is exact or says it is an estimate,
// and what the user should know about how a search ran (an unknown field, a
// date filter or order on an archive without dates) is a notice on stderr
// and in "notices". The bundled corpus, indexed by haber-index (its stories
// have versions, so "total" counts stories and "articles" every version).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/run_command.h"

namespace {

using haber::test::CommandResult;
using haber::test::run_command;
using nlohmann::json;

class counts_notices : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new haber::test::TempDir();
        auto r = index({"--quiet", "--db", dated(), std::string(HABER_SOURCE_DIR) + "/corpus"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        // An archive without dates: the same stories as JSON Lines with no "date".
        std::string lines;
        for (int i = 0; i < 5; ++i)
            lines += json{{"id", "d" + std::to_string(i)},
                          {"title", "Merkez Bankası faiz kararı " + std::to_string(i)},
                          {"body", "Merkez Bankası politika faizini yüzde " + std::to_string(40 + i) + " yaptı."}}
                         .dump() +
                     "\n";
        haber::test::write_file(dir_->file("undated.jsonl"), lines);
        r = index({"--quiet", "--db", undated(), dir_->file("undated.jsonl")});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    static void TearDownTestSuite() { delete dir_; dir_ = nullptr; }
    static std::string dated() { return dir_->file("dated"); }
    static std::string undated() { return dir_->file("undated"); }
    static std::map<std::string, std::string> env() {
        return {{"HOME", dir_->path()}, {"XDG_DATA_HOME", dir_->file("xdg")}};
    }
    static CommandResult index(std::vector<std::string> args) {
        args.insert(args.begin(), HABER_INDEX_BIN);
        return run_command(args, {}, env());
    }
    static CommandResult search(std::vector<std::string> args) {
        args.insert(args.begin(), HABER_SEARCH_BIN);
        return run_command(args, {}, env());
    }
    static haber::test::TempDir* dir_;
};
haber::test::TempDir* counts_notices::dir_ = nullptr;

// "articles" beside "total_exact": true was Xapian's estimate of the
// uncollapsed matches ("merkez bankası faiz": 138 for 102 articles).
TEST_F(counts_notices, JsonCountsAreExactOrNamedEstimates) {
    for (const char* q : {"piyasa", "merkez bankası faiz", "dolar euro", "borsa istanbul", "enflasyon yüzde",
                          "faiz OR dolar", "teknofest"}) {
        SCOPED_TRACE(q);
        auto r = search({"--db", dated(), "--json", q});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        auto j = json::parse(r.out);
        auto stories = search({"--db", dated(), "--count", q});
        auto articles = search({"--db", dated(), "--count", "--all-versions", q});
        ASSERT_TRUE(j["total_exact"].get<bool>());
        EXPECT_EQ(j["total"].get<std::size_t>(), std::stoul(stories.out));
        ASSERT_TRUE(j["articles_exact"].get<bool>());
        EXPECT_EQ(j["articles"].get<std::size_t>(), std::stoul(articles.out));
        auto c = json::parse(search({"--db", dated(), "--count", "--json", q}).out);
        EXPECT_TRUE(c["total_exact"].get<bool>());
        EXPECT_EQ(c["total"], j["total"]);
    }
}

struct NoticeCase {
    const char* db;            // "dated" or "undated"
    std::vector<std::string> args;
    const char* notice;        // expected in stderr and in "notices" ("" : none at all)
};

TEST_F(counts_notices, NoticesOnStderrAndInJson) {
    const NoticeCase cases[] = {
        {"dated", {"foo:faiz"}, "\"foo:\" is not a field"},
        {"dated", {"merkez", "kaynak:aa"}, ""},  // a Turkish field name is a field
        {"dated", {"faiz", "date:2025"}, ""},
        {"dated", {"--sort", "date", "faiz"}, ""},
        {"undated", {"faiz", "date:2025"}, "no article in this archive has a date: date filters"},
        {"undated", {"--from", "2020", "faiz"}, "no article in this archive has a date: date filters"},
        {"undated", {"--sort", "date", "faiz"}, "--sort date keeps the relevance order"},
        {"undated", {"--rank", "recency", "faiz"}, "--sort recency ranks by relevance alone"},
        {"undated", {"faiz"}, ""},
    };
    for (const auto& c : cases) {
        std::vector<std::string> args{"--db", std::string(c.db) == "dated" ? dated() : undated()};
        args.insert(args.end(), c.args.begin(), c.args.end());
        SCOPED_TRACE(std::string(c.db) + " " + c.args.back());
        auto text = search(args);
        args.insert(args.begin() + 2, "--json");
        auto j = search(args);
        ASSERT_LE(j.exit_code, 1) << j.err;
        auto notices = json::parse(j.out)["notices"];
        if (*c.notice == 0) {
            EXPECT_TRUE(notices.empty()) << notices.dump();
            EXPECT_EQ(text.err, "") << text.err;
            continue;
        }
        ASSERT_EQ(notices.size(), 1u) << notices.dump();
        EXPECT_NE(notices[0].get<std::string>().find(c.notice), std::string::npos) << notices.dump();
        EXPECT_NE(text.err.find("haber-search: "), std::string::npos) << text.err;
        EXPECT_NE(text.err.find(c.notice), std::string::npos) << text.err;
        EXPECT_EQ(text.out.find(c.notice), std::string::npos) << "notices belong on stderr";
    }
}

}  // namespace
