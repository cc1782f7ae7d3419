#include "search/explain.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "analysis/case_folder.h"
#include "index/schema.h"

namespace haber::search {

namespace {

// BM25Weight as the Searcher builds it: k2 = 0, k3 = 1, min_normlen = 0.5.
constexpr double kMinNormlen = 0.5;

// What Xapian hands a weighting scheme for one term (or one OP_SYNONYM)
// in one document.
struct StatsRecord {
    Xapian::doccount termfreq = 0, collection = 0;
    double average_length = 0;
    Xapian::termcount wdf = 0, length = 0, wqf = 1;
    double factor = 1;
};

// A weighting scheme that only records the statistics it is given: run on a
// query restricted to one document, it tells what BM25 saw for each part.
class StatsWeight : public Xapian::Weight {
public:
    explicit StatsWeight(std::vector<StatsRecord>* sink) : sink_(sink) {
        need_stat(TERMFREQ);
        need_stat(COLLECTION_SIZE);
        need_stat(AVERAGE_LENGTH);
        need_stat(DOC_LENGTH);
        need_stat(WDF);
        need_stat(WQF);
    }
    std::string name() const override { return "haber::ExplainStats"; }
    StatsWeight* clone() const override { return new StatsWeight(sink_); }
    void init(double factor) override { factor_ = factor; }
    double get_sumpart(Xapian::termcount wdf, Xapian::termcount len, Xapian::termcount) const override {
        sink_->push_back({get_termfreq(), get_collection_size(), get_average_length(), wdf, len, get_wqf(), factor_});
        return 1.0;
    }
    double get_maxpart() const override { return 1.0; }
    double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
    double get_maxextra() const override { return 0; }
private:
    std::vector<StatsRecord>* sink_;
    double factor_ = 1;
};

// BM25 of one record, as Xapian 1.4's BM25Weight computes it (no RSet).
struct Bm25 {
    double idf = 0, tf = 0, weight = 0;
};
Bm25 bm25(const StatsRecord& s, double k1, double b) {
    Bm25 r;
    double tw = (static_cast<double>(s.collection) - s.termfreq + 0.5) / (s.termfreq + 0.5);
    if (tw < 2) tw = tw * 0.5 + 1;
    r.idf = std::log(tw);
    double wqf = s.wqf;
    double termweight = r.idf * s.factor * (2 * wqf / (1 + wqf)) * (k1 + 1);
    double len_factor = s.average_length != 0 ? 1 / s.average_length : 0;
    double normlen = std::max(s.length * len_factor, kMinNormlen);
    double wdf = s.wdf;
    double denom = k1 * (normlen * b + (1 - b)) + wdf;
    r.tf = (k1 + 1) * (wdf / denom);
    r.weight = termweight * (wdf / denom);
    return r;
}

// The factor of an OP_SCALE_WEIGHT query: Xapian 1.4 has no accessor, but
// its description prints it with 20 significant digits ("Query(0.25 * ...)"),
// enough to read back the exact double.
double scale_factor(const Xapian::Query& q) {
    std::string d = q.get_description();
    const char* start = d.c_str() + (d.rfind("Query(", 0) == 0 ? 6 : 0);
    return std::strtod(start, nullptr);
}

// The pattern of an OP_WILDCARD query ("Query(WILDCARD SYNONYM Zozbek)").
std::string wildcard_pattern(const Xapian::Query& q) {
    std::string d = q.get_description();
    if (!d.empty() && d.back() == ')') d.pop_back();
    std::size_t sp = d.rfind(' ');
    return sp == std::string::npos ? d : d.substr(sp + 1);
}

// The field a term belongs to, from its prefix (core/index/schema.h).
std::pair<std::string, std::string> field_and_form(const std::string& term) {
    struct Prefix {
        std::string_view prefix;
        const char* field;
    };
    static const Prefix prefixes[] = {{schema::kBodyStem, "text"}, {schema::kTitleStem, "title"}};
    for (const auto& p : prefixes)
        if (term.size() > p.prefix.size() && term.compare(0, p.prefix.size(), p.prefix) == 0 &&
            schema::is_exact_term(std::string_view(term).substr(p.prefix.size())))
            return {p.field, term.substr(p.prefix.size())};
    // An unprefixed term is an exact form (schema::kExact): its form is itself.
    if (schema::is_exact_term(term)) return {"exact form", term};
    return {"", term};
}

bool is_weightless(Xapian::Query::op op) {
    return op == Xapian::Query::OP_VALUE_RANGE || op == Xapian::Query::OP_VALUE_GE ||
           op == Xapian::Query::OP_VALUE_LE || op == Xapian::Query::LEAF_MATCH_NOTHING;
}

class Explainer {
public:
    Explainer(const Xapian::Database& db, const SearchResult& result, const Hit& hit, const RankingOptions& ranking)
        : db_(db), result_(result), ranking_(ranking), only_(schema::id_term(hit.article.id)) {
        for (auto it = db_.termlist_begin(hit.docid); it != db_.termlist_end(hit.docid); ++it)
            doc_terms_[*it] = it.get_wdf();
    }

