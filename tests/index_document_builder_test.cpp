// DocumentBuilder (index/document_builder.h): which terms an article's
// fields become, how much each counts in the text terms' wdf (title
// kTitleWdf, lead kLeadWdf, body and dateline place once), where their
// positions lie, and what else the document carries. The article is
// kemik-42bin's dunya-1, cut short, with a dateline place added.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "index/document_builder.h"
#include "index/schema.h"

namespace {

using haber::Article;
namespace schema = haber::schema;

Article dunya_1() {
    Article a;
    a.id = "kemik42bin-dunya-1";
    a.place = "ATİNA";
    a.title = "'Ortak vizyonumuz var'";
    a.lead = "Dışişleri Bakanı Davutoğlu, Yunanistan ile Türkiye arasındaki farlılıkların ortak vizyon ile "
             "çözülebileceğini söyledi.";
    a.body = "Dışişleri Bakanı Ahmet Davutoğlu ve Yunan mevkidaşı Dimitris Avramopulos, başbaşa ve heyetler "
             "arası görüşmelerin ardından ortak basın toplantısı düzenledi.\nDavutoğlu, Yunanistan'da "
             "kendisine gösterilen sıcak karşılama için teşekkür etti.";
    a.date = "2012-10-26";
    return a;
}

class DocumentBuilderTest : public ::testing::Test {
protected:
    haber::analysis::Analyzer analyzer;
    Xapian::Document doc = haber::DocumentBuilder(analyzer).build(dunya_1());

    // The stem the analyzer gives `word` (as the query side would).
    std::string stem(const std::string& word) const {
        auto tokens = analyzer.analyze(analyzer.normalize(word));
        return tokens.empty() ? std::string() : tokens.front().stem;
    }
    // wdf of a term in the document, 0 if it is not there.
    Xapian::termcount wdf(const std::string& term) const {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0;
    }
    bool has(const std::string& term) const {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        return it != doc.termlist_end() && *it == term;
    }
    std::vector<Xapian::termpos> positions(const std::string& term) const {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        if (it == doc.termlist_end() || *it != term) return {};
        return {it.positionlist_begin(), it.positionlist_end()};
    }
};

// A word's text-term wdf says which fields hold it and how each counts.
struct WdfCase {
    const char* word;
    Xapian::termcount text_wdf;  // Z term
    bool in_title;               // S term
    const char* where;
};

TEST_F(DocumentBuilderTest, EachFieldCountsItsWeightInTheTextTerms) {
    const Xapian::termcount t = schema::kTitleWdf, l = schema::kLeadWdf;
    static_assert(schema::kLeadWdf > 1, "the lead outweighs the body");
    const WdfCase cases[] = {
        {"vizyonumuz", t + l, true, "title (vizyonumuz) + lead (vizyon)"},
        {"yunanistan", l + 1, false, "lead + body (Yunanistan'da)"},
        {"farlılıkların", l, false, "lead only"},
        {"söyledi", l, false, "lead only"},
        {"toplantısı", 1, false, "body only"},
        {"avramopulos", 1, false, "body only"},
        {"davutoğlu", l + 2, false, "lead once, body twice"},
        {"atina", 1, false, "dateline place, once"},
    };
    for (const auto& c : cases) {
        std::string s = stem(c.word);
        ASSERT_FALSE(s.empty()) << c.word;
        EXPECT_EQ(wdf(schema::term(schema::kBodyStem, s)), c.text_wdf) << c.word << ": " << c.where;
        EXPECT_EQ(wdf(schema::term(schema::kTitleStem, s)) > 0, c.in_title) << c.word << ": " << c.where;
    }
}

TEST_F(DocumentBuilderTest, FieldsLieApartInOnePositionSpace) {
    // place < title < lead < body, with at least kFieldGap between fields,
    // so no phrase spans two of them.
    auto first = [&](const char* word) {
        auto p = positions(schema::term(schema::kBodyStem, stem(word)));
        return p.empty() ? Xapian::termpos(0) : p.front();
    };
    Xapian::termpos place = first("atina"), title = first("ortak"), lead = first("dışişleri"),
                    body = first("ahmet");
    EXPECT_GE(title, place + schema::kFieldGap);
    EXPECT_GE(lead, title + schema::kFieldGap);
    EXPECT_GE(body, lead + schema::kFieldGap);
    // A weight is a count, not extra positions: the lead word has one.
    EXPECT_EQ(positions(schema::term(schema::kBodyStem, stem("söyledi"))).size(), 1u);
}

TEST_F(DocumentBuilderTest, CarriesExactFormsIdDateAndTheStoredArticle) {
    EXPECT_GT(wdf(schema::term(schema::kExact, "yunanistan")), 0u);  // apostrophe suffix cut
    EXPECT_GT(wdf(schema::term(schema::kExact, "çözülebileceğini")), 0u);
    EXPECT_EQ(wdf(schema::term(schema::kExact, "atina")), 0u);  // the place has no exact forms
    // Boolean terms: present, with no weight.
    for (const std::string& term : {schema::id_term("kemik42bin-dunya-1"), schema::term(schema::kYear, "2012"),
                                    schema::term(schema::kMonth, "201210")}) {
        EXPECT_TRUE(has(term)) << term;
        EXPECT_EQ(wdf(term), 0u) << term;
    }
    EXPECT_EQ(doc.get_value(schema::kDateSlot), "20121026");
    Article stored = schema::decode_article(doc.get_data());
    EXPECT_EQ(stored.id, "kemik42bin-dunya-1");
    EXPECT_EQ(stored.lead.rfind("Dışişleri Bakanı", 0), 0u) << stored.lead;
}

}  // namespace
