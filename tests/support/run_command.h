// Test support: runs a program (no shell), feeds stdin, captures stdout,
// stderr and exit status. Used by the CLI tests of haber-index and haber-search.
#pragma once

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
