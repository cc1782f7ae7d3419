#include "dates.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace haber::dates {

namespace {

bool parse_int(std::string_view s, int& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

bool valid_ymd(int y, int m, int d) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29) return leap;
    return d <= days[m - 1];
}

std::string ymd_string(int y, int m, int d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
    return buf;
}

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

}  // namespace

std::string value(std::string_view date) {
    int y, m, d;
    // ISO: YYYY-MM-DD, optionally followed by a time ("T10:00:00Z", " 10:00").
    if (date.size() >= 10 && date[4] == '-' && date[7] == '-' &&
        (date.size() == 10 || date[10] == 'T' || date[10] == ' ')) {
        if (parse_int(date.substr(0, 4), y) && parse_int(date.substr(5, 2), m) && parse_int(date.substr(8, 2), d) &&
            valid_ymd(y, m, d))
            return ymd_string(y, m, d);
        return {};
    }
    // Turkish usage: DD.MM.YYYY
    if (date.size() == 10 && date[2] == '.' && date[5] == '.') {
        if (parse_int(date.substr(6, 4), y) && parse_int(date.substr(3, 2), m) && parse_int(date.substr(0, 2), d) &&
            valid_ymd(y, m, d))
            return ymd_string(y, m, d);
    }
    return {};
}

std::string iso(std::string_view text) {
    std::string v = value(text);
    return v.empty() ? v : iso_from_value(v);
}

std::string iso8601(std::string_view text) {
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    text = text.substr(first, text.find_last_not_of(" \t\r\n") + 1 - first);
    // Basic form: YYYYMMDD alone or before 'T'.
    if (text.size() >= 8 && all_digits(text.substr(0, 8)) && (text.size() == 8 || text[8] == 'T')) {
        std::string extended(text.substr(0, 4));
        extended.append("-").append(text.substr(4, 2)).append("-").append(text.substr(6, 2));
        return iso(extended);
    }
    return iso(text);
}

std::string year_of_value(std::string_view v) {
    if (v.size() != 8 || !all_digits(v)) return {};
    return std::string(v.substr(0, 4));
}

std::string month_of_value(std::string_view v) {
    if (v.size() != 8 || !all_digits(v)) return {};
    return std::string(v.substr(0, 4)) + "-" + std::string(v.substr(4, 2));
}

std::string iso_from_value(std::string_view v) {
    if (v.size() != 8 || !all_digits(v)) return std::string(v);
    std::string out(v.substr(0, 4));
    out.append("-").append(v.substr(4, 2)).append("-").append(v.substr(6, 2));
    return out;
}

std::optional<long> day_number(std::string_view v) {
    if (v.size() != 8 || !all_digits(v)) return std::nullopt;
    int y = 0, m = 0, d = 0;
    parse_int(v.substr(0, 4), y);
    parse_int(v.substr(4, 2), m);
    parse_int(v.substr(6, 2), d);
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                    std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return static_cast<long>(std::chrono::sys_days(ymd).time_since_epoch().count());
}

std::string value_of_day(long day) {
    std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
    int y = static_cast<int>(ymd.year());
    if (y < 1000 || y > 9999) return {};
    return ymd_string(y, static_cast<int>(static_cast<unsigned>(ymd.month())),
                      static_cast<int>(static_cast<unsigned>(ymd.day())));
}

}  // namespace haber::dates
