// Article ids longer than Xapian's term limit (issue 10): two ids that share
// their first 244 bytes were cut to the same id term and became one article.
// A long id's term now ends in a hash of the whole id; short ids keep their
// readable term, so databases built before still match them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "index/schema.h"
#include "support/run_command.h"

using haber::schema::id_term;
using haber::schema::kMaxTermBytes;
using haber::test::run_command;
using haber::test::TempDir;

namespace {

// A URL-like id as scraped archives use, made long by a slug of real words.
std::string long_id(const std::string& tail) {
    std::string id = "https://www.aa.com.tr/tr/dunya/";
    while (id.size() < 260) id += "ozbekistan-ile-kazakistan-arasinda-muttefiklik-anlasmasi-imzalandi-";
    return id + tail;
}

struct IdCase {
    const char* name;
    std::string id;
    bool readable;  // the term is "Q" + id
};

class long_id_term : public ::testing::TestWithParam<IdCase> {};

TEST_P(long_id_term, FitsXapianAndKeepsShortIdsReadable) {
    const IdCase& c = GetParam();
    std::string t = id_term(c.id);
    EXPECT_LE(t.size(), kMaxTermBytes) << c.name;
    EXPECT_EQ(t == "Q" + c.id, c.readable) << c.name;
    EXPECT_EQ(haber::schema::id_term_is_hashed(t), !c.readable) << c.name;
    EXPECT_EQ(t, id_term(c.id)) << c.name;  // stable
    // Never a split UTF-8 sequence.
    EXPECT_EQ(t.find("\xC4#"), std::string::npos) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    schema, long_id_term,
    ::testing::Values(IdCase{"Short", "aa-taskent", true},
                      IdCase{"KemikStyle", "kemik42bin-dunya-1", true},
                      IdCase{"PathId", "corpus/aa-sample/taskent-ozbekistan-kazakistan-muttefiklik.txt", true},
                      IdCase{"AtTheLimit", std::string(kMaxTermBytes - 1, 'a'), true},
                      IdCase{"OneOver", std::string(kMaxTermBytes, 'a'), false},
                      IdCase{"LongUrl", long_id("1"), false},
                      IdCase{"LongTurkish", [] {
                                 std::string s;
                                 while (s.size() < 400) s += "dışişleri-bakanlığı-açıklaması-";
                                 return s;
                             }(), false}),
    [](const ::testing::TestParamInfo<IdCase>& info) { return std::string(info.param.name); });

TEST(long_id_term, IdsSharingTheirStartStayApart) {
    std::string a = long_id("1"), b = long_id("2");
    ASSERT_EQ(a.substr(0, 244), b.substr(0, 244));
    EXPECT_NE(id_term(a), id_term(b));
    std::string s(300, 'x');
    EXPECT_NE(id_term(s), id_term(s + "y"));
    EXPECT_NE(id_term(s), id_term(s.substr(0, 299)));
}

haber::test::CommandResult run(const TempDir& dir, std::vector<std::string> argv, const std::string& in = {}) {
    return run_command(argv, in, {{"HOME", dir.path()}, {"XDG_DATA_HOME", dir.file("xdg")}, {"HABER_DB", ""}});
}

std::string line(const std::string& id, const std::string& title, const std::string& body) {
    return nlohmann::json{{"id", id}, {"title", title}, {"body", body}}.dump() + "\n";
}

// Both through the parallel bulk loader (a new database) and one writer
// (-j 1, and updating an existing database).
class long_id_cli : public ::testing::TestWithParam<const char*> {};

TEST_P(long_id_cli, TwoLongIdsAreTwoArticlesFoundByEveryLookup) {
    TempDir dir;
    const std::string db = dir.file("db");
    const std::string a = long_id("1"), b = long_id("2");
    haber::test::write_file(
        dir.file("uzun.jsonl"),
        line(a, "Özbekistan ile Kazakistan müttefiklik anlaşması imzaladı",
             "Özbekistan ile Kazakistan arasındaki stratejik ortaklık müttefiklik seviyesine yükseltildi.") +
            line(b, "Merkez Bankası faiz kararını açıkladı",
                 "Merkez Bankası politika faizini yüzde 50'de sabit tuttu.") +
            line("kisa-1", "Borsa güne yükselişle başladı", "BIST 100 endeksi açılışta yüzde 0,4 yükseldi."));
    auto r = run(dir, {HABER_INDEX_BIN, "--db", db, "-j", GetParam(), dir.file("uzun.jsonl")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("(3 articles"), std::string::npos) << r.err;
    // Indexed again: replaced, not duplicated.
    r = run(dir, {HABER_INDEX_BIN, "--db", db, dir.file("uzun.jsonl")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("(0 new, 3 replaced)"), std::string::npos) << r.err;

    for (const auto& [id, word] : {std::pair{a, "müttefiklik"}, std::pair{b, "faiz"}}) {
        auto show = run(dir, {HABER_SEARCH_BIN, "--db", db, "--json", "--show", id});
        ASSERT_EQ(show.exit_code, 0) << show.err;
        auto j = nlohmann::json::parse(show.out);
        EXPECT_EQ(j["id"], id);
        EXPECT_NE(j["body"].get<std::string>().find(word), std::string::npos) << show.out;

        auto versions = run(dir, {HABER_SEARCH_BIN, "--db", db, "--json", "--versions", id});
        ASSERT_EQ(versions.exit_code, 0) << versions.err;
        EXPECT_NE(versions.out.find(id), std::string::npos) << versions.out;

        auto byid = run(dir, {HABER_SEARCH_BIN, "--db", db, "--json", "id:" + id});
        ASSERT_EQ(byid.exit_code, 0) << byid.err;
        auto hits = nlohmann::json::parse(byid.out)["hits"];
        ASSERT_EQ(hits.size(), 1u) << byid.out;
        EXPECT_EQ(hits[0]["id"], id);

        auto related = run(dir, {HABER_SEARCH_BIN, "--db", db, "--json", "--related", id});
        // 0 found, 1 nothing found (the two articles need not be related).
        EXPECT_EQ(related.exit_code, nlohmann::json::parse(related.out)["total"] > 0 ? 0 : 1) << related.err;
    }
    // Deleting one leaves the other.
    r = run(dir, {HABER_INDEX_BIN, "--db", db, "--delete", a});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(run(dir, {HABER_SEARCH_BIN, "--db", db, "--show", a}).exit_code, 0);
    EXPECT_EQ(run(dir, {HABER_SEARCH_BIN, "--db", db, "--show", b}).exit_code, 0);
    EXPECT_EQ(run(dir, {HABER_SEARCH_BIN, "--db", db, "--count", "faiz OR müttefiklik"}).out, "1\n");
}

INSTANTIATE_TEST_SUITE_P(cli, long_id_cli, ::testing::Values("1", "2"));

// Versions of one story with long ids: the group is named by the full id
// of the earliest version, not by its hashed term.
TEST(long_id_versions, GroupIsTheFullIdOfTheEarliestVersion) {
    TempDir dir;
    const std::string db = dir.file("db");
    const std::string body =
        "Özbekistan ile Kazakistan arasındaki stratejik ortaklık, iki ülke liderlerinin Taşkent'te imzaladığı "
        "anlaşmayla müttefiklik seviyesine yükseltildi. Özbekistan Cumhurbaşkanı Şevket Mirziyoyev ile "
        "Kazakistan Cumhurbaşkanı Kasım Cömert Tokayev, Yüksek Devletlerarası Konsey toplantısında bir araya geldi.";
    const std::string a = long_id("ilk"), b = long_id("ikinci");
    haber::test::write_file(dir.file("v.jsonl"),
                            nlohmann::json{{"id", a}, {"title", "Müttefiklik anlaşması imzalandı"}, {"body", body},
                                           {"date", "2022-12-22"}}.dump() + "\n" +
                                nlohmann::json{{"id", b}, {"title", "Taşkent'te müttefiklik anlaşması"},
                                               {"body", body + " Taraflar çok sayıda belge imzaladı."},
                                               {"date", "2022-12-23"}}.dump() + "\n");
    auto r = run(dir, {HABER_INDEX_BIN, "--db", db, dir.file("v.jsonl")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto s = run(dir, {HABER_SEARCH_BIN, "--db", db, "--json", "--all-versions", "müttefiklik"});
    ASSERT_EQ(s.exit_code, 0) << s.err;
    auto hits = nlohmann::json::parse(s.out)["hits"];
    ASSERT_EQ(hits.size(), 2u) << s.out;
    for (const auto& h : hits) EXPECT_EQ(h["group"], a) << s.out;
}

}  // namespace
