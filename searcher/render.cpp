#include "render.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "analysis/utf8.h"
#include "dates.h"
#include "index/schema.h"

namespace haber::cli {

namespace {

constexpr std::string_view kReset = "\033[0m";
constexpr std::string_view kBold = "\033[1m";
constexpr std::string_view kDim = "\033[2m";
constexpr std::string_view kMatch = "\033[1;33m";          // bold yellow
constexpr std::string_view kTitleMatchOff = "\033[0;1m";   // back to plain bold
constexpr std::string_view kRank = "\033[1;36m";

std::string styled(std::string_view text, std::string_view on, const Style& s) {
    if (!s.color || on.empty()) return std::string(text);
    return std::string(on) + std::string(text) + std::string(kReset);
}

std::string pad_cols(const std::string& s, std::size_t w);

std::string join_meta(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += " \u00b7 ";
        out += p;
    }
    return out;
}

}  // namespace

std::size_t display_width(std::string_view s);

namespace {
std::string pad_cols(const std::string& s, std::size_t w) {
    std::size_t d = display_width(s);
    return s + std::string(d < w ? w - d : 0, ' ');
}
}  // namespace

std::size_t display_width(std::string_view s) {
    std::size_t w = 0, i = 0;
    while (i < s.size()) {
        char32_t c = utf8::next(s, i);
        if ((c >= 0x0300 && c <= 0x036F) || c == 0x200B || c == 0x200D) continue;  // combining / zero width
        if (c == 0x1B) continue;
        ++w;
    }
    return w;
}

Style detect_style(ColorMode mode) {
    Style s;
    bool tty = isatty(STDOUT_FILENO);
    if (mode == ColorMode::Always) s.color = true;
    else if (mode == ColorMode::Never) s.color = false;
    else {
        const char* term = std::getenv("TERM");
        const char* no_color = std::getenv("NO_COLOR");
        s.color = tty && !(term && std::string_view(term) == "dumb") && !(no_color && *no_color);
    }
    if (tty) {
        winsize ws{};
        if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
            s.width = ws.ws_col;
            s.height = ws.ws_row;
        } else {
            s.width = 80;
        }
    }
    if (const char* cols = std::getenv("COLUMNS"); cols && *cols && !tty) {
        long v = std::strtol(cols, nullptr, 10);
        if (v >= 20 && v < 10000) s.width = static_cast<std::size_t>(v);
    }
    if (s.width > 0 && s.width < 20) s.width = 20;
    return s;
}

std::string wrap(std::string_view text, const std::vector<search::Span>& spans, const Style& style,
                 std::size_t indent, std::size_t first_line_used, std::string_view on, std::string_view off) {
    // Highlight flag per byte.
    std::vector<bool> hl(text.size(), false);
    for (const auto& s : spans)
        for (std::size_t i = s.begin; i < s.begin + s.length && i < text.size(); ++i) hl[i] = true;
    auto emit = [&](std::string& out, std::size_t b, std::size_t e) {
        bool state = false;
        for (std::size_t i = b; i < e; ++i) {
            if (style.color && hl[i] != state) {
                out.append(hl[i] ? on : off);
                state = hl[i];
            }
            out += text[i];
        }
        if (style.color && state) out.append(off);
    };
    std::string out;
    std::size_t col = first_line_used;
    bool line_empty = true;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        if (i >= text.size()) break;
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ') ++j;
        std::size_t w = display_width(text.substr(i, j - i));
        if (!line_empty) {
            if (style.width > 0 && col + 1 + w > style.width) {
                out += "\n" + std::string(indent, ' ');
                col = indent;
            } else {
                out += ' ';
                ++col;
            }
        }
        emit(out, i, j);
        col += w;
        line_empty = false;
        i = j;
    }
    return out;
}

std::string display_date(const Article& a) {
    std::string iso = dates::iso(a.date);
    return iso.empty() ? a.date : iso;
}

