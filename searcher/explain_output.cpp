#include "explain_output.h"

#include <cstdio>

namespace haber::cli {

namespace {

std::string fixed(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string what(const search::ScorePart& p) {
    std::string s;
    if (!p.role.empty()) s = p.role + " \u00d7" + fixed(p.factor, 2) + ": ";
    else if (p.factor != 1) s = "\u00d7" + fixed(p.factor, 2) + " ";
    if (p.kind == "phrase") s += "phrase \"" + p.label + "\"";
    else if (p.kind == "near") s += "near: " + p.label;
    else if (p.kind == "prefix") s += "prefix: " + p.label;
    else s += p.label;
    if (!p.field.empty() && p.kind != "recency") s += " [" + p.field + "]";
    return s;
}

std::string statistics(const search::ScorePart& p) {
    if (!p.has_bm25) return p.kind == "recency" ? "recency boost (--rank recency)" : "";
    std::string s = "wdf " + std::to_string(p.wdf);
    if (p.terms.empty())
        s += " \u00b7 df " + std::to_string(p.termfreq) + " \u00b7 idf " + fixed(p.idf, 4) + " \u00b7 tf " + fixed(p.tf, 4);
    else {
        s += " \u00b7 per term:";
        for (const auto& t : p.terms)
            s += " (df " + std::to_string(t.termfreq) + ", wdf " + std::to_string(t.wdf) + ", " + fixed(t.weight, 4) + ")";
    }
    return s;
}

std::string variants(const search::ScorePart& p) {
    std::string s;
    for (const auto& v : p.matched)
        s += (s.empty() ? "" : ", ") + v.form + (v.folded ? " (ASCII fold)" : "") + " " + std::to_string(v.wdf);
    return s.empty() ? s : "matched " + s;
}

}  // namespace

std::string render_explanation(const search::Explanation& e, const Style& style, std::size_t indent) {
    std::string pad(indent, ' ');
    std::string out = pad + "score " + fixed(e.score, 4) + " = sum of " + std::to_string(e.parts.size()) +
                      (e.parts.size() == 1 ? " part" : " parts") + " " + fixed(e.sum, 4) +
                      " (document length " + std::to_string(e.doc_length) + ", average " +
                      fixed(e.average_length, 1) + "; BM25 k1 " + fixed(e.k1, 2) + ", b " + fixed(e.b, 2) + ")\n";
    for (const auto& p : e.parts) {
        std::string line = fixed(p.weight, 4) + "  " + what(p);
        std::string stats = statistics(p), matched = variants(p);
        if (!stats.empty()) line += " \u00b7 " + stats;
        if (!matched.empty()) line += " \u00b7 " + matched;
        out += pad + "  " + wrap(line, {}, style, indent + 10, indent + 2, "", "") + "\n";
    }
    return out;
}

nlohmann::json explanation_json(const search::Explanation& e) {
    nlohmann::json parts = nlohmann::json::array();
    for (const auto& p : e.parts) {
        nlohmann::json j{{"kind", p.kind}, {"label", p.label}, {"field", p.field}, {"role", p.role},
                         {"factor", p.factor}, {"weight", p.weight}};
        nlohmann::json matched = nlohmann::json::array();
        for (const auto& v : p.matched)
            matched.push_back({{"term", v.term}, {"form", v.form}, {"wdf", v.wdf}, {"ascii_fold", v.folded}});
        j["matched"] = matched;
        if (p.has_bm25) {
            j["wdf"] = p.wdf;
            if (p.terms.empty()) {
                j["df"] = p.termfreq;
                j["idf"] = p.idf;
                j["tf"] = p.tf;
            } else {
                nlohmann::json terms = nlohmann::json::array();
                for (const auto& t : p.terms)
                    terms.push_back({{"df", t.termfreq}, {"wdf", t.wdf}, {"idf", t.idf}, {"tf", t.tf}, {"weight", t.weight}});
                j["terms"] = terms;
            }
        }
        parts.push_back(j);
    }
    return {{"score", e.score},           {"sum", e.sum},   {"document_length", e.doc_length},
            {"average_length", e.average_length}, {"articles", e.doc_count}, {"k1", e.k1},
            {"b", e.b},                   {"parts", parts}};
}

std::vector<search::Explanation> explain_hits(const search::Searcher& searcher, const search::SearchResult& result,
                                              const search::RankingOptions& ranking) {
    std::vector<search::Explanation> out;
    for (const auto& h : result.hits) out.push_back(search::explain_hit(searcher.database(), result, h, ranking));
    return out;
}

}  // namespace haber::cli
