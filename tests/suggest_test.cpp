// "Did you mean" (core/search/suggester.h): misspelt and ASCII-typed query
// words get the archive's own spelling, in a ready-to-run query that keeps
// the rest of what was typed; correct words, numbers, field values and bad
// input get nothing. The CLI shows it in text, --json and --count output.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "article.h"
#include "ingest/reader.h"
#include "search/searcher.h"
#include "search/suggester.h"
#include "support/run_command.h"

namespace {

using haber::Article;

Article article(std::string id, std::string title, std::string body) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.place = "Ankara";
    a.source = "AA";
    return a;
}

// 25 stories on Kazakistan (so a one-off archive typo is 25 times rarer),
// one headline in capitals with an ASCII I (ISTANBUL'DA → ıstanbul), one
// archive typo (Kazakitsan), fog (sis) more often than skewers (şiş).
std::vector<Article> fixture() {
    std::vector<Article> v;
    for (int i = 1; i <= 25; ++i)
        v.push_back(article("kz-" + std::to_string(i), "Kazakistan ile yeni anlaşma " + std::to_string(i),
                            "Kazakistan Cumhurbaşkanı Tokayev, Dışişleri Bakanı ile İstanbul'da görüştü. "
                            "Görüşmede ekonomi ve enerji konuları ele alındı."));
    v.push_back(article("caps", "ISTANBUL'DA KAR YAĞIŞI", "Kar yağışı trafiği etkiledi."));
    v.push_back(article("typo", "Bozkırda bahar", "Kazakitsan'ın başkenti Astana'da bahar şenliği yapıldı."));
    for (int i = 1; i <= 5; ++i)
        v.push_back(article("sis-" + std::to_string(i), "Yoğun sis", "Sabah saatlerinde yoğun sis etkili oldu."));
    for (int i = 1; i <= 2; ++i)
        v.push_back(article("sis-kebap-" + std::to_string(i), "Şiş kebap", "Şiş kebap festivali başladı."));
    return v;
}

class suggest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<haber::test::TempDir>();
        haber::test::build_index(dir_->path(), fixture());
    }
    static void TearDownTestSuite() { dir_.reset(); }
    static std::string suggestion(const std::string& query, haber::search::SearchOptions options = {}) {
        haber::search::Searcher searcher(dir_->path());
        return searcher.search(query, options).suggestion.query;
    }
    // Made in SetUpTestSuite, removed in TearDownTestSuite.
    static inline std::unique_ptr<haber::test::TempDir> dir_;
};

struct Case {
    const char* query;
    const char* expected;  // "" for no suggestion
};

TEST_F(suggest, CorrectsMisspeltAndAsciiTypedWords) {
    const Case cases[] = {
        {"cumhurbaskani", "cumhurbaşkanı"},                  // typed without Turkish letters
        {"kazakistn", "kazakistan"},                         // a deleted letter
        {"disisleri bakani", "dışişleri bakanı"},            // two words, both ASCII
        {"cumhurbaskni", "cumhurbaşkanı"},                   // ASCII and a deleted letter
        {"kazaksitan", "kazakistan"},                        // transposed letters
        {"Kazakistn'da", "Kazakistan'da"},                   // the suffix after the apostrophe stays
        {"DISISLERI", "DIŞİŞLERİ"},                          // capitals stay capitals, Turkish İ
        {"Disisleri Bakani", "Dışişleri Bakanı"},            // capital first letters
        {"ıstanbul", "istanbul"},                            // dotless ı where the archive has i
        {"kazakitsan astana", "kazakistan astana"},          // an archive typo, few results
        {"Kazakistn ekonomi", "Kazakistan ekonomi"},         // the word that was fine is kept
    };
    for (const auto& c : cases) EXPECT_EQ(suggestion(c.query), c.expected) << c.query;
}

TEST_F(suggest, LeavesCorrectWordsAlone) {
    const Case cases[] = {
        {"kazakistan", ""},     {"Kazakistan", ""}, {"cumhurbaşkanı", ""}, {"dışişleri bakanı", ""},
        {"ISTANBUL", ""},       // ASCII capitals: I is any i, and istanbul is right
        {"İSTANBUL", ""},       {"istanbul", ""},  {"ekonomi enerji", ""},
        {"sis", ""},            // fog is more frequent than şiş here: no "Turkish" spelling forced
        {"şiş", ""},
    };
    for (const auto& c : cases) EXPECT_EQ(suggestion(c.query), c.expected) << c.query;
}

TEST_F(suggest, KeepsTheQueryStructure) {
    const Case cases[] = {
        {"title:kazakistn OR \"disisleri bakani\" -place:ankara",
         "title:kazakistan OR \"dışişleri bakanı\" -place:ankara"},
        {"=kazakistn", "=kazakistan"},
        {"(kazakistn OR astana) AND NOT ekonomi", "(kazakistan OR astana) AND NOT ekonomi"},
        {"kazakistn NEAR/3 cumhurbaskani", "kazakistan NEAR/3 cumhurbaşkanı"},
        {"+kazakistn 2022", "+kazakistan 2022"},
        {"kazakistn date:2022", "kazakistan date:2022"},
    };
    for (const auto& c : cases) EXPECT_EQ(suggestion(c.query), c.expected) << c.query;
}

