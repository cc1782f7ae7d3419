// What a run leaves behind when it cannot finish (issue 10), and what it
// says when it cannot write. A new database is built aside and moved into
// place complete: a killed or failed run, or one that indexed nothing,
// leaves no database (an empty one answered every search with 0 hits, exit
// 0). A read-only database is not "locked by another haber-index", a full
// disk says so.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "analysis/analyzer.h"
#include "index/bulk_loader.h"
#include "index/index_writer.h"
#include "ingest/reader.h"
#include "support/run_command.h"

namespace fs = std::filesystem;
using haber::test::run_command;
using haber::test::shell_quote;
using haber::test::TempDir;

namespace {

std::map<std::string, std::string> env(const TempDir& dir) {
    return {{"HOME", dir.path()}, {"XDG_DATA_HOME", dir.file("xdg")}, {"HABER_DB", ""}};
}

// The bundled corpus (real Turkish wire and financial stories) `copies`
// times over, under new ids: enough text to keep haber-index busy.
std::string write_corpus(const TempDir& dir, int copies) {
    static const std::vector<haber::Article> corpus = haber::ingest::read_all({std::string(HABER_SOURCE_DIR) + "/corpus"});
    const std::string path = dir.file("arsiv.jsonl");
    std::ofstream out(path, std::ios::binary);
    for (int c = 0; c < copies; ++c)
        for (const auto& a : corpus)
            out << nlohmann::json{{"id", a.id + "#" + std::to_string(c)}, {"title", a.title}, {"lead", a.lead},
                                  {"body", a.body}, {"date", a.date}, {"source", a.source}}
                       .dump()
                << "\n";
    return path;
}

bool search_finds_no_database(const TempDir& dir, const std::string& db) {
    auto r = run_command({HABER_SEARCH_BIN, "--db", db, "merkez"}, {}, env(dir));
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;  // a data error
    return r.exit_code == 2 && r.err.find("no haber database at " + db) != std::string::npos;
}

// Starts haber-index, SIGKILLs it once it is writing, and waits for it.
void kill_while_indexing(const TempDir& dir, const std::vector<std::string>& args) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        for (const auto& [k, v] : env(dir)) setenv(k.c_str(), v.c_str(), 1);
        std::vector<char*> argv{const_cast<char*>(HABER_INDEX_BIN)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    // Until its shards hold something (at most 20 s), then a little more.
    const fs::path shards = dir.file(".db.shards");
    for (int i = 0; i < 2000; ++i) {
        std::error_code ec;
        bool writing = false;
        for (fs::recursive_directory_iterator it(shards, ec), end; !ec && it != end; it.increment(ec))
            if (it->is_regular_file(ec) && it->path().filename() == "iamglass") writing = true;
        if (writing) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "haber-index ended before it was killed; give it more to do";
}

class new_database_killed : public ::testing::TestWithParam<const char*> {};

TEST_P(new_database_killed, LeavesNoDatabaseAndTheNextRunStartsOver) {
    TempDir dir;
    const std::string db = dir.file("db"), input = write_corpus(dir, 40);  // 8,200 articles
    kill_while_indexing(dir, {"--db", db, "-j", GetParam(), "--quiet", input});
    EXPECT_FALSE(fs::exists(db)) << "a killed run left " << db;
    EXPECT_TRUE(search_finds_no_database(dir, db));

    auto r = run_command({HABER_INDEX_BIN, "--db", db, "-j", GetParam(), std::string(HABER_SOURCE_DIR) + "/corpus"},
                         {}, env(dir));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("(205 articles"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.file(".db.shards")));
    r = run_command({HABER_SEARCH_BIN, "--db", db, "--count", "Özbekistan"}, {}, env(dir));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out, "0\n");
}

INSTANTIATE_TEST_SUITE_P(jobs, new_database_killed, ::testing::Values("1", "2"));

// A killed update of an existing database keeps its last commit (README).
TEST(new_database, KilledUpdateKeepsTheExistingDatabase) {
    TempDir dir;
    const std::string db = dir.file("db");
    auto r = run_command({HABER_INDEX_BIN, "--db", db, std::string(HABER_SOURCE_DIR) + "/corpus"}, {}, env(dir));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string input = write_corpus(dir, 15);
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        execl(HABER_INDEX_BIN, HABER_INDEX_BIN, "--db", db.c_str(), "--commit-every", "500", input.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    r = run_command({HABER_SEARCH_BIN, "--db", db, "--count", "Özbekistan"}, {}, env(dir));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out, "0\n");
}

