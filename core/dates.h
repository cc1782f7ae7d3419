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

// "YYYY-MM-DD" for an ISO 8601 date or date-time in the extended form that
// iso() reads or in the basic form ("20221222", "20221222T103000+0300"),
// as IPTC's norm attributes write them; surrounding whitespace is ignored.
// The date as written (no time zone conversion); "" if not a valid date.
// (Only the IPTC reader takes the basic form: elsewhere 8 digits are not
// read as a date.)
std::string iso8601(std::string_view text);

// "YYYY-MM-DD" for a "YYYYMMDD" value; the input unchanged if it is not one.
std::string iso_from_value(std::string_view yyyymmdd);

// The year "YYYY" and the month "YYYY-MM" of a "YYYYMMDD" value (facets);
// "" if it is not one.
std::string year_of_value(std::string_view yyyymmdd);
std::string month_of_value(std::string_view yyyymmdd);

// Days since 1970-01-01 of a "YYYYMMDD" value; nullopt if not a valid date.
std::optional<long> day_number(std::string_view yyyymmdd);

// The "YYYYMMDD" value of a day number (the inverse of day_number); "" if
// its year is outside 1000-9999.
std::string value_of_day(long day);

}  // namespace haber::dates
