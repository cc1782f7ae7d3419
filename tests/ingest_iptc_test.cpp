// IPTC XML reader: NITF 3.6 and NewsML-G2 (newsItem, newsMessage) samples
// mapped field by field, legacy encodings, every kind of bad document among
// good ones, the security limits, and haber-index/haber-search end to end.
#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/iptc_xml.h"
#include "ingest/reader.h"
#include "support/run_command.h"

namespace fs = std::filesystem;
using haber::Article;
using haber::ingest::Diagnostic;
using haber::ingest::Format;
using haber::ingest::read_all;
using haber::ingest::ReaderOptions;
using haber::ingest::ReadStats;
using haber::test::run_command;
using haber::test::TempDir;
using haber::test::write_file;

namespace {

const std::string kCorpus = std::string(HABER_SOURCE_DIR) + "/corpus/iptc";
const std::string kData = std::string(HABER_TEST_DATA) + "/iptc";

std::string dump(const std::vector<Diagnostic>& ds) {
    std::string s;
    for (const auto& d : ds) s += haber::ingest::format_diagnostic(d) + "\n";
    return s;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

void expect_article(const Article& got, const Article& want) {
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.title, want.title);
    EXPECT_EQ(got.lead, want.lead);
    EXPECT_EQ(got.body, want.body);
    EXPECT_EQ(got.date, want.date);
    EXPECT_EQ(got.place, want.place);
    EXPECT_EQ(got.category, want.category);
    EXPECT_EQ(got.source, want.source);
    EXPECT_EQ(got.url, want.url);
    EXPECT_EQ(got.author, want.author);
}

// A minimal NITF document around `body_content` (and an optional DOCTYPE).
std::string nitf(const std::string& id, const std::string& title, const std::string& body_content,
                 const std::string& doctype = {}) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype +
           "<nitf><head><docdata><doc-id id-string=\"" + id +
           "\"/></docdata></head>\n<body><body.head><hedline><hl1>" + title +
           "</hl1></hedline></body.head>\n<body.content>" + body_content +
           "</body.content></body></nitf>\n";
}

}  // namespace

// ---------------------------------------------------------------------------
// Valid samples: every mapped field

