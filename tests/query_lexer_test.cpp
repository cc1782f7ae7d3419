// The query lexer (search/query_lexer.h) on its own: what each lexeme is,
// what is attached to it, and the byte offsets errors point at.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "search/query.h"
#include "search/query_lexer.h"

using haber::search::QueryError;
using haber::search::detail::lex;
using haber::search::detail::Lexeme;
using haber::search::detail::Lx;

namespace {

std::vector<Lx> kinds(const std::vector<Lexeme>& ls) {
    std::vector<Lx> out;
    for (const auto& l : ls) out.push_back(l.kind);
    return out;
}

// The byte offset of the QueryError that lexing `text` throws; npos if none.
std::size_t error_at(const std::string& text) {
    try {
        lex(text);
    } catch (const QueryError& e) {
        return e.position();
    }
    return std::string::npos;
}

}  // namespace

TEST(query_lexer, empty_text_is_only_the_end) {
    auto ls = lex("  \t ");
    ASSERT_EQ(ls.size(), 1u);
    EXPECT_EQ(ls[0].kind, Lx::End);
    EXPECT_EQ(ls[0].pos, 4u);
}

TEST(query_lexer, words_operators_and_parentheses) {
    auto ls = lex("(borsa OR dolar) AND NOT kripto");
    EXPECT_EQ(kinds(ls), (std::vector<Lx>{Lx::LParen, Lx::Word, Lx::Or, Lx::Word, Lx::RParen, Lx::And, Lx::Not,
                                          Lx::Word, Lx::End}));
    EXPECT_EQ(ls[1].text, "borsa");
    EXPECT_EQ(ls[1].pos, 1u);
    EXPECT_EQ(ls[7].text, "kripto");
    EXPECT_EQ(ls[7].pos, 25u);
}

TEST(query_lexer, operators_are_upper_case_and_bare) {
    auto ls = lex("and +AND title:OR");
    EXPECT_EQ(kinds(ls), (std::vector<Lx>{Lx::Word, Lx::Word, Lx::Word, Lx::End}));
    EXPECT_EQ(ls[1].modifier, '+');
    EXPECT_EQ(ls[1].text, "AND");
    EXPECT_EQ(ls[2].field, "title");
}

TEST(query_lexer, near_and_its_distance) {
    auto ls = lex("a NEAR b NEAR/3 c");
    EXPECT_EQ(kinds(ls), (std::vector<Lx>{Lx::Word, Lx::Near, Lx::Word, Lx::Near, Lx::Word, Lx::End}));
    EXPECT_EQ(ls[1].near, 0u);
    EXPECT_EQ(ls[3].near, 3u);
    EXPECT_EQ(error_at("a NEAR/x b"), 2u);
    EXPECT_EQ(error_at("a NEAR/0 b"), 2u);
    EXPECT_EQ(error_at("a NEAR/12345 b"), 2u);
}

TEST(query_lexer, phrases_with_straight_and_typographic_quotes) {
    auto ls = lex("\"merkez bankası\" \u201Cfaiz kararı\u201D");
    ASSERT_EQ(kinds(ls), (std::vector<Lx>{Lx::Phrase, Lx::Phrase, Lx::End}));
    EXPECT_EQ(ls[0].text, "merkez bankası");
    EXPECT_EQ(ls[0].pos, 0u);
    EXPECT_EQ(ls[0].text_pos, 1u);
    EXPECT_EQ(ls[1].text, "faiz kararı");
    EXPECT_EQ(ls[1].text_pos, ls[1].pos + 3);  // “ is three bytes
}

TEST(query_lexer, a_lone_typographic_quote_is_text_a_lone_straight_one_an_error) {
    auto ls = lex("faiz \u201D kararı");
    EXPECT_EQ(kinds(ls), (std::vector<Lx>{Lx::Word, Lx::Word, Lx::End}));
    EXPECT_EQ(error_at("özbek \"taş"), 7u);
}

TEST(query_lexer, modifiers) {
    auto ls = lex("+faiz -dolar =anlaşma - x");
    ASSERT_EQ(kinds(ls), (std::vector<Lx>{Lx::Word, Lx::Word, Lx::Word, Lx::Word, Lx::Word, Lx::End}));
    EXPECT_EQ(ls[0].modifier, '+');
    EXPECT_EQ(ls[1].modifier, '-');
    EXPECT_EQ(ls[2].modifier, '=');
    EXPECT_EQ(ls[2].pos, 13u);
    EXPECT_EQ(ls[2].value_pos, 14u);
    EXPECT_EQ(ls[3].modifier, 0);  // a dash before a space is a word
    EXPECT_EQ(ls[3].text, "-");
}

TEST(query_lexer, fields_in_english_and_turkish) {
    auto ls = lex("BAŞLIK:anlaşma yer:taşkent tarih:2022..2023 body:=faiz");
    ASSERT_EQ(ls.size(), 5u);
    EXPECT_EQ(ls[0].field, "title");
    EXPECT_EQ(ls[0].text, "anlaşma");
    EXPECT_EQ(ls[0].value_pos, 8u);  // Ş is two bytes
    EXPECT_EQ(ls[1].field, "place");
    EXPECT_EQ(ls[2].field, "date");
    EXPECT_EQ(ls[2].text, "2022..2023");
    EXPECT_EQ(ls[3].field, "body");
    EXPECT_EQ(ls[3].modifier, '=');
    EXPECT_EQ(ls[3].text, "faiz");
}

TEST(query_lexer, an_unknown_field_is_two_words) {
    auto ls = lex("foo:bar");
    ASSERT_EQ(kinds(ls), (std::vector<Lx>{Lx::Word, Lx::Word, Lx::End}));
    EXPECT_EQ(ls[0].text, "foo");
    EXPECT_TRUE(ls[0].unknown_field);
    EXPECT_EQ(ls[1].text, "bar");
    EXPECT_FALSE(ls[1].unknown_field);
    EXPECT_EQ(ls[1].pos, 4u);
}

TEST(query_lexer, field_errors) {
    EXPECT_EQ(error_at("x place: y"), 2u);
    EXPECT_EQ(error_at("title:(a b)"), 6u);
}

TEST(query_lexer, wildcards) {
    auto ls = lex("özbek** date:2022* \"a b\"*");
    ASSERT_EQ(kinds(ls), (std::vector<Lx>{Lx::Word, Lx::Word, Lx::Phrase, Lx::End}));
    EXPECT_TRUE(ls[0].wildcard);
    EXPECT_EQ(ls[0].text, "özbek");
    EXPECT_FALSE(ls[1].wildcard);  // a date keeps its *
    EXPECT_EQ(ls[1].text, "2022*");
    EXPECT_FALSE(ls[2].wildcard);  // "..."* is the phrase
    EXPECT_EQ(error_at("a *"), 2u);
}

TEST(query_lexer, parentheses_nested_past_the_limit) {
    std::string deep(haber::search::kMaxQueryDepth, '(');
    EXPECT_EQ(error_at(deep + "x"), std::string::npos);
    EXPECT_EQ(error_at(deep + "(x"), haber::search::kMaxQueryDepth);
    // Closed parentheses do not count.
    EXPECT_EQ(error_at(deep + ")(x"), std::string::npos);
}
