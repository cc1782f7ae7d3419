// Story versions (core/index/versions.h): fingerprints, grouping at index
// time (order independence, replace, delete, re-index, bulk loading) and
// haber-search's "+N versions", --all-versions and --versions ID. The texts
// are real: the AA wire story and articles of the bundled corpus.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <optional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "analysis/analyzer.h"
#include "article.h"
#include "index/bulk_loader.h"
#include "index/index_writer.h"
#include "index/schema.h"
#include "index/versions.h"
#include "search/searcher.h"
#include "support/run_command.h"

namespace {

using haber::Article;
namespace versions = haber::index::versions;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The AA story: first paragraph as lead, the rest as body.
Article aa_story() {
    std::string text = slurp(std::string(HABER_SOURCE_DIR) + "/corpus/aa-sample/taskent-ozbekistan-kazakistan-muttefiklik.txt");
    Article a;
    auto nl = text.find('\n');
    a.id = "aa-taskent";
    a.title = "Özbekistan ile Kazakistan müttefiklik anlaşması imzaladı";
    a.lead = text.substr(0, nl);
    a.body = text.substr(nl + 1);
    a.date = "2022-12-22";
    a.place = "TAŞKENT";
    a.source = "AA";
    return a;
}

// The story re-issued the next day: a new lead and an extra paragraph.
Article aa_update() {
    Article a = aa_story();
    a.id = "aa-taskent-guncelleme";
    a.title = "Özbekistan ve Kazakistan müttefik oldu";
    a.lead = "TAŞKENT (AA) – Özbekistan ile Kazakistan, stratejik ortaklık ilişkilerini müttefiklik düzeyine "
             "çıkaran anlaşmayı dün imzaladı.";
    a.body += "\nAnlaşmanın iki ülkenin parlamentolarında önümüzdeki ay onaylanması bekleniyor.";
    a.date = "2022-12-23";
    return a;
}

// A newspaper's copy of the wire story under its own headline.
Article aa_copy() {
    Article a = aa_story();
    a.id = "gazete-taskent";
    a.title = "Orta Asya'da tarihi anlaşma";
    a.source = "Gazete";
    a.date = "2022-12-22";
    return a;
}

// Another story on the same topic, other words.
Article same_topic() {
    Article a;
    a.id = "aa-ozbek-ticaret";
    a.title = "Özbekistan ile Kazakistan arasında ticaret hacmi arttı";
    a.body = "Özbekistan ile Kazakistan arasındaki dış ticaret hacmi geçen yıl yüzde 30 artarak 4 milyar dolara "
             "yaklaştı. Taşkent'te açıklanan verilere göre iki ülke arasında en çok tahıl, doğal gaz ve tekstil "
             "ürünleri el değiştirdi.\nYetkililer sınır kapılarındaki bekleme sürelerinin kısaltılması için yeni "
             "bir gümrük anlaşması üzerinde çalışıldığını bildirdi.";
    a.date = "2022-12-20";
    a.source = "AA";
    return a;
}

// A templated short market report: the next day's differs in its numbers.
Article borsa(const std::string& id, const std::string& date, const std::string& open, const std::string& pct,
              const std::string& close, const std::string& points) {
    Article a;
    a.id = id;
    a.title = "Borsa İstanbul güne yükselişle başladı";
    a.body = "Borsa İstanbul'da BIST 100 endeksi, güne yüzde " + pct + " yükselişle " + open +
             " puandan başladı. Dün yatay seyreden Borsa İstanbul'da BIST 100 endeksi, günü " + close +
             " puandan tamamladı. Açılışta BIST 100 endeksi, önceki kapanışa göre " + points + " puan ve yüzde " +
             pct + " artışla " + open + " puana çıktı.";
    a.date = date;
    a.source = "cnbce";
    return a;
}

Article make(const std::string& id, const std::string& body, const std::string& date = {}) {
    Article a;
    a.id = id;
    a.title = "Başlık " + id;
    a.body = body;
    a.date = date;
    return a;
}

// Articles of the bundled corpus by id.
std::map<std::string, Article> financial() {
    std::map<std::string, Article> out;
    std::ifstream in(std::string(HABER_SOURCE_DIR) + "/corpus/tr-financial-200.jsonl");
    std::string line;
    while (std::getline(in, line)) {
        auto j = nlohmann::json::parse(line);
        Article a;
        a.id = j.value("id", "");
        a.title = j.value("title", "");
        a.body = j.value("body", "");
        a.date = j.value("date", "");
        a.source = j.value("source", "");
        out[a.id] = a;
    }
    return out;
}

const char* kTeknofest1 = "bigpara_hurriyet_2025-09-16_bigpara_hurriyet_1207954983965309421";
const char* kTeknofest2 = "bigpara_hurriyet_2025-09-17_bigpara_hurriyet_7281299995583482942";
const char* kTeknofest3 = "bigpara_hurriyet_2025-09-19_bigpara_hurriyet_565145075237469988";  // another day's story

std::vector<Article> fixture() {
    auto fin = financial();
    std::vector<Article> v{aa_story(), aa_update(), aa_copy(), same_topic(),
                           borsa("borsa-1", "2025-09-19", "10.645,12", "0,27", "10.616,18", "29,04"),
                           borsa("borsa-2", "2025-09-22", "10.702,55", "0,41", "10.658,90", "43,65"),
                           make("bos-1", ""), make("bos-2", ""),
                           make("tek-kelime-1", "Ankara"), make("tek-kelime-2", "Ankara"),
                           fin.at(kTeknofest1), fin.at(kTeknofest2), fin.at(kTeknofest3)};
    // Two different binary blobs: whatever "words" they yield must not tie
    // them to each other or to anything else.
    std::string junk1, junk2;
    for (int i = 0; i < 3000; ++i) junk1 += static_cast<char>(1 + (i * 37) % 250);
    for (int i = 0; i < 6000; ++i) junk2 += static_cast<char>(1 + (i * 101 + i / 7) % 250);
    v.push_back(make("ikili-1", junk1));
    v.push_back(make("ikili-2", junk2));
    return v;
}

using Partition = std::set<std::set<std::string>>;

// Groups stored in the database (2+ members), and each grouped id's key.
struct Groups {
    Partition partition;
    std::map<std::string, std::string> key;
};

Groups read_groups(const std::string& path) {
    Xapian::Database db(path);
    std::map<std::string, std::set<std::string>> by_key;
    Groups g;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        Xapian::Document d = db.get_document(*p);
        std::string key = d.get_value(haber::schema::kGroupSlot);
        if (key.empty()) continue;
        std::string id = versions::article_id(d);
        by_key[key].insert(id);
        g.key[id] = key;
    }
    for (auto& [k, members] : by_key) {
        EXPECT_GE(members.size(), 2u) << "a group of one: " << k;
        g.partition.insert(members);
    }
    return g;
}

