// Plain-text article reader: agency wire stories, scraped pages with BOM,
// CRLF and tab padding, datelines, headlines, sub-headings, bad files.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/plain_text.h"
#include "ingest/reader.h"
#include "support/run_command.h"

namespace fs = std::filesystem;
using haber::Article;
using haber::ingest::Diagnostic;
using haber::ingest::parse_dateline;
using haber::ingest::parse_plain_text;
using haber::ingest::read_all;
using haber::ingest::ReaderOptions;
using haber::ingest::ReadStats;
using haber::test::TempDir;
using haber::test::write_file;

namespace {

const std::string kAaDir = std::string(HABER_SOURCE_DIR) + "/corpus/aa-sample";
const std::string kAaFile = kAaDir + "/taskent-ozbekistan-kazakistan-muttefiklik.txt";
const std::string kData = std::string(HABER_TEST_DATA) + "/ingest";

bool has_diag(const std::vector<Diagnostic>& ds, const std::string& file_part, std::size_t line,
              const std::string& msg_part) {
    for (const auto& d : ds)
        if (d.file.find(file_part) != std::string::npos && d.line == line &&
            d.message.find(msg_part) != std::string::npos)
            return true;
    return false;
}

std::string dump(const std::vector<Diagnostic>& ds) {
    std::string s;
    for (const auto& d : ds) s += haber::ingest::format_diagnostic(d) + "\n";
    return s;
}

}  // namespace

TEST(ingest_plain_text, AaSampleWireStory) {
    std::vector<Diagnostic> diags;
    auto articles = read_all({kAaFile}, {}, &diags);
    ASSERT_EQ(articles.size(), 1u) << dump(diags);
    EXPECT_TRUE(diags.empty()) << dump(diags);
    const Article& a = articles[0];
    EXPECT_EQ(a.id, "aa-sample/taskent-ozbekistan-kazakistan-muttefiklik.txt");  // folder and name
    EXPECT_EQ(a.place, "TAŞKENT");
    EXPECT_EQ(a.source, "AA");
    EXPECT_EQ(a.title, "");
    EXPECT_EQ(a.body.rfind("Özbekistan ile Kazakistan arasındaki stratejik ortaklık", 0), 0u)
        << a.body.substr(0, 80);
    // Sub-headings are kept as paragraphs without their "– " marker.
    EXPECT_NE(a.body.find("\n\"İkili ilişkilerin yüksek seviyesi memnuniyet verici\"\n"),
              std::string::npos);
    EXPECT_NE(a.body.find("\nMüttefiklik Anlaşması imzalandı\n"), std::string::npos);
    EXPECT_EQ(a.body.find("– "), std::string::npos);
    EXPECT_EQ(a.body.find("(AA)"), std::string::npos);
    EXPECT_TRUE(a.body.ends_with("15 belge imzalandı."));
}

TEST(ingest_plain_text, IdsAreRelativeToTheArgumentsParent) {
    auto articles = read_all({kAaDir});
    ASSERT_EQ(articles.size(), 1u);
    EXPECT_EQ(articles[0].id, "aa-sample/taskent-ozbekistan-kazakistan-muttefiklik.txt");
    auto with_slash = read_all({kAaDir + "/"});
    ASSERT_EQ(with_slash.size(), 1u);
    EXPECT_EQ(with_slash[0].id, articles[0].id);
    auto from_corpus = read_all({std::string(HABER_SOURCE_DIR) + "/corpus"});
    ASSERT_EQ(from_corpus.size(), 205u);
    EXPECT_EQ(from_corpus[0].id, "corpus/aa-sample/taskent-ozbekistan-kazakistan-muttefiklik.txt");
}

TEST(ingest_plain_text, HeadlineDatelineAndSubheading) {
    std::vector<Diagnostic> diags;
    auto articles = read_all({kData + "/headline.txt"}, {}, &diags);
    ASSERT_EQ(articles.size(), 1u) << dump(diags);
    const Article& a = articles[0];
    EXPECT_EQ(a.title, "Merkez Bankası faizi sabit tuttu");
    EXPECT_EQ(a.place, "ANKARA");
    EXPECT_EQ(a.source, "AA");
    EXPECT_EQ(a.body,
              "Türkiye Cumhuriyet Merkez Bankası (TCMB), politika faizini yüzde 50'de sabit bıraktı.\n"
              "Kurul, enflasyonun ana eğiliminde düşüş beklendiğini açıkladı.\n"
              "Piyasaların beklentisi\n"
              "Ekonomistlerin büyük bölümü faiz kararının değişmeyeceğini öngörüyordu.");
}

