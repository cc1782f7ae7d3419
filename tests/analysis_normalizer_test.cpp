// Stage 1: normalisation of real-world text mess (kemik-42bin, ttc-3600).
#include <gtest/gtest.h>

#include "analysis/normalizer.h"
#include "analysis/utf8.h"

namespace {

using haber::analysis::Normalizer;

struct Case {
    const char* name;
    std::string in;
    std::string out;
};

class NormalizerTable : public ::testing::TestWithParam<Case> {};

TEST_P(NormalizerTable, Normalizes) {
    Normalizer n;
    EXPECT_EQ(n.normalize(GetParam().in), GetParam().out) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    RealMess, NormalizerTable,
    ::testing::Values(
        Case{"plain ascii unchanged", "Ankara (AA) - Haber", "Ankara (AA) - Haber"},
        Case{"C1 U+0092 used as apostrophe (kemik-42bin)", "\xC4\xB0srail\xC2\x92" "e",
             "\xC4\xB0srail\xE2\x80\x99" "e"},
        Case{"C1 quotes U+0093/U+0094", "\xC2\x93Ortak\xC2\x94", "\xE2\x80\x9COrtak\xE2\x80\x9D"},
        Case{"C1 dash U+0096", "1990\xC2\x96" "2000", "1990\xE2\x80\x93" "2000"},
        Case{"undefined C1 dropped", "a\xC2\x81" "b", "ab"},
        Case{"no-break space becomes space", "15\xC2\xA0milyon", "15 milyon"},
        Case{"soft hyphen removed", "cumhur\xC2\xAD" "başkanı", "cumhurbaşkanı"},
        Case{"right-to-left mark removed", "Ankara\xE2\x80\x8F", "Ankara"},
        Case{"BOM removed", "\xEF\xBB\xBFHGS", "HGS"},
        Case{"CRLF becomes LF", "bir\r\niki\rüç", "bir\niki\nüç"},
        Case{"decomposed ö composed (NFC)", "o\xCC\x88zel", "\xC3\xB6zel"},
        Case{"I + combining dot composed to İ", "I\xCC\x87stanbul", "\xC4\xB0stanbul"},
        Case{"invalid UTF-8 replaced", "a\xFF" "b", "a\xEF\xBF\xBD" "b"},
        Case{"C0 control becomes space", std::string("a\x01" "b"), "a b"},
        Case{"tabs kept", "\t\tHGS", "\t\tHGS"}));

TEST(Normalizer, IsIdempotentOnRealText) {
    Normalizer n;
    const std::string text =
        "TAŞKENT (AA) – Özbekistan ile Kazakistan arasındaki stratejik ortaklık ilişkileri, "
        "müttefiklik düzeyine çıkarılacak.\xC2\x92\xC2\xA0\xC2\xAD";
    std::string once = n.normalize(text);
    EXPECT_EQ(n.normalize(once), once);
    EXPECT_FALSE(haber::utf8::first_invalid(once).has_value());
}

TEST(Utf8, FirstInvalidAndLineColumn) {
    std::string s = "bir\niki \xC3\xA7ok\n\xC3" "x";
    auto bad = haber::utf8::first_invalid(s);
    ASSERT_TRUE(bad.has_value());
    EXPECT_EQ(*bad, s.size() - 2);
    auto lc = haber::utf8::line_col(s, *bad);
    EXPECT_EQ(lc.line, 3u);
    EXPECT_EQ(lc.column, 1u);
    EXPECT_FALSE(haber::utf8::first_invalid("Özbekistan’da").has_value());
    EXPECT_TRUE(haber::utf8::first_invalid("\xED\xA0\x80").has_value());  // surrogate
    EXPECT_TRUE(haber::utf8::first_invalid("\xC0\xAF").has_value());      // overlong
}

}  // namespace