TEST(ingest_iptc, ValidSamplesMapEveryField) {
    struct Case {
        std::string file;
        std::size_t count;  // articles in the file
        std::size_t index;  // the one checked
        Article want;
    };
    const std::vector<Case> cases = {
        {kCorpus + "/van-golu-inci-kefali.nitf.xml", 1, 0,
         {.id = "hoa-20230418-van-inci-kefali",
          .title = "Van Gölü'nde inci kefalinin göç yolculuğu başladı",
          .lead = "Dünyanın en büyük sodalı gölünde yaşayan inci kefali, yumurtlamak için tatlı su "
                  "akarsularına göç etmeye başladı.",
          .body = "Erciş ilçesindeki Karasu Çayı'nda toplanan binlerce balık, akıntıya karşı yüzerek "
                  "kilometrelerce yol kat ediyor.\n"
                  "Doğa fotoğrafçıları, sürünün küçük çağlayanları aşmaya çalıştığı anları "
                  "görüntülemek için sabahın erken saatlerinden itibaren çay kenarında bekliyor.\n"
                  "Av yasağı denetimleri sıklaştırıldı\n"
                  "İl Tarım ve Orman Müdürlüğü ekipleri, yasak süresince göl kıyısında ve dere "
                  "ağızlarında gece gündüz denetim yapacak.\n"
                  "Yetkililer, yasağa uymayanlara idari para cezası uygulanacağını hatırlattı & "
                  "vatandaşları ihbar hattını kullanmaya çağırdı.",
          .date = "2023-04-18",
          .place = "VAN",
          .category = "Çevre",
          .source = "Haber Örnek Ajansı",
          .url = "https://haber.example.org/cevre/van-golu-inci-kefali",
          .author = "Zeynep Aydoğdu"}},
        {kCorpus + "/kapadokya-balon-turlari.newsml.xml", 1, 0,
         {.id = "urn:newsml:haber.example.org:20230715:kapadokya-balon",
          .title = "Kapadokya'da balon turları rüzgâr nedeniyle iptal edildi",
          .lead = "Göreme'de sabah saatlerinde hızı saatte 20 kilometreyi aşan rüzgâr, sıcak hava "
                  "balonlarının havalanmasına izin vermedi.",
          .body = "Sivil Havacılık Genel Müdürlüğünün uyarısı üzerine, Göreme ve Uçhisar'dan kalkış "
                  "yapacak yaklaşık 150 balonun uçuşu iptal edildi.\n"
                  "Şafak vakti kalkış alanlarında bekleyen yerli ve yabancı turistler, balonların "
                  "ertesi sabah hava koşulları uygun olursa havalanacağı bilgisini aldı.\n"
                  "Ziyaretçiler vadileri yürüyerek gezdi\n"
                  "Uçuşu iptal edilen turistlerin bir bölümü, Güvercinlik ve Aşk vadilerinde yürüyüş "
                  "yaparak peri bacalarını fotoğrafladı.",
          .date = "2023-07-15",  // firstCreated
          .place = "Nevşehir",   // located/name in Turkish
          .category = "turizm",  // the abstract subject's Turkish name, not the geoArea
          .source = "Haber Örnek Ajansı",
          .url = "https://haber.example.org/turizm/kapadokya-balon-turlari",
          .author = "Mehmet Karaçam"}},
        {kCorpus + "/hoa-bulten-2023-08-21.newsml.xml", 2, 0,
         {.id = "urn:newsml:haber.example.org:20230821:rize-cay-hasadi",
          .title = "Rize'de üçüncü sürgün çay hasadı sürüyor",
          .lead = "Üreticiler, yaş çay alım fiyatının açıklanmasının ardından bahçelerde mesaiye "
                  "başladı.",
          .body = "Doğu Karadeniz'de üçüncü sürgün hasadında üreticiler, yamaçlardaki bahçelerde "
                  "sabahın erken saatlerinden itibaren çalışıyor.\n"
                  "Toplanan yaş çay, alım noktalarında tartıldıktan sonra fabrikalara sevk ediliyor.",
          .date = "2023-08-21",
          .place = "Rize",         // located/@literal
          .category = "ekonomi",   // medtop:04000000 mapped
          .source = "Haber Örnek Ajansı",  // provider/@literal
          .url = "",
          .author = "Hatice Çakıroğlu"}},
        {kCorpus + "/hoa-bulten-2023-08-21.newsml.xml", 2, 1,
         {.id = "urn:newsml:haber.example.org:20230821:izmir-deniz-suyu",
          .title = "İzmir Körfezi'nde deniz suyu sıcaklığı 29 dereceyi aştı",
          .lead = "",
          .body = "Meteoroloji verilerine göre körfezde ölçülen deniz suyu sıcaklığı, mevsim "
                  "normallerinin yaklaşık 3 derece üzerine çıktı.\n"
                  "Uzmanlar, sıcak suyun balık göçlerini ve müsilaj oluşumunu etkileyebileceği "
                  "uyarısında bulundu.",
          .date = "2023-08-21",  // contentCreated
          .place = "İZMİR",      // from the dateline opening the body
          .category = "hava durumu",
          .source = "HOA",       // provider qcode nprov:HOA
          .url = "",
          .author = ""}},
        {kData + "/latin5.xml", 1, 0,
         {.id = "latin5-sirnak",
          .title = "Şırnak'ta Güneydoğu'nun en büyük ağaçlandırma çalışması başladı",
          .lead = "",
          .body = "İlçe gençlik merkezindeki öğrenciler, dağ yamacına ardıç, çınar ve meşe fidanı dikti.\n"
                  "Çalışmaya katılan Ayşegül Öztürk, \"Ağaçlar büyüdüğünde İstanbul'dan gelen "
                  "misafirlerimize gölge olacak\" dedi.",
          .date = "2021-03-09",
          .place = "ŞIRNAK",  // dateline text "ŞIRNAK (HÖA) &#8211;"
          .category = "",
          .source = "HÖA",
          .url = "",
          .author = ""}},
        {kData + "/guidsiz.xml", 1, 0,
         {.id = "iptc/guidsiz.xml:1",
          .title = "Erzurum'da kayak sezonu uzatıldı",
          .lead = "",
          .body = "Palandöken'de kar kalınlığı 1 metreyi geçince sezon iki hafta uzatıldı.\n"
                  "Otel doluluk oranları yüzde 90'a ulaştı.",  // inlineData lines
          .date = "2024-02-10",
          .place = "ERZURUM",
          .category = "",
          .source = "HOA",
          .url = "",
          .author = ""}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.file + " #" + std::to_string(c.index));
        std::vector<Diagnostic> diags;
        ReadStats stats;
        auto articles = read_all({c.file}, {}, &diags, &stats);
        ASSERT_EQ(articles.size(), c.count) << dump(diags);
        expect_article(articles[c.index], c.want);
        EXPECT_EQ(stats.errors, 0u) << dump(diags);
        EXPECT_EQ(stats.skipped, 0u) << dump(diags);
    }
}

