// Test support: a program on a pseudo-terminal (forkpty) of a chosen size,
// keys typed into it one at a time, its output read back. Used by the tests
// of interactive mode and of haber-index's progress line.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace haber::test {

class Pty {
public:
    Pty(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env, unsigned short rows,
        unsigned short cols);
    ~Pty();
    Pty(const Pty&) = delete;
    Pty& operator=(const Pty&) = delete;
    bool started() const { return pid_ > 0; }
    // Types `keys` one byte at a time, as a person types.
    bool type(const std::string& keys);
    // Reads until `needle` has appeared `count` times in all output so far.
    bool wait_for(const std::string& needle, std::size_t count = 1, int timeout_ms = 20000);
    // Reads until `marker` has appeared `count` times and `prompt` follows
    // the last one (a prompt redrawn before it does not count).
    bool wait_for_after(const std::string& marker, std::size_t count, const std::string& prompt,
                        int timeout_ms = 20000);
    std::size_t occurrences(const std::string& needle) const;
    // Sets the window size; the kernel sends SIGWINCH.
    void resize(unsigned short rows, unsigned short cols);
    // Exit status (128+signal if killed); nullopt if still running after the timeout.
    std::optional<int> wait_exit(int timeout_ms = 10000);
    const std::string& output() const { return out_; }

private:
    bool read_some(int timeout_ms);
    int master_ = -1;
    pid_t pid_ = -1;
    std::optional<int> exit_code_;
    std::string out_;
};

// Terminal output without escape sequences and carriage returns.
std::string plain(const std::string& terminal_output);

}  // namespace haber::test
