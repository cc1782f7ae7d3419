// What haber-index says when it cannot write (issue 10): a read-only
// database is not "locked by another haber-index", a full disk says so.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

TEST(new_database, FullDiskSaysSo) {
    TempDir dir;
    const std::string input = write_corpus(dir, 3);  // 2 MB of text into 400 KiB
    // Updating an existing database: its last commit stays.
    auto r = in_small_fs(dir, "\"$I\" --quiet --db \"$T/db\" " + shell_quote(std::string(HABER_SOURCE_DIR) +
                                                                        "/corpus/aa-sample") +
                                  " && \"$I\" --db \"$T/db\" " + shell_quote(input) + "; echo \"exit $?\"");
    if (!r) GTEST_SKIP() << "needs root and unshare(1) for a private tmpfs";
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
