// Dates, in one place: how an article's date is read (ISO 8601 date or
// date-time, or Turkish DD.MM.YYYY), the index's sortable value "YYYYMMDD",
// the "YYYY-MM-DD" shown and stored, and day arithmetic for recency.
// (The query language's partial dates, date:2022-03, are in search/query.)
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace haber::dates {

// "YYYYMMDD" for "YYYY-MM-DD", that followed by a time ("T10:00:00Z",
// " 10:00"), or "DD.MM.YYYY"; "" if not a valid calendar date (years
// 1000-9999).
std::string value(std::string_view text);

// "YYYY-MM-DD" for the same forms; "" if not a valid date.
std::string iso(std::string_view text);

// "YYYY-MM-DD" for a "YYYYMMDD" value; the input unchanged if it is not one.
std::string iso_from_value(std::string_view yyyymmdd);

// Days since 1970-01-01 of a "YYYYMMDD" value; nullopt if not a valid date.
std::optional<long> day_number(std::string_view yyyymmdd);

}  // namespace haber::dates
