// haber-search's interactive mode on a real terminal: the program runs under
// a pseudo-terminal (forkpty) of a chosen size and locale, keys are typed
// into it, and what a user would see is read back. Checks Ctrl-C (clears
// the line, twice on an empty line quits), Ctrl-D, pages that fit the
// window and follow a resize, and line editing of Turkish letters with
// LANG=C.UTF-8 and LANG=C. The archive is the bundled corpus, indexed by
// haber-index.
#include <gtest/gtest.h>

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "support/run_command.h"

namespace {

using Clock = std::chrono::steady_clock;

// One program on a pseudo-terminal.
class Pty {
public:
    Pty(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env, unsigned short rows,
        unsigned short cols) {
        winsize ws{};
        ws.ws_row = rows;
        ws.ws_col = cols;
        pid_ = forkpty(&master_, nullptr, nullptr, &ws);
        if (pid_ == 0) {
            for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
            std::vector<char*> args;
            for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            execv(args[0], args.data());
            _exit(127);
        }
    }
    ~Pty() {
        if (pid_ > 0 && !exit_code_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (master_ >= 0) close(master_);
    }
    bool started() const { return pid_ > 0; }
    void type(const std::string& keys) {
        // One key at a time, as a person types: readline sees each separately.
        for (char c : keys) {
            ASSERT_EQ(write(master_, &c, 1), 1);
            usleep(2000);
        }
    }
    // Reads until `needle` has appeared `count` times in all output so far.
    bool wait_for(const std::string& needle, std::size_t count = 1, int timeout_ms = 20000) {
        auto end = Clock::now() + std::chrono::milliseconds(timeout_ms);
        while (occurrences(needle) < count) {
            int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count());
            if (left <= 0 || !read_some(left)) return false;
        }
        return true;
    }
    std::size_t occurrences(const std::string& needle) const {
        std::size_t n = 0;
        for (std::size_t p = out_.find(needle); p != std::string::npos; p = out_.find(needle, p + needle.size())) ++n;
        return n;
    }
    void resize(unsigned short rows, unsigned short cols) {
        winsize ws{};
        ws.ws_row = rows;
        ws.ws_col = cols;
        ioctl(master_, TIOCSWINSZ, &ws);  // the kernel sends SIGWINCH
    }
    // Exit status (128+signal if killed), nullopt if still running after the timeout.
    std::optional<int> wait_exit(int timeout_ms = 10000) {
        auto end = Clock::now() + std::chrono::milliseconds(timeout_ms);
        while (Clock::now() < end) {
            int status = 0;
            pid_t r = waitpid(pid_, &status, WNOHANG);
            if (r == pid_) {
                exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                return exit_code_;
            }
            read_some(50);
        }
        return std::nullopt;
    }
    const std::string& output() const { return out_; }
    // Reads until `marker` has appeared `count` times and a prompt follows
    // the last one (a redrawn prompt before it does not count).
    bool wait_for_prompt_after(const std::string& marker, std::size_t count, int timeout_ms = 20000) {
        auto end = Clock::now() + std::chrono::milliseconds(timeout_ms);
        while (true) {
            if (occurrences(marker) >= count && out_.find("haber> ", out_.rfind(marker)) != std::string::npos)
                return true;
            int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count());
            if (left <= 0 || !read_some(left)) return false;
        }
    }

private:
    bool read_some(int timeout_ms) {
        pollfd p{master_, POLLIN, 0};
        if (poll(&p, 1, timeout_ms) <= 0) return false;
        char buf[4096];
        ssize_t n = read(master_, buf, sizeof buf);
        if (n <= 0) return false;
        out_.append(buf, static_cast<std::size_t>(n));
        return true;
    }
    int master_ = -1;
    pid_t pid_ = -1;
    std::optional<int> exit_code_;
    std::string out_;
};

// Terminal output without escape sequences and carriage returns.
std::string plain(const std::string& s) {
    static const std::regex esc("\x1b\\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\r");
    return std::regex_replace(s, esc, "");
}

