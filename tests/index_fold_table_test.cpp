// The fold table (index/schema.h): what a word typed without Turkish letters
// reaches. The indexer records each text stem's ASCII fold where the two
// differ, no positional ASCII terms are indexed, user synonym rules leave the
// table alone, and the Searcher finds Turkish spellings through it.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "analysis/case_folder.h"
#include "index/index_writer.h"
#include "index/schema.h"
#include "search/searcher.h"
#include "search/synonyms.h"
#include "support/run_command.h"

namespace {

using haber::Article;

// kemik-42bin sentences.
Article article(const char* id, const char* body) {
    Article a;
    a.id = id;
    a.body = body;
    return a;
}

const std::vector<Article> kArticles = {
    article("dunya-77", "ABD Dışişleri Bakanlığı Sözcüsü Victoria Nuland, Türkiye'nin hava sahasını Suriye "
                        "uçaklarına kapatma kararını ABD olarak desteklediklerini söyledi."),
    article("dunya-258", "Polis sözcüsü, olay sırasında evde 3 çocuğun bulunduğunu, çocukların yakın "
                         "akrabaları tarafından götürüldüğü belirtildi."),
    article("aa", "Özbekistan ile Kazakistan arasındaki stratejik ortaklık ilişkileri, müttefiklik "
                  "düzeyine çıkarılacak."),
};

struct FoldCase {
    const char* word;  // as the text writes it
};

class FoldTable : public testing::TestWithParam<FoldCase> {
protected:
    static void SetUpTestSuite() {
        dir_ = new haber::test::TempDir();
        haber::test::build_index(dir_->path(), kArticles);
    }
    static void TearDownTestSuite() { delete dir_; }
    static haber::test::TempDir* dir_;
};
haber::test::TempDir* FoldTable::dir_ = nullptr;

TEST_P(FoldTable, HoldsTheStemUnderItsFold) {
    haber::analysis::Analyzer analyzer;
    auto toks = analyzer.analyze(GetParam().word);
    ASSERT_EQ(toks.size(), 1u);
    ASSERT_NE(toks[0].stem, toks[0].ascii_stem) << "a word with Turkish letters";
    Xapian::Database db(dir_->path());
    auto stems = haber::schema::unfold(db, toks[0].ascii_stem);
    EXPECT_NE(std::find(stems.begin(), stems.end(), toks[0].stem), stems.end())
        << GetParam().word << ": " << toks[0].ascii_stem << " -> " << toks[0].stem;
    // Found typed without its Turkish letters, through the Searcher.
    std::string ascii = haber::analysis::ascii_fold(haber::analysis::turkish_lower(GetParam().word));
    haber::search::Searcher s(dir_->path());
    EXPECT_GT(s.search(ascii).hits.size(), 0u) << ascii;
}

INSTANTIATE_TEST_SUITE_P(Kemik, FoldTable,
                         testing::Values(FoldCase{"Dışişleri"}, FoldCase{"çocuğun"}, FoldCase{"Özbekistan"},
                                         FoldCase{"müttefiklik"}, FoldCase{"sözcüsü"}, FoldCase{"uçaklarına"}));

TEST_F(FoldTable, NoPositionalAsciiTerms) {
    Xapian::Database db(dir_->path());
    for (const char* prefix : {"Y", "T"}) EXPECT_EQ(db.allterms_begin(prefix), db.allterms_end(prefix)) << prefix;
    // A word without Turkish letters has no entry: its stem is its fold.
    EXPECT_TRUE(haber::schema::unfold(db, "polis").empty());
}

TEST(FoldTableRules, UserSynonymRulesLeaveItAlone) {
    haber::test::TempDir dir;
    haber::test::build_index(dir.path(), kArticles);
    std::size_t before = 0, after = 0;
    auto count = [&](const Xapian::Database& db) {
        std::size_t n = 0;
        for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) n += haber::schema::is_fold_key(*k);
        return n;
    };
    before = count(Xapian::Database(dir.path()));
    {
        Xapian::WritableDatabase w(dir.path(), Xapian::DB_OPEN);
        haber::search::SynonymList rules;
        std::vector<std::string> problems;
        rules.parse("tbmm, meclis\n", "test", problems);
        rules.store(w);
        w.commit();
    }
    Xapian::Database db(dir.path());
    after = count(db);
    EXPECT_GT(before, 0u);
    EXPECT_EQ(before, after);
    haber::search::SynonymList loaded;
    loaded.load_database(db);
    for (const auto& r : loaded.rules()) EXPECT_FALSE(haber::schema::is_fold_key(r.from)) << r.from;
    EXPECT_FALSE(loaded.rules().empty());
}

}  // namespace

namespace {

// A schema-2 database (Y/T terms, no fold table) would answer ASCII-typed
// words wrongly: both programs refuse it and say how to rebuild.
TEST(FoldTableRules, OlderSchemaIsRefusedWithHowToRebuild) {
    haber::test::TempDir dir;
    const std::string path = dir.file("old.db");
    {
        Xapian::WritableDatabase w(path, Xapian::DB_CREATE_OR_OPEN);
        w.set_metadata(haber::schema::kMetaSchemaVersion, "2");
        w.set_metadata(haber::schema::kMetaStemmer, haber::analysis::Analyzer().stem_config().name());
        Xapian::Document d;
        d.add_term("Zözbekistan");
        d.add_term("Yozbekistan");
        w.add_document(d);
        w.commit();
    }
    haber::analysis::Analyzer analyzer;
    try {
        haber::index::IndexWriter writer(path, analyzer);
        FAIL() << "IndexWriter opened a schema-2 database";
    } catch (const haber::index::IndexError& e) {
        EXPECT_NE(std::string(e.what()).find("schema version 2"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("rebuild it: remove " + path), std::string::npos) << e.what();
    }
    EXPECT_THROW(haber::search::Searcher s(path), haber::search::DatabaseError);
}

}  // namespace
