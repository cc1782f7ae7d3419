// Bounds on what one query may ask for (README "Limits"): nesting depth,
// length in bytes and number of words. Beyond them the parser refuses with a
// QueryError naming the limit (haber-search exit 2) at once, instead of
// overflowing the stack (7,000 nested parentheses) or running for tens of
// seconds (the same word 12,500 times took 43.6 s).
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "article.h"
#include "search/query.h"
#include "support/run_command.h"

using haber::search::kMaxQueryBytes;
using haber::search::kMaxQueryDepth;
using haber::search::kMaxQueryWords;
using haber::search::QueryError;
using haber::search::QueryParser;

namespace {

const haber::analysis::Analyzer& analyzer() {
    static const haber::analysis::Analyzer a;
    return a;
}

std::string repeat(const std::string& s, std::size_t n, const std::string& sep = "") {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += (i ? sep : "") + s;
    return out;
}

std::string nested(std::size_t depth, const std::string& inner) {
    return std::string(depth, '(') + inner + std::string(depth, ')');
}

// n distinct real Turkish words (inflected forms of news words).
std::string words(std::size_t n) {
    static const std::vector<std::string> pool = {
        "merkez", "bankası", "faiz", "kararını", "açıkladı", "enflasyon", "beklentisi", "yükseldi",
        "dışişleri", "bakanı", "Taşkent'te", "görüştü", "Özbekistan", "Kazakistan", "müttefiklik",
        "anlaşması", "imzalandı", "borsa", "güne", "düşüşle", "başladı", "deprem", "Malatya'da"};
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += (i ? " " : "") + pool[i % pool.size()];
    return out;
}

struct LimitCase {
    const char* name;
    std::string query;
    const char* error;  // "" if the query must parse
};

class query_limits : public ::testing::TestWithParam<LimitCase> {};

TEST_P(query_limits, RefusedWithTheLimitNamedOrParsed) {
    const LimitCase& c = GetParam();
    auto t0 = std::chrono::steady_clock::now();
    std::string got;
    try {
        QueryParser(analyzer()).parse(c.query);
    } catch (const QueryError& e) {
        got = e.reason();
        // The rendered message never repeats a huge query in full.
        EXPECT_LT(e.render().size(), 3 * kMaxQueryBytes + 200) << c.name;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (*c.error) EXPECT_NE(got.find(c.error), std::string::npos) << c.name << ": got '" << got << "'";
    else EXPECT_EQ(got, "") << c.name;
    EXPECT_LT(secs, 1.0) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    query, query_limits,
    ::testing::Values(
        // Issue 10: 7,000 '(' before a word overflowed the stack.
        LimitCase{"SevenThousandOpenParentheses", std::string(7000, '(') + "deprem",
                  "query too long: 7006 bytes (limit: 4096 bytes)"},
        LimitCase{"FourThousandOpenParentheses", std::string(4000, '(') + "deprem",
                  "parentheses nested too deep (limit: 32 levels)"},
        LimitCase{"NestedAtTheLimit", nested(kMaxQueryDepth, "deprem OR sel"), ""},
        LimitCase{"NestedOneDeeper", nested(kMaxQueryDepth + 1, "deprem OR sel"),
                  "parentheses nested too deep (limit: 32 levels)"},
        // Many groups side by side are not deep.
        LimitCase{"ManyShallowGroups", repeat("(deprem OR sel)", 30, " "), ""},
        // The same word 12,500 times (100 KB) took 43.6 s.
        LimitCase{"HundredKilobytes", repeat("deprem", 12500, " "), "query too long: 87499 bytes (limit: 4096 bytes)"},
        LimitCase{"LengthAtTheLimit", std::string(kMaxQueryBytes - 7, 'a') + " deprem", ""},
        LimitCase{"OneByteOver", std::string(kMaxQueryBytes - 6, 'a') + " deprem", "query too long"},
        LimitCase{"WordsAtTheLimit", words(kMaxQueryWords), ""},
        LimitCase{"OneWordOver", words(kMaxQueryWords + 1), "too many words (limit: 64 words a query)"},
        // Words of phrases and field values count; operators do not.
        LimitCase{"PhraseWordsCount", "\"" + words(40) + "\" " + words(25), "too many words"},
        LimitCase{"OperatorsDoNotCount", repeat("deprem", kMaxQueryWords, " OR "), ""},
        LimitCase{"FieldValuesCount", repeat("title:deprem", kMaxQueryWords + 1, " "), "too many words"},
        // A hyphenated compound is as many words as the analysis makes of it.
        LimitCase{"HyphenatedCompound", repeat("Özbekistan", kMaxQueryWords + 1, "-"), "too many words"},
        // One letter before * would enumerate a twentieth of the vocabulary.
        LimitCase{"OneLetterPrefix", "ekonomi ş*", "a prefix needs at least 2 letters before *"},
        LimitCase{"OneLetterPrefixAscii", "s* OR deprem", "a prefix needs at least 2 letters before *"},
        LimitCase{"TwoLetterPrefix", "şa* OR sa*", ""},
        LimitCase{"SixtyFourPrefixes", repeat("özbek*", kMaxQueryWords, " OR "), ""}),
    [](const ::testing::TestParamInfo<LimitCase>& info) { return std::string(info.param.name); });

TEST(query_limits_position, TooManyWordsPointsAtTheFirstWordOver) {
    try {
        QueryParser(analyzer()).parse(words(kMaxQueryWords) + " fazladan");
        FAIL() << "parsed";
    } catch (const QueryError& e) {
        EXPECT_EQ(e.position(), words(kMaxQueryWords).size() + 1);
    }
}

// All the prefixes of a query share kMaxWildcardTerms: 64 patterns get 31
// words each, one keeps the full 500 (and so does each Turkish spelling of
// an ASCII-typed one, while they are few).
TEST(query_limits_wildcards, ExpansionSharedByAllPrefixes) {
    auto note_of = [](const std::string& q) {
        std::string all;
        for (const auto& n : QueryParser(analyzer()).parse(q).notes) all += n + "\n";
        return all;
    };
    EXPECT_NE(note_of(repeat("bank*", 64, " OR ")).find("at most 31 most frequent"), std::string::npos);
    EXPECT_NE(note_of("deniz*").find("at most 500 most frequent"), std::string::npos);
    EXPECT_NE(note_of("ozbek*").find("at most 500 most frequent"), std::string::npos);  // 2 spellings
    EXPECT_NE(note_of("cogus*").find("at most 62 most frequent"), std::string::npos);   // 32 spellings
}

class query_limits_cli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new haber::test::TempDir();
        haber::Article a;
        a.id = "deprem-1";
        a.title = "Malatya'da 4,2 büyüklüğünde deprem";
        a.body = "AFAD, depremin yerin 7 kilometre derinliğinde meydana geldiğini açıkladı.";
        haber::test::build_index(dir_->file("db"), {a});
    }
    static void TearDownTestSuite() { delete dir_; }
    static haber::test::CommandResult search(std::vector<std::string> args) {
        std::vector<std::string> argv{HABER_SEARCH_BIN, "--db", dir_->file("db")};
        argv.insert(argv.end(), args.begin(), args.end());
        return haber::test::run_command(argv, {}, {{"HOME", dir_->path()}});
    }
    static haber::test::TempDir* dir_;
};
haber::test::TempDir* query_limits_cli::dir_ = nullptr;