constexpr const char* kPrompt = "haber> ";
constexpr const char* kCtrlC = "\x03";
constexpr const char* kCtrlD = "\x04";

class interactive_pty : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new haber::test::TempDir();
        auto r = haber::test::run_command({HABER_INDEX_BIN, "--quiet", "--db", dir_->file("db"),
                                           std::string(HABER_SOURCE_DIR) + "/corpus"},
                                          {}, {{"HOME", dir_->path()}, {"XDG_DATA_HOME", dir_->file("xdg")}});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    static void TearDownTestSuite() { delete dir_; dir_ = nullptr; }

    static std::unique_ptr<Pty> start(const std::string& lang, unsigned short rows = 24, unsigned short cols = 80) {
        std::map<std::string, std::string> env{{"HOME", dir_->path()},
                                               {"XDG_DATA_HOME", dir_->file("xdg")},
                                               {"INPUTRC", "/dev/null"},
                                               {"TERM", "xterm"},
                                               {"NO_COLOR", "1"},
                                               {"PAGER", "cat"},
                                               {"LANG", lang},
                                               {"LC_ALL", lang}};
        auto pty = std::make_unique<Pty>(std::vector<std::string>{HABER_SEARCH_BIN, "--db", dir_->file("db")}, env,
                                         rows, cols);
        EXPECT_TRUE(pty->started());
        EXPECT_TRUE(pty->wait_for(kPrompt)) << pty->output();
        return pty;
    }
    static haber::test::TempDir* dir_;
};
haber::test::TempDir* interactive_pty::dir_ = nullptr;

const char* const kLocales[] = {"C.UTF-8", "C"};

// Ctrl-C drops what was typed and gives a new prompt; the next query is
// searched alone. Ctrl-C twice on an empty line quits, as does Ctrl-D.
TEST_F(interactive_pty, CtrlCClearsTheLineAndTwiceQuits) {
    for (const char* lang : kLocales) {
        SCOPED_TRACE(lang);
        auto pty = start(lang);
        pty->type("enerji piyasa");
        pty->type(kCtrlC);
        ASSERT_TRUE(pty->wait_for(kPrompt, 2)) << pty->output();
        EXPECT_FALSE(pty->wait_exit(300)) << "Ctrl-C on a typed line must not quit";
        pty->type("ozbekistan\r");
        ASSERT_TRUE(pty->wait_for(kPrompt, 3)) << pty->output();
        std::string out = plain(pty->output());
        EXPECT_NE(out.find("Özbekistan"), std::string::npos) << out;  // "enerji piyasaozbekistan" finds nothing
        pty->type(kCtrlC);
        ASSERT_TRUE(pty->wait_for("Ctrl-C again", 1)) << pty->output();
        EXPECT_FALSE(pty->wait_exit(300)) << "one Ctrl-C on an empty line must not quit";
        pty->type(kCtrlC);
        EXPECT_EQ(pty->wait_exit(), 0) << pty->output();
    }
}

TEST_F(interactive_pty, CtrlDOnAnEmptyLineQuits) {
    for (const char* lang : kLocales) {
        SCOPED_TRACE(lang);
        auto pty = start(lang);
        pty->type("abc");
        pty->type(kCtrlC);  // a Ctrl-C in between does not count towards quitting
        ASSERT_TRUE(pty->wait_for(kPrompt, 2));
        pty->type(kCtrlD);
        EXPECT_EQ(pty->wait_exit(), 0) << pty->output();
    }
}