const Partition kExpected = {
    {"aa-taskent", "aa-taskent-guncelleme", "gazete-taskent"},
    {kTeknofest1, kTeknofest2},
};

// --- Fingerprints -----------------------------------------------------------

std::optional<versions::Fingerprint> fp(const Article& a) {
    static haber::analysis::Analyzer analyzer;
    return versions::fingerprint_of(analyzer, analyzer.normalize(a.lead), analyzer.normalize(a.body));
}

TEST(versions_fingerprint, PairsOfRealTexts) {
    struct Case {
        const char* name;
        Article a, b;
        double min_similarity, max_similarity;
        bool same;
    };
    auto fin = financial();
    const Case cases[] = {
        {"exact copy", aa_story(), aa_copy(), 1.0, 1.0, true},
        {"updated lead and extra paragraph", aa_story(), aa_update(), 0.6, 0.99, true},
        {"same topic, other story", aa_story(), same_topic(), 0.0, 0.1, false},
        {"templated report, other numbers",
         borsa("b1", "", "10.645,12", "0,27", "10.616,18", "29,04"),
         borsa("b2", "", "10.702,55", "0,41", "10.658,90", "43,65"), 0.0, 1.0, false},
        {"real versions in the bundled corpus", fin.at(kTeknofest1), fin.at(kTeknofest2), 0.6, 0.99, true},
        {"two TEKNOFEST stories of different days", fin.at(kTeknofest1), fin.at(kTeknofest3), 0.0, 0.3, false},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        auto fa = fp(c.a), fb = fp(c.b);
        ASSERT_TRUE(fa && fb);
        double s = versions::similarity(fa->minhash, fb->minhash);
        EXPECT_GE(s, c.min_similarity);
        EXPECT_LE(s, c.max_similarity);
        EXPECT_EQ(versions::same_story(*fa, *fb), c.same) << "similarity " << s;
        EXPECT_EQ(versions::same_story(*fa, *fb), versions::same_story(*fb, *fa));
    }
}

