// The words people type find the forms news text writes, and back: every
// pair and query of issue 9's "Words that fail", through the Searcher as
// haber-search runs it. Sentences are kemik-42bin's (one article each).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "search/searcher.h"
#include "support/run_command.h"

namespace {

using haber::Article;
using haber::search::SearchOptions;
using haber::search::Searcher;

struct Sentence {
    const char* id;    // the word form it holds
    const char* text;  // kemik-42bin
};

// One sentence holding each form and not the other of its pair.
const Sentence kSentences[] = {
    {"haberleri", "Bu arada polis, Malala'nın akrabası olduğunu iddia eden bazı kişilerin dün gece hastaneye geldiğine ve gözaltına alındığına dair haberleri yalanladı."},  // kemik42bin-dunya-85
    {"haber", "Haber ağı, muhalif tugayların Humus'ta çok sayıda tank ve askeri aracı etkisiz hale getirerek, yüksek miktarda mühimmat ve cephanelik ele geçirdiğini belirtti."},  // kemik42bin-dunya-36
    {"kararını", "ABD Dışişleri Bakanlığı Sözcüsü Victoria Nuland, Türkiye'nin hava sahasını Suriye uçaklarına kapatma kararını ABD olarak desteklediklerini söyledi."},  // kemik42bin-dunya-77
    {"karar", "Acı ile değerlendirilen bir karar ancak biz, ülkeye hukukunun üstünlüğünü yeniden döndürmek için istekliyiz."},  // kemik42bin-dunya-33
    {"partilerin", "Bazıları ise puan toplamaya başlayan küçük partilerin, iyice güçlenmeden seçimlere gitmenin Noda'nın planı olduğu kaydetti."},  // kemik42bin-dunya-423
    {"parti", "2003 yılından bu yana Ontario Başbakanı olan McGuinty, Liberal Parti'nin başına yeni başkan seçilinceye kadar görevini sürdüreceğini sözlerine ekledi."},  // kemik42bin-dunya-93
    {"cezasını", "41 yaşındaki Donnie Lee Roberts, Temyiz Mahkemesi'nin idam cezasını durdurma talebini geri çevirmesinden sonra idam edildi."},  // kemik42bin-dunya-214
    {"ceza", "Youssef daha önce filmin yapımı için lojistik destek sağladığını kabul etmesine rağmen bu konuda hiçbir ceza almadı."},  // kemik42bin-dunya-281
    {"yılında", "İskoçya'da 2014 yılında yapılması beklenen referandumdan bağımsızlığa \"Evet\" sonucu çıkarsa, İskoçya İngiliz hükümetiyle görüşmelere başlayacak."},  // kemik42bin-dunya-46
    {"yıl", "Londra ile birliği savunanlar ile karşı çıkanlar bu yıl içerisinde ayrı ayrı kampanyalar başlatmıştı."},  // kemik42bin-dunya-9
    {"bölgesinde", "Bir güvenlik yetkilisi, Kuzey Veziristan'ın Hürmüz bölgesinde militanlarca kullanılan bir eve gerçekleştirilen saldırıda 5 militanın öldüğünü söyledi."},  // kemik42bin-dunya-31
    {"bölge", "Bu doğrultudaki yoğun temaslara karşın, Türkiye-Suriye sınırında bugüne dek uçuşa yasak bölge oluşturulmadı."},  // kemik42bin-dunya-96
    {"ülkelerin", "Diğer ülkelerin de benzer bir kitap yazabileceğini belirten Stuart Laycock, \"Ancak onların listelerinin bu kadar uzun olacağını sanmıyorum\" şeklinde konuştu."},  // kemik42bin-dunya-313
    {"ülke", "Mısır Cumhurbaşkanı Muhammed Mursi'nin Uganda ziyareti sırasında Nil suları konusunda iki ülke arasındaki işbirliğinin ele alındığı belirtildi."},  // kemik42bin-dunya-29
    {"çocuğun", "Polis sözcüsü, olay sırasında evde 3 çocuğun bulunduğunu, çocukların yakın akrabaları tarafından götürüldüğü belirtildi."},  // kemik42bin-dunya-258
    {"çocuk", "Şekil Mallik, ölenlerden 9’unun erkek, birinin ise 4 yaşındaki bir çocuk olduğunu belirterek, bölgedeki hastanelerin şu anda alarma geçtiğini ifade etti."},  // kemik42bin-dunya-16
    {"kitabı", "'Bulut Sütunu' Yahudilerin kutsal kitabı Tevrat'ta Tanrı'nın İsrailoğullarına yardımı anlamına geliyor."},  // kemik42bin-dunya-410
    {"kitap", "Diğer ülkelerin de benzer bir kitap yazabileceğini belirten Stuart Laycock, \"Ancak onların listelerinin bu kadar uzun olacağını sanmıyorum\" şeklinde konuştu."},  // kemik42bin-dunya-313
    {"ağacı", "Birçok evin ve aracın hasar görmesine neden olan fırtınanın çok sayıda ağacı da devirdiği belirtildi."},  // kemik42bin-dunya-2182
    {"ağaç", "Yetkililer, bir kadının kopan ağaç dalının altında kalarak öldüğünü, bir başka kişinin ise sel sularına kapılarak boğulduğunu açıkladı."},  // kemik42bin-dunya-211
    {"sonucu", "İskoçya'da 2014 yılında yapılması beklenen referandumdan bağımsızlığa \"Evet\" sonucu çıkarsa, İskoçya İngiliz hükümetiyle görüşmelere başlayacak."},  // kemik42bin-dunya-46
    {"sonuç", "Vancouver polisinin akşam saatlerine kadar süren ikna çabaları olumlu sonuç verdi."},  // kemik42bin-dunya-94
    {"gücünü", "Ülkenin savunma ve caydırıcılık gücünü artırmayı hedefleyen tatbikatın bir hafta süreceği kaydedildi."},  // kemik42bin-dunya-257
    {"güç", "NEW YORK'U YIKIP GEÇTİ - New York'a yaklaştığı sırada güç kaybeden Sandy, kentin altını üstüne getirdi."},  // kemik42bin-dunya-210
    {"grubunda", "14-29 yaş grubunda ise bu oran yüzde 46."},  // kemik42bin-dunya-876
    {"grup", "Murad, “Başka bir grup da Hasan’ın suikastından faydalanarak gece gündüz yönetime dönme hayalleri kuruyor."},  // kemik42bin-dunya-105
    {"kulübü", "Silah kulübü üyesi olan Steinhaeuser,  saldırı sonrasında intihar etti."},  // kemik42bin-dunya-783
    {"kulüp", "Çıkın akşam bir gezin sokaklarda kulüp benzeri yerlerde kızlarımızı pazarlıyorlar."},  // kemik42bin-dunya-649
    {"sürecinde", "Öte yandan Mısır Cumhurbaşkanlığı Sözcüsü Yasir Ali, \"Mısır'ın ateşkes anlaşmasının uygulanması sürecinde İsrail ve Hamas'la görüşeceğini\" bildirdi."},  // kemik42bin-dunya-504
    {"süreç", "Ümit ederiz Filipinler yönetiminin otoriter yapısı bu süreç sonunda çok daha demokratik hale gelir\" dedi."},  // kemik42bin-dunya-125
    {"desteğini", "Bu nedenle hem Romney hem de Obama, seçim kampanyalarında sık sık Ohio'ya uğrayıp, buradaki seçmenin desteğini almaya çalışıyorlar."},  // kemik42bin-dunya-38
    {"destek", "Anketin tüm kayıtlı seçmenleri kapsayan kısmında ise iki aday, yüzde 46'şar destek oranıyla eşit durumdalar."},  // kemik42bin-dunya-38
    {"sağlığı", "Yine de akıl sağlığı, toplum için büyük bir tabu oluşturuyor."},  // kemik42bin-dunya-813
    {"sağlık", "-Başındaki kurşun çıkarıldı-  Bu arada, askeri hastanede tedavi altına alınan Malala'nın sağlık durumuna ilişkin açıklama yapıldı."},  // kemik42bin-dunya-22
    {"aracın", "Helmand vilayetindeki Nad Ali bölgesi polis şefi Muhammed İbrahim, bombanın polisleri taşıyan bir aracın geçişi sırasında patladığını söyledi."},  // kemik42bin-dunya-26
    {"araç", "Operasyonda, 4 adet uzun namlulu silah ve bu silahlara ait mühimmat, 7 adet el bombası, bir araç ele geçirildi."},  // kemik42bin-dunya-17
    {"Obama'ya", "Sandy kasırgasının Obama'ya en olumlu etkilerinden biri de, federal devletin işlevi konusundaki tartışmaya açıklık getirmesi oldu."},
    {"Obama", "Saldırı uluslararası medyada da geniş yer bulurken, ABD Başkanı Barak Obama ve bazı batılı liderler saldırıyı kınadı."},
    {"Gazze'de", "Olay sonrası İsrail Savunma Kuvvetlerinin Gazze'de bazı yerleri misilleme olarak vurduğu belirtildi."},
    {"Bursa'da", "Bugün de Rusya ve Sırbistan'dan ülkemize gelen iş adamlarımızı Bursa'da ağırlama fırsatı buluyoruz dedi."},
    {"İzmir'de", "Şimdi ise İzmir'de 3 bin dolardan satışa çıkıyoruz."},
    {"Putin'le", "Görüşmeler öncesinde daha önce de açıkladığım gibi Sayın Obama'yla Sayın Putin'le bir telefon irtibatımız olmuştu."},
    {"Gölü'ne", "Köprü, Karadeniz kıyısında Terkos Gölü'ne yakın bir noktada yapılacak."},
};

class Morphology : public testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new haber::test::TempDir();
        std::vector<Article> articles;
        for (const auto& s : kSentences) {
            Article a;
            a.id = s.id;
            a.body = s.text;
            articles.push_back(a);
        }
        haber::test::build_index(dir_->path(), articles);
    }
    static void TearDownTestSuite() { delete dir_; }

    // Ids of the articles `query` finds, as haber-search ranks them.
    static std::vector<std::string> ids(const std::string& query) {
        Searcher s(dir_->path());
        SearchOptions o;
        o.limit = 50;
        o.collapse_versions = false;  // some sentences are the same text
        std::vector<std::string> out;
        for (const auto& h : s.search(query, o).hits) out.push_back(h.article.id);
        return out;
    }
    static bool finds(const std::string& query, const std::string& id) {
        auto v = ids(query);
        return std::find(v.begin(), v.end(), id) != v.end();
    }
    static haber::test::TempDir* dir_;
};
haber::test::TempDir* Morphology::dir_ = nullptr;

