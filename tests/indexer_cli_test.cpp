// haber-index end to end: mixed good and bad inputs, re-indexing, stdin,
// database errors, the bundled corpus.
#include <gtest/gtest.h>
#include <zlib.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "index/schema.h"
#include "support/run_command.h"

namespace fs = std::filesystem;
using haber::test::CommandResult;
using haber::test::run_command;
using haber::test::TempDir;
using haber::test::write_file;

namespace {

CommandResult index(const std::vector<std::string>& args, const std::string& stdin_data = {},
                    const std::map<std::string, std::string>& env = {}) {
    // Never the user's database: a private HOME, and HABER_DB unset unless a test sets it.
    static haber::test::TempDir home;
    std::map<std::string, std::string> isolated = env;
    isolated.emplace("HOME", home.path());
    isolated.emplace("XDG_DATA_HOME", home.file("xdg"));
    isolated.emplace("HABER_DB", "");
    std::vector<std::string> argv = {HABER_INDEX_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, stdin_data, isolated);
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string jl(const std::string& id, const std::string& title, const std::string& body) {
    return "{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"body\": \"" + body + "\"}\n";
}

void write_gzip(const std::string& path, const std::string& content) {
    gzFile f = gzopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    gzwrite(f, content.data(), static_cast<unsigned>(content.size()));
    gzclose(f);
}

std::string gzip_bytes(const std::string& content) {
    TempDir dir;
    write_gzip(dir.file("x.gz"), content);
    std::ifstream in(dir.file("x.gz"), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The mixed batch: 2 good text files, 3 good JSONL lines (+1 bad), 1 good
// gzip line before the damage, and bad files of every kind.
void write_batch(const TempDir& dir) {
    fs::create_directories(dir.file("girdi/alt"));
    write_file(dir.file("girdi/iyi.txt"),
               "Kabine toplandı\n\nANKARA (AA) – Kabine, Cumhurbaşkanlığı Külliyesi'nde toplandı.\n");
    write_file(dir.file("girdi/alt/iyi2.txt"), "İZMİR (DHA) - Körfez'de deniz suyu sıcaklığı arttı.\n");
    write_file(dir.file("girdi/haberler.jsonl"),
               jl("j1", "Borsa güne yükselişle başladı", "BIST 100 endeksi yüzde 1 değer kazandı.") +
                   "{\"id\": \"j2\", \"title\": \"Eksik\", }\n" +
                   jl("j3", "Altın fiyatları", "Gram altın rekor kırdı.") +
                   jl("j4", "Döviz kurları", "Dolar/TL yatay seyretti."));
    write_file(dir.file("girdi/bozuk-utf8.txt"), "Birinci satır.\nİkinci \xfe satır.\n");
    write_file(dir.file("girdi/bos.txt"), "");
    write_file(dir.file("girdi/ikili.dat"), std::string("\0\x01\x02\x03 binary", 12));
    std::string many;
    for (int i = 0; i < 2000; ++i)
        many += jl("g" + std::to_string(i), "Sıkıştırılmış haber " + std::to_string(i),
                   "Gövde metni numara " + std::to_string(i * 31337 % 99991) + " içerir.");
    std::string gz = gzip_bytes(many);
    write_file(dir.file("girdi/kesik.jsonl.gz"), gz.substr(0, gz.size() / 2));
}

Xapian::doccount doc_count(const std::string& db) { return Xapian::Database(db).get_doccount(); }

bool has_id(const std::string& db, const std::string& id) {
    return Xapian::Database(db).term_exists(haber::schema::id_term(id));
}

}  // namespace

TEST(indexer_cli, MixedBatchIndexesWhatIsReadable) {
    TempDir dir;
    write_batch(dir);
    const std::string db = dir.file("db");
    auto r = index({"--db", db, dir.file("girdi"), dir.file("yok-boyle-dosya.txt")});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const std::string g = dir.file("girdi");
    EXPECT_TRUE(contains(r.err, g + "/haberler.jsonl:2: error: malformed JSON")) << r.err;
    EXPECT_TRUE(contains(r.err, g + "/bozuk-utf8.txt:2: error: invalid UTF-8 at column 8")) << r.err;
    EXPECT_TRUE(contains(r.err, g + "/bos.txt: warning: empty file")) << r.err;
    EXPECT_TRUE(contains(r.err, g + "/ikili.dat: error: binary file, skipped")) << r.err;
    EXPECT_TRUE(contains(r.err, g + "/kesik.jsonl.gz: error: truncated gzip stream after line ")) << r.err;
    EXPECT_TRUE(contains(r.err, dir.file("yok-boyle-dosya.txt") + ": error: no such file or directory")) << r.err;
    EXPECT_TRUE(contains(r.err, "database: " + db)) << r.err;

    // Good articles are in and committed.
    EXPECT_TRUE(has_id(db, "girdi/iyi.txt"));
    EXPECT_TRUE(has_id(db, "girdi/alt/iyi2.txt"));
    EXPECT_TRUE(has_id(db, "j1"));
    EXPECT_FALSE(has_id(db, "j2"));
    EXPECT_TRUE(has_id(db, "j3"));
    EXPECT_TRUE(has_id(db, "j4"));
    EXPECT_TRUE(has_id(db, "g0"));
    EXPECT_FALSE(has_id(db, "g1999"));
    Xapian::doccount n = doc_count(db);
    EXPECT_GT(n, 5u + 100u);  // the gzip lines before the cut
    EXPECT_LT(n, 5u + 2000u);
    EXPECT_TRUE(contains(r.err, "indexed " + std::to_string(n) + " articles (" + std::to_string(n) +
                                    " new, 0 replaced) from 7 files"))
        << r.err;
    EXPECT_TRUE(contains(r.err, "; 4 skipped")) << r.err;  // malformed line, utf-8, binary, gzip rest

    // Stored article: dateline parsed.
    Xapian::Database xdb(db);
    Xapian::PostingIterator p = xdb.postlist_begin(haber::schema::id_term("girdi/iyi.txt"));
    ASSERT_NE(p, xdb.postlist_end(haber::schema::id_term("girdi/iyi.txt")));
    auto a = haber::schema::decode_article(xdb.get_document(*p).get_data());
    EXPECT_EQ(a.title, "Kabine toplandı");
    EXPECT_EQ(a.place, "ANKARA");
    EXPECT_EQ(a.source, "AA");

    // Re-indexing the same inputs replaces, never duplicates.
    auto again = index({"--db", db, dir.file("girdi")});
    EXPECT_EQ(again.exit_code, 1) << again.err;
    EXPECT_EQ(doc_count(db), n);
    EXPECT_TRUE(contains(again.err, "(0 new, " + std::to_string(n) + " replaced)")) << again.err;
}

TEST(indexer_cli, GoodInputExitsZeroAndDuplicatesInOneBatchReplace) {
    TempDir dir;
    write_file(dir.file("a.jsonl"), jl("x1", "Birinci", "İlk sürüm.") + jl("x2", "İkinci", "Metin.") +
                                        jl("x1", "Birinci", "Düzeltilmiş sürüm."));
    for (const char* every : {"1", "2"}) {  // duplicates across and within commits
        TempDir other;
        auto r = index({"--db", other.file("db"), "--commit-every", every, dir.file("a.jsonl")});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(doc_count(other.file("db")), 2u) << every;
    }
    auto r = index({"--db", dir.file("db"), dir.file("a.jsonl")});  // all in one commit
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(doc_count(dir.file("db")), 2u);
    EXPECT_TRUE(contains(r.err, "indexed 3 articles (2 new, 1 replaced) from 1 file,")) << r.err;
    EXPECT_TRUE(contains(r.err, "; 0 skipped")) << r.err;
    Xapian::Database xdb(dir.file("db"));
    auto p = xdb.postlist_begin(haber::schema::id_term("x1"));
    auto a = haber::schema::decode_article(xdb.get_document(*p).get_data());
    EXPECT_EQ(a.body, "Düzeltilmiş sürüm.");
    EXPECT_EQ(xdb.get_metadata(haber::schema::kMetaSchemaVersion), haber::schema::kSchemaVersion);
    EXPECT_FALSE(xdb.get_metadata(haber::schema::kMetaStemmer).empty());
}

TEST(indexer_cli, StdinJsonlTextAndGzip) {
    TempDir dir;
    const std::string db = dir.file("db");
    auto r = index({"--db", db, "-"}, jl("s1", "Stdin haberi", "Standart girdiden okundu.") +
                                          jl("s2", "İkinci", "Yine stdin."));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has_id(db, "s1"));
    EXPECT_TRUE(has_id(db, "s2"));

    auto t = index({"--db", db, "-"}, "\xEF\xBB\xBFKONYA (AA) – Mevlana Müzesi ziyaretçi rekoru kırdı.\n");
    EXPECT_EQ(t.exit_code, 0) << t.err;
    EXPECT_TRUE(has_id(db, "stdin"));

    auto z = index({"--db", db, "-"}, gzip_bytes(jl("z1", "Sıkıştırılmış", "Gzip stdin.")));
    EXPECT_EQ(z.exit_code, 0) << z.err;
    EXPECT_TRUE(has_id(db, "z1"));

    auto bad = index({"--db", db, "-"}, jl("s3", "Tamam", "İyi.") + "{bozuk\n");
    EXPECT_EQ(bad.exit_code, 1) << bad.err;
    EXPECT_TRUE(contains(bad.err, "<stdin>:2: error: malformed JSON")) << bad.err;
    EXPECT_TRUE(has_id(db, "s3"));
    EXPECT_EQ(doc_count(db), 5u);
}

// haber-index - on a pipe indexes each JSON line when it arrives: with an
// existing database committing every article, the article is searchable
// while the pipe is still open (it used to wait for 8 KB, then 256 KB, of
// input, or the end of it).
TEST(indexer_cli, StdinPipeIndexesLinesAsTheyArrive) {
    TempDir dir;
    const std::string db = dir.file("db");
    ASSERT_EQ(index({"--db", db, "-"}, jl("p0", "Hazırlık", "Veritabanı önceden kuruldu.")).exit_code, 0);
    struct Case {
        std::string id, line;
    };
    const Case cases[] = {
        {"p1", "\n" + jl("p1", "Kabine toplandı", "ANKARA (AA) – Kabine, Külliye'de toplandı.")},
        {"p2", jl("p2", "İzmir'de deniz suyu ısındı", "Körfez'de sıcaklık arttı.")},
        {"p3", jl("p3", "Borsa güne yükselişle başladı", "BIST 100 endeksi yüzde 1 değer kazandı.")},
    };
    int in = -1;
    pid_t pid = haber::test::start_command({HABER_INDEX_BIN, "--db", db, "--commit-every", "1", "-"},
                                           {{"HOME", dir.path()}, {"HABER_DB", ""}}, &in);
    ASSERT_GT(pid, 0);
    for (const auto& c : cases) {
        SCOPED_TRACE(c.id);
        ASSERT_EQ(write(in, c.line.data(), c.line.size()), static_cast<ssize_t>(c.line.size()));
        bool seen = false;
        for (int tries = 0; tries < 400 && !seen; ++tries) {  // up to 20 s
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            seen = has_id(db, c.id);
        }
        EXPECT_TRUE(seen) << "not indexed while the pipe is open";
    }
    close(in);
    EXPECT_EQ(haber::test::wait_command(pid), 0);
    EXPECT_EQ(doc_count(db), 4u);
}

TEST(indexer_cli, FieldMappingOption) {
    TempDir dir;
    write_file(dir.file("d.jsonl"), "{\"no\": 5, \"baslik\": \"Hasat\", \"icerik\": {\"metin\": \"Pamuk hasadı.\"}}\n");
    auto r = index({"--db", dir.file("db"), "--field", "id=no", "--field", "title=baslik",
                    "--field", "body=icerik.metin", dir.file("d.jsonl")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has_id(dir.file("db"), "5"));
    auto bad = index({"--db", dir.file("db"), "--field", "baslik=title", dir.file("d.jsonl")});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_TRUE(contains(bad.err, "unknown field 'baslik'")) << bad.err;
}

TEST(indexer_cli, UnwritableDatabaseLocationIsFatal) {
    TempDir dir;
    write_file(dir.file("dosya"), "not a directory");
    write_file(dir.file("a.jsonl"), jl("u1", "Başlık", "Gövde."));
    auto r = index({"--db", dir.file("dosya/alt/db"), dir.file("a.jsonl")});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(contains(r.err, "haber-index: error: cannot create the directory of database " +
                                    dir.file("dosya/alt/db")))
        << r.err;
}

TEST(indexer_cli, LockedDatabaseIsFatal) {
    TempDir dir;
    write_file(dir.file("a.jsonl"), jl("l1", "Kilit", "Veritabanı kilitli."));
    Xapian::WritableDatabase holder(dir.file("db"), Xapian::DB_CREATE_OR_OPEN);
    auto r = index({"--db", dir.file("db"), dir.file("a.jsonl")});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(contains(r.err, "is locked: another haber-index is writing to it")) << r.err;
}

TEST(indexer_cli, StemmerOnlyForNewDatabases) {
    TempDir dir;
    write_file(dir.file("a.jsonl"), jl("k1", "Kök", "Köklerin bulunması."));
    auto r = index({"--db", dir.file("db"), "--stemmer", "snowball", dir.file("a.jsonl")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(Xapian::Database(dir.file("db")).get_metadata(haber::schema::kMetaStemmer), "snowball");
    auto other = index({"--db", dir.file("db"), "--stemmer", "prefix5", dir.file("a.jsonl")});
    EXPECT_EQ(other.exit_code, 2);
    EXPECT_TRUE(contains(other.err, "was built with 'snowball'")) << other.err;
    auto same = index({"--db", dir.file("db"), dir.file("a.jsonl")});  // keeps the recorded one
    EXPECT_EQ(same.exit_code, 0) << same.err;
    auto unknown = index({"--db", dir.file("db2"), "--stemmer", "porter", dir.file("a.jsonl")});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_TRUE(contains(unknown.err, "unknown stemmer 'porter'")) << unknown.err;
}

TEST(indexer_cli, UsageErrorsVersionAndHelp) {
    EXPECT_EQ(index({"--no-such-option"}).exit_code, 2);
    EXPECT_EQ(index({"--format", "rss"}).exit_code, 2);
    EXPECT_EQ(index({"--commit-every", "0"}).exit_code, 2);
    EXPECT_EQ(index({"--max-article-size", "lots"}).exit_code, 2);
    auto v = index({"--version"});
    EXPECT_EQ(v.exit_code, 0);
    EXPECT_TRUE(contains(v.out, "haber-index ")) << v.out;
    auto h = index({"--help"});
    EXPECT_EQ(h.exit_code, 0);
    EXPECT_TRUE(contains(h.out, "Examples:")) << h.out;
    // The convention shared with haber-search (README "Exit status and messages").
    EXPECT_TRUE(contains(h.out, "Usage: haber-index")) << h.out;
    for (const char* shown_default : {"=16M", "=256M", "=2000", "=auto"})
        EXPECT_TRUE(contains(h.out, shown_default)) << shown_default << "\n" << h.out;
    EXPECT_TRUE(contains(h.out, "2 usage or data error")) << h.out;
    struct Case {
        std::vector<std::string> args;
        const char* message;
    };
    const Case usage[] = {
        {{"--no-such-option"}, "haber-index: error: The following argument was not expected: --no-such-option"},
        {{"--format", "rss"}, "haber-index: error: --format: rss not in {auto,text,jsonl,xml}"},
        {{"--max-article-size", "lots"}, "haber-index: error: --max-article-size: expected a positive size"},
        {{"--memory", "0"}, "haber-index: error: --memory: expected a positive size"},
        {{"--delete", "x", "--", "a.jsonl"}, "haber-index: error: --delete takes article ids"},
    };
    for (const auto& c : usage) {
        auto r = index(c.args);
        EXPECT_EQ(r.exit_code, 2) << c.message;
        EXPECT_TRUE(contains(r.err, c.message)) << r.err;
    }
}

TEST(indexer_cli, QuietPrintsErrorsOnly) {
    TempDir dir;
    write_file(dir.file("bos.txt"), "");
    write_file(dir.file("a.jsonl"), jl("q1", "Sessiz", "Çıktı yok."));
    auto r = index({"--db", dir.file("db"), "--quiet", dir.file("bos.txt"), dir.file("a.jsonl")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(has_id(dir.file("db"), "q1"));
}

TEST(indexer_cli, NoArgumentsIndexesTheBundledCorpus) {
    TempDir dir;
    const std::string db = dir.file("veri/haber.db");
    auto r = index({}, {}, {{"HABER_DB", db}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(doc_count(db), 205u);
    EXPECT_TRUE(has_id(db, "corpus/aa-sample/taskent-ozbekistan-kazakistan-muttefiklik.txt"));
    EXPECT_TRUE(contains(r.err, "indexed 205 articles (205 new, 0 replaced) from 5 files")) << r.err;
    EXPECT_TRUE(contains(r.err, "database: " + db)) << r.err;
}

TEST(indexer_cli, DeleteByIdCommitsAndReportsMissingIds) {
    TempDir dir;
    std::string db = dir.file("db");
    write_file(dir.file("in.jsonl"),
               jl("seçim-1", "Seçim takvimi açıklandı", "YSK seçim takvimini duyurdu.") +
                   jl("deprem-1", "Malatya'da deprem", "AFAD depremin büyüklüğünü açıkladı.") +
                   jl("borsa-1", "Borsa yükseldi", "BIST 100 endeksi günü yükselişle kapattı."));
    ASSERT_EQ(index({"--db", db, "-j1", dir.file("in.jsonl")}).exit_code, 0);
    ASSERT_EQ(doc_count(db), 3u);

    struct Case {
        std::vector<std::string> ids;
        int exit_code;
        std::vector<std::string> missing;
        Xapian::doccount left;
    } cases[] = {
        {{"deprem-1"}, 0, {}, 2},
        {{"seçim-1", "yok-1", "deprem-1"}, 1, {"yok-1", "deprem-1"}, 1},  // deprem-1 is already gone
        {{"borsa-1"}, 0, {}, 0},
    };
    for (const auto& c : cases) {
        std::vector<std::string> args{"--db", db, "--delete"};
        args.insert(args.end(), c.ids.begin(), c.ids.end());
        auto r = index(args);
        EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
        for (const auto& id : c.missing)
            EXPECT_TRUE(contains(r.err, "no article with id '" + id + "'")) << r.err;
        if (c.missing.empty()) {
            EXPECT_FALSE(contains(r.err, "no article with id")) << r.err;
        }
        EXPECT_EQ(doc_count(db), c.left);  // committed: a fresh reader sees it
        for (const auto& id : c.ids) EXPECT_FALSE(has_id(db, id)) << id;
    }
}

TEST(indexer_cli, DeleteNeedsAnExistingDatabaseAndNoPaths) {
    TempDir dir;
    auto r = index({"--db", dir.file("nowhere"), "--delete", "x"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.err, "no database at")) << r.err;
    EXPECT_FALSE(fs::exists(dir.file("nowhere"))) << "--delete must not create a database";
    r = index({"--db", dir.file("db"), dir.file("in.jsonl"), "--delete", "x"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.err, "--delete takes article ids")) << r.err;
}