// A wire story often has no headline line: show the opening words of its
// text instead (not marked as a match), so every hit reads as something.
std::string untitled_heading(const Article& a) {
    std::string_view text = a.lead.empty() ? std::string_view(a.body) : std::string_view(a.lead);
    constexpr std::size_t kMax = 90;
    if (text.empty()) return "(untitled " + a.id + ")";
    std::size_t cut = text.find('\n');
    if (cut == std::string_view::npos) cut = text.size();
    if (cut > kMax) {
        cut = text.rfind(' ', kMax);
        if (cut == std::string_view::npos || cut == 0) {
            cut = kMax;
            while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        }
        return std::string(text.substr(0, cut)) + "…";
    }
    return std::string(text.substr(0, cut));
}

std::string render_results(const search::SearchResult& r, const Style& style,
                           const std::vector<std::string>& after_hit) {
    std::ostringstream out;
    std::string count = (r.total_exact ? "" : "about ") + std::to_string(r.total) +
                        (r.total == 1 ? " match" : " matches");
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f ms", r.took_ms);
    std::string header = count;
    if (!r.hits.empty())
        header += ", showing " + std::to_string(r.hits.front().rank) + "\u2013" + std::to_string(r.hits.back().rank);
    else if (r.total > 0)
        header += " (none on this page: offset " + std::to_string(r.offset) + ")";
    header += " (" + std::string(ms) + ")";
    out << styled(header, kDim, style) << "\n";
    if (r.relaxed) out << styled("no article has every word: showing the articles with most of them", kDim, style) << "\n";
    if (!r.parsed.synonyms.empty()) {
        std::string line = "also searched: ";
        for (std::size_t i = 0; i < r.parsed.synonyms.size(); ++i) {
            const auto& x = r.parsed.synonyms[i];
            if (i) line += "; ";
            line += x.typed + " = ";
            for (std::size_t k = 0; k < x.alternatives.size(); ++k)
                line += (k ? ", " : "") + x.alternatives[k];
        }
        out << styled(line + " (--no-synonyms to turn off)", kDim, style) << "\n";
    }
    out << render_suggestion(r.suggestion, style);
    const std::size_t indent = 4;
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
        const auto& h = r.hits[i];
        out << "\n";
        std::string rank = std::to_string(h.rank) + ".";
        std::string pad(rank.size() < indent ? indent - rank.size() : 1, ' ');
        std::string title = h.article.title.empty() ? untitled_heading(h.article) : h.article.title;
        search::Snippet t = h.title;
        if (h.article.title.empty()) { t.text = title; t.highlights.clear(); }
        out << styled(rank, kRank, style) << pad;
        if (style.color) out << kBold;
        out << wrap(t.text, t.highlights, style, indent, indent, style.color ? kMatch : "",
                    style.color ? kTitleMatchOff : "");
        if (style.color) out << kReset;
        out << "\n";
        std::vector<std::string> meta{display_date(h.article), h.article.place, h.article.source,
                                      h.article.category};
        char score[32];
        std::snprintf(score, sizeof score, "score %.2f", h.score);
        std::string meta_line = join_meta(meta);
        meta_line += (meta_line.empty() ? "" : " \u00b7 ") + std::string(score) + " \u00b7 id " + h.article.id;
        if (h.versions > 0) meta_line += " \u00b7 " + versions_label(h.versions);
        out << std::string(indent, ' ')
            << (style.color ? std::string(kDim) : "")
            << wrap(meta_line, {}, style, indent, indent, "", "")
            << (style.color ? std::string(kReset) : "") << "\n";
        if (!h.snippet.text.empty())
            out << std::string(indent, ' ')
                << wrap(h.snippet.text, h.snippet.highlights, style, indent, indent, kMatch, kReset) << "\n";
        if (i < after_hit.size()) out << after_hit[i];
    }
    return out.str();
}

std::string versions_label(std::size_t n) {
    return "+" + std::to_string(n) + (n == 1 ? " version" : " versions");
}