TEST(versions_fingerprint, EstimateFollowsExactJaccard) {
    haber::analysis::Analyzer analyzer;
    auto sh = [&](const Article& a) {
        auto t = analyzer.analyze(analyzer.normalize(a.lead));
        auto b = analyzer.analyze(analyzer.normalize(a.body));
        t.insert(t.end(), b.begin(), b.end());
        return versions::shingles(t);
    };
    const std::pair<Article, Article> pairs[] = {{aa_story(), aa_update()}, {aa_story(), same_topic()}};
    for (const auto& [a, b] : pairs) {
        double exact = versions::jaccard(sh(a), sh(b));
        double estimate = versions::similarity(fp(a)->minhash, fp(b)->minhash);
        EXPECT_NEAR(estimate, exact, 0.2) << a.id << " / " << b.id;  // 64 hashes: sd <= 0.0625
    }
}

TEST(versions_fingerprint, TooShortOrOddTextsAreNotCompared) {
    struct Case {
        const char* name;
        std::string lead, body;
        bool has_fingerprint;
    };
    std::string huge;
    for (int i = 0; i < 200000; ++i) huge += "Ankara'da toplantı " + std::to_string(i % 97) + " ";
    std::string binary;
    for (int i = 0; i < 5000; ++i) binary += static_cast<char>(1 + (i * 53) % 250);
    const Case cases[] = {
        {"empty", "", "", false},
        {"one word", "", "Ankara", false},
        {"one sentence of six words", "", "Merkez Bankası faiz kararını bugün açıkladı.", false},
        {"binary", "", binary, true},  // whatever words the tokenizer finds; must not crash
        {"huge", "", huge, true},
    };
    haber::analysis::Analyzer analyzer;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        auto f = versions::fingerprint_of(analyzer, analyzer.normalize(c.lead), analyzer.normalize(c.body));
        if (c.name == std::string("binary")) continue;
        EXPECT_EQ(f.has_value(), c.has_fingerprint);
    }
}

TEST(versions_fingerprint, EncodingRoundTrips) {
    auto f = fp(aa_story());
    ASSERT_TRUE(f);
    auto back = versions::decode(versions::encode(*f));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->minhash, f->minhash);
    EXPECT_EQ(back->shingles, f->shingles);
    EXPECT_EQ(back->numbers, f->numbers);
    EXPECT_FALSE(versions::decode(""));
    EXPECT_FALSE(versions::decode("not a fingerprint"));
    EXPECT_EQ(versions::band_terms(f->minhash).size(), versions::kBands);
}

// --- Grouping ---------------------------------------------------------------

TEST(versions_grouping, GroupsVersionsAndCopiesOnly) {
    haber::test::TempDir dir;
    haber::test::build_index(dir.file("db"), fixture());
    Groups g = read_groups(dir.file("db"));
    EXPECT_EQ(g.partition, kExpected);
    // Key: the earliest member, ties by smallest id.
    EXPECT_EQ(g.key["aa-taskent-guncelleme"], "aa-taskent");
    EXPECT_EQ(g.key["gazete-taskent"], "aa-taskent");
    EXPECT_EQ(g.key[kTeknofest2], kTeknofest1);
}

TEST(versions_grouping, IndependentOfIndexingOrderAndBatches) {
    auto articles = fixture();
    haber::test::TempDir dir;
    haber::test::build_index(dir.file("forward"), articles);
    std::reverse(articles.begin(), articles.end());
    {
        haber::analysis::Analyzer analyzer;
        haber::index::IndexWriter w(dir.file("reverse"), analyzer, haber::index::IndexWriterOptions{2});
        for (const auto& a : articles) w.add(a);  // a commit (and regrouping) every 2 articles
        w.commit();
    }
    Groups f = read_groups(dir.file("forward")), r = read_groups(dir.file("reverse"));
    EXPECT_EQ(f.partition, r.partition);
    EXPECT_EQ(f.key, r.key);
}

