// A keyword shorter than the stem prefix reaches its inflections: "tarih"
// finds tarihi, tarihinde, tarihe (their 6-letter stems begin with it),
// "secim" typed without Turkish letters finds seçimde; three-letter words
// and phrases are not widened.
#include <gtest/gtest.h>

#include <set>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "index/index_writer.h"
#include "search/searcher.h"
#include "support/run_command.h"

namespace {

std::set<std::string> ids(haber::search::Searcher& s, const std::string& q) {
    std::set<std::string> out;
    for (const auto& h : s.search(q).hits) out.insert(h.article.id);
    return out;
}

TEST(search_widening, ShortKeywordsReachTheirInflections) {
    haber::test::TempDir dir;
    {
        // A database of the prefix6 stemmer (haber's default before the
        // lemma stage): still searched as it was built.
        haber::analysis::Analyzer analyzer(haber::analysis::StemConfig{haber::analysis::StemStrategy::Prefix, 6});
        haber::index::IndexWriter w(dir.path(), analyzer);
        auto add = [&](const char* id, const char* body) {
            haber::Article a;
            a.id = id;
            a.body = body;
            w.add(a);
        };
        add("tarih", "Türk tarihi üzerine yeni bir kitap yayımlandı.");
        add("tarihinde", "Toplantı 12 Mayıs tarihinde yapılacak.");
        add("tarihe", "Bu zafer tarihe geçti.");
        add("secim", "Yerel seçimde katılım yüzde 80 oldu.");
        add("sistem", "Yeni sistem devreye girdi; sisli havada uçuşlar iptal.");
        w.commit();
    }
    haber::search::Searcher s(dir.path());
    EXPECT_EQ(ids(s, "tarih"), (std::set<std::string>{"tarih", "tarihinde", "tarihe"}));
    EXPECT_EQ(ids(s, "seçim"), (std::set<std::string>{"secim"}));
    EXPECT_EQ(ids(s, "secim"), (std::set<std::string>{"secim"}));
    EXPECT_TRUE(ids(s, "sis").empty());  // not widened to sistem, sisli
    EXPECT_TRUE(ids(s, "\"tarih geçti\"").empty());
}

}  // namespace