TEST(ingest_iptc, CorpusSamplesReadWithoutDiagnostics) {
    std::vector<Diagnostic> diags;
    auto articles = read_all({kCorpus}, {}, &diags);
    EXPECT_EQ(articles.size(), 4u);
    EXPECT_TRUE(diags.empty()) << dump(diags);
    for (const auto& a : articles) EXPECT_FALSE(a.body.empty()) << a.id;
}

TEST(ingest_iptc, Latin5IsTranscodedToUtf8) {
    // The file really is ISO-8859-9: one byte per Turkish letter.
    std::ifstream in(kData + "/latin5.xml", std::ios::binary);
    std::string raw(std::istreambuf_iterator<char>(in), {});
    ASSERT_NE(raw.find("\xDE\xFDrnak"), std::string::npos);  // "Şırnak" in Latin-5
    ASSERT_EQ(raw.find("\xC5\x9E"), std::string::npos);      // no UTF-8 "Ş"
    auto articles = read_all({kData + "/latin5.xml"});
    ASSERT_EQ(articles.size(), 1u);
    const Article& a = articles[0];
    for (const char* word : {"Şırnak'ta", "Güneydoğu'nun", "ağaçlandırma", "çalışması"})
        EXPECT_TRUE(contains(a.title, word)) << word << " in " << a.title;
    for (const char* word : {"İlçe", "gençlik", "öğrenciler", "dağ", "ardıç", "çınar", "meşe",
                             "Ayşegül", "Öztürk", "İstanbul'dan", "gölge"})
        EXPECT_TRUE(contains(a.body, word)) << word << " in " << a.body;
}

// ---------------------------------------------------------------------------
// Bad documents: a diagnostic naming file and line, nothing half-parsed

TEST(ingest_iptc, BadDocumentsAreReportedWithLine) {
    struct Case {
        std::string file;
        std::size_t line;
        Diagnostic::Severity severity;
        std::string message;
        std::size_t articles;
        std::size_t skipped;
    };
    const std::vector<Case> cases = {
        {"bozuk-etiket.xml", 12, Diagnostic::Error,
         "malformed XML: Opening and ending tag mismatch: p line 11 and body.content", 0, 1},
        {"yanlis-kok.xml", 3, Diagnostic::Error,
         "not an IPTC news document: root element <rss> (expected nitf, newsItem or newsMessage)", 0, 1},
        {"govdesiz.nitf", 2, Diagnostic::Error, "NITF document has no <body>, skipped", 0, 1},
        // An element's line is where its start tag ends (libxml2): this one spans lines 2-3.
        {"bos-haber.newsml", 3, Diagnostic::Warning, "article has no title and no body, skipped", 0, 1},
        {"hatali-tarih.xml", 6, Diagnostic::Warning, "invalid date '20231345T250000+0300' ignored", 1, 0},
        {"guidsiz.xml", 2, Diagnostic::Warning, "newsItem without guid; id derived as \"iptc/guidsiz.xml:1\"",
         1, 0},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.file);
        const std::string path = kData + "/" + c.file;
        std::vector<Diagnostic> diags;
        ReadStats stats;
        auto articles = read_all({path}, {}, &diags, &stats);
        EXPECT_EQ(articles.size(), c.articles) << dump(diags);
        ASSERT_EQ(diags.size(), 1u) << dump(diags);
        EXPECT_EQ(diags[0].file, path);
        EXPECT_EQ(diags[0].line, c.line) << dump(diags);
        EXPECT_EQ(diags[0].severity, c.severity) << dump(diags);
        EXPECT_TRUE(contains(diags[0].message, c.message)) << dump(diags);
        EXPECT_EQ(stats.skipped, c.skipped);
        EXPECT_EQ(stats.errors, c.severity == Diagnostic::Error ? 1u : 0u);
    }
    // The article with a bad date is kept, without a date.
    auto kept = read_all({kData + "/hatali-tarih.xml"});
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept[0].id, "hatali-tarih");
    EXPECT_EQ(kept[0].date, "");
    EXPECT_EQ(kept[0].title, "Konya'da şeker pancarı hasadı tamamlandı");
}

