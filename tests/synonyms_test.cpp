// Synonyms and abbreviations: the rule format (with its bad inputs), the
// shipped list, matching of inflected and ASCII-typed forms both ways, user
// files at search time and rules stored in the database at index time.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "article.h"
#include "index/index_writer.h"
#include "search/searcher.h"
#include "search/synonyms.h"
#include "support/run_command.h"

namespace haber::data {
extern const std::string_view kTurkishAbbreviations;  // compiled in from core/data/
}

namespace {

using haber::Article;
using haber::search::SearchOptions;
using haber::search::Searcher;
using haber::search::SynonymIndex;
using haber::search::SynonymList;
using haber::test::run_command;
using haber::test::TempDir;

// --- the rule format -----------------------------------------------------------

struct ParseCase {
    const char* name;
    std::string text;
    std::size_t rules;                       // rules added
    std::vector<std::string> problems;       // "LINE: start of reason", in order
};

TEST(synonyms, parses_rules_and_reports_bad_lines_by_line) {
    const std::vector<ParseCase> cases = {
        {"equivalent pair", "AB, Avrupa Birliği\n", 2, {}},
        {"group of three", "AKP, AK Parti, Adalet ve Kalkınma Partisi", 6, {}},
        {"one way", "TCMB => Merkez Bankası\n", 1, {}},
        {"one way, two by two", "Fed, Federal Rezerv => ABD Merkez Bankası, Amerikan Merkez Bankası", 4, {}},
        {"comments and blank lines", "# kısaltmalar\n\n   \nTHY, Türk Hava Yolları  # havayolu\n", 2, {}},
        {"CRLF line ends", "THY, Türk Hava Yolları\r\nBM, Birleşmiş Milletler\r\n", 4, {}},
        {"a lone word", "sadece\nAB, Avrupa Birliği", 2, {"1: 'sadece' has nothing to be a synonym of"}},
        {"empty piece", "borsa, , hisse\n", 0, {"1: empty expression"}},
        {"nothing after =>", "kur =>\n", 0, {"1: empty expression"}},
        {"two arrows", "a => b => c\n", 0, {"1: more than one '=>'"}},
        {"invalid UTF-8", "AB, Avrupa Birliği\n\xff\xfe bozuk, satır\nBM, Birleşmiş Milletler", 4,
         {"2: invalid UTF-8 at byte 1"}},
        {"only punctuation", "AB, —\n", 0, {"1: '—' has no searchable words"}},
        {"too many words", "uzun, bir iki üç dört beş altı yedi sekiz dokuz\n", 0, {"1: 'bir iki üç dört beş altı yedi sekiz dokuz' has more than 8 words"}},
        {"huge line", "AB, " + std::string(5000, 'a') + "\n", 0, {"1: an expression is longer than 200 bytes"}},
        {"binary garbage", std::string("\x00\x01\x02, \x03\n", 7), 0, {"1: "}},
        {"empty file", "", 0, {}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        SynonymList list;
        std::vector<std::string> problems;
        EXPECT_EQ(list.parse(c.text, "f.txt", problems), c.rules);
        EXPECT_EQ(list.rules().size(), c.rules);
        ASSERT_EQ(problems.size(), c.problems.size()) << (problems.empty() ? "" : problems.front());
        for (std::size_t i = 0; i < problems.size(); ++i)
            EXPECT_EQ(problems[i].rfind("f.txt:" + c.problems[i], 0), 0u) << problems[i];
    }
}

TEST(synonyms, one_way_rules_go_one_way) {
    SynonymList list;
    std::vector<std::string> problems;
    list.parse("TCMB => Merkez Bankası", "f", problems);
    ASSERT_EQ(list.rules().size(), 1u);
    EXPECT_EQ(list.rules()[0].from, "TCMB");
    EXPECT_EQ(list.rules()[0].to, "Merkez Bankası");
    EXPECT_EQ(list.rules()[0].origin, "f:1");
}

TEST(synonyms, unreadable_file_throws_with_its_name) {
    SynonymList list;
    std::vector<std::string> problems;
    try {
        list.load_file("/nonexistent/kisaltmalar.txt", problems);
        FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/kisaltmalar.txt"), std::string::npos);
    }
}

TEST(synonyms, shipped_list_parses_cleanly_and_covers_the_agency_abbreviations) {
    // Re-parse the shipped text to see its problems (shipped() drops them).
    SynonymList reparsed;
    std::vector<std::string> problems;
    reparsed.parse(haber::data::kTurkishAbbreviations, "shipped list", problems);
    EXPECT_TRUE(problems.empty()) << problems.front();
    const auto& shipped = SynonymList::shipped();
    EXPECT_EQ(reparsed.rules().size(), shipped.rules().size());
    std::set<std::string> from;
    for (const auto& r : shipped.rules()) from.insert(r.from);
    for (const char* abbr : {"AB", "ABD", "BM", "TBMM", "AKP", "CHP", "MHP", "NATO", "IMF", "TCMB", "THY", "TSK"})
        EXPECT_TRUE(from.count(abbr)) << abbr;
    EXPECT_GT(shipped.rules().size(), 150u);
}

// --- matching analysed words ------------------------------------------------------

TEST(synonyms, index_matches_inflected_cased_and_ascii_typed_forms) {
    haber::analysis::Analyzer an;
    SynonymIndex index(SynonymList::shipped(), an);
    struct Case {
        const char* typed;
        const char* expands_to;  // one of the alternatives; "" = no rule
    };
    const std::vector<Case> cases = {
        {"AB", "Avrupa Birliği"},
        {"ab", "Avrupa Birliği"},
        {"AB'nin", "Avrupa Birliği"},
        {"AB’ye", "Avrupa Birliği"},
        {"Avrupa Birliği", "AB"},
        {"Avrupa Birliği'nin", "AB"},
        {"avrupa birligi", "AB"},
        {"AVRUPA BİRLİĞİ", "AB"},
        {"TBMM'de", "Türkiye Büyük Millet Meclisi"},
        {"Türkiye Büyük Millet Meclisi'nde", "TBMM"},
        {"IMF", "Uluslararası Para Fonu"},        // I → ı: still found
        {"imf", "Uluslararası Para Fonu"},
        {"Uluslararası Para Fonu'nun", "IMF"},
        {"THY", "Türk Hava Yolları"},
        {"turk hava yollari", "THY"},
        {"TCMB", "Merkez Bankası"},
        {"Merkez Bankası", ""},                    // one way only
        {"ABD Merkez Bankası", "Fed"},             // longest rule wins over ABD
        {"Avrupa", ""},
        {"birliği", ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.typed);
        auto toks = an.analyze(an.normalize(c.typed));
        const auto* alts = index.full_match(toks);
        if (!*c.expands_to) {
            EXPECT_EQ(alts, nullptr);
            continue;
        }
        ASSERT_NE(alts, nullptr);
        bool found = std::any_of(alts->begin(), alts->end(), [&](const auto& e) { return e.text == c.expands_to; });
        EXPECT_TRUE(found);
    }
}

TEST(synonyms, longest_match_prefers_the_longer_rule) {
    haber::analysis::Analyzer an;
    SynonymIndex index(SynonymList::shipped(), an);
    auto toks = an.analyze(an.normalize("BM Güvenlik Konseyi toplandı"));
    std::size_t len = 0;
    const auto* alts = index.longest_match(toks, 0, len);
    ASSERT_NE(alts, nullptr);
    EXPECT_EQ(len, 3u);
    EXPECT_EQ(index.longest_match(toks, 3, len), nullptr);
}

// --- in searches -------------------------------------------------------------------

Article story(const std::string& id, const std::string& title, const std::string& body) {
    Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.date = "2009-05-14";
    return a;
}

// Real wire-story sentences: the same institutions written long and short.
std::vector<Article> archive() {
    return {
        story("uzun-ab", "Avrupa Birliği'nden Türkiye'ye ilerleme raporu",
              "Avrupa Birliği Komisyonu, Türkiye'nin üyelik müzakerelerindeki ilerlemeyi değerlendirdi."),
        story("kisa-ab", "AB'den yeni yaptırım paketi",
              "AB yetkilileri, Rusya'ya yönelik yeni yaptırım paketini sunmayı erteledi."),
        story("meclis", "Hurda teşviki teklifi TBMM'de",
              "MHP'li milletvekilleri tarafından TBMM'ye sunulan teklif Plan ve Bütçe Komisyonu'nda görüşülecek."),
        story("meclis-uzun", "Genel Kurul toplandı",
              "Türkiye Büyük Millet Meclisi Genel Kurulu'nda bütçe görüşmeleri sürüyor."),
        story("thy", "Türk Hava Yolları yeni hat açtı", "Türk Hava Yolları, Taşkent seferlerine başladı."),
        story("ilgisiz", "Borsa güne yükselişle başladı", "BIST 100 endeksi güne yüzde 0,5 yükselişle başladı."),
    };
}

class synonym_search : public ::testing::Test {
protected:
    void SetUp() override { haber::test::build_index(dir_.file("db"), archive()); }
    std::set<std::string> ids(Searcher& s, const std::string& q, bool synonyms = true) {
        SearchOptions o;
        o.ranking.relax = false;  // what matches every word
        o.ranking.slack = 0;
        o.synonyms = synonyms;
        std::set<std::string> out;
        for (const auto& h : s.search(q, o).hits) out.insert(h.article.id);
        return out;
    }
    TempDir dir_;
};

TEST_F(synonym_search, abbreviation_and_long_form_find_each_other) {
    Searcher s(dir_.file("db"));
    using S = std::set<std::string>;
    EXPECT_EQ(ids(s, "AB"), (S{"uzun-ab", "kisa-ab"}));
    EXPECT_EQ(ids(s, "Avrupa Birliği"), (S{"uzun-ab", "kisa-ab"}));
    EXPECT_EQ(ids(s, "\"Avrupa Birliği\""), (S{"uzun-ab", "kisa-ab"}));
    EXPECT_EQ(ids(s, "avrupa birligi"), (S{"uzun-ab", "kisa-ab"}));
    EXPECT_EQ(ids(s, "TBMM"), (S{"meclis", "meclis-uzun"}));
    EXPECT_EQ(ids(s, "Türkiye Büyük Millet Meclisi"), (S{"meclis", "meclis-uzun"}));
    EXPECT_EQ(ids(s, "THY"), (S{"thy"}));
    // Turned off, each form finds only itself.
    EXPECT_EQ(ids(s, "AB", false), (S{"kisa-ab"}));
    EXPECT_EQ(ids(s, "TBMM", false), (S{"meclis"}));
    // Exact forms are never expanded; exclusion expands too.
    EXPECT_EQ(ids(s, "=ab"), (S{"kisa-ab"}));
    EXPECT_EQ(ids(s, "(yaptırım OR ilerleme) -AB"), S{});
    EXPECT_EQ(ids(s, "(yaptırım OR ilerleme) -AB", false), (S{"uzun-ab"}));
    // Words around an expanded run still must match.
    EXPECT_EQ(ids(s, "AB yaptırım"), (S{"kisa-ab"}));
    EXPECT_EQ(ids(s, "Avrupa Birliği müzakere"), (S{"uzun-ab"}));
}

TEST_F(synonym_search, expansions_are_reported_and_highlighted) {
    Searcher s(dir_.file("db"));
    auto r = s.search("AB");
    ASSERT_EQ(r.parsed.synonyms.size(), 1u);
    EXPECT_EQ(r.parsed.synonyms[0].typed, "AB");
    EXPECT_EQ(r.parsed.synonyms[0].alternatives, std::vector<std::string>{"Avrupa Birliği"});
    bool noted = std::any_of(r.parsed.notes.begin(), r.parsed.notes.end(), [](const std::string& n) {
        return n.find("synonyms: \"AB\" also matches \"Avrupa Birliği\" (shipped list)") != std::string::npos;
    });
    EXPECT_TRUE(noted) << r.parsed.describe();
    for (const auto& h : r.hits)
        if (h.article.id == "uzun-ab") {
            ASSERT_FALSE(h.title.highlights.empty());
            EXPECT_EQ(h.title.text.substr(h.title.highlights[0].begin, 6), "Avrupa");
        }
}

TEST_F(synonym_search, user_rules_at_search_time) {
    Searcher s(dir_.file("db"));
    EXPECT_TRUE(ids(s, "tırmanış").empty());
    SynonymList mine;
    std::vector<std::string> problems;
    mine.parse("tırmanış => yükseliş", "benim.txt", problems);
    s.add_synonyms(mine);
    EXPECT_EQ(ids(s, "tırmanış"), (std::set<std::string>{"ilgisiz"}));
    EXPECT_TRUE(ids(s, "yükseliş -tırmanış").empty());  // -tırmanış excludes yükseliş too
    EXPECT_EQ(ids(s, "yükseliş"), (std::set<std::string>{"ilgisiz"}));  // one way: no tırmanış added
}

TEST_F(synonym_search, rules_stored_in_the_database_reach_searchers_even_open_ones) {
    Searcher open_before(dir_.file("db"));
    EXPECT_TRUE(ids(open_before, "hava yolu şirketi").empty());
    {
        haber::analysis::Analyzer an;
        haber::index::IndexWriter w(dir_.file("db"), an, haber::index::IndexWriterOptions{0});
        SynonymList rules;
        std::vector<std::string> problems;
        rules.parse("hava yolu şirketi, havayolu, Türk Hava Yolları", "kurum.txt", problems);
        EXPECT_EQ(rules.store(w.database()), 6u);
        w.commit();
    }
    EXPECT_EQ(ids(open_before, "hava yolu şirketi"), (std::set<std::string>{"thy"}));
    Searcher fresh(dir_.file("db"));
    EXPECT_EQ(ids(fresh, "hava yolu şirketi"), (std::set<std::string>{"thy"}));
    // Storing again replaces: an empty list removes them.
    {
        haber::analysis::Analyzer an;
        haber::index::IndexWriter w(dir_.file("db"), an, haber::index::IndexWriterOptions{0});
        EXPECT_EQ(SynonymList().store(w.database()), 0u);
        w.commit();
    }
    EXPECT_TRUE(ids(fresh, "hava yolu şirketi").empty());
}

// --- the programs -----------------------------------------------------------------

TEST(synonyms_cli, index_time_file_is_stored_reported_and_survives_bulk_indexing) {
    TempDir dir;
    std::string db = dir.file("db"), rules = dir.file("kisaltmalar.txt");
    haber::test::write_file(rules, "# kurumlar\nTMSF, Tasarruf Mevduatı Sigorta Fonu\nsadece\nkur => döviz kuru\n");
    auto r = run_command({HABER_INDEX_BIN, "--db", db, "--synonyms", rules});
    EXPECT_EQ(r.exit_code, 1) << r.err;  // a bad line: stored the rest, status says so
    EXPECT_NE(r.err.find(rules + ":3: 'sadece' has nothing to be a synonym of"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("stored 3 synonym rules"), std::string::npos) << r.err;
    // Then the bundled corpus, by parallel writers into the (empty) database.
    r = run_command({HABER_INDEX_BIN, "--quiet", "-j2", "--db", db, std::string(HABER_SOURCE_DIR) + "/corpus"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    r = run_command({HABER_SEARCH_BIN, "--db", db, "--list-synonyms"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("TMSF \u2192 Tasarruf Mevduatı Sigorta Fonu\t(database)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("AB \u2192 Avrupa Birliği\t(shipped list:"), std::string::npos);
    auto with = run_command({HABER_SEARCH_BIN, "--db", db, "--count", "kur"});
    auto without = run_command({HABER_SEARCH_BIN, "--db", db, "--count", "--no-synonyms", "kur"});
    EXPECT_GT(std::stoul(with.out), std::stoul(without.out));
}

TEST(synonyms_cli, unreadable_index_time_file_is_fatal_and_names_the_file) {
    TempDir dir;
    auto r = run_command({HABER_INDEX_BIN, "--db", dir.file("db"), "--synonyms", dir.file("yok.txt")});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("cannot read synonym file " + dir.file("yok.txt")), std::string::npos) << r.err;
}

TEST(synonyms_cli, search_time_file_text_and_json_output) {
    TempDir dir;
    std::string db = dir.file("db");
    haber::test::build_index(db, archive());
    std::string rules = dir.file("benim.txt");
    haber::test::write_file(rules, "tırmanış => yükseliş\nbozuk, , satır\n");
    auto r = run_command({HABER_SEARCH_BIN, "--db", db, "--color", "never", "--synonyms", rules, "tırmanış"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("warning: " + rules + ":2: empty expression"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("also searched: tırmanış = yükseliş"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("id ilgisiz"), std::string::npos);

    r = run_command({HABER_SEARCH_BIN, "--db", db, "--json", "Avrupa Birliği"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"synonyms\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"also\": [\n        \"AB\"\n      ]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"total\": 2"), std::string::npos);

    r = run_command({HABER_SEARCH_BIN, "--db", db, "--synonyms", dir.file("yok.txt"), "AB"});
    EXPECT_EQ(r.exit_code, 2);  // a usage error
    EXPECT_NE(r.err.find("cannot read synonym file"), std::string::npos) << r.err;
}

}  // namespace