TEST(ingest_plain_text, BomCrlfAndTabPadding) {
    std::vector<Diagnostic> diags;
    auto articles = read_all({kData + "/ttc_like.txt"}, {}, &diags);
    ASSERT_EQ(articles.size(), 1u) << dump(diags);
    const Article& a = articles[0];
    EXPECT_EQ(a.title, "");
    EXPECT_EQ(a.place, "İSTANBUL");
    EXPECT_EQ(a.source, "DHA");
    EXPECT_EQ(a.body,
              "Galatasaray, Süper Lig’in 19. haftasında sahasında Fenerbahçe’yi 2-1 yendi. Maçın "
              "ilk yarısı golsüz sona erdi.\nTeknik direktör maçtan sonra açıklama yaptı.");
}

struct DatelineCase {
    std::string text;
    bool found;
    std::string place, source, rest;
};

TEST(ingest_plain_text, DatelineVariants) {
    const std::vector<DatelineCase> cases = {
        {"TAŞKENT (AA) – Özbekistan ile Kazakistan", true, "TAŞKENT", "AA", "Özbekistan ile Kazakistan"},
        {"NEW YORK (AA) - Birleşmiş Milletler toplandı.", true, "NEW YORK", "AA", "Birleşmiş Milletler toplandı."},
        {"ŞANLIURFA (İHA) — Şanlıurfa'da hasat başladı.", true, "ŞANLIURFA", "İHA", "Şanlıurfa'da hasat başladı."},
        {"İSTANBUL, (DHA) - Boğaz'da gemi trafiği", true, "İSTANBUL", "DHA", "Boğaz'da gemi trafiği"},
        {"ANKARA(AA)–Meclis Genel Kurulu", true, "ANKARA", "AA", "Meclis Genel Kurulu"},
        {"ÇANAKKALE (AA) –  Çanakkale Köprüsü", true, "ÇANAKKALE", "AA", "Çanakkale Köprüsü"},
        {"Ankara (AA) – Meclis toplandı.", false, "", "", ""},
        {"ANKARA Söğütözü'nde bulunan kule", false, "", "", ""},
        {"TAŞKENT (AA) Özbekistan ile", false, "", "", ""},
        {"(AA) – Özbekistan ile", false, "", "", ""},
        {"Bakan Yılmaz (AKP) – açıklama yaptı", false, "", "", ""},
        {"", false, "", "", ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        auto d = parse_dateline(c.text);
        ASSERT_EQ(d.has_value(), c.found);
        if (!d) continue;
        EXPECT_EQ(d->place, c.place);
        EXPECT_EQ(d->source, c.source);
        EXPECT_EQ(c.text.substr(d->length), c.rest);
    }
}

struct HeadlineCase {
    std::string text;
    std::string title;
    std::string body_start;
};

TEST(ingest_plain_text, HeadlineRules) {
    const std::string long_line(210, 'a');
    const std::vector<HeadlineCase> cases = {
        {"Seçim sonuçları açıklandı\nYüksek Seçim Kurulu kesin sonuçları duyurdu.", "Seçim sonuçları açıklandı", "Yüksek Seçim"},
        {"Seçim sonuçları açıklandı.\nYüksek Seçim Kurulu kesin sonuçları duyurdu.", "", "Seçim sonuçları açıklandı.\nYüksek"},
        {"Bakan şöyle konuştu:\n\"Hedefimiz büyümek.\"", "", "Bakan şöyle"},
        {"Sadece bir satır", "", "Sadece bir satır"},
        {"ANKARA (AA) – Kısa satır\nİkinci paragraf", "", "Kısa satır\nİkinci"},
        {long_line + "\nikinci", "", long_line},
        {"– Alt başlık\nMetin burada.", "", "Alt başlık\nMetin"},
        {"  \t Başlık\t  boşluklu \r\n\r\n\tGövde   metni.", "Başlık boşluklu", "Gövde metni."},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text.substr(0, 60));
        Article a = parse_plain_text(c.text);
        EXPECT_EQ(a.title, c.title);
        EXPECT_EQ(a.body.rfind(c.body_start, 0), 0u) << a.body;
    }
}

