// haber-query-set (benchmarks/query_set_tool.cpp), run as a program against a
// small database built here: every class present, well-formed TSV, same seed
// → same file, and the checked-in query files are well-formed.
#include <gtest/gtest.h>

#include "support/run_command.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "article.h"
#include "index/document_builder.h"
#include "index/schema.h"

namespace fs = std::filesystem;

namespace {

using haber::test::read_file;
using haber::test::shell_quote;
using haber::test::tool_path;

const std::set<std::string> kClasses{"term_high", "term_medium", "term_low", "and2", "or2",
                                     "phrase", "field", "ascii", "sorted_date"};

// Checks the TSV format; returns queries per class.
std::map<std::string, std::vector<std::string>> parse_tsv(const std::string& text) {
    std::map<std::string, std::vector<std::string>> out;
    std::istringstream in(text);
    bool body = false;
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
        SCOPED_TRACE("line " + std::to_string(n) + ": " + line);
        EXPECT_FALSE(line.empty());
        if (line.rfind("#", 0) == 0) {
            EXPECT_FALSE(body) << "comments belong at the top";
            continue;
        }
        body = true;
        auto tab = line.find('\t');
        EXPECT_NE(tab, std::string::npos);
        if (tab == std::string::npos) continue;
        EXPECT_EQ(line.find('\t', tab + 1), std::string::npos);
        std::string cls = line.substr(0, tab), q = line.substr(tab + 1);
        EXPECT_FALSE(q.empty());
        EXPECT_NE(q.front(), ' ');
        EXPECT_NE(q.back(), ' ');
        out[cls].push_back(q);
    }
    return out;
}

// A small collection with a Zipf-like word distribution, three categories
// and dates, written both as a database and as the JSONL corpus it came from.
class QuerySetTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (!fs::exists(tool_path("haber-query-set"))) GTEST_SKIP() << tool_path("haber-query-set") << " not built (cmake --build build --target haber-query-set)";
        dir_ = fs::temp_directory_path() / ("haber-query-set-test-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);

        const std::vector<std::string> words{
            "türkiye", "ekonomi", "bakanı", "açıkladı", "dışişleri", "görüşme", "ankara", "istanbul", "büyüme",
            "enflasyon", "seçim", "meclis", "başkanı", "deprem", "kurtarma", "çalışmaları", "öğrenciler",
            "üniversite", "sınav", "maçı", "galatasaray", "fenerbahçe", "şampiyon", "teknik", "direktör",
            "yatırım", "ihracat", "rekor", "borsa", "dolar", "faiz", "kararı", "merkez", "bankası", "hükümet",
            "muhalefet", "toplantı", "basın", "açıklama", "yağış", "uyarı", "meteoroloji", "sağlık", "hastane",
            "doktor", "tedavi", "aşı", "salgın", "kültür", "sanat", "sergi", "müze", "festival", "konser",
            "film", "yönetmen", "ödül", "belediye", "ulaşım", "metro", "köprü", "otoyol", "tünel", "ihale",
            "proje", "çevre", "orman", "yangın", "itfaiye", "polis", "soruşturma", "mahkeme", "dava", "karar",
            "avukat", "tanık", "savcı", "iddianame", "özbekistan", "taşkent", "kazakistan", "azerbaycan",
            "gürcistan", "bölge", "güvenlik", "asker", "sınır", "göç", "mülteci", "yardım", "kampanya",
            "bağış", "gönüllü", "öğretmen", "okul", "eğitim", "müfredat", "kitap", "yazar", "şiir", "roman"};
        const std::vector<std::string> cats{"ekonomi", "spor", "dünya"};
        std::uint64_t x = 12345;
        auto rnd = [&x](std::uint64_t n) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            return (x >> 33) % n;
        };
        // Zipf-like: word i drawn with weight 1/(i+1)^1.5, so that the words
        // spread over the high, medium and low document-frequency bands.
        std::vector<std::uint64_t> cumulative;
        std::uint64_t total = 0;
        for (std::size_t i = 0; i < words.size(); ++i) {
            double r = static_cast<double>(i + 1);
            total += static_cast<std::uint64_t>(1e6 / (r * std::sqrt(r)));
            cumulative.push_back(total);
        }
        auto zipf = [&]() -> const std::string& {
            std::uint64_t r = rnd(total);
            return words[std::upper_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin()];
        };
        haber::analysis::Analyzer analyzer;
        haber::DocumentBuilder builder(analyzer);
        Xapian::WritableDatabase db((dir_ / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
        std::ofstream corpus(dir_ / "corpus.jsonl");
        for (int i = 0; i < 400; ++i) {
            haber::Article a;
            a.id = "q" + std::to_string(i);
            a.category = cats[rnd(cats.size())];
            a.date = std::to_string(2015 + rnd(6)) + "-0" + std::to_string(1 + rnd(9)) + "-1" + std::to_string(rnd(10));
            for (int w = 0; w < 5; ++w) a.title += (w ? " " : "") + zipf();
            for (int s = 0; s < 6; ++s) {
                if (s) a.body += s % 3 ? " " : "\n";
                for (int w = 0; w < 8; ++w) a.body += (w ? " " : "") + zipf();
                a.body += ".";
            }
            if (i < 26) a.body += std::string(" seyrek") + static_cast<char>('a' + i) + " kelime.";  // df 1: the low band
            Xapian::Document doc = builder.build(a);
            db.replace_document(haber::schema::id_term(a.id), doc);
            corpus << "{\"id\":\"" << a.id << "\",\"title\":\"" << a.title << "\",\"body\":\"";
            for (char c : a.body) corpus << (c == '\n' ? std::string("\\n") : std::string(1, c));
            corpus << "\",\"date\":\"" << a.date << "\",\"category\":\"" << a.category << "\"}\n";
        }
        db.set_metadata(haber::schema::kMetaSchemaVersion, haber::schema::kSchemaVersion);
        db.commit();
    }
    void TearDown() override {
        if (!dir_.empty()) fs::remove_all(dir_);
    }

    int run(const std::string& args, const std::string& out_name) {
        std::string cmd = shell_quote(tool_path("haber-query-set")) + " --db " + shell_quote((dir_ / "db").string()) + " " + args + " --out " +
                          shell_quote((dir_ / out_name).string()) + " 2>" + shell_quote((dir_ / "stderr.txt").string());
        return std::system(cmd.c_str());
    }

    fs::path dir_;
};