    void walk(const Xapian::Query& q, double factor, const std::string& role, std::vector<ScorePart>& out) {
        using Q = Xapian::Query;
        switch (q.get_type()) {
            case Q::OP_OR:
            case Q::OP_AND:
            case Q::OP_AND_MAYBE:
                for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
                    Q sub = q.get_subquery(i);
                    // AND's subqueries all match when it does, as does
                    // AND_MAYBE's first; the others count only where they match.
                    bool certain = q.get_type() == Q::OP_AND || (q.get_type() == Q::OP_AND_MAYBE && i == 0);
                    if (!certain && !matches(sub)) continue;
                    walk(sub, factor, role, out);
                }
                return;
            case Q::OP_FILTER:
            case Q::OP_AND_NOT:
                walk(q.get_subquery(0), factor, role, out);
                return;
            case Q::OP_SCALE_WEIGHT: {
                double f = scale_factor(q);
                if (f == 0) return;  // a filter: matches, weighs nothing
                Q sub = q.get_subquery(0);
                // A bonus inside a bonus (a phrase's exact forms among every word
                // present) is named by both.
                std::string inner = bonus_role(sub);
                walk(sub, factor * f, role.empty() ? inner : inner == role ? role : role + ", " + inner, out);
                return;
            }
            default:
                if (is_weightless(q.get_type()) || q.empty()) return;
                out.push_back(part(q, factor, role));
        }
    }

private:
    // The query restricted to the hit's document, as Xapian ranks it.
    Xapian::MSet run(const Xapian::Query& q, const Xapian::Weight& weight) const {
        Xapian::Enquire enquire(db_);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(only_)));
        enquire.set_weighting_scheme(weight);
        return enquire.get_mset(0, 1);
    }
    Xapian::BM25Weight ranking_weight() const {
        return Xapian::BM25Weight(ranking_.k1, 0, 1, ranking_.b, kMinNormlen);
    }
    bool matches(const Xapian::Query& q) const { return !q.empty() && run(q, Xapian::BoolWeight()).size() > 0; }

    static std::string bonus_role(const Xapian::Query& sub) {
        std::string d = sub.get_description();
        if (d.find(" NEAR ") != std::string::npos) return "words near each other";
        std::vector<std::string> terms(sub.get_unique_terms_begin(), sub.get_unique_terms_end());
        bool exact = !terms.empty() && std::all_of(terms.begin(), terms.end(), [](const std::string& t) {
            return field_and_form(t).first == "exact form";
        });
        if (exact) return "exact typed forms";
        if (sub.get_type() == Xapian::Query::OP_AND) return "every word present";
        return "scaled";
    }

    ScorePart part(const Xapian::Query& q, double factor, const std::string& role) const {
        using Q = Xapian::Query;
        ScorePart p;
        p.factor = factor;
        p.role = role;
        Q scaled = factor == 1 ? q : Q(Q::OP_SCALE_WEIGHT, q, factor);
        Xapian::MSet m = run(scaled, ranking_weight());
        p.weight = m.empty() ? 0 : m.begin().get_weight();
        switch (q.get_type()) {
            case Q::LEAF_TERM:
            case Q::OP_SYNONYM: p.kind = "word"; break;
            case Q::OP_PHRASE: p.kind = "phrase"; break;
            case Q::OP_NEAR: p.kind = "near"; break;
            case Q::OP_WILDCARD: p.kind = "prefix"; break;
            case Q::LEAF_POSTING_SOURCE: p.kind = "recency"; p.label = "newer stories"; return p;
            default: p.kind = "other"; break;
        }
        matched_variants(q, p);
        label(p);
        bm25_stats(scaled, p);
        return p;
    }

    void matched_variants(const Xapian::Query& q, ScorePart& p) const {
        std::vector<std::string> patterns;
        collect_wildcards(q, patterns);
        for (auto it = q.get_unique_terms_begin(); it != q.get_unique_terms_end(); ++it) {
            auto d = doc_terms_.find(*it);
            if (d != doc_terms_.end()) p.matched.push_back({*it, field_and_form(*it).second, d->second});
        }
        for (const auto& pat : patterns)
            for (auto d = doc_terms_.lower_bound(pat); d != doc_terms_.end() && d->first.rfind(pat, 0) == 0; ++d)
                if (std::none_of(p.matched.begin(), p.matched.end(), [&](const auto& v) { return v.term == d->first; }))
                    p.matched.push_back({d->first, field_and_form(d->first).second, d->second});
        for (auto& v : p.matched) {
            // Reached through the fold table (index/schema.h): a Turkish
            // spelling of a word typed without Turkish letters.
            std::string fold = analysis::ascii_fold(v.form);
            if (fold != v.form && result_.parsed.highlight.ascii_stems.count(fold)) v.folded = true;
            if (p.field.empty()) p.field = field_and_form(v.term).first;
            else if (p.field != field_and_form(v.term).first) p.field = "text";
        }
    }

    static void collect_wildcards(const Xapian::Query& q, std::vector<std::string>& out) {
        if (q.get_type() == Xapian::Query::OP_WILDCARD) out.push_back(wildcard_pattern(q));
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) collect_wildcards(q.get_subquery(i), out);
    }

    // The typed words whose stems the part's matched terms hold, else the stems.
    void label(ScorePart& p) const {
        std::vector<std::string> words;
        for (const auto& w : result_.parsed.words) {
            bool hit = std::any_of(p.matched.begin(), p.matched.end(), [&](const ScorePart::Variant& v) {
                return v.form == w.stem || v.form == w.ascii_stem || v.form == w.exact;
            });
            if (hit && std::find(words.begin(), words.end(), w.surface) == words.end()) words.push_back(w.surface);
        }
        if (words.empty())
            for (const auto& v : p.matched)
                if (std::find(words.begin(), words.end(), v.form) == words.end()) words.push_back(v.form);
        for (const auto& w : words) p.label += (p.label.empty() ? "" : " ") + w;
    }

    void bm25_stats(const Xapian::Query& scaled, ScorePart& p) const {
        std::vector<StatsRecord> records;
        try {
            (void)run(scaled, StatsWeight(&records));
        } catch (const Xapian::Error&) {
            return;  // e.g. a remote shard, which knows only Xapian's own schemes
        }
        if (records.empty()) return;
        p.has_bm25 = true;
        for (const auto& r : records) {
            Bm25 w = bm25(r, ranking_.k1, ranking_.b);
            p.terms.push_back({r.termfreq, r.wdf, w.idf, w.tf, w.weight});
        }
        if (records.size() == 1) {
            p.wdf = records[0].wdf;
            p.termfreq = records[0].termfreq;
            p.idf = p.terms[0].idf;
            p.tf = p.terms[0].tf;
            p.terms.clear();
        } else {
            for (const auto& t : p.terms) p.wdf += t.wdf;
        }
    }

    const Xapian::Database& db_;
    const SearchResult& result_;
    const RankingOptions& ranking_;
    std::string only_;
    std::map<std::string, Xapian::termcount> doc_terms_;
};

}  // namespace

Explanation explain_hit(const Xapian::Database& db, const SearchResult& result, const Hit& hit,
                        const RankingOptions& ranking) {
    Explanation e;
    e.docid = hit.docid;
    e.score = hit.score;
    e.k1 = ranking.k1;
    e.b = ranking.b;
    try {
        e.doc_length = db.get_doclength(hit.docid);
        e.average_length = db.get_avlength();
        e.doc_count = db.get_doccount();
        Explainer x(db, result, hit, ranking);
        x.walk(result.scored, 1.0, "", e.parts);
    } catch (const Xapian::Error& err) {
        throw DatabaseError("cannot explain hit " + hit.article.id + ": " + err.get_description());
    }
    for (const auto& p : e.parts) e.sum += p.weight;
    return e;
}

}  // namespace haber::search
