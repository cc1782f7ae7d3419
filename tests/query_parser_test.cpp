// The query language → Xapian queries that mirror the index schema.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "index/schema.h"
#include "search/query.h"
#include "support/run_command.h"

using haber::analysis::Analyzer;
using haber::analysis::StemConfig;
using haber::analysis::StemStrategy;
using haber::search::ParseOptions;
using haber::search::ParsedQuery;
using haber::search::QueryError;
using haber::search::QueryParser;

namespace {

const Analyzer& analyzer() {
    static const Analyzer a(StemConfig{StemStrategy::SnowballPrefix, 5});
    return a;
}

// A database whose fold table (index/schema.h) holds what an archive with
// Özbekistan, şiş, dışişleri and ışık would: words typed without Turkish letters reach these
// stems through it.
const Xapian::Database& folds() {
    static haber::test::TempDir dir;
    static const Xapian::Database db = [] {
        Xapian::WritableDatabase w(dir.path() + "/db", Xapian::DB_CREATE_OR_OPEN);
        w.add_synonym(haber::schema::fold_key("ozbek"), "özbek");
        w.add_synonym(haber::schema::fold_key("sis"), "şiş");
        w.add_synonym(haber::schema::fold_key("disis"), "dışiş");
        w.add_synonym(haber::schema::fold_key("isik"), "ışık");
        w.commit();
        return Xapian::Database(dir.path() + "/db");
    }();
    return db;
}

ParsedQuery parse(const std::string& q, ParseOptions o = {}) {
    if (!o.vocabulary) o.vocabulary = &folds();
    return QueryParser(analyzer()).parse(q, o);
}

// The query's terms, and the patterns of its wildcards (a short keyword is
// widened to the longer stems beginning with it), which Xapian lists only in
// the description.
std::set<std::string> terms_of(const ParsedQuery& p) {
    std::set<std::string> terms{p.query.get_terms_begin(), p.query.get_terms_end()};
    const std::string d = p.query.get_description(), mark = "WILDCARD SYNONYM ";
    for (std::size_t at = d.find(mark); at != std::string::npos; at = d.find(mark, at + 1)) {
        std::size_t begin = at + mark.size();
        terms.insert(d.substr(begin, d.find_first_of(" )", begin) - begin));
    }
    return terms;
}

std::string desc(const std::string& q, ParseOptions o = {}) { return parse(q, o).query.get_description(); }

// --- exact Xapian structure ------------------------------------------------

struct StructureCase {
    const char* query;
    const char* description;  // Xapian::Query::get_description()
};

class query_parser_structure : public ::testing::TestWithParam<StructureCase> {};

TEST_P(query_parser_structure, MatchesSchema) {
    EXPECT_EQ(desc(GetParam().query), GetParam().description) << "query: " << GetParam().query;
}

INSTANTIATE_TEST_SUITE_P(
    query, query_parser_structure,
    ::testing::Values(
        // Turkish-typed: own spelling only (no ASCII folds); title words are in the
        // text terms (counted kTitleWdf times), so one term a word.
        StructureCase{"Özbekistan", "Query(Zözbek)"},
        StructureCase{"ÖZBEKİSTAN", "Query(Zözbek)"},
        StructureCase{"Özbekistan’da", "Query(Zözbek)"},
        StructureCase{"şiş", "Query(Zşiş)"},
        // ASCII-typed: also the Turkish spellings the archive's fold table
        // gives (Tokayev has none: only its own stem).
        StructureCase{"ozbekistan", "Query((Zozbek SYNONYM Zözbek))"},
        StructureCase{"OZBEKISTAN", "Query((Zozbek SYNONYM Zözbek))"},
        StructureCase{"sis", "Query((Zsis SYNONYM Zşiş))"},
        // Default AND; stop word dropped.
        StructureCase{"Özbekistan ve Tokayev",
                      "Query((Zözbek AND Ztokay))"},
        // Phrase over the text stems; inflected words share stems.
        StructureCase{"\"bakanların toplantısı\"",
                      "Query((Zbaka PHRASE 2 Ztopla))"},
        // Hyphenated word: consecutive positions, so a phrase.
        StructureCase{"Özbekistan-Kazakistan",
                      "Query((Zözbek PHRASE 2 Zkazak))"},
        // Exact form.
        StructureCase{"=Özbekistan’da", "Query(özbekistan)"},
        StructureCase{"=\"müttefiklik anlaşması\"",
                      "Query(((Zmütte PHRASE 2 Zanlaş) FILTER (müttefiklik AND anlaşması)))"},
        // NEAR: window = distance + number of words.
        StructureCase{"Mirziyoyev NEAR/3 Tokayev",
                      "Query((Zmirzi NEAR 5 Ztokay))"},
        StructureCase{"Şevket NEAR Mirziyoyev",
                      "Query((Zşevke NEAR 12 Zmirzi))"},
        // Wildcards over exact forms; ASCII-typed prefixes expand to Turkish letters.
        StructureCase{"özbek*", "Query(WILDCARD SYNONYM özbek)"},
        StructureCase{"ozbek*", "Query((WILDCARD SYNONYM ozbek OR WILDCARD SYNONYM özbek))"},
        // Fields.
        StructureCase{"title:Özbekistan", "Query(Sözbek)"},
        StructureCase{"body:ozbekistan", "Query((Zozbek SYNONYM Zözbek))"},
        StructureCase{"title:ozbekistan", "Query((Sozbek SYNONYM Sözbek))"},
        StructureCase{"title:\"stratejik ortaklık\"", "Query((Sstrat PHRASE 2 Sortak))"},
        StructureCase{"place:TAŞKENT", "Query(0 * XPtaskent)"},
        StructureCase{"place:\"New York\"", "Query(0 * XPnew york)"},
        StructureCase{"Özbekistan source:AA category:dünya",
                      "Query((Zözbek FILTER (XCdunya AND XSaa)))"},
        StructureCase{"place:taşkent place:ankara", "Query(0 * (XPtaskent OR XPankara))"},
        StructureCase{"id:aa-123", "Query(0 * Qaa-123)"},
        // Dates as value-range filters.
        StructureCase{"Özbekistan date:2022-01-01..2022-12-31",
                      "Query((Zözbek FILTER VALUE_RANGE 0 20220101 20221231))"},
        StructureCase{"date:2022", "Query(VALUE_RANGE 0 20220101 20221231)"},
        StructureCase{"date:2024-02", "Query(VALUE_RANGE 0 20240201 20240229)"},
        StructureCase{"date:2022..", "Query(VALUE_GE 0 20220101)"},
        StructureCase{"date:..2021-06", "Query(VALUE_LE 0 20210630)"},
        // Boolean operators.
        StructureCase{"Özbekistan OR Kazakistan",
                      "Query((Zözbek OR Zkazak))"},
        StructureCase{"Özbekistan -Rusya",
                      "Query((Zözbek AND_NOT Zrusya))"},
        StructureCase{"Özbekistan AND NOT Rusya",
                      "Query((Zözbek AND_NOT Zrusya))"},
        StructureCase{"Özbekistan NOT Rusya",
                      "Query((Zözbek AND_NOT Zrusya))"},
        StructureCase{"(Özbekistan OR Kazakistan) enerji",
                      "Query(((Zözbek OR Zkazak) AND Zenerj))"},
        // Unknown field: just words.
        StructureCase{"foo:enerji",
                      "Query((Zfoo AND Zenerj))"}));

// --- terms ASCII vs Turkish --------------------------------------------------

struct TermCase {
    const char* query;
    std::vector<std::string> must_have;
    std::vector<std::string> must_not_have;
};

class query_parser_terms : public ::testing::TestWithParam<TermCase> {};

TEST_P(query_parser_terms, Collected) {
    auto terms = terms_of(parse(GetParam().query));
    for (const auto& t : GetParam().must_have) EXPECT_TRUE(terms.count(t)) << GetParam().query << " lacks " << t;
    for (const auto& t : GetParam().must_not_have) EXPECT_FALSE(terms.count(t)) << GetParam().query << " has " << t;
}

INSTANTIATE_TEST_SUITE_P(
    query, query_parser_terms,
    ::testing::Values(
        // DIŞİŞLERİ typed with Turkish letters: never the ASCII terms. Title
        // words are inside the text terms: no separate title terms.
        TermCase{"DIŞİŞLERİ", {"Zdışiş"}, {"Zdisis", "Sdışiş"}},
        // Typed without Turkish letters: its own stem and, through the fold
        // table, the Turkish spelling's.
        TermCase{"disisleri", {"Zdisis", "Zdışiş"}, {"Sdışiş"}},
        // ASCII-typed upper case: I lowercases to ı, the ASCII stem still reaches the fold table.
        TermCase{"DISISLERI", {"Zdışiş"}, {}},
        TermCase{"title:DISISLERI", {"Sdışiş"}, {"Zdışiş"}},
        TermCase{"IŞIK", {"Zışık"}, {"Zisik"}},
        TermCase{"ışık", {"Zışık"}, {"Zisik"}},
        // Stop words: dropped from keyword queries, kept in phrases and when alone.
        TermCase{"ve", {"Zve"}, {}},
        TermCase{"ve ile", {"Zve", "Zil"}, {}},
        TermCase{"Özbekistan ile Kazakistan", {"Zözbek", "Zkazak"}, {"Zil"}},
        TermCase{"\"Özbekistan ile Kazakistan\"", {"Zözbek", "Zil", "Zkazak"}, {}},
        TermCase{"+ile Özbekistan", {"Zil", "Zözbek"}, {}}));

// --- describe() --------------------------------------------------------------

TEST(query_parser_describe, ExplainsStemsAsciiStopwordsAndFilters) {
    ParseOptions o;
    o.from = "2022";
    std::string d = parse("ozbekistan ve Kazakistan’ın place:taşkent", o).describe();
    EXPECT_NE(d.find("\"ozbekistan\" -> stem \"ozbek\""), std::string::npos) << d;
    EXPECT_NE(d.find("typed without Turkish letters"), std::string::npos) << d;
    EXPECT_NE(d.find("dropped stop words: ve"), std::string::npos) << d;
    EXPECT_NE(d.find("filter place"), std::string::npos) << d;
    EXPECT_NE(d.find("filter date 2022-01-01 .. … (--from/--to)"), std::string::npos) << d;
    EXPECT_NE(d.find("xapian: Query("), std::string::npos) << d;
    EXPECT_NE(d.find("default operator: AND"), std::string::npos) << d;
}

// Slack: plain words joined by the default AND may be missing, at most
// `slack` of them; every word is ranked, those with every word gain
// `coordination`. Operators and +word keep the strict meaning.
TEST(query_parser_options, SlackLetsWordsBeMissing) {
    ParseOptions o;
    o.slack = 1;
    EXPECT_EQ(desc("Özbekistan şiş Tokayev\u2019in", o),
              "Query(((Zözbek OR Zşiş OR Ztokay) FILTER ((Zözbek AND Zşiş) OR "
              "(Zözbek AND Ztokay) OR (Zşiş AND Ztokay))))");
    o.coordination = 0.5;
    EXPECT_EQ(desc("Özbekistan şiş", o), "Query(((Zözbek OR Zşiş) AND_MAYBE 0.5 * (Zözbek AND Zşiş)))");
    EXPECT_EQ(desc("Özbekistan AND şiş", o), "Query((Zözbek AND Zşiş))");
    EXPECT_EQ(desc("+Özbekistan +şiş", o), "Query((Zözbek AND Zşiş))");
    EXPECT_TRUE(parse("şiş kebap festival", o).relaxable);
    EXPECT_FALSE(parse("şiş AND kebap", o).relaxable);
    EXPECT_FALSE(parse("(şiş kebap)", o).relaxable);
    EXPECT_FALSE(parse("şiş", o).relaxable);
}

TEST(query_parser_options, AnyMakesOr) {
    ParseOptions o;
    o.any = true;
    EXPECT_EQ(desc("Özbekistan şiş", o), "Query((Zözbek OR Zşiş))");
    EXPECT_EQ(desc("+Özbekistan şiş", o), "Query((Zözbek AND_MAYBE Zşiş))");
}

TEST(query_parser_options, FromToFilter) {
    ParseOptions o;
    o.from = "2021-06";
    o.to = "2022";
    EXPECT_EQ(desc("şiş", o), "Query((Zşiş FILTER VALUE_RANGE 0 20210601 20221231))");
    o.from = "2023";
    EXPECT_THROW(parse("şiş", o), QueryError);
}

TEST(query_parser_highlight, TermsToHighlight) {
    auto p = parse("Özbekistan ozbek kazakistan =Tokayev mirziy* -Rusya");
    EXPECT_TRUE(p.highlight.stems.count("özbek"));
    EXPECT_TRUE(p.highlight.ascii_stems.count("ozbek"));
    EXPECT_FALSE(p.highlight.ascii_stems.count("özbek"));
    EXPECT_TRUE(p.highlight.exacts.count("tokayev"));
    EXPECT_EQ(p.highlight.prefixes.front(), "mirziy");
    EXPECT_FALSE(p.highlight.stems.count("rusya"));  // excluded words are not highlighted
}

TEST(query_parser_wildcard, AsciiExpansion) {
    // A prefix typed with Turkish letters is not expanded.
    EXPECT_EQ(desc("şiş*"), "Query(WILDCARD SYNONYM şiş)");
    EXPECT_NE(desc("sis*").find("WILDCARD SYNONYM şiş"), std::string::npos);
}

TEST(query_parser_dates, Bounds) {
    using haber::search::date_bound;
    EXPECT_EQ(date_bound("2022", false), "20220101");
    EXPECT_EQ(date_bound("2022", true), "20221231");
    EXPECT_EQ(date_bound("2023-02", true), "20230228");
    EXPECT_EQ(date_bound("2022-03-05", true), "20220305");
    EXPECT_EQ(date_bound("05.03.2022", false), "20220305");
    EXPECT_EQ(date_bound("2022-02-30", false), "");
    EXPECT_EQ(date_bound("22", false), "");
    EXPECT_EQ(date_bound("dün", false), "");
}

// --- syntax errors -------------------------------------------------------------

struct ErrorCase {
    const char* query;
    const char* reason_contains;
    std::size_t column;
};

class query_parser_errors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(query_parser_errors, ReportReasonAndColumn) {
    try {
        parse(GetParam().query);
        FAIL() << "no error for " << GetParam().query;
    } catch (const QueryError& e) {
        EXPECT_NE(e.reason().find(GetParam().reason_contains), std::string::npos) << e.reason();
        EXPECT_EQ(e.column(), GetParam().column) << GetParam().query;
        std::string r = e.render();
        EXPECT_EQ(r.rfind("query error: ", 0), 0u) << r;
        EXPECT_NE(r.find("at column " + std::to_string(GetParam().column)), std::string::npos) << r;
        // caret under the column
        EXPECT_EQ(r.substr(r.rfind('\n') + 1), std::string(GetParam().column + 1, ' ') + "^") << r;
    }
}

INSTANTIATE_TEST_SUITE_P(
    query, query_parser_errors,
    ::testing::Values(ErrorCase{"özbek \"taşkent", "unclosed quote", 7},
                      ErrorCase{"(Özbekistan OR Kazakistan", "unclosed parenthesis", 1},
                      ErrorCase{"Özbekistan)", "unmatched closing parenthesis", 11},
                      ErrorCase{"Özbekistan AND", "AND needs a term after it", 12},
                      ErrorCase{"OR Kazakistan", "OR needs a term before it", 1},
                      ErrorCase{"şiş OR", "OR needs a term after it", 5},
                      ErrorCase{"Özbekistan NOT", "NOT needs a term after it", 12},
                      ErrorCase{"NEAR Tokayev", "NEAR needs a word before it", 1},
                      ErrorCase{"Tokayev NEAR", "NEAR needs a word after it", 9},
                      ErrorCase{"Tokayev NEAR/x Mirziyoyev", "NEAR/ needs a distance", 9},
                      ErrorCase{"şiş date:2022-13", "invalid date '2022-13'", 10},
                      ErrorCase{"date:2022..2021", "empty date range", 1},
                      ErrorCase{"date:2022-01-01..dün", "invalid date 'dün'", 18},
                      ErrorCase{"title: Özbekistan", "missing value after 'title:'", 1},
                      ErrorCase{"Özbekistan ()", "empty parentheses", 12},
                      ErrorCase{"*", "wildcard needs at least one letter", 1}));

TEST(query_parser_empty, NothingSearchable) {
    EXPECT_TRUE(parse("").empty());
    EXPECT_TRUE(parse("   ").empty());
    EXPECT_TRUE(parse("– …").empty());
}

}  // namespace