TEST(new_database, NothingIndexedMakesNoDatabase) {
    TempDir dir;
    const std::string db = dir.file("db");
    haber::test::write_file(dir.file("bozuk.jsonl"), "{\"id\": \"a\", \"body\": \"Merkez Bankası\"\n{\"id\": \"b\"}\n");
    for (const char* jobs : {"1", "2"}) {
        auto r = run_command({HABER_INDEX_BIN, "--db", db, "-j", jobs, dir.file("bozuk.jsonl"), dir.file("yok.jsonl")},
                             {}, env(dir));
        EXPECT_EQ(r.exit_code, 1) << r.err;
        EXPECT_NE(r.err.find("no database created at " + db + ": nothing was indexed"), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(db));
        EXPECT_FALSE(fs::exists(dir.file(".db.shards")));
        EXPECT_TRUE(search_finds_no_database(dir, db));
    }
}

// A database held by another writer: refused, and nothing left behind.
TEST(new_database, LockedEmptyDatabaseLeavesNoWorkDirectory) {
    TempDir dir;
    haber::test::write_file(dir.file("a.jsonl"), R"({"id": "l1", "body": "Merkez Bankası faizi sabit tuttu."})" "\n");
    Xapian::WritableDatabase holder(dir.file("db"), Xapian::DB_CREATE_OR_OPEN);
    auto r = run_command({HABER_INDEX_BIN, "--db", dir.file("db"), dir.file("a.jsonl")}, {}, env(dir));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("is locked: another haber-index is writing to it"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.file(".db.shards")));
}