TEST_F(QuerySetTest, EveryClassWellFormed) {
    ASSERT_EQ(run("--seed 3 --per-class 8 --corpus " + shell_quote((dir_ / "corpus.jsonl").string()), "q.tsv"), 0)
        << read_file(dir_ / "stderr.txt");
    std::string text = read_file(dir_ / "q.tsv");
    EXPECT_NE(text.find("# seed: 3"), std::string::npos);
    EXPECT_NE(text.find("400 documents"), std::string::npos);
    auto by_class = parse_tsv(text);
    for (const auto& cls : kClasses) {
        ASSERT_TRUE(by_class.count(cls)) << cls << " missing\n" << text;
        EXPECT_GE(by_class[cls].size(), 1u) << cls;
        EXPECT_LE(by_class[cls].size(), 8u) << cls;
    }
    for (const auto& [cls, qs] : by_class) EXPECT_TRUE(kClasses.count(cls)) << cls;
    for (const auto& q : by_class["or2"]) EXPECT_NE(q.find(" OR "), std::string::npos) << q;
    for (const auto& q : by_class["and2"]) EXPECT_NE(q.find(' '), std::string::npos) << q;
    for (const auto& q : by_class["phrase"]) {
        EXPECT_EQ(q.front(), '"') << q;
        EXPECT_EQ(q.back(), '"') << q;
    }
    for (const auto& q : by_class["field"])
        EXPECT_TRUE(q.rfind("category:", 0) == 0 || q.rfind("date:", 0) == 0) << q;
    for (const auto& q : by_class["ascii"])
        for (char c : q) EXPECT_LT(static_cast<unsigned char>(c), 0x80u) << q;
    for (const auto& cls : {"term_high", "term_medium", "term_low", "sorted_date"})
        for (const auto& q : by_class[cls]) EXPECT_EQ(q.find(' '), std::string::npos) << q;
}

TEST_F(QuerySetTest, SameSeedSameFile) {
    const std::string corpus = " --corpus " + shell_quote((dir_ / "corpus.jsonl").string());
    ASSERT_EQ(run("--seed 5 --per-class 10" + corpus, "a.tsv"), 0);
    ASSERT_EQ(run("--seed 5 --per-class 10" + corpus, "b.tsv"), 0);
    ASSERT_EQ(run("--seed 6 --per-class 10" + corpus, "c.tsv"), 0);
    EXPECT_EQ(read_file(dir_ / "a.tsv"), read_file(dir_ / "b.tsv"));
    EXPECT_NE(read_file(dir_ / "a.tsv"), read_file(dir_ / "c.tsv"));
    // Phrases from the stored articles when no corpus is given: also reproducible.
    ASSERT_EQ(run("--seed 5 --per-class 10", "d.tsv"), 0);
    ASSERT_EQ(run("--seed 5 --per-class 10", "e.tsv"), 0);
    EXPECT_EQ(read_file(dir_ / "d.tsv"), read_file(dir_ / "e.tsv"));
    EXPECT_TRUE(parse_tsv(read_file(dir_ / "d.tsv")).count("phrase"));
}

TEST_F(QuerySetTest, MissingDatabaseFails) {
    std::string cmd = shell_quote(tool_path("haber-query-set")) + " --db " + shell_quote((dir_ / "nope").string()) + " >/dev/null 2>&1";
    EXPECT_NE(std::system(cmd.c_str()), 0);
}

// The query files kept in the repository.
TEST(QuerySetFiles, CheckedInFilesAreWellFormed) {
    fs::path dir = fs::path(HABER_SOURCE_DIR) / "benchmarks" / "queries";
    std::size_t files = 0;
    for (const auto& name : {"archive-tr.tsv", "sample.tsv", "kemik-42bin.tsv"}) {
        fs::path p = dir / name;
        if (!fs::exists(p)) continue;
        ++files;
        SCOPED_TRACE(p.string());
        auto by_class = parse_tsv(read_file(p));
        EXPECT_FALSE(by_class.empty());
        for (const auto& [cls, qs] : by_class)
            EXPECT_TRUE(kClasses.count(cls) || cls == "realistic") << cls;
    }
    EXPECT_GT(files, 0u);
}

}  // namespace
