// Input problems of issue 10, each losing or mangling articles before:
// JSON Lines files of the same name in different folders replacing each
// other's id-less records, one NUL byte costing a whole JSON Lines file,
// HTML character references left undecoded (m&uuml;cadele), JSON fields of
// the wrong type indexed as their JSON text, and a FIFO blocking the run.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/char_refs.h"
#include "ingest/jsonl.h"
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

std::string count(const std::string& db, const std::string& query) {
    auto r = run_command({HABER_SEARCH_BIN, "--db", db, "--count", "--no-suggest", query});
    EXPECT_EQ(r.exit_code, r.out == "0\n" ? 1 : 0) << r.err;  // 1: nothing found
    return r.out;
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

// --- ids of files named themselves: folder and name, like a folder's files --

// Two files of the same name in different folders, named on the command
// line (not through their folders): plain-text and XML ids were the bare
// file name, so the second replaced the first (issue 10).
struct NamedFileCase {
    const char* name;
    const char* file;                   // in d1/ and d2/
    std::string d1, d2;                 // their contents
    std::vector<std::string> ids;       // read from d1/FILE, d2/FILE
};

const std::string kNitfWithoutId =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf><head><title>%s</title></head>"
    "<body><body.content><p>%s</p></body.content></body></nitf>\n";

std::string nitf(const std::string& title, const std::string& body) {
    std::string s = kNitfWithoutId;
    s.replace(s.find("%s"), 2, title);
    s.replace(s.find("%s"), 2, body);
    return s;
}

void PrintTo(const NamedFileCase& c, std::ostream* os) { *os << c.name; }

class named_files : public ::testing::TestWithParam<NamedFileCase> {};

TEST_P(named_files, SameFileNameInTwoFoldersIsTwoArticles) {
    const NamedFileCase& c = GetParam();
    TempDir dir;
    write_file(dir.file(std::string("d1/") + c.file), c.d1);
    write_file(dir.file(std::string("d2/") + c.file), c.d2);
    const std::string f1 = dir.file(std::string("d1/") + c.file), f2 = dir.file(std::string("d2/") + c.file);
    std::vector<Diagnostic> diags;
    auto named = read_all({f1, f2}, {}, &diags);
    std::vector<std::string> ids;
    for (const auto& a : named) ids.push_back(a.id);
    EXPECT_EQ(ids, c.ids) << dump(diags);
    // The same ids as when their folders are named.
    std::vector<std::string> folder_ids;
    for (const auto& a : read_all({dir.file("d1"), dir.file("d2")})) folder_ids.push_back(a.id);
    EXPECT_EQ(folder_ids, c.ids);

    auto r = index(dir, {"--db", dir.file("db"), f1, f2});
    EXPECT_LE(r.exit_code, 1) << r.err;  // 1: a warning for the XML's missing id
    EXPECT_NE(r.err.find("(2 articles"), std::string::npos) << r.err;
    EXPECT_EQ(count(dir.file("db"), "ajans"), "2\n");
}

INSTANTIATE_TEST_SUITE_P(
    formats, named_files,
    ::testing::Values(
        NamedFileCase{"PlainText", "a.txt", "Borsa güne yükselişle başladı\n\nAjans: BIST 100 endeksi yükseldi.\n",
                      "Malatya'da deprem\n\nAjans: AFAD depremin derinliğini açıkladı.\n", {"d1/a.txt", "d2/a.txt"}},
        NamedFileCase{"IptcXmlWithoutId", "a.xml", nitf("Borsa güne yükselişle başladı", "Ajans: BIST 100 endeksi yükseldi."),
                      nitf("Malatya'da deprem", "Ajans: AFAD depremin derinliğini açıkladı."),
                      {"d1/a.xml:1", "d2/a.xml:1"}},
        NamedFileCase{"JsonLinesWithoutId", "a.jsonl",
                      R"({"title": "Borsa güne yükselişle başladı", "body": "Ajans: BIST 100 endeksi yükseldi."})" "\n",
                      R"({"title": "Malatya'da deprem", "body": "Ajans: AFAD depremin derinliğini açıkladı."})" "\n",
                      {"d1/a.jsonl:1", "d2/a.jsonl:1"}}),
    [](const ::testing::TestParamInfo<NamedFileCase>& info) { return std::string(info.param.name); });

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

// --- HTML character references ----------------------------------------------------

struct RefCase {
    const char* name;
    const char* in;
    const char* out;
};

class char_refs : public ::testing::TestWithParam<RefCase> {};

TEST_P(char_refs, Decoded) { EXPECT_EQ(haber::ingest::decode_char_refs(GetParam().in), GetParam().out); }

INSTANTIATE_TEST_SUITE_P(
    ingest, char_refs,
    ::testing::Values(
        // ttc-3600 spor/132.txt and spor/098.txt, as they are.
        RefCase{"Ttc132", "Kul&uuml;b&uuml;n internet sitesinde yer alan bilgiye g&ouml;re 2014-15 sezonunda",
                "Kulübün internet sitesinde yer alan bilgiye göre 2014-15 sezonunda"},
        RefCase{"Ttc098", "Tek erkeklerde m&uuml;cadele eden  Emre Vural  ise E Grubu ndaki ilk ma&ccedil;ını,",
                "Tek erkeklerde mücadele eden  Emre Vural  ise E Grubu ndaki ilk maçını,"},
        RefCase{"Capitals", "rası d&uuml;zeyde bir oyuncu. &Ccedil;ok memnunum. &Ouml;zellikle &Uuml;lke",
                "rası düzeyde bir oyuncu. Çok memnunum. Özellikle Ülke"},
        RefCase{"Punctuation", "GREVDEYİZ ÇÜNKÜ&hellip; &lsquo;Aile Hekimliği&rsquo; &bull; &middot; &ndash; &mdash;",
                "GREVDEYİZ ÇÜNKÜ… ‘Aile Hekimliği’ • · – —"},
        RefCase{"Ampersand", "\"Contact Lens &amp; Anterior Eye\" dergisinde; 5 &gt; 3 &lt; 4 &quot;x&quot; &apos;y&apos;",
                "\"Contact Lens & Anterior Eye\" dergisinde; 5 > 3 < 4 \"x\" 'y'"},
        RefCase{"Decimal", "m&#252;cadele &#231;&#305;kt&#305;", "mücadele çıktı"},
        RefCase{"Hex", "g&#xF6;re &#x15F;ehir &#X11F;", "göre şehir ğ"},
        RefCase{"TurkishHtml5Names", "&scedil;&Scedil;&gbreve;&Gbreve;&inodot;&imath;&Idot;", "şŞğĞııİ"},
        RefCase{"Windows1252Numbers", "Ankara&#146;da &#147;seçim&#148;", "Ankara’da “seçim”"},
        RefCase{"NbspAndGreek", "100&nbsp;TL &beta; &Ecirc;", "100\u00A0TL β Ê"},
        RefCase{"Invalid", "&#0; &#xD800; &#x110000; &#1;", "\uFFFD \uFFFD \uFFFD \uFFFD"},
        // Left alone: not a reference, unknown, unterminated, or a second level.
        RefCase{"LeftAlone", "AT&T ve P&G; &uuml &bilinmeyen; &#; &#x; & ; &amp;uuml;", "AT&T ve P&G; &uuml &bilinmeyen; &#; &#x; & ; &uuml;"},
        RefCase{"NothingToDo", "Özbekistan ile Kazakistan", "Özbekistan ile Kazakistan"}),
    [](const ::testing::TestParamInfo<RefCase>& info) { return std::string(info.param.name); });

TEST(ingest_robustness, CharRefsInPlainTextAndJsonAreSearchable) {
    TempDir dir;
    // An excerpt of ttc-3600 spor/098.txt with its padding and references.
    write_file(dir.file("arsiv/spor-098.txt"),
               "\xEF\xBB\xBF\n\n  \n      Bak&uuml; Spor Salonu  nda oynanan  badminton  m&uuml;sabakalarında, tek "
               "kadınlarda  Neslihan Yiğit , D Grubu ndaki ilk ma&ccedil;ında Rus  Ksenia Polikarpova  ile "
               "karşılaştı. \nTek erkeklerde m&uuml;cadele eden  Emre Vural  ise E Grubu ndaki ilk ma&ccedil;ını, "
               " Bonny Mathias  a karşı oynadı.\n");
    write_file(dir.file("arsiv/cms.jsonl"),
               nlohmann::json{{"id", "cms-1"},
                              {"title", "Ba&#351;kan a&ccedil;&#305;klad&#305;"},
                              {"body", "Yap&#305;lan a&ccedil;&#305;klamaya g&ouml;re, m&uuml;cadele s&uuml;recek."},
                              {"url", "https://example.org/?a=1&amp;b=2"}}
                       .dump() +
                   "\n");
    std::vector<Diagnostic> diags;
    auto articles = read_all({dir.file("arsiv")}, {}, &diags);
    ASSERT_EQ(articles.size(), 2u) << dump(diags);
    EXPECT_EQ(articles[0].title, "Başkan açıkladı");
    EXPECT_EQ(articles[0].body, "Yapılan açıklamaya göre, mücadele sürecek.");
    EXPECT_EQ(articles[0].url, "https://example.org/?a=1&amp;b=2");  // not prose: as given
    EXPECT_NE(articles[1].body.find("Bakü Spor Salonu nda oynanan badminton müsabakalarında"), std::string::npos)
        << articles[1].body;
    EXPECT_EQ(articles[1].body.find('&'), std::string::npos) << articles[1].body;

    auto r = index(dir, {"--db", dir.file("db"), dir.file("arsiv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(count(dir.file("db"), "mücadele"), "2\n");
    EXPECT_EQ(count(dir.file("db"), "göre"), "1\n");
    EXPECT_EQ(count(dir.file("db"), "\"ilk maçını\""), "1\n");
    EXPECT_EQ(count(dir.file("db"), "uuml"), "0\n");
}

// Every one of ttc-3600's files with references to Turkish letters reads
// without one left.
TEST(ingest_robustness, Ttc3600HasNoReferencesLeft) {
    const std::string corpus = std::string(HABER_SHARED_CORPUS) + "/ttc-3600";
    if (!fs::exists(corpus)) GTEST_SKIP() << corpus << " not present";
    auto articles = read_all({corpus});
    ASSERT_EQ(articles.size(), 3600u);
    std::size_t left = 0;
    for (const auto& a : articles)
        for (const char* ref : {"&uuml;", "&ouml;", "&ccedil;", "&Uuml;", "&Ouml;", "&Ccedil;", "&lsquo;", "&amp;"})
            if (a.body.find(ref) != std::string::npos || a.title.find(ref) != std::string::npos) ++left;
    EXPECT_EQ(left, 0u);
}

// --- JSON fields of the wrong type ---------------------------------------------------

struct TypeCase {
    const char* name;
    std::string line;
    bool indexed;          // the article is kept
    const char* message;   // the diagnostic ("" none)
    Diagnostic::Severity severity;
    const char* body;      // the body indexed
};

class ingest_field_types : public ::testing::TestWithParam<TypeCase> {};

TEST_P(ingest_field_types, WrongTypesAreReportedNotIndexedAsJsonText) {
    const TypeCase& c = GetParam();
    TempDir dir;
    write_file(dir.file("t.jsonl"), R"({"id": "once", "body": "Borsa güne yükselişle başladı."})" "\n" + c.line + "\n");
    std::vector<Diagnostic> diags;
    ReadStats stats;
    auto articles = read_all({dir.file("t.jsonl")}, {}, &diags, &stats);
    ASSERT_EQ(articles.size(), c.indexed ? 2u : 1u) << dump(diags);
    if (*c.message) {
        // (An id left out is also derived, with its own warning.)
        ASSERT_FALSE(diags.empty());
        EXPECT_EQ(diags[0].line, 2u);
        EXPECT_EQ(diags[0].severity, c.severity) << dump(diags);
        EXPECT_NE(diags[0].message.find(c.message), std::string::npos) << dump(diags);
        EXPECT_LE(diags.size(), 2u) << dump(diags);
    } else {
        EXPECT_TRUE(diags.empty()) << dump(diags);
    }
    if (c.indexed) {
        const Article& a = articles[1];
        EXPECT_EQ(a.body, c.body);
        for (const std::string* f : {&a.title, &a.lead, &a.body, &a.place, &a.category, &a.source, &a.author})
            EXPECT_TRUE(f->find_first_of("{}[]") == std::string::npos && *f != "true" && *f != "42") << *f;
    }
    EXPECT_EQ(stats.skipped, c.indexed ? 0u : 1u);
    EXPECT_EQ(stats.fields_skipped, c.indexed && *c.message ? 1u : 0u);
}

INSTANTIATE_TEST_SUITE_P(
    jsonl, ingest_field_types,
    ::testing::Values(
        TypeCase{"BodyNumber", R"({"id": "b", "title": "Faiz kararı", "body": 42})", false,
                 "'body' is a number, not text, line skipped", Diagnostic::Error, ""},
        TypeCase{"BodyTrue", R"({"id": "b", "title": "Faiz kararı", "body": true})", false,
                 "'body' is a boolean, not text", Diagnostic::Error, ""},
        TypeCase{"BodyObject", R"({"id": "b", "title": "Faiz kararı", "body": {"text": "Merkez Bankası"}})", false,
                 "'body' is an object, not text", Diagnostic::Error, ""},
        TypeCase{"BodyArrayOfNumbers", R"({"id": "b", "title": "Faiz kararı", "body": [1, 2]})", false,
                 "'body' is an array holding a number, not text", Diagnostic::Error, ""},
        TypeCase{"BodyArrayWithObject", R"({"id": "b", "body": ["Merkez Bankası faizi sabit tuttu.", {"p": 2}]})",
                 false, "'body' is an array holding an object, not text", Diagnostic::Error, ""},
        // Paragraphs as an array of strings are text.
        TypeCase{"BodyParagraphs", R"({"id": "b", "body": ["Merkez Bankası faizi sabit tuttu.", null, "Karar oybirliğiyle alındı."]})",
                 true, "", Diagnostic::Warning, "Merkez Bankası faizi sabit tuttu.\nKarar oybirliğiyle alındı."},
        TypeCase{"NumericIdIsText", R"({"id": 4711, "body": "Dolar güne yükselişle başladı."})", true, "",
                 Diagnostic::Warning, "Dolar güne yükselişle başladı."},
        TypeCase{"CategoryTrue", R"({"id": "b", "body": "Dolar güne yükselişle başladı.", "category": true})", true,
                 "'category' is a boolean, not text; field left out", Diagnostic::Warning,
                 "Dolar güne yükselişle başladı."},
        TypeCase{"TitleNumber", R"({"id": "b", "title": 42, "body": "Dolar güne yükselişle başladı."})", true,
                 "'title' is a number, not text; field left out", Diagnostic::Warning, "Dolar güne yükselişle başladı."},
        TypeCase{"SourceObject", R"({"id": "b", "body": "Dolar güne yükselişle başladı.", "source": {"ad": "AA"}})",
                 true, "'source' is an object, not text; field left out", Diagnostic::Warning,
                 "Dolar güne yükselişle başladı."},
        TypeCase{"IdObject", R"({"id": {"no": 1}, "body": "Dolar güne yükselişle başladı."})", true,
                 "'id' is an object, not text; field left out", Diagnostic::Warning, "Dolar güne yükselişle başladı."}),
    [](const ::testing::TestParamInfo<TypeCase>& info) { return std::string(info.param.name); });

// Found by fuzz/fuzz_jsonl: a number beyond double's range made nlohmann
// throw out_of_range, which nothing caught (haber-index aborted).
TEST(ingest_robustness, NumberOverflowIsAMalformedLine) {
    TempDir dir;
    write_file(dir.file("t.jsonl"), R"({"id": "a", "body": "Merkez Bankası faizi sabit tuttu.", "date": 1e9999})" "\n"
                                    R"({"body": 4888888E8888888888888888888888.8888})" "\n"
                                    R"({"id": "b", "body": "Borsa günü düşüşle tamamladı."})" "\n");
    std::vector<Diagnostic> diags;
    auto articles = read_all({dir.file("t.jsonl")}, {}, &diags);
    ASSERT_EQ(articles.size(), 1u) << dump(diags);
    EXPECT_EQ(articles[0].id, "b");
    ASSERT_EQ(diags.size(), 2u) << dump(diags);
    EXPECT_EQ(diags[0].message, "malformed JSON: number overflow parsing '1e9999', line skipped");
    EXPECT_EQ(diags[1].line, 2u);
    auto r = index(dir, {"--db", dir.file("db"), dir.file("t.jsonl")});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("(1 article"), std::string::npos) << r.err;
}

TEST(ingest_robustness, MappedFieldOfTheWrongTypeIsNamedAsInTheFile) {
    haber::ingest::FieldMap map;
    ASSERT_FALSE(haber::ingest::add_field_mapping(map, "body=content.text"));
    auto r = haber::ingest::parse_json_line(R"({"content": {"text": 12}})", map);
    EXPECT_FALSE(r.article.has_value());
    EXPECT_EQ(r.error, "'content.text' (body) is a number, not text");
}

TEST(ingest_robustness, WrongFieldTypeExitStatus1) {
    TempDir dir;
    write_file(dir.file("t.jsonl"),
               R"({"id": "a", "body": "Dolar güne yükselişle başladı.", "category": ["ekonomi", 3]})" "\n"
               R"({"id": "b", "body": 3.5})" "\n");
    auto r = index(dir, {"--db", dir.file("db"), dir.file("t.jsonl")});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("t.jsonl:1: warning: 'category' is an array holding a number, not text; field left out"),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("t.jsonl:2: error: 'body' is a number, not text, line skipped"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("1 skipped (and 1 field of the wrong type)"), std::string::npos) << r.err;
    EXPECT_EQ(count(dir.file("db"), "dolar"), "1\n");
    EXPECT_EQ(count(dir.file("db"), "category:ekonomi"), "0\n");
}

// --- FIFOs and other special files ----------------------------------------------------

TEST(ingest_robustness, NamedPipeIsSkippedNotWaitedFor) {
    TempDir dir;
    ASSERT_EQ(mkfifo(dir.file("boru").c_str(), 0600), 0);
    write_file(dir.file("iyi.jsonl"), jl("iyi-1", "Merkez Bankası faizi sabit tuttu."));
    auto r = index(dir, {"--db", dir.file("db"), dir.file("boru"), dir.file("iyi.jsonl")});
    EXPECT_EQ(r.exit_code, 1) << r.err;  // 124: timed out waiting on the pipe
    EXPECT_NE(r.err.find(dir.file("boru") + ": error: not a regular file (a named pipe), skipped"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("(1 article"), std::string::npos) << r.err;
    // A device too; stdin ('-') is still read.
    r = index(dir, {"--db", dir.file("db2"), "/dev/zero"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("/dev/zero: error: not a regular file (a device)"), std::string::npos) << r.err;
}

}  // namespace
