// The convention both programs follow (README "Exit status and messages"):
// exit statuses, and error lines "haber-search: error: …" on stderr.
#pragma once

#include <iostream>
#include <string_view>

namespace haber::exit_status {

inline constexpr int kOk = 0;           // found something; indexed everything
inline constexpr int kNothing = 1;      // haber-search: nothing found; haber-index: some input skipped
inline constexpr int kError = 2;        // usage or data error (bad option, query syntax, no database)
inline constexpr int kInterrupted = 130;  // Ctrl-C (128 + SIGINT), as shells report it

}  // namespace haber::exit_status

namespace haber {

// "PROGRAM: error: MESSAGE" on stderr.
inline void print_error(std::string_view program, std::string_view message) {
    std::cerr << program << ": error: " << message << "\n";
}
// "PROGRAM: MESSAGE" on stderr: a notice or warning, not a failure.
inline void print_notice(std::string_view program, std::string_view message) {
    std::cerr << program << ": " << message << "\n";
}

}  // namespace haber
