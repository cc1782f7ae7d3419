// haber-synth-corpus (benchmarks/synth_corpus_tool.cpp), run as a program:
// determinism, well-formed JSON Lines with every field, dates in range,
// gzip and per-year output, learning from a tiny corpus made here.
#include <gtest/gtest.h>

#include "support/run_command.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "ingest/reader.h"

namespace fs = std::filesystem;

namespace {

using haber::test::read_file;
using haber::test::shell_quote;
using haber::test::tool_path;

class SynthCorpusTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!fs::exists(tool_path("haber-synth-corpus"))) GTEST_SKIP() << tool_path("haber-synth-corpus") << " not built (cmake --build build --target haber-synth-corpus)";
        dir_ = fs::temp_directory_path() / ("haber-synth-test-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        std::ofstream f(dir_ / "tiny.jsonl");
        f << R"({"id":"t1","title":"Dışişleri Bakanı Ankara'da konuştu","lead":"Dışişleri Bakanı açıklama yaptı.","body":"ANKARA (AA) – Dışişleri Bakanı bugün Ankara'da basın toplantısı düzenledi. Bakan, Özbekistan ile ilişkilerin güçlendiğini söyledi.\nToplantıda ekonomi ve ticaret konuşuldu.","category":"dunya"})" "\n";
        f << R"({"id":"t2","title":"Merkez Bankası faiz kararını açıkladı","body":"Merkez Bankası politika faizini yüzde 50'de sabit tuttu. Enflasyon beklentileri yükseldi.\nPiyasalar kararı olumlu karşıladı.","category":"ekonomi"})" "\n";
        f << R"({"id":"t3","title":"Galatasaray deplasmanda kazandı","lead":"Sarı-kırmızılılar üç puanı aldı.","body":"Galatasaray, İzmir'de oynanan maçta rakibini 2-1 yendi. Teknik direktör \"çok mutluyuz\" dedi.\nTaraftarlar takımı coşkuyla karşıladı.","category":"spor"})" "\n";
        f << R"({"id":"t4","title":"Deprem korkuttu","body":"Ege'de 4,8 büyüklüğünde deprem meydana geldi. Can kaybı olmadığı bildirildi.","category":"gundem"})" "\n";
    }
    void TearDown() override {
        if (!dir_.empty()) fs::remove_all(dir_);
    }

    // Runs the tool with the tiny corpus; returns its exit status.
    int run(const std::string& args) {
        std::string cmd = shell_quote(tool_path("haber-synth-corpus")) + " --learn " + shell_quote((dir_ / "tiny.jsonl").string()) + " -q " + args +
                          " 2>" + shell_quote((dir_ / "stderr.txt").string());
        return std::system(cmd.c_str());
    }
    std::string out(const std::string& name) { return (dir_ / name).string(); }

    fs::path dir_;
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

TEST_F(SynthCorpusTest, SameSeedSameBytesOtherSeedOtherBytes) {
    ASSERT_EQ(run("--count 300 --seed 11 --out " + shell_quote(out("a.jsonl"))), 0);
    ASSERT_EQ(run("--count 300 --seed 11 --out " + shell_quote(out("b.jsonl"))), 0);
    ASSERT_EQ(run("--count 300 --seed 12 --out " + shell_quote(out("c.jsonl"))), 0);
    std::string a = read_file(out("a.jsonl")), b = read_file(out("b.jsonl")), c = read_file(out("c.jsonl"));
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    // A prefix of a longer run is the shorter run: each article has its own stream.
    ASSERT_EQ(run("--count 100 --seed 11 --out " + shell_quote(out("d.jsonl"))), 0);
    std::string d = read_file(out("d.jsonl"));
    EXPECT_EQ(a.substr(0, d.size()), d);
}

TEST_F(SynthCorpusTest, EveryLineIsAnArticleWithAllFields) {
    ASSERT_EQ(run("--count 500 --seed 3 --from 2010-03-01 --to 2012-02-29 --out " + shell_quote(out("a.jsonl"))), 0);
    auto lines = lines_of(read_file(out("a.jsonl")));
    ASSERT_EQ(lines.size(), 500u);
    std::set<std::string> ids, categories, years;
    const std::set<std::string> learnt{"dunya", "ekonomi", "spor", "gundem"};
    std::size_t with_lead = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        SCOPED_TRACE(lines[i]);
        nlohmann::json j = nlohmann::json::parse(lines[i]);  // throws on invalid JSON
        for (const char* field : {"id", "title", "lead", "body", "date", "place", "category", "source"}) {
            ASSERT_TRUE(j.contains(field)) << field;
            ASSERT_TRUE(j[field].is_string()) << field;
        }
        EXPECT_EQ(j["id"], "synth-" + std::to_string(i + 1));
        ids.insert(j["id"]);
        EXPECT_FALSE(j["title"].get<std::string>().empty());
        EXPECT_FALSE(j["body"].get<std::string>().empty());
        EXPECT_FALSE(j["place"].get<std::string>().empty());
        EXPECT_FALSE(j["source"].get<std::string>().empty());
        if (!j["lead"].get<std::string>().empty()) ++with_lead;
        std::string date = j["date"];
        ASSERT_EQ(date.size(), 10u);
        EXPECT_GE(date, "2010-03-01");
        EXPECT_LE(date, "2012-02-29");
        years.insert(date.substr(0, 4));
        categories.insert(j["category"]);
        EXPECT_TRUE(learnt.count(j["category"])) << j["category"];
    }
    EXPECT_EQ(ids.size(), 500u);
    EXPECT_EQ(categories, learnt);  // 500 draws over 4 equally likely categories
    EXPECT_EQ(years, (std::set<std::string>{"2010", "2011", "2012"}));
    EXPECT_GT(with_lead, 0u);
    EXPECT_LT(with_lead, 500u);
}