TEST(versions_grouping, ReplaceDeleteAndReindex) {
    haber::test::TempDir dir;
    const std::string db = dir.file("db");
    haber::test::build_index(db, fixture());
    haber::analysis::Analyzer analyzer;
    struct Step {
        const char* name;
        std::function<void(haber::index::IndexWriter&)> change;
        Partition expected;
        std::map<std::string, std::string> keys;  // some ids' expected keys
    };
    const Step steps[] = {
        {"the update is replaced by another story: it leaves its group",
         [](auto& w) {
             Article a = make("aa-taskent-guncelleme",
                              "Kazakistan'da kış erken geldi; Astana'da kar kalınlığı 20 santimetreyi aştı ve "
                              "okullar bir gün tatil edildi. Meteoroloji yetkilileri soğuk havanın hafta sonuna "
                              "kadar süreceğini açıkladı.",
                              "2022-12-23");
             w.add(a);
         },
         {{"aa-taskent", "gazete-taskent"}, {kTeknofest1, kTeknofest2}},
         {{"gazete-taskent", "aa-taskent"}}},
        {"the update comes back",
         [](auto& w) { w.add(aa_update()); },
         kExpected,
         {{"aa-taskent-guncelleme", "aa-taskent"}}},
        {"the key member is deleted: the others stay together under a new key",
         [](auto& w) { EXPECT_TRUE(w.remove("aa-taskent")); },
         {{"aa-taskent-guncelleme", "gazete-taskent"}, {kTeknofest1, kTeknofest2}},
         {{"aa-taskent-guncelleme", "gazete-taskent"}}},  // 2022-12-22 before 2022-12-23
        {"a group of two loses a member: no group left",
         [](auto& w) { EXPECT_TRUE(w.remove(kTeknofest2)); },
         {{"aa-taskent-guncelleme", "gazete-taskent"}},
         {}},
        {"everything re-indexed: the original groups",
         [](auto& w) {
             for (const auto& a : fixture()) w.add(a);
         },
         kExpected,
         {{"aa-taskent-guncelleme", "aa-taskent"}, {kTeknofest2, kTeknofest1}}},
        {"the same file again: nothing changes",
         [](auto& w) {
             for (const auto& a : fixture()) w.add(a);
         },
         kExpected,
         {{"aa-taskent-guncelleme", "aa-taskent"}, {kTeknofest2, kTeknofest1}}},
    };
    for (const auto& step : steps) {
        SCOPED_TRACE(step.name);
        {
            haber::index::IndexWriter w(db, analyzer);
            step.change(w);
            w.commit();
        }
        Groups g = read_groups(db);
        EXPECT_EQ(g.partition, step.expected);
        for (const auto& [id, key] : step.keys) EXPECT_EQ(g.key[id], key) << id;
        for (const auto& id : {"bos-1", "bos-2", "tek-kelime-1", "tek-kelime-2", "borsa-1", "borsa-2", "aa-ozbek-ticaret",
                               "ikili-1", "ikili-2"})
            EXPECT_EQ(g.key.count(id), 0u) << id << " must not be grouped";
    }
}

TEST(versions_grouping, BulkLoaderGroupsAsOneWriterDoes) {
    haber::test::TempDir dir;
    haber::test::build_index(dir.file("one"), fixture());
    haber::analysis::Analyzer analyzer;
    for (unsigned shards : {2u, 3u}) {
        SCOPED_TRACE(shards);
        std::string path = dir.file("bulk" + std::to_string(shards));
        haber::index::BulkLoader loader(path, analyzer, haber::index::BulkLoaderOptions{shards});
        for (auto a : fixture()) loader.add(std::move(a));
        loader.finish();
        Groups one = read_groups(dir.file("one")), bulk = read_groups(path);
        EXPECT_EQ(bulk.partition, kExpected);
        EXPECT_EQ(bulk.key, one.key);
    }
}

// --- Search -----------------------------------------------------------------

TEST(versions_search, EachStoryOnceUnlessAllVersions) {
    haber::test::TempDir dir;
    haber::test::build_index(dir.file("db"), fixture());
    haber::search::Searcher s(dir.file("db"));
    haber::search::SearchOptions once, all;
    once.collapse_versions = true;
    auto r1 = s.search("müttefiklik", once);
    auto r2 = s.search("müttefiklik", all);
    ASSERT_EQ(r1.hits.size(), 1u);
    EXPECT_EQ(r1.total, 1u);
    EXPECT_TRUE(r1.total_exact);
    EXPECT_EQ(r1.hits[0].versions, 2u);
    EXPECT_EQ(r1.hits[0].group, "aa-taskent");
    EXPECT_EQ(r1.hits[0].collapsed, 2u);
    EXPECT_EQ(r2.hits.size(), 3u);
    EXPECT_EQ(r2.total, 3u);
    for (const auto& h : r2.hits) EXPECT_EQ(h.versions, 2u);

    auto list = s.versions("gazete-taskent");
    ASSERT_TRUE(list);
    std::vector<std::string> ids;
    for (const auto& a : *list) ids.push_back(a.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"aa-taskent", "gazete-taskent", "aa-taskent-guncelleme"}));
    ASSERT_TRUE(s.versions("aa-ozbek-ticaret"));
    EXPECT_EQ(s.versions("aa-ozbek-ticaret")->size(), 1u);
    EXPECT_FALSE(s.versions("yok"));
}