struct Pair {
    const char* a;
    const char* b;
};

class WordPairs : public Morphology, public testing::WithParamInterface<Pair> {};

// Each form finds the sentence holding the other.
TEST_P(WordPairs, FindEachOther) {
    EXPECT_TRUE(finds(GetParam().a, GetParam().b)) << GetParam().a << " should find " << GetParam().b;
    EXPECT_TRUE(finds(GetParam().b, GetParam().a)) << GetParam().b << " should find " << GetParam().a;
}

INSTANTIATE_TEST_SUITE_P(Issue9, WordPairs, testing::Values(
    Pair{"haberleri", "haber"},
    Pair{"kararını", "karar"},
    Pair{"partilerin", "parti"},
    Pair{"cezasını", "ceza"},
    Pair{"yılında", "yıl"},
    Pair{"bölgesinde", "bölge"},
    Pair{"ülkelerin", "ülke"},
    Pair{"çocuğun", "çocuk"},
    Pair{"kitabı", "kitap"},
    Pair{"ağacı", "ağaç"},
    Pair{"sonucu", "sonuç"},
    Pair{"gücünü", "güç"},
    Pair{"grubunda", "grup"},
    Pair{"kulübü", "kulüp"},
    Pair{"sürecinde", "süreç"},
    Pair{"desteğini", "destek"},
    Pair{"sağlığı", "sağlık"},
    Pair{"aracın", "araç"}));