std::string render_versions(const std::vector<Article>& versions, const Style& style) {
    std::ostringstream out;
    std::string head = versions.size() == 1 ? std::string("1 version: this story has no other version")
                                            : std::to_string(versions.size()) + " versions of this story, oldest first";
    out << styled(head, kDim, style) << "\n";
    const std::size_t indent = 4;
    std::size_t n = 0;
    for (const auto& a : versions) {
        out << "\n";
        std::string rank = std::to_string(++n) + ".";
        std::string pad(rank.size() < indent ? indent - rank.size() : 1, ' ');
        std::string title = a.title.empty() ? untitled_heading(a) : a.title;
        out << styled(rank, kRank, style) << pad << (style.color ? kBold : "")
            << wrap(title, {}, style, indent, indent, "", "") << (style.color ? kReset : "") << "\n";
        std::string meta = join_meta({display_date(a), a.place, a.source, a.category});
        meta += (meta.empty() ? "" : " \u00b7 ") + std::string("id ") + a.id;
        out << std::string(indent, ' ') << styled(wrap(meta, {}, style, indent, indent, "", ""), kDim, style) << "\n";
    }
    return out.str();
}

namespace {
// An article in a list (search hits, versions): its fields but the long
// texts (lead, body) and the author, the date as shown.
nlohmann::json listing_json(const Article& a) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& f : kArticleFields)
        if (f.name != "lead" && f.name != "body" && f.name != "author") j[std::string(f.name)] = a.*f.member;
    j["date"] = display_date(a);
    return j;
}
}  // namespace

nlohmann::json versions_json(const std::string& id, const std::vector<Article>& versions) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : versions) list.push_back(listing_json(a));
    return {{"id", id}, {"count", versions.size()}, {"versions", list}};
}

std::string render_article(const Article& a, const analysis::Analyzer& analyzer, const search::TermMatcher& terms,
                           const Style& style) {
    std::ostringstream out;
    search::Snippet title = search::highlight_all(analyzer, a.title, terms);
    if (style.color) out << kBold;
    out << wrap(title.text, title.highlights, style, 0, 0, style.color ? kMatch : "",
                style.color ? kTitleMatchOff : "");
    if (style.color) out << kReset;
    out << "\n";
    std::string meta = join_meta({display_date(a), a.place, a.source, a.category, a.author});
    if (!meta.empty()) out << styled(meta, kDim, style) << "\n";
    if (!a.url.empty()) out << styled(a.url, kDim, style) << "\n";
    out << styled("id " + a.id, kDim, style) << "\n";
    auto paragraphs = [&](const std::string& text, bool bold) {
        std::size_t start = 0;
        while (start <= text.size()) {
            std::size_t nl = text.find('\n', start);
            std::string_view para = std::string_view(text).substr(start, nl == std::string::npos ? std::string::npos : nl - start);
            if (!para.empty()) {
                search::Snippet s = search::highlight_all(analyzer, para, terms);
                out << "\n";
                if (bold && style.color) out << kBold;
                out << wrap(s.text, s.highlights, style, 0, 0, kMatch, bold ? kTitleMatchOff : kReset);
                if (bold && style.color) out << kReset;
                out << "\n";
            }
            if (nl == std::string::npos) break;
            start = nl + 1;
        }
    };
    paragraphs(a.lead, true);
    paragraphs(a.body, false);
    return out.str();
}

std::string render_facets(const search::SearchResult& r, const Style& style) {
    if (!r.has_facets || r.total == 0) return {};
    std::ostringstream out;
    out << "\n";
    if (r.articles != r.total)  // versions collapsed: the spies saw every article
        out << styled("facets count all " + std::to_string(r.articles) + " matching articles, every version of a story",
                      kDim, style) << "\n";
    for (const auto& f : r.facets) {
        std::string head = f.name + ":";
        std::string line;
        for (const auto& v : f.values) {
            if (!line.empty()) line += " \u00b7 ";
            line += v.value + " (" + std::to_string(v.count) + ")";
        }
        if (f.values.empty()) line = "\u2014";
        else if (f.distinct > f.values.size())
            line += " \u00b7 +" + std::to_string(f.distinct - f.values.size()) + " more";
        std::string pad(head.size() < 10 ? 10 - head.size() : 1, ' ');
        out << styled(head, kDim, style) << pad << wrap(line, {}, style, 10, 10, "", "") << "\n";
    }
    return out.str();
}

