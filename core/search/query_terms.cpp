#include "search/query_terms.h"

#include <algorithm>

#include "analysis/case_folder.h"
#include "dates.h"
#include "index/schema.h"
#include "search/word_terms.h"

namespace haber::search::detail {

using analysis::AnalyzedToken;

Xapian::Query unweighted(const Xapian::Query& q) { return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0); }

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& qs) {
    std::vector<Xapian::Query> non_empty;
    for (const auto& q : qs)
        if (!q.empty()) non_empty.push_back(q);
    if (non_empty.empty()) return {};
    if (non_empty.size() == 1) return non_empty.front();
    return Xapian::Query(op, non_empty.begin(), non_empty.end());
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

Xapian::Query date_range(const std::string& lo, const std::string& hi) {
    if (!lo.empty() && !hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, lo, hi);
    if (!lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, lo);
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, hi);
}

namespace {

std::string fields_text(Fields f) {
    switch (f) {
        case Fields::Title: return "in title";
        case Fields::Body: return "in the text";
        default:
            return "in the text (title words count " + std::to_string(schema::kTitleWdf) + "x, lead words " +
                   std::to_string(schema::kLeadWdf) + "x)";
    }
}

std::string token_text(const AnalyzedToken& t) {
    std::string s = quoted(t.surface) + " -> stem " + quoted(t.stem);
    if (t.ascii_typed && t.kind != analysis::TokenKind::Number)
        s += " (typed without Turkish letters: also matches Turkish spellings, ASCII stem " + quoted(t.ascii_stem) + ")";
    return s;
}

std::string stems_text(const std::vector<AnalyzedToken>& toks) {
    std::string s;
    for (const auto& t : toks) {
        if (!s.empty()) s += " ";
        s += quoted(t.stem);
        if (t.ascii_typed && t.kind != analysis::TokenKind::Number) s += "/" + quoted(t.ascii_stem) + "(ascii)";
    }
    return s;
}

Fields fields_of(const Lexeme& l) {
    if (l.field == "title") return Fields::Title;
    if (l.field == "body") return Fields::Body;
    return Fields::Both;
}

}  // namespace

// --- bookkeeping -------------------------------------------------------------

void TermBuilder::error(const std::string& reason, std::size_t pos) const {
    throw QueryError(reason, out_.text, pos);
}

void TermBuilder::note(const std::string& s) { out_.notes.push_back(negation > 0 ? "excluded: " + s : s); }

void TermBuilder::record_words(const Lexeme& l, const std::vector<AnalyzedToken>& toks) {
    for (const auto& t : toks) {
        QueryWord w;
        w.begin = l.text_pos + t.begin;
        w.end = l.text_pos + t.end;
        w.surface = t.surface;
        w.exact = t.exact;
        w.stem = t.stem;
        w.ascii_stem = t.ascii_stem;
        w.ascii_typed = t.ascii_typed;
        w.number = t.kind == analysis::TokenKind::Number;
        w.stopword = t.stopword;
        w.exact_form = l.modifier == '=';
        out_.words.push_back(std::move(w));
    }
}

// --- building blocks over analysed tokens --------------------------------

// One analysed word in one field as one weighted query word
// (search/word_terms.h). `keyword`: a word on its own, not in a phrase.
// A phrase or NEAR takes the same terms joined by OR (`positional`).
Xapian::Query TermBuilder::field_sub(const AnalyzedToken& t, std::string_view prefix, bool keyword,
                                     bool positional) {
    WordTerms w = WordTermBuilder(an_, opt_.vocabulary).build(t, prefix, keyword);
    last_positional_ = w.positional;
    if (negation == 0) {
        out_.highlight.stems.insert(w.stems.begin(), w.stems.end());
        out_.highlight.ascii_stems.insert(w.ascii_stems.begin(), w.ascii_stems.end());
        if (!w.archive.empty() && archive_noted_.insert(t.surface).second) {
            std::string forms;
            for (const auto& a : w.archive) forms += (forms.empty() ? "" : ", ") + quoted(a);
            note(quoted(t.surface) + " is not in the Turkish lexicon (a name?): also matches the archive's " +
                 forms);
        }
    }
    return positional ? w.positional : w.query;
}