TEST_F(suggest, NumbersIdsFieldValuesAndPrefixesAreNotCorrected) {
    const Case cases[] = {
        {"2022", ""}, {"12345", ""}, {"place:ankra", ""}, {"source:aaa", ""}, {"id:kz-1x", ""},
        {"category:ekonomy", ""}, {"kazakis*", ""}, {"g20", ""}, {"ve", ""},
    };
    for (const auto& c : cases) EXPECT_EQ(suggestion(c.query), c.expected) << c.query;
}

TEST_F(suggest, PerWordCorrectionsNameWhatChanged) {
    haber::search::Searcher searcher(dir_->path());
    auto r = searcher.search("disisleri kazakistn");
    ASSERT_EQ(r.suggestion.corrections.size(), 2u);
    EXPECT_EQ(r.suggestion.corrections[0].from, "disisleri");
    EXPECT_EQ(r.suggestion.corrections[0].to, "dışişleri");
    EXPECT_EQ(r.suggestion.corrections[0].edits, 0u);  // ASCII twins cost nothing
    EXPECT_EQ(r.suggestion.corrections[0].to_freq, 25u);
    EXPECT_EQ(r.suggestion.corrections[1].from, "kazakistn");
    EXPECT_EQ(r.suggestion.corrections[1].to, "kazakistan");
    EXPECT_EQ(r.suggestion.corrections[1].edits, 1u);
    EXPECT_EQ(r.suggestion.corrections[1].from_freq, 0u);
    EXPECT_GT(r.total, 0u);  // the query still ran as typed (prefix stems match)
}

TEST_F(suggest, OptionsTurnItOffAndSetTheThreshold) {
    haber::search::SearchOptions off;
    off.suggest.enabled = false;
    EXPECT_EQ(suggestion("kazakistn", off), "");
    // An archive typo is only questioned when the query finds few results
    // (alone, "kazakitsan" finds all 26 Kazakistan stories by its stem).
    haber::search::SearchOptions never_few;
    never_few.suggest.few_results = 0;
    EXPECT_EQ(suggestion("kazakitsan astana", never_few), "");
    EXPECT_EQ(suggestion("kazakistn", never_few), "kazakistan");  // unknown words always
}

TEST_F(suggest, BadInputGivesNoSuggestionAndNoCrash) {
    const std::string cases[] = {
        "kazak\xFF\xFEistan",        // invalid UTF-8 (normalised to U+FFFD)
        std::string(4000, 'k'),      // a 4,000-letter word (longer queries are refused)
        "!!! ??? ... ---",           // punctuation only
        "   ",
        "\xE2\x80\x9C\xE2\x80\x9D",  // empty curly-quoted phrase
    };
    for (const auto& q : cases) {
        std::string got;
        ASSERT_NO_THROW(got = suggestion(q)) << q.substr(0, 40);
        EXPECT_EQ(got, "") << q.substr(0, 40);
    }
}

TEST(suggest_db, EmptyDatabaseGivesNoSuggestion) {
    haber::test::TempDir dir;
    haber::test::build_index(dir.path(), {});
    haber::search::Searcher searcher(dir.path());
    auto r = searcher.search("kazakistn cumhurbaskani");
    EXPECT_EQ(r.total, 0u);
    EXPECT_TRUE(r.suggestion.empty());
}

TEST(suggest_case, MatchCaseFollowsTurkishRules) {
    const struct { const char* word; const char* typed; const char* expected; } cases[] = {
        {"istanbul", "ISTANBUL", "İSTANBUL"}, {"istanbul", "Istanbul", "İstanbul"},
        {"ırmak", "IRMAK", "IRMAK"},          {"dışişleri", "disisleri", "dışişleri"},
        {"çorum", "Corum", "Çorum"},          {"ab", "AB", "AB"},
    };
    for (const auto& c : cases) EXPECT_EQ(haber::search::match_case(c.word, c.typed), c.expected) << c.typed;
}

TEST_F(suggest, CandidatesCountTurkishLettersTypedInAsciiAsNoEdit) {
    haber::search::Searcher searcher(dir_->path());
    haber::search::Suggester s(searcher.database());
    bool found = false;
    for (const auto& c : s.candidates("cumhurbaskani", 0))
        if (c.word == "cumhurbaşkanı") { found = true; EXPECT_EQ(c.edits, 0u); EXPECT_EQ(c.freq, 25u); }
    EXPECT_TRUE(found);
    EXPECT_TRUE(s.candidates("", 2).empty());
}

// --- haber-search ----------------------------------------------------------

class suggest_cli : public suggest {};

