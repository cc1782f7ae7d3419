// The lemma stage (analysis/lemmatizer.h): inflected Turkish words reach the
// root their base form has, with the root changes suffixes make, and
// unrelated words stay apart. Words from kemik-42bin's text and from the
// queries archivists type.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "analysis/analyzer.h"
#include "analysis/lemmatizer.h"

namespace {

using haber::analysis::Lemmatizer;

struct Case {
    const char* word;
    const char* root;
};

class LemmaTable : public testing::TestWithParam<Case> {};

TEST_P(LemmaTable, ReachesTheRoot) {
    Lemmatizer l;
    EXPECT_EQ(l.lemma(GetParam().word).root, GetParam().root) << GetParam().word;
}

INSTANTIATE_TEST_SUITE_P(Inflection, LemmaTable, testing::Values(
    Case{"haberleri", "haber"}, Case{"kararını", "karar"}, Case{"partilerin", "parti"},
    Case{"cezasını", "ceza"}, Case{"yılında", "yıl"}, Case{"bölgesinde", "bölge"},
    Case{"ülkelerin", "ülke"}, Case{"bakanlar", "bakan"}, Case{"bakanı", "bakan"},
    Case{"seçimlerde", "seçim"}, Case{"liraya", "lira"}, Case{"hükümeti", "hükümet"},
    Case{"görüştü", "görüş"}, Case{"açıkladı", "açıkla"}, Case{"yaptığı", "yap"},
    // a verb's a/e narrowed before -yor, also after the negative and "cannot"
    Case{"başlıyor", "başlıyor"}, Case{"başlıyordu", "başla"}, Case{"bekliyorum", "bekle"},
    Case{"hedefliyoruz", "hedefle"}, Case{"söylüyorlar", "söyle"}, Case{"istemiyorum", "iste"},
    Case{"beklemiyor", "bekle"}, Case{"yapamıyoruz", "yap"}, Case{"olamıyor", "ol"},
    Case{"edemiyorum", "et"}, Case{"söyleyemiyorum", "söyle"}, Case{"biliyor", "biliyor"},
    Case{"biliyoruz", "bil"}, Case{"geliyorlar", "gel"},
    // verbs that start with ç, ö, ş or ü are verbs too (the lexicon once
    // took their entries for capitalised names)
    Case{"çıktığı", "çık"}, Case{"çıktığını", "çık"}, Case{"çalışıyor", "çalış"}, Case{"çektiği", "çek"},
    Case{"ödedi", "öde"}, Case{"ürettiği", "üret"}, Case{"öğrendik", "öğren"}, Case{"şaşırdık", "şaşır"},
    Case{"üstlendiği", "üstlen"}, Case{"şehre", "şehir"}, Case{"ömrü", "ömür"},
    // the plural of a noun, not the aorist -ar/-er of a verb of two
    // syllables or more (that is -ır: sorulur, verilir)
    Case{"sorular", "soru"}, Case{"veriler", "veri"}, Case{"konular", "konu"}, Case{"sayılar", "sayı"},
    Case{"yapılar", "yapı"}, Case{"öneriler", "öneri"}, Case{"eleştiriler", "eleştiri"},
    Case{"yazar", "yazar"}, Case{"kaybeder", "kaybet"}, Case{"gelir", "gelir"}));

INSTANTIATE_TEST_SUITE_P(RootChanges, LemmaTable, testing::Values(
    Case{"çocuğun", "çocuk"}, Case{"kitabı", "kitap"}, Case{"ağacı", "ağaç"}, Case{"sonucu", "sonuç"},
    Case{"gücünü", "güç"}, Case{"grubunda", "grup"}, Case{"kulübü", "kulüp"}, Case{"sürecinde", "süreç"},
    Case{"süreci", "süreç"}, Case{"desteğini", "destek"}, Case{"sağlığı", "sağlık"}, Case{"aracın", "araç"},
    Case{"kitabın", "kitap"}, Case{"şehrin", "şehir"}, Case{"hakkı", "hak"}, Case{"zammı", "zam"},
    Case{"gölü", "göl"}, Case{"saati", "saat"}, Case{"kontrolü", "kontrol"},
    // one-syllable roots that soften (most do not)
    Case{"gücü", "güç"}, Case{"grubu", "grup"}, Case{"kalbi", "kalp"}, Case{"yurdu", "yurt"},
    Case{"rengi", "renk"}, Case{"çoğu", "çok"}, Case{"gidiyor", "git"},
    // nouns that drop their last vowel (a closed class)
    Case{"ağzı", "ağız"}, Case{"burnu", "burun"}, Case{"vakfı", "vakıf"}, Case{"bahsi", "bahis"},
    Case{"ritmi", "ritim"}, Case{"ufku", "ufuk"}, Case{"kaydıyla", "kayıt"}));

INSTANTIATE_TEST_SUITE_P(LeftAlone, LemmaTable, testing::Values(
    // roots that end like a suffix
    Case{"bakan", "bakan"}, Case{"anlam", "anlam"}, Case{"başkan", "başkan"}, Case{"ankara", "ankara"},
    Case{"türkiye", "türkiye"}, Case{"adı", "ad"}, Case{"dağı", "dağ"},
    // kept apart
    Case{"cumhurbaşkanı", "cumhurbaşkan"}, Case{"cumhuriyet", "cumhuriyet"}, Case{"şiş", "şiş"},
    Case{"sis", "sis"},
    // words that are no softened form of a one-syllable root: kadın is not
    // kat + ın, gece not geç + e
    Case{"kadın", "kadın"}, Case{"kadınlar", "kadın"}, Case{"kadının", "kadın"}, Case{"kadar", "kadar"},
    Case{"gece", "gece"}, Case{"baba", "baba"}, Case{"çaba", "çaba"}, Case{"gıda", "gıda"},
    Case{"halde", "halde"},
    // nor of a one-syllable root that doubles its consonant: only a few
    // Arabic loans do (hakkı, zammı)
    Case{"anne", "anne"}, Case{"annesi", "anne"}, Case{"madde", "madde"}, Case{"milli", "milli"},
    Case{"belli", "belli"}, Case{"mahallesi", "mahalle"},
    // kendi (self) is no form of kent (city): t does not become d after n
    Case{"kendi", "kendi"}, Case{"kendisi", "kendi"}, Case{"kendini", "kendi"}, Case{"kenti", "kent"},
    Case{"kentin", "kent"},
    // and no form of a noun with its vowel dropped: only a closed class of
    // nouns drops it (kurşun is not kuruş + un, benzin not beniz + in)
    Case{"kurşun", "kurşun"}, Case{"kurşunun", "kurşun"}, Case{"benzin", "benzin"},
    Case{"benzinin", "benzin"}, Case{"ilişkin", "ilişkin"}, Case{"belki", "belki"}, Case{"etkin", "etkin"},
    Case{"etkiledi", "etkile"}, Case{"karşıladı", "karşıla"}, Case{"adliyeye", "adliye"},
    Case{"tahliye", "tahliye"}, Case{"berlin", "berlin"}, Case{"sanki", "sanki"}, Case{"adeta", "adeta"},
    // nor a stem only Snowball's vocabulary gives where a hunspell root
    // reads the word (aras, olmas, piyasas are no roots)
    Case{"arasında", "ara"}, Case{"olması", "olma"}, Case{"piyasası", "piyasa"},
    Case{"noktasında", "nokta"}, Case{"halkının", "halk"}, Case{"farkında", "fark"},
    Case{"hükümeti", "hükümet"},  // a Snowball root still, when no hunspell root reads it
    // nor a root hunspell knows only as a proper name, where a noun reads
    // the word (Ülken, Yaşın), though never a verb (Sezer is not sez + er)
    Case{"ülkenin", "ülke"}, Case{"yaşındaki", "yaş"}, Case{"yaşında", "yaş"}, Case{"babasının", "baba"},
    Case{"sahasında", "saha"}, Case{"ortasında", "orta"}, Case{"oraya", "ora"}, Case{"binaya", "bina"},
    Case{"sezerin", "sezer"},
    // a word hunspell lists only as a name (a village Vergisi, a surname
    // Kadınla) is still the noun with the possessive -sı/-si after a vowel
    // or the instrumental after a consonant (kemik-42bin: babası 1,158
    // times, valisi 589, çağrısı 361, devletle 51) ...
    Case{"babası", "baba"}, Case{"valisi", "vali"}, Case{"vergisi", "vergi"}, Case{"çağrısı", "çağrı"},
    Case{"ortası", "orta"}, Case{"doğusu", "doğu"}, Case{"kadınla", "kadın"}, Case{"devletle", "devlet"},
    Case{"ödülle", "ödül"}, Case{"servisi", "servis"},
    // ... but with other endings it stays the name: Sakine is no dative of
    // sakin, Fethiye none of fethi, Bursa none of burs
    Case{"sakine", "sakine"}, Case{"fethiye", "fethiye"}, Case{"bursa", "bursa"}, Case{"ümraniye", "ümraniye"},
    Case{"nefise", "nefise"}, Case{"başkale", "başkale"}, Case{"güler", "güler"}, Case{"doğan", "doğan"},
    // nor a front-vowel root with a back suffix: veya is not ve + ya, nor
    // atina ati + na
    Case{"veya", "veya"}, Case{"atina", "atina"},
    // names the lexicon does not know are their own root (the query side
    // widens them through the archive)
    Case{"obama", "obama"}, Case{"obamaya", "obamaya"}, Case{"putinle", "putinle"},
    Case{"2014", "2014"}));

TEST(Lemmatizer, NamesTheLexiconKnowsTakeSuffixes) {
    Lemmatizer l;
    EXPECT_EQ(l.lemma("bursada").root, "bursa");
    EXPECT_EQ(l.lemma("izmirde").root, "izmir");
    EXPECT_EQ(l.lemma("istanbulda").root, "istanbul");
    EXPECT_EQ(l.lemma("erdoğanın").root, "erdoğan");
    EXPECT_EQ(l.lemma("gazzede").root, "gazze");  // from Snowball's vocabulary
}

TEST(Lemmatizer, AsciiTypedWordsReachTheFoldedRoot) {
    Lemmatizer l;
    EXPECT_EQ(l.lemma_folded("cocugun").root, "cocuk");
    EXPECT_EQ(l.lemma_folded("kararini").root, "karar");
    EXPECT_EQ(l.lemma_folded("surecinde").root, "surec");
    EXPECT_EQ(l.lemma_folded("bakanlari").root, "bakan");
    EXPECT_EQ(l.lemma_folded("gucunu").root, "guc");
    EXPECT_EQ(l.lemma_folded("ulkenin").root, "ulke");      // Snowball's "ulke" is ülke's fold
    EXPECT_EQ(l.lemma_folded("ciktigini").root, "cik");
    EXPECT_EQ(l.lemma_folded("meclisi").root, "meclis");
    EXPECT_EQ(l.lemma_folded("sirkete").root, "sirket");
    EXPECT_EQ(l.lemma_folded("babasi").root, "baba");     // listed only as a name, as babası
    EXPECT_EQ(l.lemma_folded("cagrisi").root, "cagri");
    EXPECT_EQ(l.lemma_folded("kadinla").root, "kadin");
    EXPECT_EQ(l.lemma_folded("sakine").root, "sakine");
}

// Folding merges letters, so a word typed without them has several
// readings; a reading's root is a text term of its own only where Turkish
// spells the root so and its vowel agrees with the suffix.
struct FoldedCase {
    const char* word;
    const char* root;  // one of the readings
    bool as_spelled;
};

class FoldedTable : public testing::TestWithParam<FoldedCase> {};

TEST_P(FoldedTable, ReadingsAgreeWithTheSpelledRoot) {
    Lemmatizer l;
    const auto& c = GetParam();
    auto readings = l.lemmas_folded(c.word);
    auto it = std::find_if(readings.begin(), readings.end(), [&](const auto& r) { return r.root == c.root; });
    ASSERT_NE(it, readings.end()) << c.word << " has no reading " << c.root;
    EXPECT_EQ(it->as_spelled, c.as_spelled) << c.word << " / " << c.root;
}

INSTANTIATE_TEST_SUITE_P(Folded, FoldedTable, testing::Values(
    FoldedCase{"bira", "bira", true},         // beer, as typed
    FoldedCase{"bira", "bir", false},         // bır + a; never bir (one) + a, which is bire
    FoldedCase{"basvurusu", "basvuru", false}, // başvuru-su: only an ASCII term
    FoldedCase{"ekime", "ekim", true}));      // ekim-e (to October)

// Lemmatizer::suffix_agrees: can a root, as Turkish spells it, take the
// rest of a word typed without Turkish letters? Only a and e tell front from
// back once folded; -yor and -ken keep their own vowels.
struct AgreeCase {
    const char* root;
    const char* suffix;
    bool agrees;
    const char* why;
};

class SuffixAgreement : public testing::TestWithParam<AgreeCase> {};

TEST_P(SuffixAgreement, FollowsVowelHarmony) {
    const auto& c = GetParam();
    EXPECT_EQ(Lemmatizer::suffix_agrees(c.root, c.suffix), c.agrees) << c.root << " + " << c.suffix << ": " << c.why;
}

INSTANTIATE_TEST_SUITE_P(Folded, SuffixAgreement, testing::Values(
    AgreeCase{"ol", "duklari", true, "oldukları"},
    AgreeCase{"öl", "duklari", false, "öldükleri would fold to oldukleri"},
    AgreeCase{"öl", "dukleri", true, "öldükleri"},
    AgreeCase{"don", "arak", true, "donarak (freezing)"},
    AgreeCase{"dön", "arak", false, "dönerek would fold to donerek"},
    AgreeCase{"bir", "a", false, "bire, not bira"},
    AgreeCase{"bır", "a", true, "bıra"},
    AgreeCase{"sayı", "si", true, "sayısı: i says nothing once folded"},
    AgreeCase{"öğrenci", "lerin", true, "öğrencilerin"},
    AgreeCase{"saat", "e", true, "saate: a back root ending in a consonant may take e"},
    AgreeCase{"kontrol", "e", true, "kontrole"},
    AgreeCase{"gel", "iyorlar", true, "geliyorlar: -yor keeps its o, -lar follows it"},
    AgreeCase{"oku", "rken", true, "okurken: -ken keeps its e"},
    AgreeCase{"", "lar", true, "no vowel to agree with"}));

TEST(Lemmatizer, UnknownWordsOfferRootsBeforeASuffix) {
    Lemmatizer l;
    auto roots = l.unknown_roots("obamaya");
    ASSERT_FALSE(roots.empty());
    EXPECT_NE(std::find(roots.begin(), roots.end(), "obama"), roots.end());
    roots = l.unknown_roots("putinle");
    EXPECT_NE(std::find(roots.begin(), roots.end(), "putin"), roots.end());
    EXPECT_TRUE(l.unknown_roots("").empty());
}

TEST(Lemmatizer, SuffixChainsFollowOrderAndHarmony) {
    EXPECT_TRUE(Lemmatizer::is_suffix_chain("larının"));
    EXPECT_TRUE(Lemmatizer::is_suffix_chain("ndaki"));
    EXPECT_TRUE(Lemmatizer::is_suffix_chain("ya"));
    EXPECT_FALSE(Lemmatizer::is_suffix_chain(""));
    EXPECT_FALSE(Lemmatizer::is_suffix_chain("xyz"));
    EXPECT_FALSE(Lemmatizer::is_suffix_chain("dalar"));  // case before plural
}

TEST(Lemmatizer, BadInputIsItsOwnRoot) {
    Lemmatizer l;
    for (std::string w : {std::string(200, 'a'), std::string("\xff\xfe"), std::string("a"), std::string("ğ")})
        EXPECT_EQ(l.lemma(w).root, w);
}

TEST(Lemmatizer, AnalyzerUsesItByDefault) {
    haber::analysis::Analyzer a;
    EXPECT_EQ(a.stem_config().name(), "lemma");
    auto t = a.analyze(a.normalize("Çocuğun kitabı"));
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0].stem, "çocuk");
    EXPECT_EQ(t[0].ascii_stem, "cocuk");
    EXPECT_EQ(t[1].stem, "kitap");
}

}  // namespace