void TermBuilder::highlight(const AnalyzedToken& t) {
    if (negation > 0) return;
    out_.highlight.stems.insert(t.stem);
    if (t.ascii_typed) {
        out_.highlight.ascii_stems.insert(t.ascii_stem);
        out_.highlight.stems.insert(t.ascii_stem);
    }
}

Xapian::Query TermBuilder::word_query(const AnalyzedToken& t, Fields f) {
    highlight(t);
    if (t.kind == analysis::TokenKind::Word && negation == 0 && an_.stemmer().has_longer_forms(t.stem))
        out_.highlight.prefixes.push_back(t.exact);  // highlight tarihinde for "tarih"
    return field_sub(t, f == Fields::Title ? schema::kTitleStem : schema::kBodyStem, true);
}

Xapian::Query TermBuilder::positional(Xapian::Query::op op, const std::vector<AnalyzedToken>& toks, Fields f,
                                      Xapian::termcount window) {
    std::vector<Xapian::Query> qs;
    for (const auto& t : toks) {
        highlight(t);
        qs.push_back(field_sub(t, f == Fields::Title ? schema::kTitleStem : schema::kBodyStem, false, true));
    }
    return Xapian::Query(op, qs.begin(), qs.end(), window);
}

Xapian::Query TermBuilder::phrase_query(const std::vector<AnalyzedToken>& toks, Fields f) {
    if (toks.size() == 1) return word_query(toks.front(), f);
    Xapian::termcount window = toks.back().position - toks.front().position + 1;
    window = std::max<Xapian::termcount>(window, static_cast<Xapian::termcount>(toks.size()));
    return positional(Xapian::Query::OP_PHRASE, toks, f, window);
}

// --- synonyms ------------------------------------------------------------------

// `original` OR each alternative (a word, or a phrase of several); for
// one typed word, as one weighted word (OP_SYNONYM): AB and "Avrupa
// Birliği" are one word's two spellings.
Xapian::Query TermBuilder::with_synonyms(const Xapian::Query& original, const std::vector<SynonymExpansion>& alternatives,
                                         const std::string& typed, Fields f, bool one_word) {
    if (original.empty()) return original;
    std::vector<Xapian::Query> qs{original};
    std::string list;
    std::set<std::string> origins;
    for (const auto& e : alternatives) {
        qs.push_back(e.tokens.size() == 1 ? word_query(e.tokens.front(), f) : phrase_query(e.tokens, f));
        list += (list.empty() ? "" : ", ") + quoted(e.text);
        std::string o = e.origin.substr(0, e.origin.rfind(':') == std::string::npos ? e.origin.size()
                                                                                        : e.origin.rfind(':'));
        origins.insert(o);
    }
    std::string from;
    for (const auto& o : origins) from += (from.empty() ? "" : ", ") + o;
    note("synonyms: " + quoted(typed) + " also matches " + list + " (" + from + ")");
    if (negation == 0) {
        ParsedQuery::Expansion x{typed, {}};
        for (const auto& e : alternatives) x.alternatives.push_back(e.text);
        out_.synonyms.push_back(std::move(x));
    }
    return Xapian::Query(one_word ? Xapian::Query::OP_SYNONYM : Xapian::Query::OP_OR, qs.begin(), qs.end());
}

Xapian::Query TermBuilder::with_synonyms(const Xapian::Query& original, const std::vector<AnalyzedToken>& toks,
                                         const std::string& typed, Fields f) {
    if (!opt_.synonyms) return original;
    const auto* alternatives = opt_.synonyms->full_match(toks);
    return alternatives ? with_synonyms(original, *alternatives, typed, f, toks.size() == 1) : original;
}

// --- items ---------------------------------------------------------------------

Part TermBuilder::single_item(const Lexeme& l) {
    if (l.field == "date") return date_item(l);
    if (l.field == "place" || l.field == "category" || l.field == "source") return keyword_item(l);
    if (l.field == "id") return id_item(l);
    Fields f = fields_of(l);
    if (l.wildcard) return wildcard_item(l);
    std::vector<AnalyzedToken> toks = an_.analyze(l.text);
    record_words(l, toks);
    if (toks.empty()) {
        note("ignored " + quoted(l.text) + " (nothing searchable)");
        return Part{};
    }
    if (l.modifier == '=') return exact_item(l, toks, f);
    if (l.kind == Lx::Phrase) return phrase_item(l, toks, f);
    if (toks.size() == 1) return word_item(l, toks, f);
    // One typed word that analyses into several (Özbekistan-Kazakistan):
    // consecutive positions, so a phrase.
    Part p;
    p.q = phrase_query(toks, f);
    note("compound " + quoted(l.text) + " -> phrase of " + stems_text(toks) + " " + fields_text(f));
    p.q = with_synonyms(p.q, toks, l.text, f);
    return p;
}