TEST(new_database, OneBuildOfADatabaseAtATime) {
    TempDir dir;
    haber::analysis::Analyzer analyzer;
    haber::index::BulkLoader first(dir.file("db"), analyzer, {1, std::size_t{16} << 20});
    try {
        haber::index::BulkLoader second(dir.file("db"), analyzer, {1, std::size_t{16} << 20});
        FAIL() << "two builds of one database";
    } catch (const haber::index::IndexError& e) {
        EXPECT_NE(std::string(e.what()).find("is being built by another haber-index"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(dir.file("db")));  // not until the end
    haber::Article a;
    a.id = "bir";
    a.body = "Merkez Bankası politika faizini sabit tuttu.";
    first.add(std::move(a));
    auto r = first.finish();
    EXPECT_TRUE(r.created);
    EXPECT_EQ(r.doc_count, 1u);
    EXPECT_TRUE(fs::exists(dir.file("db")));
    EXPECT_FALSE(fs::exists(dir.file(".db.shards")));
}

// A build killed after moving the database into place, before removing its
// work directory, left it for ever (the crash test found one in ~45 kills):
// the next run, an update, removes it, unless a build holds it.
TEST(new_database, AnUpdateRemovesTheWorkDirectoryOfAKilledBuild) {
    TempDir dir;
    const std::string db = dir.file("db"), aa = std::string(HABER_SOURCE_DIR) + "/corpus/aa-sample";
    ASSERT_EQ(run_command({HABER_INDEX_BIN, "--quiet", "--db", db, aa}, {}, env(dir)).exit_code, 0);
    haber::test::write_file(dir.file(".db.shards/0/iamglass"), "left by a killed build");
    auto r = run_command({HABER_INDEX_BIN, "--quiet", "--db", db, aa}, {}, env(dir));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(fs::exists(dir.file(".db.shards")));

    // Held by a build (of the same path, after the database is gone): kept.
    haber::test::write_file(dir.file(".db2.shards/0/iamglass"), "a build at work");
    int held = open(dir.file(".db2.shards").c_str(), O_RDONLY | O_DIRECTORY);
    ASSERT_GE(held, 0);
    ASSERT_EQ(flock(held, LOCK_EX | LOCK_NB), 0);
    haber::index::BulkLoader::remove_abandoned_work_dir(dir.file("db2"));
    EXPECT_TRUE(fs::exists(dir.file(".db2.shards/0/iamglass")));
    close(held);
    haber::index::BulkLoader::remove_abandoned_work_dir(dir.file("db2"));
    EXPECT_FALSE(fs::exists(dir.file(".db2.shards")));
}

// --- a small file system of its own: full disk, read-only -------------------------

// Runs `script` (sh) in a private mount namespace with a 400 KiB tmpfs at
// $T; nullopt if this machine does not allow it (not root, no unshare).
std::optional<haber::test::CommandResult> in_small_fs(const TempDir& dir, const std::string& script) {
    if (geteuid() != 0 || !fs::exists("/usr/bin/unshare")) return std::nullopt;
    const std::string mnt = dir.file("mnt");
    fs::create_directories(mnt);
    auto probe = run_command({"/usr/bin/unshare", "--mount", "sh", "-c",
                              "mount -t tmpfs -o size=400k tmpfs " + shell_quote(mnt)});
    if (probe.exit_code != 0) return std::nullopt;
    return run_command({"/usr/bin/unshare", "--mount", "sh", "-c",
                        "mount -t tmpfs -o size=400k tmpfs \"$T\" && " + script},
                       {}, {{"T", mnt}, {"I", HABER_INDEX_BIN}, {"HOME", dir.path()}, {"HABER_DB", ""}});
}

TEST(new_database, FullDiskSaysSoAndLeavesNothing) {
    TempDir dir;
    const std::string input = write_corpus(dir, 3);  // 2 MB of text into 400 KiB
    for (const char* jobs : {"1", "2"}) {
        auto r = in_small_fs(dir, "\"$I\" --db \"$T/db\" -j " + std::string(jobs) + " " + shell_quote(input) +
                                      "; echo \"exit $?\"; ls -A \"$T\"");
        if (!r) GTEST_SKIP() << "needs root and unshare(1) for a private tmpfs";
        EXPECT_NE(r->out.find("exit 2\n"), std::string::npos) << r->out << r->err;
        EXPECT_NE(r->err.find("No space left on device"), std::string::npos) << r->err;
        EXPECT_EQ(r->out.find("db"), std::string::npos) << "left behind: " << r->out;
    }
    // Updating an existing database: its last commit stays.
    auto r = in_small_fs(dir, "\"$I\" --quiet --db \"$T/db\" " + shell_quote(std::string(HABER_SOURCE_DIR) +
                                                                        "/corpus/aa-sample") +
                                  " && \"$I\" --db \"$T/db\" " + shell_quote(input) + "; echo \"exit $?\"");
    ASSERT_TRUE(r);
    EXPECT_NE(r->out.find("exit 2\n"), std::string::npos) << r->out << r->err;
    EXPECT_NE(r->err.find("No space left on device"), std::string::npos) << r->err;
}

TEST(new_database, ReadOnlyDatabaseIsNotCalledLocked) {
    TempDir dir;
    const std::string aa = shell_quote(std::string(HABER_SOURCE_DIR) + "/corpus/aa-sample");
    auto r = in_small_fs(dir, "\"$I\" --quiet --db \"$T/db\" " + aa + " && mount -o remount,ro \"$T\" && \"$I\" --db \"$T/db\" " +
                                  aa + "; echo \"exit $?\"");
    if (!r) GTEST_SKIP() << "needs root and unshare(1) for a private tmpfs";
    EXPECT_NE(r->out.find("exit 2\n"), std::string::npos) << r->out << r->err;
    EXPECT_EQ(r->err.find("locked"), std::string::npos) << r->err;
    EXPECT_NE(r->err.find("cannot write to database"), std::string::npos) << r->err;
    EXPECT_NE(r->err.find("Read-only file system"), std::string::npos) << r->err;

    // A database of another user: as root, haber-index runs as nobody.
    const std::string db = dir.file("db");
    ASSERT_EQ(run_command({HABER_INDEX_BIN, "--quiet", "--db", db, std::string(HABER_SOURCE_DIR) + "/corpus/aa-sample"},
                          {}, env(dir)).exit_code, 0);
    fs::permissions(dir.path(), fs::perms::others_read | fs::perms::others_exec, fs::perm_options::add);
    std::vector<std::string> argv{HABER_INDEX_BIN, "--db", db, std::string(HABER_SOURCE_DIR) + "/corpus/aa-sample"};
    if (geteuid() == 0) {
        if (!fs::exists("/usr/bin/setpriv")) GTEST_SKIP() << "needs setpriv(1) to drop root";
        argv.insert(argv.begin(), {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
    } else {
        fs::permissions(db, fs::perms::owner_write, fs::perm_options::remove);
    }
    r = run_command(argv, {}, {{"HOME", dir.path()}, {"HABER_DB", ""}});
    EXPECT_EQ(r->exit_code, 2) << r->err;
    EXPECT_EQ(r->err.find("locked"), std::string::npos) << r->err;
    EXPECT_NE(r->err.find("cannot write to database " + db + ": Permission denied"), std::string::npos) << r->err;
}

}  // namespace
