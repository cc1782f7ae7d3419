#include "line_editor.h"

#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <readline/history.h>
#include <readline/readline.h>

#include "paths.h"

namespace haber::cli {

namespace {

volatile sig_atomic_t g_interrupted = 0;
volatile sig_atomic_t g_resized = 0;
bool g_resize_seen = false;

void on_sigint(int) { g_interrupted = 1; }
void on_sigwinch(int) { g_resized = 1; }

// What readline's line handler received for the current read().
struct Pending {
    bool done = false;
    bool eof = false;
    std::string line;
} g_pending;

void on_line(char* raw) {
    // Removed here, before readline would draw the next prompt itself.
    rl_callback_handler_remove();
    g_pending.done = true;
    if (!raw) {
        g_pending.eof = true;
        return;
    }
    g_pending.line = raw;
    std::free(raw);
}

bool utf8_codeset() {
    const char* cs = nl_langinfo(CODESET);
    return cs && (std::strcmp(cs, "UTF-8") == 0 || std::strcmp(cs, "utf8") == 0);
}

std::string trim(const std::string& s) {
    std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// Signal handlers installed while the editor lives; the previous ones back after.
struct SavedHandlers {
    struct sigaction intr {}, winch {};
};
SavedHandlers g_saved;

}  // namespace

bool use_utf8_ctype() {
    if (std::setlocale(LC_CTYPE, "") && utf8_codeset()) return true;
    for (const char* name : {"C.UTF-8", "C.utf8", "en_US.UTF-8"}) {
        if (!std::setlocale(LC_CTYPE, name) || !utf8_codeset()) continue;
        // readline sets LC_CTYPE again from the environment each time a
        // prompt starts (LC_ALL, else LC_CTYPE, else LANG): say it there.
        const char* all = std::getenv("LC_ALL");
        setenv(all && *all ? "LC_ALL" : "LC_CTYPE", name, 1);
        return true;
    }
    return false;
}

std::string history_path() {
    std::string dir = data_dir();
    return (std::filesystem::path(dir.empty() ? "." : dir) / "history").string();
}

LineEditor::LineEditor() : tty_(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
    if (!tty_) return;
    history_ = history_path();
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(history_).parent_path(), ec);
    bool utf8 = use_utf8_ctype();
    // The signals are ours: readline would otherwise re-raise SIGINT after
    // cleaning up, which ends the program.
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_readline_name = "haber";
    rl_initialize();
    if (!utf8) {
        // No UTF-8 locale at all: at least keep bytes >= 0x80 as text
        // instead of Meta keys.
        rl_variable_bind("input-meta", "on");
        rl_variable_bind("output-meta", "on");
        rl_variable_bind("convert-meta", "off");
    }
    using_history();
    read_history(history_.c_str());
    struct sigaction sa {};
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: poll() returns EINTR and the loop sees the flag
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, &g_saved.intr);
    sa.sa_handler = on_sigwinch;
    sigaction(SIGWINCH, &sa, &g_saved.winch);
}

LineEditor::~LineEditor() {
    if (!tty_) return;
    sigaction(SIGINT, &g_saved.intr, nullptr);
    sigaction(SIGWINCH, &g_saved.winch, nullptr);
    if (!history_.empty()) history_truncate_file(history_.c_str(), 2000);
}

bool LineEditor::take_resize() {
    if (g_resized) {
        g_resized = 0;
        if (tty_) rl_resize_terminal();
        g_resize_seen = true;
    }
    bool seen = g_resize_seen;
    g_resize_seen = false;
    return seen;
}

void LineEditor::remember(const std::string& line) {
    std::string t = trim(line);
    if (t.empty()) return;
    HIST_ENTRY* last = history_length > 0 ? history_get(history_base + history_length - 1) : nullptr;
    if (last && t == last->line) return;
    add_history(t.c_str());
    if (FILE* f = std::fopen(history_.c_str(), "a")) std::fclose(f);
    append_history(1, history_.c_str());
}

LineInput LineEditor::read(const char* prompt) {
    LineInput in;
    if (!tty_) {
        std::string line;
        if (!std::getline(std::cin, line)) return in;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::cout << prompt << line << "\n";  // a readable transcript
        in.kind = LineInput::Line;
        in.text = std::move(line);
        return in;
    }
    std::cout << std::flush;
    g_interrupted = 0;  // a Ctrl-C while a search ran is not one at this prompt
    g_pending = {};
    rl_callback_handler_install(prompt, on_line);
    while (!g_pending.done) {
        if (g_resized) {
            g_resized = 0;
            g_resize_seen = true;
            rl_resize_terminal();
        }
        if (g_interrupted) {
            g_interrupted = 0;
            in.kind = LineInput::Interrupted;
            in.was_empty = rl_end == 0;
            rl_free_line_state();
            rl_callback_sigcleanup();
            rl_replace_line("", 0);
            rl_callback_handler_remove();
            std::fputs("^C\n", stdout);
            std::fflush(stdout);
            return in;
        }
        pollfd p{STDIN_FILENO, POLLIN, 0};
        int n = poll(&p, 1, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (p.revents & (POLLIN | POLLHUP)) rl_callback_read_char();
        if ((p.revents & (POLLHUP | POLLERR | POLLNVAL)) && !(p.revents & POLLIN)) break;
    }
    if (!g_pending.done) rl_callback_handler_remove();  // the input ended (hang-up)
    if (!g_pending.done || g_pending.eof) {
        std::cout << "\n";
        return in;
    }
    in.kind = LineInput::Line;
    in.text = g_pending.line;
    remember(in.text);
    return in;
}

}  // namespace haber::cli
