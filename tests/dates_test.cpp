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
        {"20221222", ""},  // ISO basic form: only iso8601() (the IPTC reader) takes it
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

// IPTC norm attributes and NewsML-G2 dates: ISO 8601 basic or extended.
TEST(dates, Iso8601BasicAndExtended) {
    struct Case {
        const char* text;
        const char* iso;  // "" : not a date
    };
    const Case cases[] = {
        {"20221222T103000+0300", "2022-12-22"},  // NITF date.issue norm
        {"20221222", "2022-12-22"},
        {"2023-08-21T09:30:00+03:00", "2023-08-21"},  // NewsML-G2 firstCreated
        {"  2023-08-21 ", "2023-08-21"},
        {"22.12.2022", "2022-12-22"},
        {"20240229T000000Z", "2024-02-29"},
        {"20230229T000000Z", ""},  // 2023 is not leap
        {"20221322", ""},
        {"2022122", ""},
        {"202212221", ""},  // nine digits: not the basic form
        {"20221222 10:30", ""},
        {"dün", ""},
        {"", ""},
        {"   ", ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        EXPECT_EQ(dates::iso8601(c.text), c.iso);
    }
}

TEST(dates, YearAndMonthOfAValue) {
    struct Case {
        const char* value;
        const char* year;
        const char* month;
    };
    const Case cases[] = {
        {"20221222", "2022", "2022-12"}, {"19990101", "1999", "1999-01"},
        {"202212", "", ""},              {"2022-12-22", "", ""},
        {"", "", ""},                    {"2022122x", "", ""},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(haber::dates::year_of_value(c.value), c.year) << c.value;
        EXPECT_EQ(haber::dates::month_of_value(c.value), c.month) << c.value;
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

// value_of_day undoes day_number (the synthetic corpus draws days between
// --from and --to).
TEST(dates, ValueOfDayIsTheInverse) {
    for (const char* v : {"19700101", "20240229", "20241231", "20250101", "10000101", "99991231", "19691231"}) {
        SCOPED_TRACE(v);
        auto n = dates::day_number(v);
        ASSERT_TRUE(n);
        EXPECT_EQ(dates::value_of_day(*n), v);
    }
    EXPECT_EQ(dates::value_of_day(0), "19700101");
    EXPECT_EQ(dates::value_of_day(-1), "19691231");
    EXPECT_EQ(dates::value_of_day(*dates::day_number("10000101") - 1), "");  // year 999
    EXPECT_EQ(dates::value_of_day(*dates::day_number("99991231") + 1), "");  // year 10000
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
