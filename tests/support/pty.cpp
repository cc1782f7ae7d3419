#include "support/pty.h"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <regex>

namespace haber::test {

using Clock = std::chrono::steady_clock;

namespace {

int millis_left(Clock::time_point end) {
    return static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count());
}

}  // namespace

Pty::Pty(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env, unsigned short rows,
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

Pty::~Pty() {
    if (pid_ > 0 && !exit_code_) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) close(master_);
}

bool Pty::type(const std::string& keys) {
    for (char c : keys) {
        if (write(master_, &c, 1) != 1) return false;
        usleep(2000);
    }
    return true;
}

bool Pty::wait_for(const std::string& needle, std::size_t count, int timeout_ms) {
    auto end = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (occurrences(needle) < count) {
        int left = millis_left(end);
        if (left <= 0 || !read_some(left)) return false;
    }
    return true;
}

bool Pty::wait_for_after(const std::string& marker, std::size_t count, const std::string& prompt, int timeout_ms) {
    auto end = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
        if (occurrences(marker) >= count && out_.find(prompt, out_.rfind(marker)) != std::string::npos) return true;
        int left = millis_left(end);
        if (left <= 0 || !read_some(left)) return false;
    }
}

std::size_t Pty::occurrences(const std::string& needle) const {
    std::size_t n = 0;
    for (std::size_t p = out_.find(needle); p != std::string::npos; p = out_.find(needle, p + needle.size())) ++n;
    return n;
}

void Pty::resize(unsigned short rows, unsigned short cols) {
    winsize ws{};
    ws.ws_row = rows;
    ws.ws_col = cols;
    ioctl(master_, TIOCSWINSZ, &ws);
}

std::optional<int> Pty::wait_exit(int timeout_ms) {
    auto end = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (Clock::now() < end) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            while (read_some(50)) {
            }
            return exit_code_;
        }
        read_some(50);
    }
    return std::nullopt;
}

bool Pty::read_some(int timeout_ms) {
    pollfd p{master_, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return false;
    char buf[4096];
    ssize_t n = read(master_, buf, sizeof buf);
    if (n <= 0) return false;
    out_.append(buf, static_cast<std::size_t>(n));
    return true;
}

std::string plain(const std::string& s) {
    static const std::regex esc("\x1b\\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\r");
    return std::regex_replace(s, esc, "");
}

}  // namespace haber::test
