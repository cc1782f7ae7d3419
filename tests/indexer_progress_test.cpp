// haber-index's progress line and summary for input from a pipe: bytes are
// counted (the line said "0.0 MB" for stdin), counts take the singular for
// one, and the ETA of a new database names the merge that follows reading.
// The progress line is drawn only on a terminal: haber-index runs under a
// pseudo-terminal, reading a pipe from cat.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "support/pty.h"
#include "support/run_command.h"

namespace {

using haber::test::run_command;

std::string corpus_jsonl() { return std::string(HABER_SOURCE_DIR) + "/corpus/tr-financial-200.jsonl"; }

std::map<std::string, std::string> env(const haber::test::TempDir& dir) {
    return {{"HOME", dir.path()}, {"XDG_DATA_HOME", dir.file("xdg")}, {"HABER_DB", ""}};
}

// The summary line, for files and for stdin: megabytes read, and "1 file",
// "1 article" in the singular.
TEST(indexer_progress, SummaryCountsStdinBytesAndSpeaksSingular) {
    haber::test::TempDir dir;
    std::string all = haber::test::read_file(corpus_jsonl());
    std::string one = all.substr(0, all.find('\n') + 1);
    struct Case {
        std::vector<std::string> args;
        std::string stdin_data;
        const char* summary;  // a regex the summary must match
    };
    const Case cases[] = {
        {{"-"}, all, "indexed 200 articles \\(200 new, 0 replaced\\) from 1 file, 0\\.5 MB in "},
        {{corpus_jsonl()}, "", "indexed 200 articles \\(200 new, 0 replaced\\) from 1 file, 0\\.5 MB in "},
        {{"-"}, one, "indexed 1 article \\(1 new, 0 replaced\\) from 1 file, 0\\.0 MB in "},
    };
    int n = 0;
    for (const auto& c : cases) {
        std::vector<std::string> argv{HABER_INDEX_BIN, "--db", dir.file("db" + std::to_string(n++))};
        argv.insert(argv.end(), c.args.begin(), c.args.end());
        SCOPED_TRACE(c.summary);
        auto r = run_command(argv, c.stdin_data, env(dir));
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_TRUE(std::regex_search(r.err, std::regex(c.summary))) << r.err;
    }
    auto r = run_command({HABER_INDEX_BIN, "--db", dir.file("db2"), "-"}, one, env(dir));
    EXPECT_NE(r.err.find("(1 article)"), std::string::npos) << r.err;  // replaced in a 1-article database
}

TEST(indexer_progress, StdinProgressShowsMegabytesAndTheMergeToCome) {
    haber::test::TempDir dir;
    // Slow enough for the progress line (drawn every 0.1 s) to show: the file
    // five times over.
    std::string cmd = "for i in 1 2 3 4 5; do cat " + corpus_jsonl() + "; done | " + HABER_INDEX_BIN + " --db " +
                      dir.file("db") + " -j 2 -";
    haber::test::Pty pty({"/bin/sh", "-c", cmd}, env(dir), 24, 200);
    ASSERT_TRUE(pty.started());
    ASSERT_EQ(pty.wait_exit(60000), 0) << pty.output();
    std::string out = pty.output();
    // A frame of the progress line: "N.N MB  K articles ... then merging 2 shards".
    std::smatch m;
    ASSERT_TRUE(std::regex_search(out, m, std::regex("([0-9]+\\.[0-9]) MB  [0-9]+ articles? "))) << out;
    std::regex nonzero("([1-9][0-9]*\\.[0-9]|0\\.[1-9]) MB  [0-9]+ articles");
    EXPECT_TRUE(std::regex_search(out, nonzero)) << out;
    EXPECT_NE(out.find("then merging 2 shards"), std::string::npos) << out;
    EXPECT_NE(out.find("from 1 file, 2.6 MB"), std::string::npos) << out;
}

}  // namespace