TEST(ingest_iptc, EncodingProblems) {
    TempDir dir;
    const std::string latin5_body = "<p>\xDDzmir'de \xE7\x61y bah\xE7\x65si</p>";  // "İzmir'de çay bahçesi"
    struct Case {
        std::string name;
        std::string content;
        std::size_t line;
        std::string message;  // empty: parsed fine
        std::string body;
    };
    const std::vector<Case> cases = {
        // Latin-5 bytes without an encoding declaration: not UTF-8.
        {"beyansiz.xml", nitf("b1", "Beyansız", "\n\n" + latin5_body), 6,
         "malformed XML: Input is not proper UTF-8, indicate encoding", ""},
        // Declared Windows-1254 (Turkish): transcoded.
        {"cp1254.xml",
         "<?xml version=\"1.0\" encoding=\"windows-1254\"?>\n" + nitf("c1", "Windows", latin5_body).substr(39),
         0, "", "İzmir'de çay bahçesi"},
        // Unknown encoding name.
        {"bilinmeyen.xml",
         "<?xml version=\"1.0\" encoding=\"x-turkce-8\"?>\n" + nitf("u1", "Bilinmeyen", "<p>metin</p>").substr(39),
         1, "malformed XML: ", ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        write_file(dir.file(c.name), c.content);
        std::vector<Diagnostic> diags;
        auto articles = read_all({dir.file(c.name)}, {}, &diags);
        if (c.message.empty()) {
            ASSERT_EQ(articles.size(), 1u) << dump(diags);
            EXPECT_EQ(articles[0].body, c.body);
            EXPECT_TRUE(diags.empty()) << dump(diags);
        } else {
            EXPECT_TRUE(articles.empty());
            ASSERT_FALSE(diags.empty());
            EXPECT_EQ(diags[0].line, c.line) << dump(diags);
            EXPECT_EQ(diags[0].severity, Diagnostic::Error);
            EXPECT_TRUE(contains(diags[0].message, c.message)) << dump(diags);
        }
    }
}

TEST(ingest_iptc, GoodAndBadDocumentsInOneBatch) {
    std::vector<Diagnostic> diags;
    ReadStats stats;
    auto articles = read_all({kData}, {}, &diags, &stats);
    // bad date and missing guid are kept, latin5 read; 4 documents left out
    ASSERT_EQ(articles.size(), 3u) << dump(diags);
    EXPECT_EQ(articles[0].id, "iptc/guidsiz.xml:1");  // derived from the file's id in the tree
    EXPECT_EQ(articles[1].id, "hatali-tarih");
    EXPECT_EQ(articles[2].id, "latin5-sirnak");
    EXPECT_EQ(stats.skipped, 4u) << dump(diags);
    EXPECT_EQ(stats.errors, 3u) << dump(diags);
    EXPECT_EQ(stats.warnings, 3u) << dump(diags);
}

// ---------------------------------------------------------------------------
// Security and limits

TEST(ingest_iptc, ExternalEntitiesAreNeverLoaded) {
    TempDir dir;
    write_file(dir.file("gizli.txt"), "GIZLI-PAROLA\n");
    const std::string doctype =
        "<!DOCTYPE nitf [\n"
        "  <!ENTITY kurum \"Haber Örnek Ajansı\">\n"
        "  <!ENTITY dosya SYSTEM \"" + dir.file("gizli.txt") + "\">\n"
        "  <!ENTITY ag SYSTEM \"http://127.0.0.1:9/dtd\">\n"
        "]>\n";
    write_file(dir.file("xxe.xml"),
               nitf("xxe", "Dış varlık denemesi", "\n<p>&kurum; açıkladı: &dosya;&ag; bitti.</p>", doctype));
    std::vector<Diagnostic> diags;
    auto articles = read_all({dir.file("xxe.xml")}, {}, &diags);
    ASSERT_EQ(articles.size(), 1u) << dump(diags);
    // Internal entities are text; external ones are left out, never fetched.
    EXPECT_EQ(articles[0].body, "Haber Örnek Ajansı açıkladı: bitti.");
    EXPECT_FALSE(contains(articles[0].body, "GIZLI")) << articles[0].body;
    ASSERT_EQ(diags.size(), 1u) << dump(diags);
    EXPECT_EQ(diags[0].severity, Diagnostic::Warning);
    EXPECT_EQ(diags[0].line, 10u);
    EXPECT_EQ(diags[0].message,
              "entity '&dosya;' is not defined (DTDs are not loaded), it and 1 more left out");

    // With the NITF DTD named but not loaded, its HTML entities are undeclared:
    // the common ones are understood, others left out with a warning.
    const std::string nitf_dtd =
        "<!DOCTYPE nitf PUBLIC \"-//IPTC//DTD NITF 3.6//EN\" \"http://127.0.0.1:9/nitf-3-6.dtd\">\n";
    write_file(dir.file("dtd.xml"),
               nitf("dtd", "DTD", "<p>Ankara&nbsp;&ndash; &laquo;Kış&raquo; geldi&hellip;</p>\n"
                                  "<p>Sıcaklık &frac12; derece.</p>", nitf_dtd));
    diags.clear();
    articles = read_all({dir.file("dtd.xml")}, {}, &diags);
    ASSERT_EQ(articles.size(), 1u) << dump(diags);
    EXPECT_EQ(articles[0].body, "Ankara – «Kış» geldi…\nSıcaklık derece.");
    ASSERT_EQ(diags.size(), 1u) << dump(diags);
    EXPECT_EQ(diags[0].line, 6u);
    EXPECT_TRUE(contains(diags[0].message, "entity '&frac12;' is not defined")) << dump(diags);
}

TEST(ingest_iptc, EntityBombsDeepAndHugeDocumentsDoNotHurt) {
    TempDir dir;
    std::string bomb = "<!DOCTYPE nitf [\n <!ENTITY l0 \"kahkaha\">\n";
    for (int i = 1; i <= 9; ++i) {
        bomb += " <!ENTITY l" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) bomb += "&l" + std::to_string(i - 1) + ";";
        bomb += "\">\n";
    }
    bomb += "]>\n";
    write_file(dir.file("bomba.xml"), nitf("bomba", "Milyar kahkaha", "<p>&l9;</p>", bomb));

    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<block>";
    write_file(dir.file("derin.xml"), nitf("derin", "Derin", deep));

    std::string big;
    for (int i = 0; i < 200; ++i) big += "<p>Uzun bir paragraf metni, tekrar tekrar yazıldı.</p>\n";
    write_file(dir.file("buyuk.xml"), nitf("buyuk", "Büyük", big));

    auto start = std::chrono::steady_clock::now();
    struct Case {
        std::string name;
        std::size_t max_size;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"bomba.xml", 0, "malformed XML: "},  // libxml2: "Detected an entity reference loop"
        {"derin.xml", 0, "malformed XML: Excessive depth in document"},
        {"buyuk.xml", 4096, "XML document larger than 4096 bytes (--max-article-size), skipped"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        ReaderOptions options;
        if (c.max_size) options.max_article_size = c.max_size;
        std::vector<Diagnostic> diags;
        auto articles = read_all({dir.file(c.name)}, options, &diags);
        ASSERT_FALSE(diags.empty());
        for (const auto& a : articles) EXPECT_LT(a.body.size(), 10000u);
        if (!c.message.empty()) {
            EXPECT_TRUE(articles.empty());
            EXPECT_EQ(diags[0].severity, Diagnostic::Error);
            EXPECT_TRUE(contains(diags[0].message, c.message)) << dump(diags);
        }
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
    auto fine = read_all({dir.file("buyuk.xml")});
    ASSERT_EQ(fine.size(), 1u);  // the same document under the default limit
}

// ---------------------------------------------------------------------------
// Format detection

TEST(ingest_iptc, FormatDetection) {
    EXPECT_EQ(haber::ingest::parse_format("xml"), Format::Xml);
    EXPECT_EQ(haber::ingest::parse_format("nitf"), Format::Xml);
    EXPECT_FALSE(haber::ingest::parse_format("rss").has_value());

    struct Case {
        std::string head;
        bool iptc;
    };
    const std::vector<Case> sniff = {
        {"<?xml version=\"1.0\"?>\n<nitf>", true},
        {"\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- not <rss> --><!DOCTYPE nitf [<!ENTITY a \"b>\">]>\n<nitf>", true},
        {"<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\">", true},
        {"  <nar:newsItem xmlns:nar=\"http://iptc.org/std/nar/2006-10-01/\">", true},
        {"<?xml version=\"1.0\"?><rss version=\"2.0\">", false},
        {"<html><body>nitf</body></html>", false},
        {"ANKARA (AA) – <nitf> metinde geçiyor", false},
        {"{\"id\": \"1\"}", false},
    };
    for (const auto& c : sniff) EXPECT_EQ(haber::ingest::looks_like_iptc_xml(c.head), c.iptc) << c.head;

    TempDir dir;
    std::string doc = nitf("tespit", "Biçim tespiti", "<p>Uzantısız dosya içerikten tanındı.</p>");
    write_file(dir.file("haber-0001"), doc);  // no extension: sniffed
    {
        gzFile f = gzopen(dir.file("arsiv.xml.gz").c_str(), "wb");
        ASSERT_NE(f, nullptr);
        gzwrite(f, doc.data(), static_cast<unsigned>(doc.size()));
        gzclose(f);
    }
    // UTF-16 with a BOM looks binary, but is XML.
    std::string utf16 = "\xFF\xFE";
    std::string src = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<nitf><head><docdata>"
                      "<doc-id id-string=\"u16\"/></docdata></head><body><body.content><p>"
                      "I\xC4\x9F\x64\xC4\xB1r</p></body.content></body></nitf>";  // "Iğdır"
    for (std::size_t i = 0; i < src.size(); ++i) {
        unsigned char ch = static_cast<unsigned char>(src[i]);
        char16_t u = ch;
        if (ch == 0xC4) {  // the two 2-byte letters used above
            u = static_cast<char16_t>(((ch & 0x1F) << 6) | (static_cast<unsigned char>(src[++i]) & 0x3F));
        }
        utf16.push_back(static_cast<char>(u & 0xFF));
        utf16.push_back(static_cast<char>(u >> 8));
    }
    write_file(dir.file("utf16.xml"), utf16);
    for (const char* name : {"haber-0001", "arsiv.xml.gz", "utf16.xml"}) {
        SCOPED_TRACE(name);
        std::vector<Diagnostic> diags;
        auto articles = read_all({dir.file(name)}, {}, &diags);
        ASSERT_EQ(articles.size(), 1u) << dump(diags);
        EXPECT_TRUE(diags.empty()) << dump(diags);
        if (std::string(name) == "utf16.xml") {
            EXPECT_EQ(articles[0].id, "u16");
            EXPECT_EQ(articles[0].body, "Iğdır");
        } else {
            EXPECT_EQ(articles[0].id, "tespit");
        }
    }
    // --format xml on a .txt file; --format text keeps it text.
    write_file(dir.file("yanlis-uzanti.txt"), doc);
    ReaderOptions xml;
    xml.format = Format::Xml;
    auto as_xml = read_all({dir.file("yanlis-uzanti.txt")}, xml);
    ASSERT_EQ(as_xml.size(), 1u);
    EXPECT_EQ(as_xml[0].title, "Biçim tespiti");
    auto as_text = read_all({dir.file("yanlis-uzanti.txt")});
    ASSERT_EQ(as_text.size(), 1u);
    EXPECT_NE(as_text[0].title, "Biçim tespiti");
}

// ---------------------------------------------------------------------------
// End to end: haber-index over a mixed directory, then haber-search

TEST(ingest_iptc, IndexMixedDirectoryAndSearch) {
    TempDir dir;
    const std::string in = dir.file("girdi");
    fs::create_directories(in);
    for (const char* f : {"van-golu-inci-kefali.nitf.xml", "kapadokya-balon-turlari.newsml.xml",
                          "hoa-bulten-2023-08-21.newsml.xml"})
        fs::copy_file(kCorpus + "/" + f, in + "/" + f);
    for (const char* f : {"bozuk-etiket.xml", "yanlis-kok.xml", "hatali-tarih.xml"})
        fs::copy_file(kData + "/" + f, in + "/" + f);
    write_file(in + "/ekler.jsonl",
               "{\"id\": \"j1\", \"title\": \"Borsa güne yükselişle başladı\", \"body\": \"BIST 100 "
               "endeksi yüzde 1 değer kazandı.\"}\n{\"id\": \"j2\", \"title\": }\n");
    const std::string db = dir.file("db");
    auto r = run_command({HABER_INDEX_BIN, "--db", db, in});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(contains(r.err, in + "/bozuk-etiket.xml:12: error: malformed XML: Opening and ending "
                                     "tag mismatch: p line 11 and body.content"))
        << r.err;
    EXPECT_TRUE(contains(r.err, in + "/yanlis-kok.xml:3: error: not an IPTC news document")) << r.err;
    EXPECT_TRUE(contains(r.err, in + "/hatali-tarih.xml:6: warning: invalid date")) << r.err;
    EXPECT_TRUE(contains(r.err, in + "/ekler.jsonl:2: error: malformed JSON")) << r.err;
    EXPECT_FALSE(contains(r.err, "parser error")) << r.err;  // libxml2 prints nothing itself
    EXPECT_TRUE(contains(r.err, "indexed 6 articles (6 new, 0 replaced) from 7 files")) << r.err;

    auto search = [&](const std::string& q) {
        return run_command({HABER_SEARCH_BIN, "--db", db, "--json", q});
    };
    // "Erciş" typed without Turkish letters finds the NITF article.
    auto s = search("ercis");
    ASSERT_EQ(s.exit_code, 0) << s.err;
    auto j = nlohmann::json::parse(s.out);
    ASSERT_EQ(j["total"], 1) << s.out;
    const auto& h = j["hits"][0];
    EXPECT_EQ(h["id"], "hoa-20230418-van-inci-kefali");
    EXPECT_EQ(h["title"], "Van Gölü'nde inci kefalinin göç yolculuğu başladı");
    EXPECT_EQ(h["date"], "2023-04-18");
    EXPECT_EQ(h["place"], "VAN");
    EXPECT_EQ(h["url"], "https://haber.example.org/cevre/van-golu-inci-kefali");
    // The NewsML-G2 items are searchable too.
    for (const auto& [q, id] : std::vector<std::pair<std::string, std::string>>{
             {"uchisar", "urn:newsml:haber.example.org:20230715:kapadokya-balon"},
             {"musilaj", "urn:newsml:haber.example.org:20230821:izmir-deniz-suyu"},
             {"surgun", "urn:newsml:haber.example.org:20230821:rize-cay-hasadi"}}) {
        auto g = search(q);
        ASSERT_EQ(g.exit_code, 0) << g.err;
        auto gj = nlohmann::json::parse(g.out);
        ASSERT_GE(gj["hits"].size(), 1u) << q << ": " << g.out;
        EXPECT_EQ(gj["hits"][0]["id"], id) << q;
    }
}
