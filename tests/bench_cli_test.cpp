// haber-bench as a program, on a small index built in-process: every class
// reported, result counts consistent between modes and threads, JSON,
// Markdown, and clear failures for bad query files and missing databases.
// No timing assertions.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "analysis/analyzer.h"
#include "article.h"
#include "support/run_command.h"

namespace {

using haber::Article;
using haber::test::CommandResult;
using haber::test::run_command;
using nlohmann::json;

std::string bench_bin() {
    return (std::filesystem::path(HABER_SEARCH_BIN).parent_path() / "haber-bench").string();
}

std::vector<Article> fixture() {
    std::vector<Article> v;
    const char* cats[] = {"ekonomi", "politika", "dünya"};
    for (int i = 0; i < 30; ++i) {
        Article a;
        a.id = "a" + std::to_string(i);
        a.title = i % 2 ? "Merkez Bankası faiz kararını açıkladı" : "Dışişleri Bakanı Ankara'da konuştu";
        a.body = "Ankara'da yapılan toplantıda enflasyon ve faiz konuşuldu. ";
        if (i % 3 == 0) a.body += "Dışişleri Bakanı, Özbekistan'ın başkenti Taşkent'e gidecek. ";
        if (i % 5 == 0) a.body += "Borsa İstanbul güne yükselişle başladı; dolar geriledi. ";
        if (i == 7) a.body += "Işık kirliliği gökyüzünü karartıyor. ";
        a.date = "2021-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10);
        a.category = cats[i % 3];
        a.source = "AA";
        v.push_back(std::move(a));
    }
    return v;
}

const char* kQueries =
    "# haber-bench test queries\n"
    "\n"
    "term_high\tankara\n"
    "term_high\tfaiz\n"
    "term_medium\tözbekistan\n"
    "term_low\tışık\n"
    "and2\tmerkez bankası\n"
    "or2\tborsa OR taşkent\n"
    "phrase\t\"dışişleri bakanı\"\n"
    "field\tcategory:ekonomi faiz\n"
    "ascii\tdisisleri bakani\n"
    "sorted_date\tenflasyon\n"
    "realistic\tfaiz kararı date:2021-01..2021-06\n"
    "realistic\tyokböylebirkelime\n";

const std::vector<std::string> kClasses{"term_high", "term_medium", "term_low",    "and2",     "or2",
                                        "phrase",    "field",       "ascii",       "sorted_date", "realistic"};

class bench_cli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new haber::test::TempDir();
        haber::test::build_index(dir_->file("db"), fixture());
        haber::test::write_file(dir_->file("queries.tsv"), kQueries);
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    void SetUp() override {
        if (!std::filesystem::exists(bench_bin())) GTEST_SKIP() << bench_bin() << " not built";
    }
    static std::string db() { return dir_->file("db"); }
    static std::string queries() { return dir_->file("queries.tsv"); }

