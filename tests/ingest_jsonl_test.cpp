// JSON Lines reader: fields, key mapping, gzip (whole, truncated, detected
// by magic), and every kind of bad line among good ones.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/jsonl.h"
#include "ingest/reader.h"
#include "support/run_command.h"

namespace fs = std::filesystem;
using haber::Article;
using haber::ingest::Diagnostic;
using haber::ingest::FieldMap;
using haber::ingest::read_all;
using haber::ingest::ReaderOptions;
using haber::ingest::ReadStats;
using haber::test::TempDir;
using haber::test::write_file;

namespace {

const std::string kData = std::string(HABER_TEST_DATA) + "/ingest";

bool has_diag(const std::vector<Diagnostic>& ds, std::size_t line, const std::string& msg_part,
              Diagnostic::Severity sev = Diagnostic::Error) {
    for (const auto& d : ds)
        if (d.line == line && d.severity == sev && d.message.find(msg_part) != std::string::npos)
            return true;
    return false;
}

std::string dump(const std::vector<Diagnostic>& ds) {
    std::string s;
    for (const auto& d : ds) s += haber::ingest::format_diagnostic(d) + "\n";
    return s;
}

std::string line_for(int i) {
    return "{\"id\": \"h" + std::to_string(i) + "\", \"title\": \"Haber " + std::to_string(i) +
           "\", \"body\": \"İstanbul'da " + std::to_string(i) +
           ". gün: Boğaziçi Köprüsü'nde trafik yoğunluğu ölçüldü, değer " +
           std::to_string(i * 7919 % 10007) + " araç.\"}\n";
}

void write_gzip(const std::string& path, const std::string& content) {
    gzFile f = gzopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(gzwrite(f, content.data(), static_cast<unsigned>(content.size())),
              static_cast<int>(content.size()));
    gzclose(f);
}

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST(ingest_jsonl, AllFieldsNumbersDatesAndMissingIds) {
    std::vector<Diagnostic> diags;
    ReadStats stats;
    auto articles = read_all({kData + "/articles.jsonl"}, {}, &diags, &stats);
    ASSERT_EQ(articles.size(), 4u) << dump(diags);
    const Article& a = articles[0];
    EXPECT_EQ(a.id, "tcmb-2024-01");
    EXPECT_EQ(a.title, "Merkez Bankası faiz kararını açıkladı");
    EXPECT_EQ(a.lead, "Politika faizi yüzde 45'e yükseltildi.");
    EXPECT_EQ(a.body.find("Karar piyasa"), a.body.find('\n') + 1);
    EXPECT_EQ(a.date, "2024-01-25");
    EXPECT_EQ(a.place, "ANKARA");
    EXPECT_EQ(a.category, "ekonomi");
    EXPECT_EQ(a.source, "AA");
    EXPECT_EQ(a.url, "https://example.org/tcmb");
    EXPECT_EQ(a.author, "Ayşe Yılmaz");
    EXPECT_EQ(articles[1].id, "4711");               // number → string
    EXPECT_EQ(articles[1].date, "2023-11-12");       // ISO date-time → date
    EXPECT_EQ(articles[2].id, "ingest/articles.jsonl:3");  // derived from folder, file name and line
    EXPECT_TRUE(has_diag(diags, 3, "without an id", Diagnostic::Warning)) << dump(diags);
    EXPECT_TRUE(has_diag(diags, 4, "no title and no body", Diagnostic::Warning)) << dump(diags);
    EXPECT_EQ(articles[3].id, "tarih");              // invalid date: kept, without date
    EXPECT_EQ(articles[3].date, "");
    EXPECT_TRUE(has_diag(diags, 5, "invalid date '2023-02-30'", Diagnostic::Warning)) << dump(diags);
    EXPECT_EQ(stats.errors, 0u);
    EXPECT_EQ(stats.skipped, 1u);
}

TEST(ingest_jsonl, MissingIdWarnsOncePerFile) {
    TempDir dir;
    write_file(dir.file("k.jsonl"), "{\"body\": \"bir\"}\n{\"body\": \"iki\"}\n{\"body\": \"üç\"}\n");
    std::vector<Diagnostic> diags;
    auto articles = read_all({dir.file("k.jsonl")}, {}, &diags);
    ASSERT_EQ(articles.size(), 3u);
    EXPECT_EQ(articles[2].id, fs::path(dir.path()).filename().string() + "/k.jsonl:3");
    EXPECT_EQ(diags.size(), 1u) << dump(diags);
}

TEST(ingest_jsonl, FieldMappingWithNestedKeys) {
    ReaderOptions opt;
    for (const char* spec : {"id=haber_no", "title=baslik", "body=icerik.metin", "lead=icerik.ozet",
                             "category=kategori"})
        ASSERT_FALSE(haber::ingest::add_field_mapping(opt.fields, spec).has_value()) << spec;
    std::vector<Diagnostic> diags;
    auto articles = read_all({kData + "/mapped.jsonl"}, opt, &diags);
    ASSERT_EQ(articles.size(), 2u) << dump(diags);
    EXPECT_TRUE(diags.empty()) << dump(diags);
    EXPECT_EQ(articles[0].id, "17");
    EXPECT_EQ(articles[0].title, "Çiftçiye mazot desteği");
    EXPECT_EQ(articles[0].body, "Tarım ve Orman Bakanlığı mazot desteği ödemelerine başladı.");
    EXPECT_EQ(articles[0].lead, "Ödemeler hesaplara yatırıldı.");
    EXPECT_EQ(articles[1].category, "yaşam");
    EXPECT_EQ(articles[1].lead, "");
}

TEST(ingest_jsonl, FieldMappingSpecs) {
    struct Case { std::string spec; bool ok; std::string error_part; };
    const std::vector<Case> cases = {
        {"title=headline", true, ""},
        {"body=content.text", true, ""},
        {"başlık=headline", false, "unknown field"},
        {"title", false, "expected OURS=THEIRS"},
        {"=headline", false, "expected OURS=THEIRS"},
        {"title=", false, "expected OURS=THEIRS"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.spec);
        FieldMap map;
        auto err = haber::ingest::add_field_mapping(map, c.spec);
        EXPECT_EQ(!err.has_value(), c.ok);
        if (err) {
            EXPECT_NE(err->find(c.error_part), std::string::npos) << *err;
        }
    }
}

TEST(ingest_jsonl, GzipByExtensionAndByMagic) {
    TempDir dir;
    std::string text;
    for (int i = 1; i <= 300; ++i) text += line_for(i);
    write_gzip(dir.file("haberler.jsonl.gz"), text);
    write_gzip(dir.file("arsiv-dokumu"), text);  // no extension: gzip magic, then '{'
    for (const char* name : {"haberler.jsonl.gz", "arsiv-dokumu"}) {
        SCOPED_TRACE(name);
        std::vector<Diagnostic> diags;
        ReadStats stats;
        auto articles = read_all({dir.file(name)}, {}, &diags, &stats);
        ASSERT_EQ(articles.size(), 300u) << dump(diags);
        EXPECT_TRUE(diags.empty()) << dump(diags);
        EXPECT_EQ(articles[299].id, "h300");
        EXPECT_EQ(articles[41].body.rfind("İstanbul'da 42. gün", 0), 0u);
        EXPECT_EQ(stats.bytes, fs::file_size(dir.file(name)));  // compressed bytes
    }
}

TEST(ingest_jsonl, TruncatedGzipKeepsCompleteLines) {
    TempDir dir;
    std::string text;
    for (int i = 1; i <= 3000; ++i) text += line_for(i);
    write_gzip(dir.file("full.jsonl.gz"), text);
    std::string gz = read_bytes(dir.file("full.jsonl.gz"));
    write_file(dir.file("kesik.jsonl.gz"), gz.substr(0, gz.size() / 2));
    std::vector<Diagnostic> diags;
    ReadStats stats;
    auto articles = read_all({dir.file("kesik.jsonl.gz")}, {}, &diags, &stats);
    ASSERT_GT(articles.size(), 100u);
    ASSERT_LT(articles.size(), 3000u);
    for (std::size_t i = 0; i < articles.size(); ++i) {
        ASSERT_EQ(articles[i].id, "h" + std::to_string(i + 1));  // complete, in order
        std::string expected = line_for(static_cast<int>(i + 1));
        ASSERT_NE(expected.find(articles[i].body), std::string::npos);
    }
    ASSERT_EQ(diags.size(), 1u) << dump(diags);
    EXPECT_EQ(diags[0].message, "truncated gzip stream after line " + std::to_string(articles.size()));
    EXPECT_EQ(diags[0].severity, Diagnostic::Error);
    EXPECT_EQ(stats.skipped, 1u);
}

TEST(ingest_jsonl, BadLinesAmongGoodOnes) {
    TempDir dir;
    std::string content = line_for(1) +
                          "{\"id\": \"kotu\", \"title\": }\n" +      // 2 malformed
                          line_for(3) +
                          "{\"id\": \"utf\", \"body\": \"bozuk \xC4 bayt\"}\n" +  // 4 invalid UTF-8
                          "[\"dizi\", \"nesne değil\"]\n" +         // 5 not an object
                          "\"sadece metin\"\n" +                    // 6 not an object
                          "   \n" +                                 // 7 blank: ignored
                          line_for(8) +
                          "{\"id\": \"yarim\", \"body\": \"kapanmamış";  // 9 unterminated, no '\n'
    write_file(dir.file("karisik.jsonl"), content);
    std::vector<Diagnostic> diags;
    ReadStats stats;
    auto articles = read_all({dir.file("karisik.jsonl")}, {}, &diags, &stats);
    ASSERT_EQ(articles.size(), 3u) << dump(diags);
    EXPECT_EQ(articles[0].id, "h1");
    EXPECT_EQ(articles[1].id, "h3");
    EXPECT_EQ(articles[2].id, "h8");
    EXPECT_TRUE(has_diag(diags, 2, "malformed JSON")) << dump(diags);
    EXPECT_TRUE(has_diag(diags, 4, "invalid UTF-8 at column 30")) << dump(diags);
    EXPECT_TRUE(has_diag(diags, 5, "not an object (got array)")) << dump(diags);
    EXPECT_TRUE(has_diag(diags, 6, "not an object (got string)")) << dump(diags);
    EXPECT_TRUE(has_diag(diags, 9, "malformed JSON")) << dump(diags);
    for (const auto& d : diags) EXPECT_EQ(d.file, dir.file("karisik.jsonl"));
    EXPECT_EQ(stats.skipped, 5u);
    EXPECT_EQ(stats.errors, 5u);
}

TEST(ingest_jsonl, CrlfAndBom) {
    TempDir dir;
    write_file(dir.file("win.jsonl"),
               "\xEF\xBB\xBF{\"id\": \"w1\", \"body\": \"Windows satırı\"}\r\n{\"id\": \"w2\", \"body\": \"ikinci\"}\r\n");
    std::vector<Diagnostic> diags;
    auto articles = read_all({dir.file("win.jsonl")}, {}, &diags);
    ASSERT_EQ(articles.size(), 2u) << dump(diags);
    EXPECT_EQ(articles[0].body, "Windows satırı");
    EXPECT_TRUE(diags.empty()) << dump(diags);
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

TEST(ingest_jsonl, HugeLineIsSkippedWhileStreaming) {
    TempDir dir;
    const std::string path = dir.file("dev.jsonl");
    {
        std::ofstream out(path, std::ios::binary);
        out << line_for(1);
        out << "{\"id\": \"dev\", \"body\": \"";
        std::string chunk(1 << 20, 'a');
        for (int i = 0; i < 50; ++i) out << chunk;  // 50 MiB on one line
        out << "\"}\n";
        out << line_for(3);
    }
    ASSERT_GT(fs::file_size(path), 50u << 20);
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    std::vector<Diagnostic> diags;
    ReadStats stats;
    auto articles = read_all({path}, {}, &diags, &stats);
    ASSERT_EQ(articles.size(), 2u) << dump(diags);
    EXPECT_EQ(articles[0].id, "h1");
    EXPECT_EQ(articles[1].id, "h3");
    ASSERT_EQ(diags.size(), 1u) << dump(diags);
    EXPECT_EQ(diags[0].line, 2u);
    EXPECT_NE(diags[0].message.find("line longer than 16 MiB"), std::string::npos) << dump(diags);
    EXPECT_EQ(stats.skipped, 1u);
    // The line was never held whole: reading it raised the peak memory by
    // less than its 50 MiB. Measured: 17 MiB (the 16 MiB a line may fill
    // before it is known to be too long); under AddressSanitizer 40 MiB, as
    // its quarantine keeps the buffers the growing line outgrew resident.
    // (The growth, not the peak itself: ASan's own memory adds tens of MiB,
    // and the peak it reached, 59 MiB, failed the bound of 45 this test had.)
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    EXPECT_LT(after.ru_maxrss - before.ru_maxrss, (kAddressSanitizer ? 45L : 25L) * 1024)
        << "peak RSS " << before.ru_maxrss / 1024 << " -> " << after.ru_maxrss / 1024 << " MiB";
}

TEST(ingest_jsonl, ConfigurableLineLimit) {
    TempDir dir;
    std::string big = "{\"id\": \"b\", \"body\": \"" + std::string(5000, 'x') + "\"}\n";
    write_file(dir.file("s.jsonl"), line_for(1) + big + line_for(3) + big);  // last one at EOF
    ReaderOptions opt;
    opt.max_article_size = 1000;
    std::vector<Diagnostic> diags;
    auto articles = read_all({dir.file("s.jsonl")}, opt, &diags);
    ASSERT_EQ(articles.size(), 2u) << dump(diags);
    EXPECT_TRUE(has_diag(diags, 2, "line longer than 1000 bytes")) << dump(diags);
    EXPECT_TRUE(has_diag(diags, 4, "line longer than 1000 bytes")) << dump(diags);
}

TEST(ingest_jsonl, EmptyAndBinaryFiles) {
    TempDir dir;
    write_file(dir.file("bos.jsonl"), "");
    write_file(dir.file("bos.jsonl.gz"), "");
    std::string binary;
    for (int i = 0; i < 4096; ++i) binary.push_back(static_cast<char>((i * 37) & 0xff));
    write_file(dir.file("resim.jsonl"), binary);
    std::string png = "\x89PNG\r\n\x1a\n";
    for (int i = 0; i < 2000; ++i) png.push_back(static_cast<char>(0x80 + (i * 13) % 0x7f));
    write_file(dir.file("logo.json"), png);  // no NUL byte, but not text
    write_gzip(dir.file("paket.jsonl.gz"), binary);
    std::vector<Diagnostic> diags;
    ReadStats stats;
    auto articles = read_all({dir.file("bos.jsonl"), dir.file("bos.jsonl.gz"), dir.file("resim.jsonl"),
                              dir.file("logo.json"), dir.file("paket.jsonl.gz")},
                             {}, &diags, &stats);
    EXPECT_TRUE(articles.empty());
    ASSERT_EQ(diags.size(), 5u) << dump(diags);
    EXPECT_EQ(diags[0].message, "empty file");
    EXPECT_EQ(diags[0].severity, Diagnostic::Warning);
    EXPECT_EQ(diags[1].message, "empty file");
    for (int i = 2; i < 5; ++i) {
        EXPECT_EQ(diags[i].message, "binary file, skipped") << dump(diags);
        EXPECT_EQ(diags[i].severity, Diagnostic::Error);
    }
    EXPECT_EQ(stats.skipped, 3u);
}

TEST(ingest_jsonl, KemikSharedCorpus) {
    const std::string path = std::string(HABER_SHARED_CORPUS) + "/kemik-42bin.jsonl.gz";
    if (!fs::exists(path)) GTEST_SKIP() << "shared corpus not available: " << path;
    std::vector<Diagnostic> diags;
    ReadStats stats;
    auto articles = read_all({path}, {}, &diags, &stats);
    EXPECT_EQ(articles.size(), 41992u);
    EXPECT_TRUE(diags.empty()) << dump(diags);
    EXPECT_EQ(articles.front().id, "kemik42bin-dunya-1");
    EXPECT_EQ(stats.bytes, fs::file_size(path));
}

TEST(ingest_jsonl, ParseJsonLineDirectly) {
    auto r = haber::ingest::parse_json_line(
        R"({"id": 12, "body": ["Birinci paragraf.", "İkinci paragraf."], "title": null, "source": true})");
    ASSERT_TRUE(r.article.has_value()) << r.error;
    EXPECT_EQ(r.article->id, "12");
    EXPECT_EQ(r.article->body, "Birinci paragraf.\nİkinci paragraf.");
    EXPECT_EQ(r.article->title, "");
    EXPECT_EQ(r.article->source, "");  // a boolean is not a source: left out, reported
    ASSERT_EQ(r.skipped_fields.size(), 1u);
    EXPECT_EQ(r.skipped_fields[0], "'source' is a boolean, not text; field left out");
    auto bad = haber::ingest::parse_json_line(R"({"id": 1, "body": "x",})");
    EXPECT_FALSE(bad.article.has_value());
    EXPECT_NE(bad.error.find("malformed JSON: parse error at column"), std::string::npos) << bad.error;
}
