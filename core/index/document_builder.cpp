#include "index/document_builder.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "index/schema.h"
#include "index/versions.h"

namespace haber {

namespace {

std::string hash_hex(std::string_view text) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a 64
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

void add_text(Xapian::Document& doc, const std::vector<analysis::AnalyzedToken>& tokens,
              std::string_view stem_prefix, Folds* folds, Xapian::termcount wdf = 1, bool exact = true) {
    for (const auto& t : tokens) {
        doc.add_posting(schema::term(stem_prefix, t.stem), t.position, wdf);
        if (folds && t.ascii_stem != t.stem && !t.ascii_stem.empty()) folds->emplace_back(t.ascii_stem, t.stem);
        if (exact) doc.add_term(schema::term(schema::kExact, t.exact));
    }
}

// The position after `tokens` and a gap (`start` if there are none).
std::uint32_t next_start(const std::vector<analysis::AnalyzedToken>& tokens, std::uint32_t start) {
    return tokens.empty() ? start : tokens.back().position + schema::kFieldGap;
}

void add_keyword(Xapian::Document& doc, std::string_view prefix, Xapian::valueno slot,
                 const std::string& value) {
    if (value.empty()) return;
    std::string key = schema::keyword_key(value);
    if (key.empty()) return;
    doc.add_boolean_term(schema::term(prefix, key));
    doc.add_value(slot, value);
}

}  // namespace

Xapian::Document DocumentBuilder::build(const Article& raw, Folds* folds) const {
    Article a;
    a.id = raw.id;
    a.title = analyzer_.normalize(raw.title);
    a.lead = analyzer_.normalize(raw.lead);
    a.body = analyzer_.normalize(raw.body);
    a.date = raw.date;
    a.place = analyzer_.normalize(raw.place);
    a.category = analyzer_.normalize(raw.category);
    a.source = analyzer_.normalize(raw.source);
    a.url = raw.url;
    a.author = analyzer_.normalize(raw.author);

    Xapian::Document doc;
    doc.add_boolean_term(schema::id_term(a.id));

    // Text terms (Z), in one position space with gaps between fields: the
    // dateline place (TAŞKENT finds the AA story), the title with its words
    // counted kTitleWdf times, the lead with its words counted kLeadWdf
    // times, the body. Title terms (S) again alone; the stems that differ
    // from their ASCII fold go to `folds` (the fold table).
    std::uint32_t start = 0;
    auto place = analyzer_.analyze(a.place, start);
    add_text(doc, place, schema::kBodyStem, folds, 1, false);
    auto title = analyzer_.analyze(a.title, start = next_start(place, start));
    add_text(doc, title, schema::kBodyStem, folds, schema::kTitleWdf);
    add_text(doc, title, schema::kTitleStem, nullptr, 1, false);
    auto lead = analyzer_.analyze(a.lead, start = next_start(title, start));
    add_text(doc, lead, schema::kBodyStem, folds, schema::kLeadWdf);
    auto body = analyzer_.analyze(a.body, start = next_start(lead, start));
    add_text(doc, body, schema::kBodyStem, folds);
    if (folds) {
        std::sort(folds->begin(), folds->end());
        folds->erase(std::unique(folds->begin(), folds->end()), folds->end());
    }
    // Story versions: the MinHash signature of lead+body and its LSH band
    // terms; the group itself is computed after writing (index/versions.h).
    lead.insert(lead.end(), std::make_move_iterator(body.begin()), std::make_move_iterator(body.end()));
    if (auto f = index::versions::fingerprint(lead)) index::versions::add_fingerprint(doc, *f);

    add_keyword(doc, schema::kPlace, schema::kPlaceSlot, a.place);
    add_keyword(doc, schema::kCategory, schema::kCategorySlot, a.category);
    add_keyword(doc, schema::kSource, schema::kSourceSlot, a.source);

    if (std::string ymd = schema::date_value(a.date); !ymd.empty()) {
        doc.add_value(schema::kDateSlot, ymd);
        doc.add_boolean_term(schema::term(schema::kYear, ymd.substr(0, 4)));
        doc.add_boolean_term(schema::term(schema::kMonth, ymd.substr(0, 6)));
    }
    if (!a.body.empty()) doc.add_value(schema::kBodyHashSlot, hash_hex(a.body));

    doc.set_data(schema::encode_article(a));
    return doc;
}

}  // namespace haber
