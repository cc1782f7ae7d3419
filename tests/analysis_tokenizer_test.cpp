// Stage 2: tokenisation of Turkish news text.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/tokenizer.h"

namespace {

using haber::analysis::Token;
using haber::analysis::TokenKind;
using haber::analysis::Tokenizer;

std::vector<std::string> texts(const std::vector<Token>& tokens) {
    std::vector<std::string> out;
    for (const auto& t : tokens) out.push_back(t.text);
    return out;
}

struct Case {
    const char* name;
    std::string in;
    std::vector<std::string> tokens;
};

class TokenizerTable : public ::testing::TestWithParam<Case> {};

TEST_P(TokenizerTable, Splits) {
    EXPECT_EQ(texts(Tokenizer().tokenize(GetParam().in)), GetParam().tokens) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    News, TokenizerTable,
    ::testing::Values(
        Case{"dateline", "TAŞKENT (AA) – Özbekistan ile", {"TAŞKENT", "AA", "Özbekistan", "ile"}},
        Case{"apostrophe variants unified", "Özbekistan’da Ankara'ya AB`ye İsrailʼe",
             {"Özbekistan'da", "Ankara'ya", "AB'ye", "İsrail'e"}},
        Case{"quote marks are not apostrophes", "'Ortak vizyonumuz var'", {"Ortak", "vizyonumuz", "var"}},
        Case{"decimal numbers kept", "dolar 2.5075 liradan, yüzde 1,5", {"dolar", "2.5075", "liradan", "yüzde", "1,5"}},
        Case{"sentence dot after number", "2022. Sonra", {"2022", "Sonra"}},
        Case{"hyphenated pair split", "Özbekistan-Kazakistan işbirliği", {"Özbekistan", "Kazakistan", "işbirliği"}},
        Case{"abbreviations", "TBMM ve AB, ABD'ye", {"TBMM", "ve", "AB", "ABD'ye"}},
        Case{"dotted acronym", "Şişecam A.Ş. ile T.C. Merkez", {"Şişecam", "AŞ", "ile", "TC", "Merkez"}},
        Case{"initial is not an acronym", "A. Kaya geldi", {"A", "Kaya", "geldi"}},
        Case{"number with suffix", "2022'de 15'i", {"2022'de", "15'i"}},
        Case{"mixed alphanumerics", "G20 zirvesi F-16", {"G20", "zirvesi", "F", "16"}},
        Case{"trailing apostrophe dropped", "halklar' dedi", {"halklar", "dedi"}},
        Case{"empty", "", {}},
        Case{"only punctuation", " – … “” ", {}}));

TEST(Tokenizer, OffsetsPointAtTheSurface) {
    std::string s = "TAŞKENT (AA) – Özbekistan’da";
    auto tokens = Tokenizer().tokenize(s);
    ASSERT_EQ(tokens.size(), 3u);
    EXPECT_EQ(s.substr(tokens[2].begin, tokens[2].end - tokens[2].begin), "Özbekistan’da");
    EXPECT_EQ(s.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "TAŞKENT");
}

TEST(Tokenizer, HyphenatedWordsAreConsecutivePositions) {
    auto tokens = Tokenizer().tokenize("Özbekistan-Kazakistan");
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[1].position, tokens[0].position + 1);
}

TEST(Tokenizer, ParagraphBreakOpensAPositionGap) {
    auto tokens = Tokenizer(8).tokenize("bir iki.\nÜç", 10);
    ASSERT_EQ(tokens.size(), 3u);
    EXPECT_EQ(tokens[0].position, 10u);
    EXPECT_EQ(tokens[1].position, 11u);
    EXPECT_EQ(tokens[2].position, 12u + 8u);
}

// Where a line break is a paragraph (a gap of 8 after the word before it)
// and where it only wraps a sentence (kemik-42bin's hard-wrapped lines).
struct BreakCase {
    const char* text;  // two words around the break
    bool gap;
};

class LineBreakTable : public testing::TestWithParam<BreakCase> {};

TEST_P(LineBreakTable, GapOnlyBetweenParagraphs) {
    auto tokens = Tokenizer(8).tokenize(GetParam().text);
    ASSERT_GE(tokens.size(), 2u);
    EXPECT_EQ(tokens.back().position - tokens[tokens.size() - 2].position, GetParam().gap ? 9u : 1u)
        << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Wrapped, LineBreakTable,
    testing::Values(BreakCase{"pankart açma hakkını\nistiyor", false},    // inside a sentence
                    BreakCase{"oluşan baskılar\r\nnedeniyle", false},     // CRLF
                    BreakCase{"Ankara, İstanbul,\n  izmir", false},       // after a comma
                    BreakCase{"hakkını\n\nistiyor", true},               // a blank line
                    BreakCase{"hakkını\n \t\nistiyor", true},           // a blank line with blanks
                    BreakCase{"istiyor.\nsen", true},                     // a sentence's end
                    BreakCase{"Gözyaşlarını tutamadılar\nFatma", true},   // a heading
                    BreakCase{"AÇIKLAMASI\nPARAMPARÇA", true},
                    BreakCase{"dedi:\nbugün", true},
                    BreakCase{"2022\nyılında", false},
                    BreakCase{"sonra\n2022", true}));                     // no lowercase letter

TEST(Tokenizer, NumbersAreTagged) {
    auto tokens = Tokenizer().tokenize("2.5075 lira");
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[0].kind, TokenKind::Number);
    EXPECT_EQ(tokens[1].kind, TokenKind::Word);
}

TEST(Tokenizer, GarbageRunsAreDroppedButCountPositions) {
    std::string s = "önce " + std::string(500, 'x') + " sonra";
    auto tokens = Tokenizer().tokenize(s);
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[1].position, 2u);
}

TEST(Tokenizer, HugeLineDoesNotBlowUp) {
    std::string s;
    for (int i = 0; i < 200000; ++i) s += "haber ";
    EXPECT_EQ(Tokenizer().tokenize(s).size(), 200000u);
}

}  // namespace
