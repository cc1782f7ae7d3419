// libFuzzer: the query language. Each input is parsed (both default
// operators, shipped synonyms on), described, run against a small
// in-memory index of real Turkish stories, and its highlight terms are
// applied to a snippet: no crash, no sanitizer report, and no exception
// other than QueryError.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "article.h"
#include "index/document_builder.h"
#include "search/query.h"
#include "search/snippet.h"
#include "search/synonyms.h"

namespace {

const char* const kStories[][2] = {
    {"Özbekistan ile Kazakistan müttefiklik anlaşması imzaladı",
     "TAŞKENT (AA) – Özbekistan ile Kazakistan arasındaki stratejik ortaklık, Taşkent'te imzalanan anlaşmayla "
     "müttefiklik seviyesine yükseltildi. Dışişleri Bakanı açıklama yaptı."},
    {"Merkez Bankası faiz kararını açıkladı",
     "Merkez Bankası politika faizini yüzde 45'e yükseltti. Dolar/TL 2.5075 liradan işlem gördü; AB'nin "
     "kararı bekleniyor."},
    {"Malatya'da 4,2 büyüklüğünde deprem",
     "AFAD, depremin yerin 7 kilometre derinliğinde meydana geldiğini açıkladı. D'Artagnan ve O'Connell "
     "isimli turistler de sarsıntıyı hissetti."},
};

struct World {
    haber::analysis::Analyzer analyzer;
    haber::search::SynonymIndex synonyms{haber::search::SynonymList::shipped(), analyzer};
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    World() {
        haber::DocumentBuilder builder(analyzer);
        int n = 0;
        for (const auto& s : kStories) {
            haber::Article a;
            a.id = "haber-" + std::to_string(++n);
            a.title = s[0];
            a.body = s[1];
            a.date = "2022-12-2" + std::to_string(n);
            a.place = "TAŞKENT";
            a.category = "dünya";
            a.source = "AA";
            db.add_document(builder.build(a));
        }
        db.commit();
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static World world;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (bool any : {false, true}) {
        haber::search::ParseOptions options;
        options.any = any;
        options.synonyms = &world.synonyms;
        try {
            haber::search::ParsedQuery parsed = haber::search::QueryParser(world.analyzer).parse(text, options);
            (void)parsed.describe();
            if (!parsed.query.empty()) {
                Xapian::Enquire enquire(world.db);
                enquire.set_query(parsed.query);
                Xapian::MSet m = enquire.get_mset(0, 10);
                for (auto it = m.begin(); it != m.end(); ++it) (void)it.get_document().get_data();
            }
            (void)haber::search::make_snippet(world.analyzer, kStories[0][1], parsed.highlight, {});
        } catch (const haber::search::QueryError& e) {
            (void)e.render();
        }
    }
    return 0;
}