std::string render_facets_numbered(const search::SearchResult& r, const Style& style,
                                   std::vector<std::pair<const search::Facet*, const search::FacetValue*>>* numbered) {
    std::ostringstream out;
    std::size_t n = 0;
    if (numbered) numbered->clear();
    for (const auto& f : r.facets) {
        if (f.values.empty()) continue;
        std::string head = f.name;
        if (f.distinct > f.values.size())
            head += " (top " + std::to_string(f.values.size()) + " of " + std::to_string(f.distinct) + ")";
        out << styled(head, kBold, style) << "\n";
        for (const auto& v : f.values) {
            std::string num = std::to_string(++n) + ".";
            out << "  " << styled(num, kRank, style) << std::string(num.size() < 5 ? 5 - num.size() : 1, ' ')
                << pad_cols(v.value, 24) << " " << v.count << "\n";
            if (numbered) numbered->push_back({&f, &v});
        }
    }
    if (n == 0) out << "no facet values (no matches, or the matches have no date, category, place or source)\n";
    return out.str();
}

nlohmann::json facets_json(const search::SearchResult& r) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& f : r.facets) {
        nlohmann::json values = nlohmann::json::array();
        for (const auto& v : f.values) values.push_back({{"value", v.value}, {"count", v.count}});
        j[f.name] = values;
    }
    if (r.facets.empty())
        for (const char* name : {"year", "month", "category", "place", "source"}) j[name] = nlohmann::json::array();
    return j;
}

std::string render_suggestion(const search::Suggestion& sg, const Style& style) {
    if (sg.empty()) return {};
    // The suggested query with its corrected words in bold (spans shift as
    // earlier corrections change length).
    long shift = 0;
    std::vector<search::Span> spans;
    for (const auto& c : sg.corrections) {
        std::size_t at = static_cast<std::size_t>(static_cast<long>(c.begin) + shift);
        spans.push_back({at, c.to.size()});
        shift += static_cast<long>(c.to.size()) - static_cast<long>(c.end - c.begin);
    }
    std::string q = sg.query;
    if (style.color) {
        for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
            if (it->begin + it->length > q.size()) continue;
            q.insert(it->begin + it->length, std::string(kReset) + std::string(kBold));
            q.insert(it->begin, std::string(kMatch));
        }
    }
    return styled("Did you mean: ", kBold, style) + (style.color ? std::string(kBold) : "") + q +
           (style.color ? std::string(kReset) : "") + "\n";
}

nlohmann::json suggestion_json(const search::Suggestion& sg) {
    if (sg.empty()) return nullptr;
    nlohmann::json corrections = nlohmann::json::array();
    for (const auto& c : sg.corrections)
        corrections.push_back({{"from", c.from},
                               {"to", c.to},
                               {"edits", c.edits},
                               {"from_articles", c.from_freq},
                               {"to_articles", c.to_freq}});
    return {{"query", sg.query}, {"corrections", corrections}};
}

