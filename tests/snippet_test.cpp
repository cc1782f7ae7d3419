// Snippets: inflected forms highlighted, best window chosen, cut at word
// boundaries with "…", never splitting UTF-8.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "analysis/analyzer.h"
#include "analysis/utf8.h"
#include "search/query.h"
#include "search/snippet.h"

namespace {

using haber::analysis::Analyzer;
using haber::search::make_snippet;
using haber::search::Snippet;
using haber::search::SnippetOptions;

const Analyzer& analyzer() {
    static const Analyzer a;
    return a;
}

std::string aa_text() {
    std::ifstream in(std::string(HABER_SOURCE_DIR) + "/corpus/aa-sample/taskent-ozbekistan-kazakistan-muttefiklik.txt");
    std::stringstream ss;
    ss << in.rdbuf();
    return analyzer().normalize(ss.str());
}

haber::search::TermMatcher terms(const std::string& q) {
    return haber::search::QueryParser(analyzer()).parse(q).highlight;
}

std::vector<std::string> highlighted(const Snippet& s) {
    std::vector<std::string> out;
    for (const auto& h : s.highlights) out.push_back(s.text.substr(h.begin, h.length));
    return out;
}

std::string strip_ellipses(std::string s) {
    const std::string e(haber::search::kEllipsis);
    if (s.rfind(e, 0) == 0) s.erase(0, e.size());
    if (s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0) s.erase(s.size() - e.size());
    return s;
}

struct HighlightCase {
    const char* text;
    const char* query;
    std::vector<std::string> expected;  // highlighted words, in order
};

class snippet_highlights : public ::testing::TestWithParam<HighlightCase> {};

TEST_P(snippet_highlights, InflectedFormsLightUp) {
    const auto& c = GetParam();
    Snippet s = make_snippet(analyzer(), analyzer().normalize(c.text), terms(c.query));
    EXPECT_EQ(highlighted(s), c.expected) << c.query << " in " << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    snippet, snippet_highlights,
    ::testing::Values(
        HighlightCase{"Kazakistan Cumhurbaşkanı Kasım Cömert Tokayev, resmi ziyaret için geldiği Özbekistan’da "
                      "Cumhurbaşkanı Şevket Mirziyoyev ile bir araya geldi.",
                      "özbekistan", {"Özbekistan’da"}},
        HighlightCase{"Görüşmede Mirziyoyev, Kazakistan’ın ülkesinin en yakın ve en güvenilir ortağı olduğunu belirtti.",
                      "kazakistan", {"Kazakistan’ın"}},
        // ASCII-typed query highlights the Turkish spelling.
        HighlightCase{"Özbekistan-Kazakistan işbirliğinin her alanında önemli sonuçlar elde edildi.",
                      "ozbekistan isbirligi", {"Özbekistan", "işbirliğinin"}},
        // Turkish-typed ş does not light up s.
        HighlightCase{"Sabah saatlerinde etkili olan sis, şiş kebap festivalini etkilemedi.", "şiş", {"şiş"}},
        HighlightCase{"Sabah saatlerinde etkili olan sis, şiş kebap festivalini etkilemedi.", "sis", {"sis", "şiş"}},
        // Exact form: only that form.
        HighlightCase{"Müttefiklik Anlaşması imzalandı; müttefiklik ilişkileri kuruldu, müttefikler sevindi.",
                      "=müttefiklik", {"Müttefiklik", "müttefiklik"}},
        // Wildcard.
        HighlightCase{"Mirziyoyev ve Tokayev, Mirziyoyev’in inisiyatifiyle görüştü.", "mirziy*",
                      {"Mirziyoyev", "Mirziyoyev’in"}},
        // Excluded words are not highlighted.
        HighlightCase{"Tokayev ve Mirziyoyev görüştü.", "Tokayev -Mirziyoyev", {"Tokayev"}},
        HighlightCase{"Tokayev ve Mirziyoyev görüştü.", "Putin", {}}));

TEST(snippet, HighlightSpansAreTheToken) {
    std::string text = aa_text();
    Snippet s = make_snippet(analyzer(), text, terms("Özbekistan"));
    auto words = highlighted(s);
    ASSERT_FALSE(words.empty());
    for (const auto& w : words) EXPECT_EQ(w.rfind("Özbekistan", 0), 0u) << w;
}

TEST(snippet, PicksTheWindowWithMostDistinctTerms) {
    std::string text = aa_text();
    // Both "enerji" and "lojistik" appear together only near the end of the story.
    Snippet s = make_snippet(analyzer(), text, terms("enerji lojistik"));
    EXPECT_EQ(s.distinct_matches, 2u) << s.text;
    auto words = highlighted(s);
    std::set<std::string> distinct(words.begin(), words.end());
    EXPECT_TRUE(distinct.count("lojistik")) << s.text;
    EXPECT_TRUE(std::any_of(words.begin(), words.end(), [](const std::string& w) { return w.rfind("enerji", 0) == 0 || w.rfind("Enerji", 0) == 0; }))
        << s.text;
    EXPECT_TRUE(s.cut_start);
}

TEST(snippet, CutsAtWordBoundariesWithEllipsis) {
    std::string text = aa_text();
    std::string flat = text;
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    Snippet s = make_snippet(analyzer(), text, terms("nakliye"));
    const std::string e(haber::search::kEllipsis);
    ASSERT_TRUE(s.cut_start);
    EXPECT_EQ(s.text.rfind(e, 0), 0u);
    std::string inner = strip_ellipses(s.text);
    auto at = flat.find(inner);
    ASSERT_NE(at, std::string::npos) << inner;
    // starts at a word start, ends at a word end
    EXPECT_TRUE(at == 0 || flat[at - 1] == ' ') << inner;
    std::size_t end = at + inner.size();
    EXPECT_TRUE(end == flat.size() || flat[end] == ' ') << inner;
    EXPECT_LE(haber::search::to_codepoints(inner, {{0, inner.size()}})[0].second, 200u + 20u);
    EXPECT_EQ(highlighted(s), std::vector<std::string>{"nakliye"});
}

TEST(snippet, NoMatchStartsAtTheBeginning) {
    std::string text = aa_text();
    Snippet s = make_snippet(analyzer(), text, terms("Putin"));
    EXPECT_FALSE(s.cut_start);
    EXPECT_TRUE(s.cut_end);
    EXPECT_EQ(s.text.rfind("TAŞKENT (AA) –", 0), 0u) << s.text;
    EXPECT_TRUE(s.highlights.empty());
}

TEST(snippet, ShortTextIsWhole) {
    std::string text = "Işık kirliliği gökyüzünü karartıyor.";
    Snippet s = make_snippet(analyzer(), text, terms("ışık"));
    EXPECT_EQ(s.text, text);
    EXPECT_FALSE(s.cut_start);
    EXPECT_FALSE(s.cut_end);
    EXPECT_EQ(highlighted(s), std::vector<std::string>{"Işık"});
}

TEST(snippet, Utf8SafeForEveryWindowSize) {
    std::string text = aa_text();
    for (std::size_t chars : {5, 17, 40, 77, 120, 200, 333}) {
        for (std::size_t words : {1, 3, 10, 30}) {
            SnippetOptions o;
            o.max_chars = chars;
            o.max_words = words;
            for (const char* q : {"Özbekistan", "şöyle", "müttefiklik ilişkileri", "ğ", "Putin"}) {
                Snippet s = make_snippet(analyzer(), text, terms(q), o);
                EXPECT_FALSE(haber::utf8::first_invalid(s.text).has_value()) << q << " " << chars;
                EXPECT_EQ(s.text.find('\n'), std::string::npos);
                for (const auto& h : s.highlights) {
                    ASSERT_LE(h.begin + h.length, s.text.size());
                    EXPECT_FALSE(haber::utf8::first_invalid(s.text.substr(h.begin, h.length)).has_value());
                }
            }
        }
    }
}

TEST(snippet, CodepointOffsetsForJson) {
    std::string text = "Şevket Mirziyoyev, Özbekistan’da konuştu.";
    Snippet s = make_snippet(analyzer(), text, terms("ozbekistan"));
    auto cp = haber::search::to_codepoints(s.text, s.highlights);
    ASSERT_EQ(cp.size(), 1u);
    EXPECT_EQ(cp[0].first, 19u);   // code points before "Özbekistan’da"
    EXPECT_EQ(cp[0].second, 13u);  // "Özbekistan’da" is 13 code points
}

TEST(snippet, TitleHighlightAll) {
    auto s = haber::search::highlight_all(analyzer(), "Özbekistan ile Kazakistan müttefik oldu", terms("kazakistan OZBEKISTAN"));
    EXPECT_EQ(highlighted(s), (std::vector<std::string>{"Özbekistan", "Kazakistan"}));
    EXPECT_EQ(s.distinct_matches, 2u);
}

}  // namespace
