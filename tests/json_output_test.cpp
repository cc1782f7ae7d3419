// haber-search --json never fails on the bytes it echoes (issue 10): a query
// with invalid UTF-8 ended in nlohmann's type_error.316 (exit 1, no output).
// Every JSON output now writes an invalid sequence as U+FFFD.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "article.h"
#include "support/run_command.h"

namespace {

struct JsonCase {
    const char* name;
    std::vector<std::string> args;
    const char* key;  // the member that echoes the input
};

class json_output : public ::testing::TestWithParam<JsonCase> {
protected:
    static void SetUpTestSuite() {
        dir_ = new haber::test::TempDir();
        haber::Article a;
        a.id = "aa-taskent";
        a.title = "Özbekistan ile Kazakistan müttefiklik anlaşması imzaladı";
        a.body = "Özbekistan ile Kazakistan arasındaki stratejik ortaklık müttefiklik seviyesine yükseltildi. "
                 "Ankara'da da memnuniyetle karşılandı.";
        a.date = "2022-12-22";
        a.category = "dünya";
        haber::test::build_index(dir_->file("db"), {a});
    }
    static void TearDownTestSuite() { delete dir_; }
    static haber::test::TempDir* dir_;
};
haber::test::TempDir* json_output::dir_ = nullptr;

TEST_P(json_output, InvalidUtf8IsReplacedNotFatal) {
    std::vector<std::string> argv{HABER_SEARCH_BIN, "--db", dir_->file("db"), "--json"};
    argv.insert(argv.end(), GetParam().args.begin(), GetParam().args.end());
    auto r = haber::test::run_command(argv, {}, {{"HOME", dir_->path()}});
    ASSERT_LE(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err.find("type_error"), std::string::npos) << r.err;
    nlohmann::json j;
    ASSERT_NO_THROW(j = nlohmann::json::parse(r.out)) << r.out;
    // 0 found (or not a search), 1 nothing found.
    EXPECT_EQ(r.exit_code, j.is_object() && j.contains("total") && j["total"] == 0 ? 1 : 0) << r.out;
    const std::string echoed = j[GetParam().key].dump(-1, ' ', false);  // valid UTF-8 throughout
    EXPECT_NE(echoed.find("\xEF\xBF\xBD"), std::string::npos) << echoed;  // U+FFFD
}

INSTANTIATE_TEST_SUITE_P(
    searcher, json_output,
    ::testing::Values(JsonCase{"Search", {"kazak\xFF\xFEistan"}, "query"},
                      JsonCase{"SearchFindsTheValidWords", {"Özbekistan", "\xC3"}, "query"},
                      JsonCase{"Count", {"--count", "ankara\xE2\x82"}, "query"},
                      JsonCase{"Explain", {"--explain", "\xFFmüttefiklik"}, "explain"},
                      JsonCase{"Facets", {"--facets", "\xF0\x9F ortaklık"}, "query"},
                      JsonCase{"Analyze", {"--analyze", "Özbekistan\xFF'da"}, "text"}),
    [](const ::testing::TestParamInfo<JsonCase>& info) { return std::string(info.param.name); });

}  // namespace