TEST_F(suggest_cli, TextOutputShowsDidYouMean) {
    auto r = haber::test::run_command({HABER_SEARCH_BIN, "--db", dir_->path(), "disisleri bakani"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Did you mean: dışişleri bakanı\n"), std::string::npos) << r.out;
    auto ok = haber::test::run_command({HABER_SEARCH_BIN, "--db", dir_->path(), "dışişleri bakanı"});
    EXPECT_EQ(ok.out.find("Did you mean"), std::string::npos) << ok.out;
    auto off = haber::test::run_command({HABER_SEARCH_BIN, "--db", dir_->path(), "--no-suggest", "kazakistn"});
    EXPECT_EQ(off.out.find("Did you mean"), std::string::npos) << off.out;
}

TEST_F(suggest_cli, JsonHasASuggestionField) {
    auto r = haber::test::run_command(
        {HABER_SEARCH_BIN, "--db", dir_->path(), "--json", "title:kazakistn", "-place:ankara", "cumhurbaskani"});
    ASSERT_EQ(r.exit_code, 1) << r.err;  // nothing found as typed
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["query"], "title:kazakistn -place:ankara cumhurbaskani");  // what ran
    ASSERT_TRUE(j["suggestion"].is_object()) << r.out;
    EXPECT_EQ(j["suggestion"]["query"], "title:kazakistan -place:ankara cumhurbaşkanı");
    ASSERT_EQ(j["suggestion"]["corrections"].size(), 2u);
    EXPECT_EQ(j["suggestion"]["corrections"][0]["from"], "kazakistn");
    EXPECT_EQ(j["suggestion"]["corrections"][0]["to"], "kazakistan");
    EXPECT_EQ(j["suggestion"]["corrections"][1]["to_articles"], 25);
    auto ok = haber::test::run_command({HABER_SEARCH_BIN, "--db", dir_->path(), "--json", "kazakistan"});
    EXPECT_TRUE(nlohmann::json::parse(ok.out)["suggestion"].is_null()) << ok.out;
}

// The fixture's templated articles are versions of a few stories; these tests
// count articles, so --all-versions.
TEST_F(suggest_cli, CountKeepsStdoutANumber) {
    auto r = haber::test::run_command({HABER_SEARCH_BIN, "--db", dir_->path(), "--all-versions", "--count", "kazakistn"});
    ASSERT_EQ(r.exit_code, 1) << r.err;  // nothing found as typed
    EXPECT_EQ(r.out, "0\n");  // the search ran as typed: no article has the typo
    EXPECT_NE(r.err.find("did you mean: kazakistan"), std::string::npos) << r.err;
    auto j = haber::test::run_command({HABER_SEARCH_BIN, "--db", dir_->path(), "--count", "--json", "kazakistn"});
    EXPECT_EQ(nlohmann::json::parse(j.out)["suggestion"]["query"], "kazakistan") << j.out;
}

TEST_F(suggest_cli, InteractiveYAcceptsTheSuggestion) {
    auto r = haber::test::run_command({HABER_SEARCH_BIN, "--db", dir_->path(), "--all-versions", "-i", "--color", "never"},
                                      "kazakistn\ny\nq\n");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("y searches: kazakistan"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("haber> y\n25 matches"), std::string::npos) << r.out;
}

// --- kemik-42bin -------------------------------------------------------------

const std::string kKemik = std::string(HABER_SHARED_CORPUS) + "/kemik-42bin.jsonl.gz";

class suggest_kemik : public ::testing::Test {
protected:
    // Every 8th article (about 5,200): enough vocabulary, a quick build.
    static void SetUpTestSuite() {
        dir_ = std::make_unique<haber::test::TempDir>();
        if (!std::filesystem::exists(kKemik)) return;
        std::vector<Article> all = haber::ingest::read_all({kKemik});
        std::vector<Article> picked;
        for (std::size_t i = 0; i < all.size(); i += 8) picked.push_back(std::move(all[i]));
        haber::test::build_index(dir_->path(), picked);
    }
    static void TearDownTestSuite() { dir_.reset(); }
    void SetUp() override {
        if (!std::filesystem::exists(kKemik)) GTEST_SKIP() << kKemik << " not present";
    }
    // Made in SetUpTestSuite, removed in TearDownTestSuite.
    static inline std::unique_ptr<haber::test::TempDir> dir_;
};

TEST_F(suggest_kemik, RealArchiveSpellings) {
    const Case cases[] = {
        {"cumhurbaskani", "cumhurbaşkanı"},
        {"cumhurbaskni", "cumhurbaşkanı"},
        {"disisleri bakani", "dışişleri bakanı"},
        {"ekonomi", ""},
        {"başbakan", ""},
    };
    haber::search::Searcher searcher(dir_->path());
    for (const auto& c : cases) EXPECT_EQ(searcher.search(c.query).suggestion.query, c.expected) << c.query;
}

}  // namespace