struct Query {
    const char* typed;
    const char* finds;
};

class NameQueries : public Morphology, public testing::WithParamInterface<Query> {};

TEST_P(NameQueries, FindTheName) { EXPECT_TRUE(finds(GetParam().typed, GetParam().finds)) << GetParam().typed; }

INSTANTIATE_TEST_SUITE_P(Issue9, NameQueries, testing::Values(
    Query{"obamaya", "Obama'ya"}, Query{"obamaya", "Obama"}, Query{"Obama'ya", "Obama"}, Query{"obama", "Obama'ya"},
    Query{"gazzede", "Gazze'de"}, Query{"gazze", "Gazze'de"}, Query{"bursada", "Bursa'da"},
    Query{"izmirde", "İzmir'de"}, Query{"izmir", "İzmir'de"}, Query{"putinle görüşmeler", "Putin'le"},
    Query{"putinle", "Putin'le"}, Query{"göl", "Gölü'ne"}, Query{"terkos gölü", "Gölü'ne"},
    Query{"cocugun", "çocuk"}, Query{"surecinde", "süreç"}, Query{"kararini", "karar"}));

TEST_F(Morphology, ObamayaFindsAsManyAsObama) {
    auto typed = ids("obamaya");
    auto name = ids("Obama");
    EXPECT_EQ(typed.size(), name.size());
    EXPECT_GE(name.size(), 3u);  // Obama'ya, Obama, Obama'yla
}