// --- haber-search -------------------------------------------------------------

class versions_cli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new haber::test::TempDir();
        haber::test::build_index(db(), fixture());
    }
    static void TearDownTestSuite() { delete dir_; dir_ = nullptr; }
    static std::string db() { return dir_->file("db"); }
    static haber::test::CommandResult search(std::vector<std::string> args) {
        std::vector<std::string> argv{HABER_SEARCH_BIN, "--db", db()};
        argv.insert(argv.end(), args.begin(), args.end());
        return haber::test::run_command(argv, {}, {{"HOME", dir_->path()}, {"XDG_DATA_HOME", dir_->file("xdg")}});
    }
    static haber::test::TempDir* dir_;
};
haber::test::TempDir* versions_cli::dir_ = nullptr;

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
}

TEST_F(versions_cli, TextShowsPlusNVersions) {
    struct Case {
        std::vector<std::string> args;
        std::string header;
        std::size_t plus_two, ids;
    };
    const Case cases[] = {
        {{"müttefiklik"}, "1 match", 1, 1},
        {{"--all-versions", "müttefiklik"}, "3 matches", 3, 3},
        {{"--count", "müttefiklik"}, "1", 0, 0},
        {{"--count", "--all-versions", "müttefiklik"}, "3", 0, 0},
    };
    for (const auto& c : cases) {
        auto r = search(c.args);
        SCOPED_TRACE(r.out);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.out.rfind(c.header, 0), 0u);
        EXPECT_EQ(count(r.out, "+2 versions"), c.plus_two);
        EXPECT_EQ(count(r.out, " · id "), c.ids);
    }
}

TEST_F(versions_cli, JsonHasVersionsAndGroup) {
    auto r = search({"--json", "müttefiklik OR teknofest"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    std::map<std::string, std::pair<int, std::string>> seen;
    for (const auto& h : j["hits"]) seen[h["group"].get<std::string>().empty() ? h["id"].get<std::string>() : h["group"].get<std::string>()] = {h["versions"].get<int>(), h["group"].get<std::string>()};
    EXPECT_EQ(seen["aa-taskent"], (std::pair<int, std::string>{2, "aa-taskent"}));
    EXPECT_EQ(seen[kTeknofest1], (std::pair<int, std::string>{1, kTeknofest1}));
    EXPECT_EQ(seen[kTeknofest3], (std::pair<int, std::string>{0, ""}));
}

TEST_F(versions_cli, VersionsListsTheStoryOldestFirst) {
    auto r = search({"--versions", "aa-taskent-guncelleme"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("3 versions of this story, oldest first", 0), 0u) << r.out;
    auto a = r.out.find("id aa-taskent\n"), b = r.out.find("id gazete-taskent"), c = r.out.find("id aa-taskent-guncelleme");
    ASSERT_NE(a, std::string::npos);
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
    EXPECT_NE(r.out.find("2022-12-23"), std::string::npos);

    auto j = search({"--json", "--versions", "aa-taskent"});
    ASSERT_EQ(j.exit_code, 0) << j.err;
    auto json = nlohmann::json::parse(j.out);
    EXPECT_EQ(json["count"], 3);
    EXPECT_EQ(json["versions"][0]["id"], "aa-taskent");
    EXPECT_EQ(json["versions"][2]["date"], "2022-12-23");
    std::vector<std::string> keys;  // the fields of a listing: not lead, body, author
    for (const auto& [k, v] : json["versions"][0].items()) keys.push_back(k);
    EXPECT_EQ(keys, (std::vector<std::string>{"category", "date", "id", "place", "source", "title", "url"}));

    auto none = search({"--versions", "yok"});
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_NE(none.err.find("no article with id yok"), std::string::npos);
}

TEST_F(versions_cli, InteractiveListsAHitsVersions) {
    auto r = haber::test::run_command({HABER_SEARCH_BIN, "--db", db(), "-i", "--color", "never"},
                                      "müttefiklik\n:v 1\n:all\n?\nq\n",
                                      {{"HOME", dir_->path()}, {"XDG_DATA_HOME", dir_->file("xdg")}});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("+2 versions"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("3 versions of this story, oldest first"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("showing every version of a story"), std::string::npos);
    EXPECT_NE(r.out.find("3 matches"), std::string::npos);
    EXPECT_NE(r.out.find(":v N"), std::string::npos);  // in the help
}

}  // namespace