TEST_F(SynthCorpusTest, TextComesFromTheLearntVocabulary) {
    ASSERT_EQ(run("--count 200 --seed 5 --out " + shell_quote(out("a.jsonl"))), 0);
    std::string text = read_file(out("a.jsonl"));
    // Surface forms survive as written: Turkish letters, apostrophe suffixes, capitals.
    EXPECT_NE(text.find("Ankara'da"), std::string::npos);
    EXPECT_NE(text.find("Dışişleri"), std::string::npos);
    EXPECT_NE(text.find("Özbekistan"), std::string::npos);
    // Phrases occur: the bigram chain reproduces word pairs of the corpus.
    EXPECT_NE(text.find("Merkez Bankası"), std::string::npos);
}

TEST_F(SynthCorpusTest, GzipOutputReadsBackWithTheIndexersReader) {
    ASSERT_EQ(run("--count 250 --seed 9 --out " + shell_quote(out("a.jsonl"))), 0);
    ASSERT_EQ(run("--count 250 --seed 9 --out " + shell_quote(out("a.jsonl.gz"))), 0);
    std::string gz = read_file(out("a.jsonl.gz"));
    ASSERT_GE(gz.size(), 2u);
    EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);
    EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
    std::vector<haber::ingest::Diagnostic> diags;
    auto plain = haber::ingest::read_all({out("a.jsonl")}, {}, &diags);
    auto unzipped = haber::ingest::read_all({out("a.jsonl.gz")}, {}, &diags);
    EXPECT_TRUE(diags.empty());
    ASSERT_EQ(plain.size(), 250u);
    ASSERT_EQ(unzipped.size(), 250u);
    for (std::size_t i = 0; i < plain.size(); ++i) {
        EXPECT_EQ(plain[i].id, unzipped[i].id);
        EXPECT_EQ(plain[i].body, unzipped[i].body);
    }
}

TEST_F(SynthCorpusTest, ShardByYearSplitsTheSameArticles) {
    ASSERT_EQ(run("--count 400 --seed 4 --from 2003-01-01 --to 2006-12-31 --out " + shell_quote(out("all.jsonl"))), 0);
    ASSERT_EQ(run("--count 400 --seed 4 --from 2003-01-01 --to 2006-12-31 --shard-by-year " + shell_quote(out("shards"))), 0);
    std::set<std::string> all_lines;
    for (const auto& l : lines_of(read_file(out("all.jsonl")))) all_lines.insert(l);
    std::size_t total = 0;
    for (int year = 2003; year <= 2006; ++year) {
        fs::path p = dir_ / "shards" / (std::to_string(year) + ".jsonl.gz");
        ASSERT_TRUE(fs::exists(p)) << p;
        auto articles = haber::ingest::read_all({p.string()});
        for (const auto& a : articles) EXPECT_EQ(a.date.substr(0, 4), std::to_string(year));
        total += articles.size();
    }
    EXPECT_EQ(total, all_lines.size());
}

TEST_F(SynthCorpusTest, FailsCleanlyWithNothingToLearn) {
    { std::ofstream(dir_ / "empty.jsonl"); }
    std::string cmd = shell_quote(tool_path("haber-synth-corpus")) + " -q --learn " + shell_quote(out("empty.jsonl")) + " --count 5 >/dev/null 2>&1";
    EXPECT_NE(std::system(cmd.c_str()), 0);
    EXPECT_NE(run("--count 5 --from 2020-01-01 --to 2019-01-01 >/dev/null"), 0);
}

TEST_F(SynthCorpusTest, LearnsFromTheSharedCorpora) {
    fs::path kemik = fs::path(HABER_SHARED_CORPUS) / "kemik-42bin.jsonl.gz";
    if (!fs::exists(kemik)) GTEST_SKIP() << kemik << " not present";
    std::string cmd = shell_quote(tool_path("haber-synth-corpus")) + " -q --learn " + shell_quote(kemik.string()) +
                      " --max-learn-articles 3000 --count 100 --seed 1 --out " + shell_quote(out("k.jsonl"));
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    auto lines = lines_of(read_file(out("k.jsonl")));
    ASSERT_EQ(lines.size(), 100u);
    std::set<std::string> categories;
    for (const auto& l : lines) categories.insert(nlohmann::json::parse(l)["category"].get<std::string>());
    EXPECT_GE(categories.size(), 1u);
}

}  // namespace