TEST_F(query_limits_cli, NestedParenthesesExit2NotACrash) {
    auto r = search({std::string(7000, '(') + "deprem"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("query too long"), std::string::npos) << r.err;
    r = search({std::string(2000, '(') + "deprem" + std::string(2000, ')')});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("parentheses nested too deep (limit: 32 levels) at column 33"), std::string::npos) << r.err;
    r = search({std::string(32, '(') + "deprem" + std::string(32, ')')});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Malatya"), std::string::npos) << r.out;
}

TEST_F(query_limits_cli, HundredKilobyteQueryRefusedAtOnce) {
    for (bool any : {false, true}) {
        std::vector<std::string> args{repeat("deprem", 16000, " ")};
        if (any) args.insert(args.begin(), "--any");
        auto t0 = std::chrono::steady_clock::now();
        auto r = search(args);
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_NE(r.err.find("query too long: 111999 bytes (limit: 4096 bytes)"), std::string::npos) << r.err;
        EXPECT_LT(r.err.size(), 400u);  // not the whole query echoed back
        EXPECT_LT(secs, 1.0);
    }
}

TEST_F(query_limits_cli, LimitIsCapped) {
    auto r = search({"--limit", "100000", "deprem"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("1000"), std::string::npos) << r.err;
    r = search({"--related", "deprem-1", "-n", "100000"});
    EXPECT_NE(r.exit_code, 0);
    r = search({"--limit", "1000", "deprem"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