    static CommandResult bench(std::vector<std::string> args) {
        args.insert(args.begin(), bench_bin());
        return run_command(args);
    }
    static json bench_json(const std::vector<std::string>& extra) {
        std::vector<std::string> args{"--db", db(), queries(), "--json", "--passes", "2"};
        args.insert(args.end(), extra.begin(), extra.end());
        CommandResult r = bench(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        json j = json::parse(r.out, nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << r.out;
        return j;
    }
    // Result count of each query of a run, in file order.
    static std::vector<std::size_t> per_query(const json& run) {
        std::vector<std::size_t> v;
        for (const auto& q : run.at("queries")) v.push_back(q.at("results").get<std::size_t>());
        return v;
    }
    static haber::test::TempDir* dir_;
};
haber::test::TempDir* bench_cli::dir_ = nullptr;

TEST_F(bench_cli, CountReportsEveryClassAndExactCounts) {
    json j = bench_json({"--mode", "count"});
    ASSERT_EQ(j.at("runs").size(), 1u);
    const json& run = j["runs"][0];
    EXPECT_EQ(run.at("mode"), "count");
    EXPECT_EQ(j.at("doc_count"), 30);
    std::vector<std::string> got;
    for (const auto& c : run.at("classes")) got.push_back(c.at("class"));
    EXPECT_EQ(got, kClasses);
    auto counts = per_query(run);
    ASSERT_EQ(counts.size(), 12u);
    EXPECT_EQ(counts[0], 30u);  // ankara: every article (Ankara'da)
    EXPECT_EQ(counts[2], 10u);  // özbekistan: i % 3 == 0
    EXPECT_EQ(counts[3], 1u);   // ışık
    EXPECT_EQ(counts[11], 0u);  // no such word
    // The "all" row sums the classes.
    std::size_t sum = 0, nq = 0;
    for (const auto& c : run["classes"])
        sum += c["results"].get<std::size_t>(), nq += c["queries"].get<std::size_t>();
    EXPECT_EQ(run.at("all").at("results").get<std::size_t>(), sum);
    EXPECT_EQ(run["all"]["queries"], 12);
    EXPECT_EQ(nq, 12u);
    EXPECT_EQ(run.at("inexact_counts"), 0);
}

TEST_F(bench_cli, TopKHitsEqualMinOfKAndCount) {
    auto counts = per_query(bench_json({"--mode", "count"})["runs"][0]);
    json top10 = bench_json({"--mode", "top10"});
    const json& run = top10["runs"][0];
    EXPECT_EQ(run.at("mode"), "top10");
    EXPECT_TRUE(run.at("verified").get<bool>());
    EXPECT_TRUE(run.at("mismatches").empty());
    auto hits = per_query(run);
    ASSERT_EQ(hits.size(), counts.size());
    for (std::size_t i = 0; i < hits.size(); ++i) EXPECT_EQ(hits[i], std::min<std::size_t>(10, counts[i])) << i;
    EXPECT_EQ(run["classes"].size(), kClasses.size());
}

// --match: haber-search's default matching, every word required (--all) or
// any word; each top-K run is verified against counts matched the same way.
TEST_F(bench_cli, MatchAllRequiresEveryWord) {
    std::map<std::string, std::vector<std::size_t>> counts;
    for (const char* m : {"default", "all", "any"}) {
        json c = bench_json({"--mode", "count", "--match", m});
        EXPECT_EQ(c["runs"][0].at("match"), m);
        counts[m] = per_query(c["runs"][0]);
        json top = bench_json({"--mode", "top10", "--match", m});
        EXPECT_TRUE(top["runs"][0].at("verified").get<bool>()) << m << ": " << top["runs"][0]["mismatches"];
        auto hits = per_query(top["runs"][0]);
        for (std::size_t i = 0; i < hits.size(); ++i)
            EXPECT_EQ(hits[i], std::min<std::size_t>(10, counts[m][i])) << m << " query " << i;
    }
    for (std::size_t i = 0; i < counts["all"].size(); ++i) {
        EXPECT_LE(counts["all"][i], counts["default"][i]) << i;
        EXPECT_LE(counts["default"][i], counts["any"][i]) << i;
    }
    // "merkez bankası" (query 4): both words in the 15 odd articles, and
    // neither elsewhere; "faiz kararı" with a date range (query 10): faiz is
    // in every article, kararı in the odd ones.
    EXPECT_EQ(counts["all"][4], 15u);
    EXPECT_LT(counts["all"][10], counts["default"][10]);
    CommandResult bad = bench({"--db", db(), queries(), "--match", "most"});
    EXPECT_EQ(bad.exit_code, 2) << bad.err;
}

TEST_F(bench_cli, AllModesAndThreadsAgree) {
    json one = bench_json({"--mode", "all"});
    json two = bench_json({"--mode", "all", "--threads", "2", "--snippets"});
    ASSERT_EQ(one.at("runs").size(), 3u);
    ASSERT_EQ(two.at("runs").size(), 3u);
    const char* modes[] = {"count", "top10", "top100"};
    for (int m = 0; m < 3; ++m) {
        EXPECT_EQ(one["runs"][m]["mode"], modes[m]);
        EXPECT_EQ(two["runs"][m]["threads"], 2);
        EXPECT_EQ(per_query(one["runs"][m]), per_query(two["runs"][m])) << modes[m];
        EXPECT_GT(two["runs"][m]["throughput_qps"].get<double>(), 0);
    }
    // Fewer than 100 articles: top100 returns everything counted.
    EXPECT_EQ(per_query(one["runs"][0]), per_query(one["runs"][2]));
}

TEST_F(bench_cli, TextTableAndMarkdown) {
    std::string md = dir_->file("results.md");
    CommandResult r = bench({"--db", db(), queries(), "--mode", "top10", "--passes", "1", "--warmup", "0",
                             "--markdown", md});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const auto& c : kClasses) EXPECT_NE(r.out.find("\n" + c + " "), std::string::npos) << c;
    for (const char* h : {"date:", "machine:", "command:", "databases:", "p50 us", "qps", "throughput:",
                          "verified: top10"})
        EXPECT_NE(r.out.find(h), std::string::npos) << h;
    EXPECT_NE(r.out.find("(30 documents)"), std::string::npos);
    std::ifstream in(md);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_NE(ss.str().find("| class | queries | results | p50 µs |"), std::string::npos) << ss.str();
    EXPECT_NE(ss.str().find("| sorted_date |"), std::string::npos);
}

TEST_F(bench_cli, ClassFilter) {
    json j = bench_json({"--mode", "count", "--class", "phrase", "--class", "ascii"});
    const json& classes = j["runs"][0]["classes"];
    ASSERT_EQ(classes.size(), 2u);
    EXPECT_EQ(classes[0]["class"], "phrase");
    EXPECT_EQ(classes[1]["class"], "ascii");
    // Dışişleri Bakanı typed with or without Turkish letters: the same articles.
    EXPECT_EQ(classes[0]["results"], classes[1]["results"]);
}

TEST_F(bench_cli, QuerySyntaxErrorIsExcludedAndSaid) {
    std::string f = dir_->file("syntax.tsv");
    haber::test::write_file(f, "term_high\tankara\nrealistic\t\"unclosed phrase\n");
    CommandResult r = bench({"--db", db(), f, "--mode", "count", "--json", "--passes", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("syntax.tsv:2"), std::string::npos) << r.err;
    json j = json::parse(r.out);
    EXPECT_EQ(j["excluded"].size(), 1u);
    EXPECT_EQ(j["runs"][0]["queries"].size(), 1u);
}

TEST_F(bench_cli, BadQueryFileFails) {
    std::string f = dir_->file("bad.tsv");
    haber::test::write_file(f, "# comment\nterm_high\tankara\njust a query without a class\n");
    CommandResult r = bench({"--db", db(), f});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("bad.tsv:3"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("class<TAB>query"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());

    r = bench({"--db", db(), dir_->file("missing.tsv")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("cannot read query file"), std::string::npos) << r.err;

    std::string empty = dir_->file("empty.tsv");
    haber::test::write_file(empty, "# nothing here\n\n");
    r = bench({"--db", db(), empty});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no queries"), std::string::npos) << r.err;

    r = bench({"--db", db()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no query file"), std::string::npos) << r.err;
}

TEST_F(bench_cli, MissingDatabaseFails) {
    CommandResult r = bench({"--db", dir_->file("nope.db"), queries()});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("no haber database"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());

    r = bench({queries()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--db"), std::string::npos) << r.err;
}

}  // namespace
