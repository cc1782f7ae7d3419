// core/dates: the one place dates are read and written. Real forms from the
// inputs haber reads: JSON Lines (tr-financial-200: "2025-09-16"), IPTC
// (NewsML-G2 "2023-08-21T09:30:00+03:00"), Turkish archives ("22.12.2022").
#include <gtest/gtest.h>

#include "article.h"
#include "dates.h"

namespace {

using namespace haber;

TEST(dates, ValueAndIso) {
    struct Case {
        const char* text;
        const char* value;  // "" : not a date
    };
    const Case cases[] = {
        {"2025-09-16", "20250916"},
        {"2023-08-21T09:30:00+03:00", "20230821"},
        {"2022-12-22 10:00", "20221222"},
        {"22.12.2022", "20221222"},
        {"29.02.2024", "20240229"},  // leap year
        {"29.02.2023", ""},
        {"2022-13-01", ""},
        {"2022-12-32", ""},
        {"0999-01-01", ""},
        {"2022-1-5", ""},
        {"20221222", ""},  // ISO basic form: the IPTC reader converts it first
        {"dün", ""},
        {"", ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        EXPECT_EQ(dates::value(c.text), c.value);
        std::string v = c.value;
        EXPECT_EQ(dates::iso(c.text), v.empty() ? "" : v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2));
    }
}

TEST(dates, DayNumbersForRecency) {
    EXPECT_EQ(dates::day_number("19700101"), 0);
    EXPECT_EQ(dates::day_number("19700102"), 1);
    EXPECT_EQ(*dates::day_number("20250916") - *dates::day_number("20240916"), 365);  // 2025 is not leap
    EXPECT_EQ(*dates::day_number("20240916") - *dates::day_number("20230916"), 366);  // 29.02.2024 between
    EXPECT_FALSE(dates::day_number("20230229"));
    EXPECT_FALSE(dates::day_number("2023-02-01"));
    EXPECT_EQ(dates::iso_from_value("20221222"), "2022-12-22");
    EXPECT_EQ(dates::iso_from_value("2022"), "2022");
}

// The article fields have one list: JSON names and members agree.
TEST(article_fields, OneListByName) {
    Article a;
    std::size_t n = 0;
    for (const auto& f : kArticleFields) {
        a.*f.member = std::string(f.name) + "!";
        EXPECT_EQ(article_member(f.name), f.member);
        ++n;
    }
    EXPECT_EQ(n, 10u);
    EXPECT_EQ(a.id, "id!");
    EXPECT_EQ(a.author, "author!");
    EXPECT_EQ(a.category, "category!");
    EXPECT_EQ(article_member("headline"), nullptr);
}

}  // namespace