TEST(ingest_plain_text, BadFilesAreReportedAndSkipped) {
    TempDir dir;
    fs::create_directories(dir.file("arsiv/alt"));
    write_file(dir.file("arsiv/a-iyi.txt"), "Birinci haber metni.\n");
    write_file(dir.file("arsiv/b-bozuk.txt"), "İlk satır temiz.\nİkinci satırda bozuk \xff bayt.\n");
    write_file(dir.file("arsiv/c-bos.txt"), "");
    write_file(dir.file("arsiv/d-bosluk.txt"), "\xEF\xBB\xBF \t\r\n\t\t\r\n");
    write_file(dir.file("arsiv/e-ikili.bin"), std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10) + std::string(100, '\0'));
    write_file(dir.file("arsiv/f-uzun.txt"), std::string(5000, 'x'));
    write_file(dir.file("arsiv/alt/g-iyi.txt"), "Alt dizindeki haber.\n");
    write_file(dir.file("arsiv/.gizli.txt"), "Gizli dosya okunmamalı.\n");
    write_file(dir.file("arsiv/yedek.txt~"), "Yedek dosya okunmamalı.\n");
    write_file(dir.file("arsiv/README.md"), "# Arşiv\nBu dizin haber içerir.\n");
    ReaderOptions opt;
    opt.max_article_size = 4096;
    std::vector<Diagnostic> diags;
    ReadStats stats;
    auto articles = read_all({dir.file("arsiv"), dir.file("yok.txt")}, opt, &diags, &stats);
    ASSERT_EQ(articles.size(), 2u) << dump(diags);
    EXPECT_EQ(articles[0].id, "arsiv/a-iyi.txt");
    EXPECT_EQ(articles[1].id, "arsiv/alt/g-iyi.txt");  // sorted: "a-iyi.txt" < "alt" < "b-..."
    EXPECT_TRUE(has_diag(diags, "b-bozuk.txt", 2, "invalid UTF-8 at column 22")) << dump(diags);
    EXPECT_TRUE(has_diag(diags, "c-bos.txt", 0, "empty file")) << dump(diags);
    EXPECT_TRUE(has_diag(diags, "d-bosluk.txt", 0, "empty file")) << dump(diags);
    EXPECT_TRUE(has_diag(diags, "e-ikili.bin", 0, "binary file, skipped")) << dump(diags);
    EXPECT_TRUE(has_diag(diags, "f-uzun.txt", 0, "larger than 4096 bytes")) << dump(diags);
    EXPECT_TRUE(has_diag(diags, "yok.txt", 0, "no such file")) << dump(diags);
    EXPECT_EQ(stats.skipped, 3u);   // bad UTF-8, binary, too long
    EXPECT_EQ(stats.errors, 4u);    // those three and the missing path
    EXPECT_EQ(stats.warnings, 2u);  // the empty files
    for (const auto& d : diags) EXPECT_EQ(d.file.find("gizli"), std::string::npos);
    for (const auto& d : diags) EXPECT_EQ(d.file.find("yedek"), std::string::npos);
}

TEST(ingest_plain_text, SymlinkLoopIsWalkedOnce) {
    TempDir dir;
    fs::create_directories(dir.file("kok/alt"));
    write_file(dir.file("kok/alt/haber.txt"), "Döngüdeki haber.\n");
    fs::create_directory_symlink("..", dir.file("kok/alt/geri"));
    auto articles = read_all({dir.file("kok")});
    ASSERT_EQ(articles.size(), 1u);
    EXPECT_EQ(articles[0].id, "kok/alt/haber.txt");
}

TEST(ingest_plain_text, Ttc3600SharedCorpus) {
    const std::string dir = std::string(HABER_SHARED_CORPUS) + "/ttc-3600";
    if (!fs::is_directory(dir)) GTEST_SKIP() << "shared corpus not available: " << dir;
    std::vector<Diagnostic> diags;
    auto articles = read_all({dir}, {}, &diags);
    EXPECT_EQ(articles.size(), 3600u);
    EXPECT_TRUE(diags.empty()) << dump(diags);
    for (const auto& a : articles) {
        ASSERT_EQ(a.id.rfind("ttc-3600/", 0), 0u) << a.id;
        ASSERT_FALSE(a.body.empty()) << a.id;
        ASSERT_EQ(a.body.find('\t'), std::string::npos) << a.id;
        ASSERT_EQ(a.body.find("\xEF\xBB\xBF"), std::string::npos) << a.id;
        ASSERT_NE(a.body.front(), ' ') << a.id;
        ASSERT_EQ(a.body.find("  "), std::string::npos) << a.id;
    }
}
