// Input problems of issue 10, each losing or mangling articles before:
// JSON Lines files of the same name in different folders replacing each
// other's id-less records, one NUL byte costing a whole JSON Lines file,
// HTML character references left undecoded (m&uuml;cadele), JSON fields of
// the wrong type indexed as their JSON text, and a FIFO blocking the run.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/reader.h"
#include "support/run_command.h"

namespace fs = std::filesystem;
using haber::Article;
using haber::ingest::Diagnostic;
using haber::ingest::read_all;
using haber::ingest::ReadStats;
using haber::test::run_command;
using haber::test::TempDir;
using haber::test::write_file;

namespace {

std::string dump(const std::vector<Diagnostic>& ds) {
    std::string s;
    for (const auto& d : ds) s += haber::ingest::format_diagnostic(d) + "\n";
    return s;
}

haber::test::CommandResult index(const TempDir& dir, std::vector<std::string> args) {
    // A hang (the FIFO) fails the test instead of stopping the suite.
    std::vector<std::string> argv{"/usr/bin/timeout", "30", HABER_INDEX_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, {}, {{"HOME", dir.path()}, {"XDG_DATA_HOME", dir.file("xdg")}, {"HABER_DB", ""}});
}

// --- JSON Lines ids derived from folder and file name -----------------------

TEST(ingest_robustness, SameFileNameInTwoFoldersKeepsBothRecords) {
    TempDir dir;
    write_file(dir.file("d1/x.jsonl"),
               R"({"title": "Borsa güne yükselişle başladı", "body": "BIST 100 endeksi açılışta yüzde 0,4 yükseldi."})"
               "\n");
    write_file(dir.file("d2/x.jsonl"),
               R"({"title": "Malatya'da deprem", "body": "AFAD, depremin 7 kilometre derinlikte olduğunu açıkladı."})"
               "\n");
    std::vector<Diagnostic> diags;
    auto named = read_all({dir.file("d1/x.jsonl"), dir.file("d2/x.jsonl")}, {}, &diags);
    ASSERT_EQ(named.size(), 2u) << dump(diags);
    EXPECT_EQ(named[0].id, "d1/x.jsonl:1");
    EXPECT_EQ(named[1].id, "d2/x.jsonl:1");
    // The same ids as when their folders are named.
    auto folders = read_all({dir.file("d1"), dir.file("d2")});
    ASSERT_EQ(folders.size(), 2u);
    EXPECT_EQ(folders[0].id, named[0].id);
    EXPECT_EQ(folders[1].id, named[1].id);

    auto r = index(dir, {"--db", dir.file("db"), dir.file("d1/x.jsonl"), dir.file("d2/x.jsonl")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("(2 articles"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("ids derived as \"d2/x.jsonl:LINE\""), std::string::npos) << r.err;
}

// --- NUL bytes in JSON Lines ------------------------------------------------------

struct NulCase {
    const char* name;
    std::string content;
    std::vector<std::string> ids;  // articles read
    std::size_t line;              // of the error
    const char* message;
};

class ingest_nul : public ::testing::TestWithParam<NulCase> {};

std::string jl(const std::string& id, const std::string& body) {
    return nlohmann::json{{"id", id}, {"body", body}}.dump() + "\n";
}

// A string literal with its NUL bytes.
template <std::size_t N>
std::string bytes(const char (&s)[N]) {
    return std::string(s, N - 1);
}

TEST_P(ingest_nul, OnlyTheLineIsLost) {
    const NulCase& c = GetParam();
    TempDir dir;
    write_file(dir.file("haber.jsonl"), c.content);
    std::vector<Diagnostic> diags;
    ReadStats stats;
    auto articles = read_all({dir.file("haber.jsonl")}, {}, &diags, &stats);
    std::vector<std::string> ids;
    for (const auto& a : articles) ids.push_back(a.id);
    EXPECT_EQ(ids, c.ids) << dump(diags);
    ASSERT_EQ(diags.size(), 1u) << dump(diags);
    EXPECT_EQ(diags[0].line, c.line) << dump(diags);
    EXPECT_NE(diags[0].message.find(c.message), std::string::npos) << dump(diags);
    EXPECT_EQ(stats.skipped, 1u);
}

INSTANTIATE_TEST_SUITE_P(
    jsonl, ingest_nul,
    ::testing::Values(
        NulCase{"InStringValue",
                jl("a1", "Merkez Bankası faizi sabit tuttu.") +
                    bytes("{\"id\": \"a2\", \"body\": \"Dolar/TL \0 güne yükselişle başladı.\"}\n") +
                    jl("a3", "Borsa günü düşüşle tamamladı."),
                {"a1", "a3"}, 2, "NUL byte at column 32, line skipped"},
        NulCase{"BetweenValues",
                jl("a1", "Merkez Bankası faizi sabit tuttu.") + bytes("{\"id\": \"a2\",\0 \"body\": \"x\"}\n") +
                    jl("a3", "Borsa günü düşüşle tamamladı."),
                {"a1", "a3"}, 2, "NUL byte at column 13"},
        // Past the first 8 KiB, where the binary-file check never looked.
        NulCase{"FarIntoTheFile",
                [] {
                    std::string s;
                    for (int i = 1; i <= 200; ++i) s += jl("h" + std::to_string(i), "Enerji piyasalarında gün " + std::to_string(i));
                    return s + bytes("{\"id\": \"son\", \"body\": \"\0\"}\n");
                }(),
                [] {
                    std::vector<std::string> v;
                    for (int i = 1; i <= 200; ++i) v.push_back("h" + std::to_string(i));
                    return v;
                }(),
                201, "NUL byte"},
        // Really binary (mostly not text): still one message for the file.
        NulCase{"BinaryFile", bytes("{\0\0\0\x01\x02\x03\0\0\0\xff\xfe\0\0\0\0\x10\x11\x12\0\n"), {}, 0,
                "binary file, skipped"}),
    [](const ::testing::TestParamInfo<NulCase>& info) { return std::string(info.param.name); });

TEST(ingest_robustness, NulLineExitStatus1AndTheRestIndexed) {
    TempDir dir;
    write_file(dir.file("haber.jsonl"), jl("a1", "Merkez Bankası faizi sabit tuttu.") +
                                            bytes("{\"id\": \"a2\", \"body\": \"\0\"}\n") +
                                            jl("a3", "Borsa günü düşüşle tamamladı."));
    auto r = index(dir, {"--db", dir.file("db"), dir.file("haber.jsonl")});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(dir.file("haber.jsonl") + ":2: error: NUL byte at column 23, line skipped"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("(2 articles"), std::string::npos) << r.err;
}

}  // namespace
