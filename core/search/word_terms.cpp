#include "search/word_terms.h"

#include <algorithm>

#include "analysis/case_folder.h"
#include "analysis/lemmatizer.h"
#include "index/schema.h"

namespace haber::search {

namespace {

bool exists(const Xapian::Database& db, const std::string& term) { return db.term_exists(term); }

}  // namespace

void WordTermBuilder::archive_forms(const std::string& word, std::string_view prefix, bool folded, WordTerms& out,
                                    std::vector<std::string>& terms) const {
    static const analysis::Lemmatizer lemmatizer;
    // Down: the longest root before a suffix that the archive holds
    // (obamaya → obama, putinle → putin).
    std::string root = word;
    for (const auto& r : lemmatizer.unknown_roots(word, folded)) {
        std::string term = schema::term(prefix, r);
        if (exists(*db_, term)) {
            terms.push_back(term);
            out.stems.insert(r);
            out.archive.push_back(r);
            root = r;
            break;
        }
    }
    // Up: the root's suffixed forms the archive holds (obama → obamanın,
    // written without an apostrophe somewhere), most frequent first.
    std::string from = schema::term(prefix, root);
    std::vector<std::pair<Xapian::doccount, std::string>> forms;
    std::size_t scanned = 0;
    for (auto it = db_->allterms_begin(from); it != db_->allterms_end(from) && scanned < 2000; ++it, ++scanned) {
        std::string term = *it;
        if (term.size() == from.size()) continue;
        std::string_view suffix = std::string_view(term).substr(from.size());
        if (!analysis::Lemmatizer::is_suffix_chain(suffix, folded)) continue;
        forms.emplace_back(it.get_termfreq(), term);
    }
    std::sort(forms.begin(), forms.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (forms.size() > kMaxArchiveForms) forms.resize(kMaxArchiveForms);
    for (auto& [freq, term] : forms) {
        std::string stem = term.substr(prefix.size());
        out.stems.insert(stem);
        out.archive.push_back(stem);
        terms.push_back(std::move(term));
    }
}

WordTerms WordTermBuilder::build(const analysis::AnalyzedToken& t, std::string_view stem_prefix,
                                 std::string_view ascii_prefix, bool keyword) const {
    WordTerms out;
    const auto& stemmer = an_.stemmer();
    const bool lemma = stemmer.config().strategy == analysis::StemStrategy::Lemma;
    const bool word = t.kind == analysis::TokenKind::Word;
    std::vector<std::string> terms{schema::term(stem_prefix, t.stem)};
    out.stems.insert(t.stem);
    std::vector<Xapian::Query> wildcards;
    auto widen = [&](std::string_view prefix, const std::string& stem) {
        // Prefix strategies: a stem shorter than the prefix length also
        // reaches the longer stems that begin with it (tarih → tarihi).
        if (keyword && word && stemmer.has_longer_forms(stem))
            wildcards.emplace_back(Xapian::Query::OP_WILDCARD, schema::term(prefix, stem));
    };
    widen(stem_prefix, t.stem);
    if (t.ascii_typed && word) {
        if (t.ascii_stem != t.stem) {
            terms.push_back(schema::term(stem_prefix, t.ascii_stem));
            widen(stem_prefix, t.ascii_stem);
        }
        terms.push_back(schema::term(ascii_prefix, t.ascii_stem));
        widen(ascii_prefix, t.ascii_stem);
        out.stems.insert(t.ascii_stem);
        if (lemma) {
            // The other readings folding allows (sayisi: sayı-sı, sayış-ı).
            static const analysis::Lemmatizer lemmatizer;
            // The typed word may also be a whole Turkish word of its own
            // (baslica: başlıca), whose folded root is itself.
            std::string folded = analysis::ascii_fold(t.exact);
            if (folded != t.ascii_stem) terms.push_back(schema::term(ascii_prefix, folded));
            out.ascii_stems.insert(folded);
            for (const auto& [r, as_spelled] : lemmatizer.lemmas_folded(folded)) {
                if (r == t.ascii_stem) continue;
                if (as_spelled) {
                    terms.push_back(schema::term(stem_prefix, r));
                    out.stems.insert(r);
                }
                terms.push_back(schema::term(ascii_prefix, r));
                out.ascii_stems.insert(r);
            }
        }
    }
    if (lemma && keyword && word && db_ && !stemmer.knows(t.exact)) {
        archive_forms(t.stem, stem_prefix, false, out, terms);
        if (t.ascii_typed && !stemmer.knows_ascii(t.exact)) archive_forms(t.ascii_stem, ascii_prefix, true, out, terms);
    }
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    std::vector<Xapian::Query> qs;
    for (const auto& term : terms) qs.emplace_back(term);
    out.positional = qs.size() == 1 ? qs.front() : Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
    qs.insert(qs.end(), wildcards.begin(), wildcards.end());
    out.query = qs.size() == 1 ? qs.front() : Xapian::Query(Xapian::Query::OP_SYNONYM, qs.begin(), qs.end());
    return out;
}

}  // namespace haber::search
