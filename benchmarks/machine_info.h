// What a benchmark report says about where and how it was run: date, CPU,
// cores, memory, and the exact command line.
#pragma once

#include <string>

namespace haber::bench {

std::string machine_description();          // "2 cores (Intel ...), 23.5 GiB RAM, Linux 6.x"
std::string now_utc();                      // "2026-11-25 12:34 UTC"
std::string command_line(int argc, char** argv);  // shell-quoted

}  // namespace haber::bench
