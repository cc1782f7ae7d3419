#include "support/run_command.h"

#include "analysis/analyzer.h"
#include "index/index_writer.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace haber::test {

namespace {

// argv and the environment with `extra_env` set, built before fork(): the
// child of a multi-threaded test may only call async-signal-safe functions
// (a setenv() there deadlocked under ASan, whose allocator lock another
// thread held at the fork).
struct ExecArgs {
    std::vector<std::string> env_strings;
    std::vector<char*> argv, envp;
    ExecArgs(const std::vector<std::string>& args, const std::map<std::string, std::string>& extra_env) {
        for (char** e = environ; *e; ++e) {
            std::string entry = *e;
            if (!extra_env.count(entry.substr(0, entry.find('=')))) env_strings.push_back(entry);
        }
        for (const auto& [k, v] : extra_env) env_strings.push_back(k + "=" + v);
        for (auto& e : env_strings) envp.push_back(e.data());
        envp.push_back(nullptr);
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
    }
};

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv, const std::string& stdin_data,
                          const std::map<std::string, std::string>& extra_env) {
    int in[2], out[2], err[2];
    ExecArgs exec(argv, extra_env);
    // Close-on-exec: a command started meanwhile by another thread must not
    // hold these pipes open.
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
        throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        execve(exec.argv[0], exec.argv.data(), exec.envp.data());
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    CommandResult result;
    std::size_t written = 0;
    if (stdin_data.empty()) { close(in[1]); in[1] = -1; }
    else fcntl(in[1], F_SETFL, O_NONBLOCK);
    bool out_open = true, err_open = true;
    char buf[65536];
    while (out_open || err_open) {
        pollfd fds[3];
        int n = 0;
        int out_i = -1, err_i = -1, in_i = -1;
        if (out_open) { fds[n] = {out[0], POLLIN, 0}; out_i = n++; }
        if (err_open) { fds[n] = {err[0], POLLIN, 0}; err_i = n++; }
        if (in[1] >= 0) { fds[n] = {in[1], POLLOUT, 0}; in_i = n++; }
        if (poll(fds, n, -1) < 0) { if (errno == EINTR) continue; break; }
        auto drain = [&](int idx, int fd, std::string& dst, bool& open) {
            if (idx < 0 || !(fds[idx].revents & (POLLIN | POLLHUP | POLLERR))) return;
            ssize_t r = read(fd, buf, sizeof buf);
            if (r > 0) dst.append(buf, static_cast<std::size_t>(r));
            else { open = false; }
        };
        drain(out_i, out[0], result.out, out_open);
        drain(err_i, err[0], result.err, err_open);
        if (in_i >= 0 && (fds[in_i].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = write(in[1], stdin_data.data() + written, stdin_data.size() - written);
            if (w > 0) written += static_cast<std::size_t>(w);
            if (w < 0 || written == stdin_data.size()) { close(in[1]); in[1] = -1; }
        }
    }
    if (in[1] >= 0) close(in[1]);
    close(out[0]);
    close(err[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

pid_t start_command(const std::vector<std::string>& argv, const std::map<std::string, std::string>& extra_env,
                    int* stdin_fd) {
    ExecArgs exec(argv, extra_env);
    int in[2] = {-1, -1};
    if (stdin_fd && pipe2(in, O_CLOEXEC)) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR | O_CLOEXEC);
        dup2(stdin_fd ? in[0] : null, 0);
        dup2(null, 1);
        dup2(null, 2);
        execve(exec.argv[0], exec.argv.data(), exec.envp.data());
        _exit(127);
    }
    if (stdin_fd) {
        close(in[0]);
        *stdin_fd = in[1];
    }
    return pid;
}

int wait_command(pid_t pid) {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TempDir::TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "haber-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

void write_file(const std::string& path, const std::string& content) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream f(path, std::ios::binary);
    f << content;
    if (!f) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string tool_path(const std::string& name) {
    return (std::filesystem::path(HABER_INDEX_BIN).parent_path() / name).string();
}

void build_index(const std::string& path, const std::vector<Article>& articles) {
    haber::analysis::Analyzer analyzer;
    haber::index::IndexWriter writer(path, analyzer);
    for (const Article& a : articles) writer.add(a);
    writer.commit();
}

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace haber::test