// Typed Turkish letters are one character each for line editing: with
// LANG=C a byte-wise readline turned them into Meta keys or left half a
// letter behind after Backspace.
TEST_F(interactive_pty, TurkishLettersEditAsOneCharacterEach) {
    struct Case {
        const char* keys;        // typed before Enter
        const char* must_find;   // in the results
    };
    const Case cases[] = {
        {"xış\x7f\x7f\x7fözbekistan\r", "Özbekistan"},
        {"ÖZBEKİSTAX\x7fN\r", "Özbekistan"},
    };
    for (const char* lang : kLocales) {
        for (const auto& c : cases) {
            SCOPED_TRACE(std::string(lang) + " " + c.keys);
            auto pty = start(lang);
            pty->type(c.keys);
            ASSERT_TRUE(pty->wait_for(kPrompt, 2)) << pty->output();
            std::string out = plain(pty->output());
            EXPECT_NE(out.find(c.must_find), std::string::npos) << out;
            EXPECT_EQ(out.find("no matches"), std::string::npos) << out;
            pty->type("q\r");
            EXPECT_EQ(pty->wait_exit(), 0);
        }
    }
}

// Cursor movement over Turkish letters: Ctrl-B steps one letter back, so
// "taşknt", two steps back, "e" inserted, reads "taşkent".
TEST_F(interactive_pty, CursorMovesOverTurkishLetters) {
    for (const char* lang : kLocales) {
        SCOPED_TRACE(lang);
        auto pty = start(lang);
        pty->type("taşknt\x02\x02");  // cursor before "nt"
        pty->type("e\r");             // "taşkent"
        ASSERT_TRUE(pty->wait_for(kPrompt, 2)) << pty->output();
        std::string out = plain(pty->output());
        EXPECT_NE(out.find("1 match,"), std::string::npos) << out;
        EXPECT_NE(out.find("TAŞKENT \u00b7 AA"), std::string::npos) << out;
        pty->type(kCtrlD);
        EXPECT_EQ(pty->wait_exit(), 0);
    }
}

// "showing A–B" of the last results header: the number of hits on the page.
std::size_t hits_on_last_page(const std::string& out) {
    static const std::regex header("showing ([0-9]+)\u2013([0-9]+)");
    std::size_t n = 0;
    for (std::sregex_iterator it(out.begin(), out.end(), header), end; it != end; ++it)
        n = std::stoul((*it)[2]) - std::stoul((*it)[1]) + 1;
    return n;
}

// Lines written between the last two prompts (the page), the prompt's own line
// not counted.
std::size_t lines_of_last_page(const std::string& out) {
    std::size_t last = out.rfind(kPrompt);
    std::size_t before = out.rfind(kPrompt, last - 1);
    std::size_t n = 0;
    for (std::size_t i = before; i < last; ++i) n += out[i] == '\n';
    return n;  // with the typed query line: it stays in view above the page, the prompt below
}

// A page of results and the next prompt fit the window; a larger window
// after a resize (SIGWINCH) gets a longer page.
TEST_F(interactive_pty, PagesFitTheWindowAndFollowResizes) {
    struct Size { unsigned short rows, cols; };
    const Size sizes[] = {{24, 80}, {12, 60}, {40, 100}};
    for (const char* lang : kLocales) {
        for (Size s : sizes) {
            SCOPED_TRACE(std::string(lang) + " " + std::to_string(s.rows) + "x" + std::to_string(s.cols));
            auto pty = start(lang, s.rows, s.cols);
            pty->type("piyasa\r");
            ASSERT_TRUE(pty->wait_for_prompt_after("matches, showing", 1)) << pty->output();
            std::string out = plain(pty->output());
            std::size_t shown = hits_on_last_page(out);
            EXPECT_GE(shown, 1u) << out;
            EXPECT_LE(lines_of_last_page(out), s.rows - 1u) << out;
            // Twice as high: the next page holds more hits (up to the 10 of -n).
            pty->resize(static_cast<unsigned short>(s.rows * 2), s.cols);
            usleep(100000);
            pty->type("n\r");
            ASSERT_TRUE(pty->wait_for_prompt_after("matches, showing", 2)) << pty->output();
            out = plain(pty->output());
            std::size_t more = hits_on_last_page(out);
            EXPECT_LE(lines_of_last_page(out), s.rows * 2u - 1u) << out;
            if (shown < 10) {
                EXPECT_GT(more, shown) << out;
            }
            pty->type("q\r");
            EXPECT_EQ(pty->wait_exit(), 0);
        }
    }
}

}  // namespace
