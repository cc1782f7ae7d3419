// An archive split into shards — local ones and one served by xapian-tcpsrv
// (Xapian's remote backend) — listed in a Xapian stub database file,
// searched as one: the same ranked ids and scores as one database holding
// everything.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "analysis/analyzer.h"
#include "index/index_writer.h"
#include "ingest/reader.h"
#include "search/searcher.h"
#include "support/run_command.h"

namespace {

using haber::Article;

const char* kTcpSrv = "/usr/bin/xapian-tcpsrv";

int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

bool port_open(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    return ok;
}

// xapian-tcpsrv serving one database on 127.0.0.1 for the test's lifetime.
class TcpServer {
public:
    TcpServer(const std::string& db, int port) : port_(port) {
        pid_t test = getpid();
        pid_ = fork();
        if (pid_ == 0) {
            // Its own process group: xapian-tcpsrv signals its whole group
            // when it stops, which must not reach the test.
            setpgid(0, 0);
            // Stopped with the test even when it dies without running the
            // destructor (a crash, a sanitizer report): no orphaned server.
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (getppid() != test) _exit(0);
            // The readiness probe's closed connections make it complain.
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 1);
            dup2(null, 2);
            std::string p = std::to_string(port);
            execl(kTcpSrv, kTcpSrv, "--quiet", "--interface", "127.0.0.1", "--port", p.c_str(), db.c_str(),
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        for (int i = 0; i < 100 && !port_open(port); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ~TcpServer() {
        if (pid_ > 0) {
            kill(-pid_, SIGTERM);
            waitpid(pid_, nullptr, 0);
        }
    }
    bool up() const { return port_open(port_); }
private:
    pid_t pid_ = -1;
    int port_;
};

struct Ranked {
    std::string id;
    double score;
    bool operator<(const Ranked& o) const { return score != o.score ? score > o.score : id < o.id; }
};

std::vector<Ranked> ranked(const std::string& db, const std::string& query, std::vector<std::string> options = {}) {
    // Every match (the corpus has 205 articles): no tie cut at the end.
    std::vector<std::string> argv{HABER_SEARCH_BIN, "--db", db, "--json", "--limit", "1000"};
    argv.insert(argv.end(), options.begin(), options.end());
    argv.push_back(query);
    auto r = haber::test::run_command(argv);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<Ranked> out;
    if (r.exit_code != 0) return out;
    // Parsed into a variable: a range-for over parse(...)["hits"] iterates a
    // member of a temporary that is already destroyed (heap-use-after-free).
    const nlohmann::json j = nlohmann::json::parse(r.out);
    for (const auto& h : j["hits"]) out.push_back({h["id"], h["score"]});
    // Equal scores may come in another order (docids differ between shards).
    std::sort(out.begin(), out.end());
    return out;
}

TEST(shard_remote, StubOfLocalAndRemoteShardsRanksLikeOneDatabase) {
    if (!std::filesystem::exists(kTcpSrv)) GTEST_SKIP() << "xapian-tcpsrv (Debian xapian-tools) not installed";
    std::vector<Article> all = haber::ingest::read_all({std::string(HABER_SOURCE_DIR) + "/corpus"});
    ASSERT_EQ(all.size(), 205u);

    haber::test::TempDir dir;
    haber::test::build_index(dir.file("all.db"), all);
    // Shards by year, as an archive would be split: up to 2019, 2020-2022,
    // and 2023 on (plus the undated wire story) served remotely.
    std::vector<Article> early, middle, late;
    for (const Article& a : all) {
        std::string y = a.date.substr(0, 4);
        (y.empty() || y >= "2023" ? late : y >= "2020" ? middle : early).push_back(a);
    }
    ASSERT_FALSE(early.empty());
    ASSERT_FALSE(middle.empty());
    ASSERT_FALSE(late.empty());
    haber::test::build_index(dir.file("shards/early.db"), early);
    haber::test::build_index(dir.file("shards/middle.db"), middle);
    haber::test::build_index(dir.file("shards/late.db"), late);

    int port = free_port();
    TcpServer server(dir.file("shards/late.db"), port);
    ASSERT_TRUE(server.up()) << "xapian-tcpsrv did not start on port " << port;
    // Paths in a stub are relative to the stub file.
    haber::test::write_file(dir.file("archive.stub"), "auto shards/early.db\nauto shards/middle.db\nremote 127.0.0.1:" +
                                                          std::to_string(port) + "\n");

    // Same scores, query by query. (Until the heap-use-after-free in
    // ranked() was fixed, both lists held whatever freed memory did.)
    for (const char* query : {"Özbekistan", "ozbekistan", "merkez bankası", "\"merkez bankası\"", "enflasyon date:2022..",
                              "title:altın", "source:aa"}) {
        auto one = ranked(dir.file("all.db"), query, {"--no-synonyms"});
        auto stub = ranked(dir.file("archive.stub"), query, {"--no-synonyms"});
        ASSERT_EQ(one.size(), stub.size()) << query;
        ASSERT_FALSE(one.empty()) << query;
        for (std::size_t i = 0; i < one.size(); ++i) {
            EXPECT_EQ(one[i].id, stub[i].id) << query << " rank " << i + 1;
            EXPECT_NEAR(one[i].score, stub[i].score, 1e-9) << query << " rank " << i + 1;
        }
    }
    // Known limitation: a keyword of 4-5 letters is widened to its
    // inflections by a wildcard (faiz -> faizi, faizin ...; also TCMB, the
    // synonym of "merkez bankası"), and Xapian 1.4 expands a wildcard and
    // weighs its synonym shard by shard: the same articles match, ranked
    // with other scores (README, "An archive in shards"). Checked here:
    // the same matches.
    for (const char* query : {"merkez bankası faiz", "\"merkez bankası\"", "dolar OR euro", "borsa -dolar"}) {
        auto ids = [&](const std::string& db) {
            auto r = ranked(db, query, {"--all-versions"});
            std::vector<std::string> out;
            for (const auto& h : r) out.push_back(h.id);
            std::sort(out.begin(), out.end());
            return out;
        };
        auto one = ids(dir.file("all.db"));
        EXPECT_FALSE(one.empty()) << query;
        EXPECT_EQ(one, ids(dir.file("archive.stub"))) << query;
    }
    for (const char* query : {"Özbekistan", "ozbekistan", "merkez bankası faiz", "\"merkez bankası\"", "dolar OR euro",
                              "borsa -dolar", "enflasyon date:2022..", "title:altın", "source:aa"}) {
        // The same through several --db options, without a stub.
        auto r = haber::test::run_command({HABER_SEARCH_BIN, "--db", dir.file("shards/early.db"), "--db",
                                           dir.file("shards/middle.db"), "--db", dir.file("shards/late.db"),
                                           "--count", query});
        auto c = haber::test::run_command({HABER_SEARCH_BIN, "--db", dir.file("all.db"), "--count", query});
        EXPECT_EQ(r.out, c.out) << query << r.err;
    }
}

}  // namespace
