#include "machine_info.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <sstream>

namespace haber::bench {

std::string machine_description() {
    std::string cpu = "unknown CPU";
    std::ifstream info("/proc/cpuinfo");
    for (std::string line; std::getline(info, line);) {
        if (line.rfind("model name", 0) == 0) {
            cpu = line.substr(line.find(':') + 2);
            break;
        }
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    double gib = static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE)) /
                 (1024.0 * 1024.0 * 1024.0);
    utsname u{};
    uname(&u);
    std::ostringstream out;
    out.precision(1);
    out << std::fixed << cores << " cores (" << cpu << "), " << gib << " GiB RAM, " << u.sysname << " "
        << u.release;
    return out.str();
}

std::string now_utc() {
    std::time_t t = std::time(nullptr);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", std::gmtime(&t));
    return buf;
}

std::string command_line(int argc, char** argv) {
    std::string out;
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        bool plain = !a.empty() && a.find_first_of(" \t'\"$\\*?()&;|<>") == std::string::npos;
        if (i) out += ' ';
        if (plain) {
            out += a;
        } else {
            out += '\'';
            for (char c : a) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
            out += '\'';
        }
    }
    return out;
}

}  // namespace haber::bench