nlohmann::json results_json(const search::SearchResult& r, const std::string& query) {
    nlohmann::json j;
    j["query"] = query;
    j["total"] = r.total;
    j["total_exact"] = r.total_exact;
    j["articles"] = r.articles;  // every version counted
    j["articles_exact"] = r.articles_exact;
    j["offset"] = r.offset;
    j["limit"] = r.limit;
    j["took_ms"] = r.took_ms;
    j["suggestion"] = suggestion_json(r.suggestion);
    j["relaxed"] = r.relaxed;
    j["notices"] = r.notices;
    j["hits"] = nlohmann::json::array();
    for (const auto& h : r.hits) {
        nlohmann::json hit = listing_json(h.article);
        hit["rank"] = h.rank;
        hit["score"] = h.score;
        hit["versions"] = h.versions;  // other versions of the story (0: none)
        hit["group"] = h.group;        // the story's key article id ("" without versions)
        hit["snippet"] = h.snippet.text;
        nlohmann::json hl = nlohmann::json::array();
        for (auto [b, l] : search::to_codepoints(h.snippet.text, h.snippet.highlights)) hl.push_back({b, l});
        hit["highlights"] = hl;
        nlohmann::json thl = nlohmann::json::array();
        for (auto [b, l] : search::to_codepoints(h.title.text, h.title.highlights)) thl.push_back({b, l});
        hit["title_highlights"] = thl;
        j["hits"].push_back(hit);
    }
    if (r.has_facets) j["facets"] = facets_json(r);
    if (!r.parsed.synonyms.empty()) {
        nlohmann::json syn = nlohmann::json::array();
        for (const auto& x : r.parsed.synonyms) syn.push_back({{"typed", x.typed}, {"also", x.alternatives}});
        j["synonyms"] = syn;
    }
    return j;
}

std::string dump_json(const nlohmann::json& j, int indent) {
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json article_json(const Article& a) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& f : kArticleFields) j[std::string(f.name)] = a.*f.member;
    return j;
}

namespace {
std::size_t cp_offset(std::string_view text, std::size_t byte) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
    return n;
}
std::string pad_to(const std::string& s, std::size_t w) {
    std::size_t d = display_width(s);
    return s + std::string(d < w ? w - d : 0, ' ');
}
}  // namespace

std::string render_analysis(const analysis::Analyzer& analyzer, std::string_view raw) {
    std::string text = analyzer.normalize(raw);
    auto toks = analyzer.analyze(text);
    std::vector<std::vector<std::string>> rows{{"pos", "surface", "exact", "stem", "ascii_stem", "flags", "offsets"}};
    for (const auto& t : toks) {
        std::string flags;
        if (t.stopword) flags += "stop";
        if (t.ascii_typed) flags += std::string(flags.empty() ? "" : ",") + "ascii";
        if (t.kind == analysis::TokenKind::Number) flags += std::string(flags.empty() ? "" : ",") + "number";
        rows.push_back({std::to_string(t.position), t.surface, t.exact, t.stem, t.ascii_stem, flags,
                        std::to_string(cp_offset(text, t.begin)) + "-" + std::to_string(cp_offset(text, t.end))});
    }
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& r : rows)
        for (std::size_t c = 0; c < r.size(); ++c) widths[c] = std::max(widths[c], display_width(r[c]));
    std::ostringstream out;
    out << "stemmer: " << analyzer.stem_config().name() << "\n";
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t c = 0; c < r.size(); ++c) line += (c + 1 < r.size() ? pad_to(r[c], widths[c] + 2) : r[c]);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << "\n";
    }
    if (toks.empty()) out << "(no tokens)\n";
    return out.str();
}

nlohmann::json analysis_json(const analysis::Analyzer& analyzer, std::string_view raw) {
    std::string text = analyzer.normalize(raw);
    nlohmann::json j;
    j["text"] = text;
    j["stemmer"] = analyzer.stem_config().name();
    j["tokens"] = nlohmann::json::array();
    for (const auto& t : analyzer.analyze(text)) {
        j["tokens"].push_back({{"position", t.position},
                               {"surface", t.surface},
                               {"exact", t.exact},
                               {"stem", t.stem},
                               {"ascii_stem", t.ascii_stem},
                               {"stopword", t.stopword},
                               {"ascii_typed", t.ascii_typed},
                               {"type", t.kind == analysis::TokenKind::Number ? "number" : "word"},
                               {"start_offset", cp_offset(text, t.begin)},
                               {"end_offset", cp_offset(text, t.end)}});
    }
    return j;
}

}  // namespace haber::cli
