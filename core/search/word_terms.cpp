#include "search/word_terms.h"

#include <algorithm>

#include "analysis/case_folder.h"
#include "analysis/lemmatizer.h"
#include "index/schema.h"

namespace haber::search {

void WordTermBuilder::unfold(const std::string& ascii, std::string_view prefix, WordTerms& out,
                             std::vector<std::string>& terms, std::optional<std::string_view> suffix) const {
    if (!db_) return;
    for (auto& stem : schema::unfold(*db_, ascii)) {
        if (suffix && !analysis::Lemmatizer::suffix_agrees(stem, *suffix)) continue;
        terms.push_back(schema::term(prefix, stem));
        out.stems.insert(std::move(stem));
    }
}

void WordTermBuilder::archive_forms(const std::string& word, std::string_view prefix, bool folded, WordTerms& out,
                                    std::vector<std::string>& terms) const {
    static const analysis::Lemmatizer lemmatizer;
    // An archive form: a text stem, or (folded) a fold and its stems.
    auto stems_of = [&](const std::string& form) {
        return folded ? schema::unfold(*db_, form) : std::vector<std::string>{form};
    };
    auto frequency = [&](const std::vector<std::string>& stems) {
        Xapian::doccount most = 0;
        for (const auto& s : stems) most = std::max(most, db_->get_termfreq(schema::term(prefix, s)));
        return most;
    };
    auto take = [&](const std::string& form, const std::vector<std::string>& stems) {
        for (const auto& s : stems) {
            terms.push_back(schema::term(prefix, s));
            out.stems.insert(s);
        }
        out.archive.push_back(form);
    };
    // Down: the longest root before a suffix that the archive holds
    // (obamaya → obama, putinle → putin).
    std::string root = word;
    for (const auto& r : lemmatizer.unknown_roots(word, folded)) {
        auto stems = stems_of(r);
        if (!stems.empty() && frequency(stems) > 0) {
            take(r, stems);
            root = r;
            break;
        }
    }
    // Up: the root's suffixed forms the archive holds (obama → obamanın,
    // written without an apostrophe somewhere), most frequent first.
    const std::string from = folded ? schema::fold_key(root) : schema::term(prefix, root);
    const std::size_t skip = folded ? schema::kFoldKey.size() : prefix.size();
    std::vector<std::pair<Xapian::doccount, std::string>> forms;
    std::size_t scanned = 0;
    auto consider = [&](const std::string& key) {
        if (key.size() == from.size()) return;
        std::string_view suffix = std::string_view(key).substr(from.size());
        if (!analysis::Lemmatizer::is_suffix_chain(suffix, folded)) return;
        std::string form = key.substr(skip);
        Xapian::doccount f = frequency(stems_of(form));
        if (f > 0) forms.emplace_back(f, std::move(form));
    };
    if (folded) {
        for (auto it = db_->synonym_keys_begin(from); it != db_->synonym_keys_end(from) && scanned < 2000;
             ++it, ++scanned)
            consider(*it);
    } else {
        for (auto it = db_->allterms_begin(from); it != db_->allterms_end(from) && scanned < 2000; ++it, ++scanned)
            consider(*it);
    }
    std::sort(forms.begin(), forms.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (forms.size() > kMaxArchiveForms) forms.resize(kMaxArchiveForms);
    for (const auto& [freq, form] : forms) take(form, stems_of(form));
}

WordTerms WordTermBuilder::build(const analysis::AnalyzedToken& t, std::string_view prefix, bool keyword) const {
    WordTerms out;
    const auto& stemmer = an_.stemmer();
    const bool lemma = stemmer.config().strategy == analysis::StemStrategy::Lemma;
    const bool word = t.kind == analysis::TokenKind::Word;
    std::vector<std::string> terms{schema::term(prefix, t.stem)};
    out.stems.insert(t.stem);
    std::vector<Xapian::Query> wildcards;
    // Prefix strategies: a stem shorter than the prefix length also reaches
    // the longer stems that begin with it (tarih → tarihi); typed without
    // Turkish letters, those whose fold begins with it.
    const bool widen = keyword && word;
    if (widen && stemmer.has_longer_forms(t.stem))
        wildcards.emplace_back(Xapian::Query::OP_WILDCARD, schema::term(prefix, t.stem));
    auto widen_folded = [&](const std::string& ascii) {
        if (!widen || !db_ || !stemmer.has_longer_forms(ascii)) return;
        const std::string from = schema::fold_key(ascii);
        std::size_t scanned = 0;
        for (auto k = db_->synonym_keys_begin(from); k != db_->synonym_keys_end(from) && scanned < 500; ++k, ++scanned)
            for (auto s = db_->synonyms_begin(*k); s != db_->synonyms_end(*k); ++s)
                wildcards.emplace_back(schema::term(prefix, *s));
    };
    if (t.ascii_typed && word) {
        if (t.ascii_stem != t.stem) {
            terms.push_back(schema::term(prefix, t.ascii_stem));
            if (widen && stemmer.has_longer_forms(t.ascii_stem))
                wildcards.emplace_back(Xapian::Query::OP_WILDCARD, schema::term(prefix, t.ascii_stem));
        }
        // With the lemma stage, a root's Turkish spellings must agree with
        // the rest of the typed word (olduklari: ol, not öl).
        const std::string folded = analysis::ascii_fold(t.exact);
        auto rest = [&](const std::string& root) -> std::optional<std::string_view> {
            if (!lemma || folded.compare(0, root.size(), root) != 0) return std::nullopt;
            return std::string_view(folded).substr(root.size());
        };
        unfold(t.ascii_stem, prefix, out, terms, rest(t.ascii_stem));
        widen_folded(t.ascii_stem);
        out.stems.insert(t.ascii_stem);
        out.ascii_stems.insert(t.ascii_stem);
        if (lemma) {
            // The other readings folding allows (sayisi: sayı-sı, sayış-ı).
            static const analysis::Lemmatizer lemmatizer;
            // The typed word may also be a whole Turkish word of its own
            // (baslica: başlıca), whose folded root is itself.
            if (folded != t.ascii_stem) unfold(folded, prefix, out, terms);
            out.ascii_stems.insert(folded);
            for (const auto& [r, as_spelled] : lemmatizer.lemmas_folded(folded)) {
                if (r == t.ascii_stem) continue;
                if (as_spelled) {
                    terms.push_back(schema::term(prefix, r));
                    out.stems.insert(r);
                }
                unfold(r, prefix, out, terms, rest(r));
                out.ascii_stems.insert(r);
            }
        }
    }
    if (lemma && keyword && word && db_ && !stemmer.knows(t.exact)) {
        archive_forms(t.stem, prefix, false, out, terms);
        if (t.ascii_typed && !stemmer.knows_ascii(t.exact)) archive_forms(t.ascii_stem, prefix, true, out, terms);
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