Part TermBuilder::keyword_item(const Lexeme& l) {
    Part p;
    std::string_view prefix = l.field == "place" ? schema::kPlace
                             : l.field == "category" ? schema::kCategory : schema::kSource;
    std::string key = schema::keyword_key(l.text);
    if (key.empty()) error("empty value for " + l.field + ":", l.pos);
    p.q = Xapian::Query(schema::term(prefix, key));
    p.boolean = true;
    p.group = l.field;
    note("filter " + l.field + " = " + quoted(l.text) + " (term " + schema::term(prefix, key) + ")");
    out_.has_filters = true;
    return p;
}

Part TermBuilder::id_item(const Lexeme& l) {
    Part p;
    p.q = Xapian::Query(schema::id_term(l.text));
    p.boolean = true;
    p.group = "id";
    note("filter id = " + quoted(l.text));
    out_.has_filters = true;
    return p;
}

Part TermBuilder::exact_item(const Lexeme& l, const std::vector<AnalyzedToken>& toks, Fields f) {
    Part p;
    std::vector<Xapian::Query> exact;
    for (const auto& t : toks) {
        exact.push_back(Xapian::Query(schema::term(schema::kExact, t.exact)));
        if (negation == 0) out_.highlight.exacts.insert(t.exact);
    }
    Xapian::Query e = combine(Xapian::Query::OP_AND, exact);
    if (l.kind == Lx::Phrase && toks.size() > 1) {
        int saved = negation;
        negation = 1;  // phrase stems are not highlighted: only the exact forms
        Xapian::Query ph = phrase_query(toks, f);
        negation = saved;
        p.q = Xapian::Query(Xapian::Query::OP_FILTER, ph, e);
        note("exact phrase " + quoted(l.text) + " -> phrase of " + stems_text(toks) + " " + fields_text(f) +
             ", every word in exactly this form");
    } else {
        p.q = e;
        std::string forms;
        for (const auto& t : toks) forms += (forms.empty() ? "" : " ") + quoted(t.exact);
        note("exact form " + forms + " (no stemming, title/lead/body)");
    }
    return p;
}

Part TermBuilder::phrase_item(const Lexeme& l, const std::vector<AnalyzedToken>& toks, Fields f) {
    Part p;
    p.q = phrase_query(toks, f);
    if (opt_.phrase_exact > 0 && toks.size() > 1 && negation == 0) {
        // The phrase in exactly the typed forms ranks above its
        // inflected variants.
        std::vector<Xapian::Query> forms;
        for (const auto& t : toks) forms.emplace_back(schema::term(schema::kExact, t.exact));
        p.q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, p.q,
                            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                          Xapian::Query(Xapian::Query::OP_AND, forms.begin(), forms.end()),
                                          opt_.phrase_exact));
    }
    if (toks.size() == 1) note("word " + token_text(toks.front()) + " " + fields_text(f));
    else note("phrase " + quoted(l.text) + " -> stems " + stems_text(toks) + " in this order " + fields_text(f));
    if (toks.size() > 1 && negation == 0) {
        out_.phrases.push_back(typed_phrase(l.text, f == Fields::Title));
        if (opt_.phrase_rerank > 0)
            note("  of the first " + std::to_string(opt_.phrase_rerank) + " matches, those with " + quoted(l.text) +
                 " exactly as typed come first");
    }
    p.q = with_synonyms(p.q, toks, l.text, f);
    return p;
}

