#include "paths.h"

#include <cstdlib>
#include <filesystem>

#ifndef HABER_SOURCE_DIR
#define HABER_SOURCE_DIR "."
#endif

namespace haber {

std::string data_dir() {
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) base = std::filesystem::path(home) / ".local" / "share";
    else return {};
    return (base / "haber").string();
}

std::string default_db_path() {
    if (const char* env = std::getenv("HABER_DB"); env && *env) return env;
    std::string dir = data_dir();
    if (dir.empty()) return "haber.db";
    return (std::filesystem::path(dir) / "haber.db").string();
}

std::string resolve_db_path(const std::string& cli_value) {
    return cli_value.empty() ? default_db_path() : cli_value;
}

std::string bundled_corpus_path() {
    if (const char* env = std::getenv("HABER_CORPUS"); env && *env) return env;
    std::filesystem::path built_in = std::filesystem::path(HABER_SOURCE_DIR) / "corpus";
    if (std::filesystem::is_directory(built_in)) return built_in.string();
    return "corpus";
}

}  // namespace haber