// The dateline place is a word of the text: the AA story's "TAŞKENT (AA) –"
// is found by taşkent, typed with or without Turkish letters.
TEST(Dateline, PlaceIsSearchableAsAWord) {
    haber::test::TempDir dir;
    Article a;
    a.id = "aa";
    a.place = "TAŞKENT";
    a.source = "AA";
    a.body = "Özbekistan ile Kazakistan arasındaki stratejik ortaklık ilişkileri, müttefiklik düzeyine çıkarılacak.";
    Article b;
    b.id = "other";
    b.body = "Kazakistan ile Kırgızistan arasında yeni bir anlaşma imzalandı.";
    haber::test::build_index(dir.path(), {a, b});
    Searcher s(dir.path());
    for (const char* q : {"taşkent", "Taşkent", "taskent", "TAŞKENT'te", "taşkent kazakistan"}) {
        auto r = s.search(q);
        ASSERT_FALSE(r.hits.empty()) << q;
        EXPECT_EQ(r.hits.front().article.id, "aa") << q;
    }
}

TEST_F(Morphology, UnrelatedWordsStayApart) {
    EXPECT_FALSE(finds("cumhuriyet", "Obama"));
    EXPECT_TRUE(ids("şiş").empty());
}

TEST_F(Morphology, AsciiTypedWordsKeepVowelHarmony) {
    // olduklari is oldukları (ol-), never öldükleri (öl-: dies), which
    // folds to oldukleri: it finds "olduğu", not "öldüğünü".
    EXPECT_TRUE(finds("olduklari", "partilerin"));   // ... Noda'nın planı olduğu ...
    EXPECT_FALSE(finds("olduklari", "bölgesinde"));  // ... 5 militanın öldüğünü ...
    EXPECT_FALSE(finds("olduklari", "ağaç"));        // ... kalarak öldüğünü ...
    EXPECT_TRUE(finds("oldukleri", "bölgesinde"));
}

TEST_F(Morphology, DidYouMeanLeavesKnownNamesAlone) {
    Searcher s(dir_->path());
    SearchOptions o;
    for (const char* q : {"obamaya", "gazzede", "bursada", "putinle"}) {
        auto r = s.search(q, o);
        EXPECT_TRUE(r.suggestion.empty()) << q << " -> " << r.suggestion.query;
    }
}

TEST_F(Morphology, ALoneTypographicQuoteIsText) {
    EXPECT_TRUE(finds("Terkos Gölü\u201d", "Gölü'ne"));
    EXPECT_TRUE(finds("\u201cTerkos Gölü", "Gölü'ne"));
}

TEST_F(Morphology, AQueryWithNoArticleHavingEveryWordIsRelaxed) {
    Searcher s(dir_->path());
    SearchOptions o;
    auto r = s.search("terkos gölü kasırga", o);
    EXPECT_TRUE(r.relaxed);
    ASSERT_FALSE(r.hits.empty());
    // With an operator the user asked for exactly this: no relaxing.
    auto strict = s.search("terkos AND kasırga", o);
    EXPECT_FALSE(strict.relaxed);
    EXPECT_TRUE(strict.hits.empty());
    o.ranking.relax = false;
    o.ranking.slack = 0;
    EXPECT_TRUE(s.search("terkos gölü kasırga", o).hits.empty());
}

}  // namespace
