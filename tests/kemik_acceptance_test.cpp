// Acceptance on the real kemik-42bin corpus (../shared/corpus; skipped when
// absent): a search for Ankara finds the articles that write it with a case
// suffix after an apostrophe — ', ’ and kemik's own U+0092 — where plain
// Xapian keeps "ankara'da" as one term.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
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

class kemik_acceptance : public ::testing::Test {
protected:
    // Every article with Ankara'da / Ankara'ya / Ankara'nın, plus every 20th
    // other article as distractors (with other Ankara forms among them).
    static void SetUpTestSuite() {
        dir_ = std::make_unique<haber::test::TempDir>();
        picked_ = std::make_unique<std::vector<Article>>();
        expected_ = std::make_unique<std::set<std::string>>();
        if (!std::filesystem::exists(kKemik)) return;
        std::vector<Article> all = haber::ingest::read_all({kKemik});
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (has_suffixed_ankara(all[i])) {
                expected_->insert(all[i].id);
                picked_->push_back(all[i]);
            } else if (i % 20 == 0) {
                picked_->push_back(all[i]);
            }
        }
        haber::test::build_index(dir_->path(), *picked_);
    }
    static void TearDownTestSuite() {
        dir_.reset();
        picked_.reset();
        expected_.reset();
    }
    void SetUp() override {
        if (!std::filesystem::exists(kKemik)) GTEST_SKIP() << kKemik << " not present";
    }
    static std::vector<std::string> top_ids(const std::string& query, std::size_t k) {
        haber::search::Searcher searcher(dir_->path());
        haber::search::SearchOptions options;
        options.limit = k;
        std::vector<std::string> ids;
        for (const auto& hit : searcher.search(query, options).hits) ids.push_back(hit.article.id);
        return ids;
    }
    // Made in SetUpTestSuite and removed in TearDownTestSuite, so that a
    // process running another suite's test leaves no directory behind.
    static inline std::unique_ptr<haber::test::TempDir> dir_;
    static inline std::unique_ptr<std::vector<Article>> picked_;
    static inline std::unique_ptr<std::set<std::string>> expected_;
};

TEST_F(kemik_acceptance, AnkaraFindsEveryApostropheSuffixedForm) {
    ASSERT_GT(expected_->size(), 500u) << "kemik-42bin should hold many suffixed Ankara forms";
    for (const char* query : {"Ankara", "ankara", "ANKARA"}) {
        std::vector<std::string> ids = top_ids(query, picked_->size());
        std::set<std::string> found(ids.begin(), ids.end());
        std::size_t missing = 0;
        for (const auto& id : *expected_) missing += found.count(id) ? 0 : 1;
        EXPECT_EQ(missing, 0u) << query << ": " << missing << " of " << expected_->size()
                               << " articles with Ankara'da/'ya/'nın not found";
    }
}

// A query typed without Turkish letters ranks (nearly) as its Turkish
// spelling does: most of the same top ten, the same first hit.
TEST_F(kemik_acceptance, AsciiTypedQueriesRankLikeTurkishOnes) {
    const std::pair<const char*, const char*> pairs[] = {
        {"Dışişleri Bakanı", "disisleri bakani"}, {"Ankara'da toplantı", "ankarada toplanti"},
        {"cumhurbaşkanı gül", "cumhurbaskani gul"}, {"Türkiye ekonomisi", "turkiye ekonomisi"},
        {"başbakan erdoğan", "BASBAKAN ERDOGAN"}};
    for (const auto& [turkish, ascii] : pairs) {
        auto t = top_ids(turkish, 10), a = top_ids(ascii, 10);
        ASSERT_FALSE(t.empty()) << turkish;
        std::size_t common = 0;
        for (const auto& id : t) common += std::count(a.begin(), a.end(), id);
        EXPECT_GE(common, 8u) << turkish << " / " << ascii;
        ASSERT_FALSE(a.empty()) << ascii;
        EXPECT_EQ(t.front(), a.front()) << turkish << " / " << ascii;
    }
}

}  // namespace
