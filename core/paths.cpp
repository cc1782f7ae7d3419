#include "paths.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

// Set by core/CMakeLists.txt for this file only: the source and build trees
// the program was built in, and the data directory `cmake --install` (or the
// .deb) puts the bundled corpus in, absolute and relative to the bin directory.
#ifndef HABER_SOURCE_DIR
#define HABER_SOURCE_DIR "."
#endif
#ifndef HABER_BINARY_DIR
#define HABER_BINARY_DIR ""
#endif
#ifndef HABER_INSTALL_DATADIR
#define HABER_INSTALL_DATADIR ""
#endif
#ifndef HABER_INSTALL_DATADIR_FROM_BINDIR
#define HABER_INSTALL_DATADIR_FROM_BINDIR ""
#endif

namespace haber {

namespace fs = std::filesystem;

namespace {

// The running program's own path (Linux), "" if unknown.
fs::path own_executable() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path{} : exe;
}

bool is_dir(const fs::path& p) {
    std::error_code ec;
    return !p.empty() && fs::is_directory(p, ec);
}

// True if `path` is `dir` or inside it (both made canonical).
bool is_within(const fs::path& path, const fs::path& dir) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(path, ec);
    if (ec) return false;
    fs::path d = fs::weakly_canonical(dir, ec);
    if (ec || d.empty()) return false;
    return std::mismatch(d.begin(), d.end(), p.begin(), p.end()).first == d.end();
}

}  // namespace

std::string data_dir() {
    fs::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) base = fs::path(home) / ".local" / "share";
    else return {};
    return (base / "haber").string();
}

std::string default_db_path() {
    if (const char* env = std::getenv("HABER_DB"); env && *env) return env;
    std::string dir = data_dir();
    if (dir.empty()) return "haber.db";
    return (fs::path(dir) / "haber.db").string();
}

std::string resolve_db_path(const std::string& cli_value) {
    return cli_value.empty() ? default_db_path() : cli_value;
}

std::string bundled_corpus_path() {
    if (const char* env = std::getenv("HABER_CORPUS"); env && *env) return env;
    const fs::path exe = own_executable();
    // A program in its build tree (build/haber-index): the source tree's corpus/.
    if (!exe.empty() && *HABER_BINARY_DIR && is_within(exe, HABER_BINARY_DIR)) {
        fs::path in_source = fs::path(HABER_SOURCE_DIR) / "corpus";
        if (is_dir(in_source)) return in_source.string();
    }
    // An installed program: DATADIR/haber/corpus next to its bin directory
    // (/usr/bin/../share/haber/corpus; a copied or DESTDIR-staged prefix
    // works too), else the install prefix's data directory.
    if (!exe.empty() && *HABER_INSTALL_DATADIR_FROM_BINDIR) {
        fs::path beside = exe.parent_path() / HABER_INSTALL_DATADIR_FROM_BINDIR / "corpus";
        if (is_dir(beside)) return beside.lexically_normal().string();
    }
    if (*HABER_INSTALL_DATADIR) {
        fs::path installed = fs::path(HABER_INSTALL_DATADIR) / "corpus";
        if (is_dir(installed)) return installed.string();
    }
    // Neither (a program copied out of its build tree, an install without
    // its data): corpus/ in the working directory, and haber-index says if
    // that is missing. Not the source tree: an installed program must not
    // quietly depend on the checkout it was built from.
    return "corpus";
}

}  // namespace haber
