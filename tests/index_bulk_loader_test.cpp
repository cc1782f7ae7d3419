// Parallel bulk loading: shards built by several writers and merged must
// hold what one writer would have written.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "index/bulk_loader.h"
#include "index/index_writer.h"
#include "index/schema.h"
#include "support/run_command.h"

namespace {

using haber::Article;
using haber::index::BulkLoader;
using haber::index::BulkLoaderOptions;
using haber::index::IndexWriter;

std::vector<Article> articles() {
    const char* bodies[] = {
        "Dışişleri Bakanı Ahmet Davutoğlu, Yunanistan'da mevkidaşıyla görüştü.",
        "Merkez Bankası faiz kararını açıkladı; dolar 2.5075 liradan işlem gördü.",
        "Özbekistan ile Kazakistan arasındaki stratejik ortaklık müttefiklik düzeyine çıkarılacak.",
        "Ankara'da düzenlenen toplantıda bakanlar ekonomik işbirliğini ele aldı.",
        "İstanbul'daki deprem tatbikatına binlerce kişi katıldı.",
    };
    std::vector<Article> out;
    for (int i = 0; i < 200; ++i) {
        Article a;
        a.id = "haber-" + std::to_string(i);
        a.title = "Haber " + std::to_string(i);
        a.body = bodies[i % 5];
        a.date = "2022-01-" + std::string(i % 28 + 1 < 10 ? "0" : "") + std::to_string(i % 28 + 1);
        out.push_back(a);
    }
    Article again = out[7];  // the same id later in the input: the later one wins
    again.body = "Güncellendi: TBMM Genel Kurulu'nda yasa tasarısı kabul edildi.";
    out.push_back(again);
    return out;
}

TEST(index_bulk_loader, MergedShardsEqualOneWriter) {
    haber::test::TempDir dir;
    haber::analysis::Analyzer analyzer;
    const std::string bulk_path = dir.file("bulk.db"), single_path = dir.file("single.db");
    {
        BulkLoader loader(bulk_path, analyzer, BulkLoaderOptions{3, std::size_t{64} << 20});
        for (Article a : articles()) loader.add(std::move(a));
        auto r = loader.finish();
        EXPECT_EQ(r.added, 200u);
        EXPECT_EQ(r.replaced, 1u);
        EXPECT_EQ(r.doc_count, 200u);
    }
    {
        IndexWriter writer(single_path, analyzer);
        for (const Article& a : articles()) writer.add(a);
        writer.commit();
    }
    Xapian::Database bulk(bulk_path), single(single_path);
    EXPECT_EQ(bulk.get_doccount(), single.get_doccount());
    EXPECT_EQ(bulk.get_metadata(haber::schema::kMetaStemmer), analyzer.stem_config().name());
    EXPECT_EQ(bulk.get_metadata(haber::schema::kMetaSchemaVersion), haber::schema::kSchemaVersion);
    for (auto it = single.allterms_begin(); it != single.allterms_end(); ++it)
        EXPECT_EQ(bulk.get_termfreq(*it), it.get_termfreq()) << *it;
    // The shards' fold tables merged into one (index/schema.h).
    std::size_t folds = 0;
    for (auto k = single.synonym_keys_begin(); k != single.synonym_keys_end(); ++k, ++folds) {
        std::vector<std::string> a{single.synonyms_begin(*k), single.synonyms_end(*k)};
        std::vector<std::string> b{bulk.synonyms_begin(*k), bulk.synonyms_end(*k)};
        EXPECT_EQ(a, b) << *k;
    }
    EXPECT_GT(folds, 5u);  // dışişleri, özbekistan, müttefiklik, ...
    // The replacement reached the merged database.
    Xapian::PostingIterator p = bulk.postlist_begin(haber::schema::id_term("haber-7"));
    ASSERT_NE(p, bulk.postlist_end(haber::schema::id_term("haber-7")));
    EXPECT_NE(bulk.get_document(*p).get_data().find("TBMM"), std::string::npos);
}

TEST(index_bulk_loader, RefusesADatabaseWithArticles) {
    haber::test::TempDir dir;
    haber::analysis::Analyzer analyzer;
    {
        IndexWriter writer(dir.file("db"), analyzer);
        writer.add(articles()[0]);
    }
    EXPECT_FALSE(BulkLoader::can_bulk_load(dir.file("db")));
    EXPECT_TRUE(BulkLoader::can_bulk_load(dir.file("new")));
    EXPECT_THROW(BulkLoader(dir.file("db"), analyzer), haber::index::IndexError);
}

TEST(index_bulk_loader, CliUsesParallelWritersForANewDatabaseOnly) {
    haber::test::TempDir dir;
    const std::string db = dir.file("db");
    auto first = haber::test::run_command({HABER_INDEX_BIN, "--db", db, "-j", "2",
                                           std::string(HABER_SOURCE_DIR) + "/corpus"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.err.find("parallel writers"), std::string::npos) << first.err;
    EXPECT_EQ(Xapian::Database(db).get_doccount(), 205u);
    // Again into the now existing database: updated in place, no duplicates.
    auto second = haber::test::run_command({HABER_INDEX_BIN, "--db", db, "-j", "2",
                                            std::string(HABER_SOURCE_DIR) + "/corpus"});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(second.err.find("parallel writers"), std::string::npos) << second.err;
    EXPECT_NE(second.err.find("205 replaced"), std::string::npos) << second.err;
    EXPECT_EQ(Xapian::Database(db).get_doccount(), 205u);
}

}  // namespace
