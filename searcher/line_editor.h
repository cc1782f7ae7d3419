// The prompt of haber-search's interactive mode. On a terminal: GNU
// readline in its callback mode, with history, and the signals a shell
// handles the way a shell does: Ctrl-C drops the typed line and gives a new
// prompt (the caller decides whether a second one on an empty line quits),
// a window resize (SIGWINCH) is passed to readline and reported to the
// caller. Line editing works on UTF-8 characters whatever LANG says (LANG=C
// included). Off a terminal: plain lines from stdin, echoed after the prompt
// so that a piped session reads as a transcript.
#pragma once

#include <string>

namespace haber::cli {

struct LineInput {
    enum Kind { Line, Interrupted, End } kind = End;
    std::string text;          // Line: what was typed
    bool was_empty = true;     // Interrupted: nothing had been typed on the line
};

class LineEditor {
public:
    LineEditor();
    ~LineEditor();
    LineEditor(const LineEditor&) = delete;
    LineEditor& operator=(const LineEditor&) = delete;

    LineInput read(const char* prompt);
    bool tty() const { return tty_; }
    // The window changed size since the last call (SIGWINCH).
    bool take_resize();

private:
    void remember(const std::string& line);
    bool tty_;
    std::string history_;
};

// ~/.local/share/haber/history (or $XDG_DATA_HOME/haber/history).
std::string history_path();

// Makes LC_CTYPE a UTF-8 locale (the environment's if it is one, else
// C.UTF-8): haber reads and writes UTF-8 whatever the locale, and readline
// edits multibyte characters only under a multibyte LC_CTYPE. Returns false
// if no UTF-8 locale exists.
bool use_utf8_ctype();

}  // namespace haber::cli
