// Acceptance on the real kemik-42bin corpus (../shared/corpus; skipped when
// absent): a search for Ankara finds the articles that write it with a case
// suffix after an apostrophe — ', ’ and kemik's own U+0092 — where plain
// Xapian keeps "ankara'da" as one term.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "index/document_builder.h"
#include "index/schema.h"
#include "ingest/reader.h"
#include "search/searcher.h"
#include "support/run_command.h"

namespace {

using haber::Article;

const std::string kKemik = std::string(HABER_SHARED_CORPUS) + "/kemik-42bin.jsonl.gz";

bool has_suffixed_ankara(const Article& a) {
    static const std::vector<std::string> forms = [] {
        std::vector<std::string> v;
        for (const char* apo : {"'", "\xE2\x80\x99", "\xC2\x92"})
            for (const char* suffix : {"da", "ya", "n\xC4\xB1n"}) v.push_back(std::string("Ankara") + apo + suffix);
        return v;
    }();
    for (const std::string* text : {&a.title, &a.lead, &a.body})
        for (const auto& f : forms)
            if (text->find(f) != std::string::npos) return true;
    return false;
}

TEST(kemik_acceptance, AnkaraFindsEveryApostropheSuffixedForm) {
    if (!std::filesystem::exists(kKemik)) GTEST_SKIP() << kKemik << " not present";
    std::vector<Article> all = haber::ingest::read_all({kKemik});
    ASSERT_GT(all.size(), 40000u);

    // Every article with Ankara'da / Ankara'ya / Ankara'nın, plus every 20th
    // other article as distractors (with other Ankara forms among them).
    std::vector<Article> picked;
    std::set<std::string> expected;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (has_suffixed_ankara(all[i])) {
            expected.insert(all[i].id);
            picked.push_back(all[i]);
        } else if (i % 20 == 0) {
            picked.push_back(all[i]);
        }
    }
    ASSERT_GT(expected.size(), 500u) << "kemik-42bin should hold many suffixed Ankara forms";

    haber::test::TempDir dir;
    haber::analysis::Analyzer analyzer;
    {
        Xapian::WritableDatabase db(dir.path(), Xapian::DB_CREATE_OR_OVERWRITE);
        db.set_metadata(haber::schema::kMetaStemmer, analyzer.stem_config().name());
        db.set_metadata(haber::schema::kMetaSchemaVersion, haber::schema::kSchemaVersion);
        haber::DocumentBuilder builder(analyzer);
        for (const Article& a : picked) db.replace_document(haber::schema::id_term(a.id), builder.build(a));
        db.commit();
    }

    haber::search::Searcher searcher(dir.path());
    for (const char* query : {"Ankara", "ankara", "ANKARA"}) {
        haber::search::SearchOptions options;
        options.limit = picked.size();
        auto result = searcher.search(query, options);
        std::set<std::string> found;
        for (const auto& hit : result.hits) found.insert(hit.article.id);
        std::size_t missing = 0;
        for (const auto& id : expected) missing += found.count(id) ? 0 : 1;
        EXPECT_EQ(missing, 0u) << query << ": " << missing << " of " << expected.size()
                               << " articles with Ankara'da/'ya/'nın not found";
        EXPECT_GE(result.total, expected.size()) << query;
    }
}

}  // namespace
