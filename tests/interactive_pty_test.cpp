// haber-search's interactive mode on a real terminal: the program runs under
// a pseudo-terminal (forkpty) of a chosen size and locale, keys are typed
// into it, and what a user would see is read back. Checks Ctrl-C (clears
// the line, twice on an empty line quits), Ctrl-D, pages that fit the
// window and follow a resize, and line editing of Turkish letters with
// LANG=C.UTF-8 and LANG=C. The archive is the bundled corpus, indexed by
// haber-index.
#include <gtest/gtest.h>

#include <unistd.h>

#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "support/pty.h"
#include "support/run_command.h"

namespace {

using haber::test::plain;
using haber::test::Pty;

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
            ASSERT_TRUE(pty->wait_for_after("matches, showing", 1, kPrompt)) << pty->output();
            std::string out = plain(pty->output());
            std::size_t shown = hits_on_last_page(out);
            EXPECT_GE(shown, 1u) << out;
            EXPECT_LE(lines_of_last_page(out), s.rows - 1u) << out;
            // Twice as high: the next page holds more hits (up to the 10 of -n).
            pty->resize(static_cast<unsigned short>(s.rows * 2), s.cols);
            usleep(100000);
            pty->type("n\r");
            ASSERT_TRUE(pty->wait_for_after("matches, showing", 2, kPrompt)) << pty->output();
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
