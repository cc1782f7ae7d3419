// Test support: runs a program (no shell), feeds stdin, captures stdout,
// stderr and exit status. Used by the CLI tests of haber-index and haber-search.
#pragma once

#include <sys/types.h>

#include <map>
#include "article.h"
#include <string>
#include <vector>

namespace haber::test {

struct CommandResult {
    int exit_code = -1;   // exit status, or 128+signal if killed
    std::string out;
    std::string err;
};

CommandResult run_command(const std::vector<std::string>& argv,
                          const std::string& stdin_data = {},
                          const std::map<std::string, std::string>& extra_env = {});

// Starts a program (no shell) without waiting for it: stdout and stderr go
// to /dev/null; if stdin_fd is given, *stdin_fd is the write end of a pipe
// to its stdin, else stdin is /dev/null. wait_command reaps it: its exit
// status, or 128+signal if killed.
pid_t start_command(const std::vector<std::string>& argv, const std::map<std::string, std::string>& extra_env = {},
                    int* stdin_fd = nullptr);
int wait_command(pid_t pid);

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }
private:
    std::string path_;
};

void write_file(const std::string& path, const std::string& content);
std::string read_file(const std::string& path);  // whole file, binary; empty if unreadable

// A program of the build next to haber-index (haber-bench, haber-query-set, ...).
std::string tool_path(const std::string& name);

// A haber database at `path` holding `articles`, written by the library's
// IndexWriter with the default analyzer (as haber-index would).
void build_index(const std::string& path, const std::vector<Article>& articles);

// s quoted for /bin/sh.
std::string shell_quote(const std::string& s);

}  // namespace haber::test
