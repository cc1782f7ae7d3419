// Searching while a writer commits (issue 10, item 7 and Done-when 4): a
// writer process, forked from this test and writing with haber-index's
// IndexWriter as haber-index updates a database, makes 500 commits of 10
// articles (7 new, 3 re-issued: same id, new title), while this process
// searches the database through a Searcher kept open and through freshly
// opened ones, as haber-search does, and runs haber-search itself. The
// writer waits for each commit to become visible and for 20 more searches
// before it writes the next 10 articles, so searches interleave with every
// commit. (The writer calls IndexWriter directly; haber-index reading a
// pipe, which indexes each line as it arrives, could serve too with
// --commit-every 10.)
//
// Every search must succeed (a reader between two revisions reopens and
// retries; nothing is reported), and nothing may go missing: the count of
// articles a search sees never falls, the articles written before it never
// disappear (re-issued ones included, while they are being replaced), every
// commit becomes visible, and at the end the database holds exactly what
// was written, each article as last written.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "article.h"
#include "index/index_writer.h"
#include "index/schema.h"
#include "search/searcher.h"
#include "support/run_command.h"
#include "support/synthetic.h"

namespace {

using haber::Article;
using haber::search::SearchOptions;
using haber::search::Searcher;
using haber::test::TempDir;
using Clock = std::chrono::steady_clock;

constexpr int kBase = 300;            // articles in the database before the feed
// Commits the feed makes: 500, or HABER_CONCURRENCY_COMMITS (the sanitizer
// build sets 100: ASan makes every search several times slower).
const int kCommits = [] {
    const char* v = std::getenv("HABER_CONCURRENCY_COMMITS");
    return v && std::atoi(v) > 0 ? std::atoi(v) : 500;
}();
constexpr int kPerCommit = 10;        // articles a commit (--commit-every)
constexpr int kNewPerCommit = 7;      // the other 3 re-issue an existing article
constexpr int kSearchesPerCommit = 20;
const int kMinSearches = kCommits * kSearchesPerCommit;  // 10,000

// Queries of several kinds: words, a phrase, OR, NOT, a prefix, a field.
const std::vector<std::string> kQueries = {
    "ajans", "merkez bankası", "\"faiz kararını\"", "dolar OR euro", "borsa -deprem",
    "title:haberi", "ban*", "enflasyon beklentisi", "ihracat rekor", "Türkiye'nin ekonomi"};

std::string new_id(int n) { return "canli-" + std::to_string(n); }

// The articles of commit c (1-based): 7 new, then 3 base articles re-issued.
std::vector<Article> commit_batch(int c) {
    std::vector<Article> batch;
    std::mt19937 rng(static_cast<unsigned>(c));
    for (int k = 0; k < kPerCommit; ++k) {
        if (k < kNewPerCommit) {
            int n = (c - 1) * kNewPerCommit + k;
            batch.push_back(haber::test::synthetic_article(new_id(n), n));
        } else {
            int old = static_cast<int>(rng() % kBase);
            batch.push_back(haber::test::synthetic_article("temel-" + std::to_string(old), 100000 + old, c));
        }
    }
    return batch;
}

// The writer process: for each byte read from `go`, the next commit's
// articles are written and committed (one IndexWriter, commit_every 10, as
// haber-index updates a database); it ends at end of input. Exit status 0,
// or 3 with the error on stderr.
[[noreturn]] void writer_process(const std::string& db, int go) {
    int status = 0;
    try {
        haber::analysis::Analyzer analyzer;
        haber::index::IndexWriter w(db, analyzer, haber::index::IndexWriterOptions{kPerCommit});
        char byte;
        for (int c = 1; read(go, &byte, 1) == 1; ++c) {
            for (const Article& a : commit_batch(c)) w.add(a);  // the 10th add commits
            if (w.pending() != 0) throw std::runtime_error("commit " + std::to_string(c) + " was not made");
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "writer: %s\n", e.what());
        status = 3;
    }
    _exit(status);
}

TEST(concurrency, SearchesWhileHaberIndexCommitsEveryTenArticles) {
    signal(SIGPIPE, SIG_IGN);  // haber-index dying must fail the test, not kill it
    TempDir dir;
    const std::string db = dir.file("db");
    const std::map<std::string, std::string> env{{"HOME", dir.path()}, {"HABER_DB", ""}};

    // The database before the feed, written by haber-index.
    std::map<std::string, std::string> expected;  // id → title as last sent
    {
        std::string lines;
        for (int i = 0; i < kBase; ++i) {
            Article a = haber::test::synthetic_article("temel-" + std::to_string(i), 100000 + i);
            expected[a.id] = a.title;
            lines += haber::test::jsonl_line(a);
        }
        auto r = haber::test::run_command({HABER_INDEX_BIN, "--db", db, "--quiet", "-"}, lines, env);
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const Xapian::rev first_revision = Xapian::Database(db).get_revision();

    // The writer, forked before this process starts any thread.
    int go_pipe[2];
    ASSERT_EQ(pipe2(go_pipe, O_CLOEXEC), 0);
    pid_t writer = fork();
    ASSERT_GE(writer, 0);
    if (writer == 0) {
        close(go_pipe[1]);
        writer_process(db, go_pipe[0]);
    }
    close(go_pipe[0]);
    const int feed = go_pipe[1];

    std::atomic<bool> done{false};
    std::atomic<long> searches{0};
    std::atomic<std::size_t> visible{kBase};  // the most articles a search has seen
    std::mutex failures_mutex;
    std::map<std::string, int> failures;  // what went wrong, how often
    auto failed = [&](const std::string& what) {
        std::lock_guard<std::mutex> lock(failures_mutex);
        ++failures[what];
    };

    // The searcher: a Searcher kept open, and every 7th round a fresh one.
    std::thread searcher([&] {
        std::mt19937 rng(12345);
        std::unique_ptr<Searcher> kept;
        std::size_t last_count = kBase;
        long round = 0;
        while (!done) {
            try {
                if (!kept) kept = std::make_unique<Searcher>(db);
                std::unique_ptr<Searcher> fresh;
                if (round % 7 == 6) fresh = std::make_unique<Searcher>(db);
                Searcher& s = fresh ? *fresh : *kept;
                SearchOptions o;
                o.limit = 10;
                o.exact_count_up_to = 1000000;
                if (round % 7 == 0) o.facets = 5;
                const std::string& q = kQueries[round % kQueries.size()];
                auto r = s.search(q, o);
                ++searches;
                if (q == "ajans") {  // every article has it: the count of articles seen
                    if (r.total < last_count)
                        failed("the article count fell from " + std::to_string(last_count) + " to " +
                               std::to_string(r.total));
                    last_count = std::max<std::size_t>(last_count, r.total);
                    if (r.total > visible) visible = r.total;
                }
                // Articles written before: a base one (possibly being re-issued
                // right now) and a new one this search's count says is committed.
                const std::string base_id = "temel-" + std::to_string(rng() % kBase);
                if (!s.article(base_id)) failed("article " + base_id + " missing");
                const std::size_t seen_new = last_count - kBase;
                if (seen_new > 0) {
                    const std::string id = new_id(static_cast<int>(rng() % seen_new));
                    if (!s.article(id)) failed("article " + id + " missing after it was seen committed");
                }
            } catch (const std::exception& e) {
                failed(e.what());
                kept.reset();
            }
            ++round;
        }
    });

    // haber-search as a program, meanwhile: exit 0 every time, counts never falling.
    std::atomic<int> cli_runs{0};
    std::thread cli([&] {
        long last = kBase;
        while (!done) {
            auto r = haber::test::run_command({HABER_SEARCH_BIN, "--db", db, "--count", "ajans"}, {}, env);
            ++cli_runs;
            if (r.exit_code != 0) {
                failed("haber-search exit " + std::to_string(r.exit_code) + ": " + r.err);
                continue;
            }
            long n = std::atol(r.out.c_str());
            if (n < last) failed("haber-search --count fell from " + std::to_string(last) + " to " + std::to_string(n));
            last = std::max(last, n);
        }
    });

    // The feed: the next commit, then wait for it to show and for 20 searches.
    bool fed = true;
    std::string stalled;
    for (int c = 1; c <= kCommits && fed; ++c) {
        for (const Article& a : commit_batch(c)) expected[a.id] = a.title;
        const long searches_before = searches;
        if (write(feed, "c", 1) != 1) { fed = false; break; }
        const std::size_t want = static_cast<std::size_t>(kBase + c * kNewPerCommit);
        const auto deadline = Clock::now() + std::chrono::seconds(60);
        while ((visible < want || searches < searches_before + kSearchesPerCommit) && Clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        if (visible < want) {
            stalled = "commit " + std::to_string(c) + " never became visible: " + std::to_string(visible) +
                      " articles seen, " + std::to_string(want) + " committed";
            break;
        }
    }
    const long searches_while_writing = searches;
    close(feed);
    const int writer_status = haber::test::wait_command(writer);
    done = true;
    searcher.join();
    cli.join();

    EXPECT_TRUE(fed) << "the writer stopped reading";
    EXPECT_TRUE(stalled.empty()) << stalled;
    EXPECT_EQ(writer_status, 0);
    std::string seen;
    for (const auto& [what, n] : failures) seen += std::to_string(n) + "x " + what + "\n";
    EXPECT_TRUE(failures.empty()) << seen;
    EXPECT_GE(searches_while_writing, kMinSearches);

    // Every commit made, and exactly what was sent is there.
    Xapian::Database x(db);
    EXPECT_GE(x.get_revision() - first_revision, static_cast<Xapian::rev>(kCommits));
    std::map<std::string, std::string> stored;
    std::size_t duplicates = 0;
    for (auto it = x.postlist_begin(""); it != x.postlist_end(""); ++it) {
        Article a = haber::schema::decode_article(x.get_document(*it).get_data());
        if (!stored.emplace(a.id, a.title).second) ++duplicates;
    }
    EXPECT_EQ(duplicates, 0u);
    EXPECT_EQ(stored.size(), expected.size());
    EXPECT_TRUE(stored == expected) << "the database is not what was sent";
    EXPECT_EQ(x.get_doccount(), static_cast<Xapian::doccount>(kBase + kCommits * kNewPerCommit));
    SearchOptions o;
    o.exact_count_up_to = 1000000;
    EXPECT_EQ(Searcher(db).search("ajans", o).total, x.get_doccount());
    std::cout << "[          ] " << searches_while_writing << " searches while writing, " << cli_runs << " haber-search runs, "
              << x.get_revision() - first_revision << " commits, " << x.get_doccount() << " articles\n";
}

}  // namespace