Part TermBuilder::word_item(const Lexeme& l, const std::vector<AnalyzedToken>& toks, Fields f) {
    Part p;
    const auto& t = toks.front();
    if (t.stopword && !keep_stopwords && l.modifier == 0 && l.field.empty() && negation == 0) {
        out_.dropped_stopwords.push_back(t.surface);
        return p;
    }
    p.q = word_query(t, f);
    if (f == Fields::Both && negation == 0) p.near = last_positional_;
    if (opt_.exact > 0 && f == Fields::Both && negation == 0 && t.kind == analysis::TokenKind::Word)
        // The word in exactly the typed form counts a little more.
        p.q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, p.q,
                            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                          Xapian::Query(schema::term(schema::kExact, t.exact)), opt_.exact));
    note("word " + token_text(t) + " " + fields_text(f));
    p.q = with_synonyms(p.q, toks, l.text, f);
    return p;
}

Part TermBuilder::wildcard_item(const Lexeme& l) {
    Part p;
    std::string prefix = an_.fold_word(l.text);
    if (prefix.empty()) error("a wildcard needs at least one letter before *", l.pos);
    std::vector<std::string> variants;
    if (analysis::is_ascii(l.text)) variants = analysis::turkish_spellings(analysis::ascii_fold(prefix));
    else variants.push_back(prefix);
    std::vector<Xapian::Query> qs;
    for (const auto& v : variants) {
        qs.emplace_back(Xapian::Query::OP_WILDCARD, schema::term(schema::kExact, v), opt_.wildcard_limit,
                        Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        if (negation == 0) out_.highlight.prefixes.push_back(v);
    }
    p.q = combine(Xapian::Query::OP_OR, qs);
    std::string s = "prefix " + quoted(prefix + "*") + " -> words starting with ";
    if (variants.size() == 1) s += quoted(variants.front());
    else s += std::to_string(variants.size()) + " spellings (" + quoted(variants.front()) + ", " +
              quoted(variants.back()) + ", ...; typed without Turkish letters)";
    note(s + ", at most " + std::to_string(opt_.wildcard_limit) + " most frequent");
    return p;
}

Part TermBuilder::near_item(const std::vector<Lexeme>& chain, unsigned distance) {
    std::vector<AnalyzedToken> toks;
    Fields f = Fields::Both;
    for (const auto& l : chain) {
        if (l.field == "title") f = Fields::Title;
        else if (l.field == "body") f = Fields::Body;
        else if (!l.field.empty()) error("NEAR works on words, not on " + l.field + ":", l.pos);
        if (l.wildcard || l.modifier == '=') error("NEAR works on plain words and phrases", l.pos);
        auto t = an_.analyze(l.text);
        record_words(l, t);
        toks.insert(toks.end(), t.begin(), t.end());
    }
    Part p;
    if (toks.empty()) return p;
    if (toks.size() == 1) { p.q = word_query(toks.front(), f); return p; }
    auto window = static_cast<Xapian::termcount>(distance + toks.size());
    p.q = positional(Xapian::Query::OP_NEAR, toks, f, window);
    note("near: " + stems_text(toks) + " within " + std::to_string(distance) + " words of each other " +
         fields_text(f));
    return p;
}

Part TermBuilder::date_item(const Lexeme& l) {
    Part p;
    std::string v = l.text;
    std::string lo_s, hi_s;
    auto dots = v.find("..");
    if (dots == std::string::npos) { lo_s = hi_s = v; }
    else { lo_s = v.substr(0, dots); hi_s = v.substr(dots + 2); }
    if (lo_s.empty() && hi_s.empty()) error("date: needs a date or a range like 2022-01-01..2022-06-30", l.pos);
    std::string lo, hi;
    if (!lo_s.empty() && (lo = date_bound(lo_s, false)).empty())
        error("invalid date '" + lo_s + "' (use YYYY, YYYY-MM or YYYY-MM-DD)", l.value_pos);
    if (!hi_s.empty() && (hi = date_bound(hi_s, true)).empty())
        error("invalid date '" + hi_s + "' (use YYYY, YYYY-MM or YYYY-MM-DD)",
              l.value_pos + (dots == std::string::npos ? 0 : dots + 2));
    if (!lo.empty() && !hi.empty() && lo > hi) error("empty date range: " + lo_s + " is after " + hi_s, l.pos);
    p.q = date_range(lo, hi);
    p.boolean = true;
    p.group = "date";
    note("filter date " + (lo.empty() ? std::string("…") : dates::iso_from_value(lo)) + " .. " +
         (hi.empty() ? std::string("…") : dates::iso_from_value(hi)));
    out_.has_filters = true;
    return p;
}

}  // namespace haber::search::detail
