#include "ingest/iptc_mapping.h"

#include <array>
#include <utility>

#include "dates.h"
#include "ingest/plain_text.h"

namespace haber::ingest::iptc {

using xml::ascii_lower;
using xml::clean;
using xml::line_of;

// "drol:summary" → "summary"; "summary" → "summary".
std::string_view qcode_code(std::string_view q) {
    auto colon = q.find(':');
    return colon == std::string_view::npos ? q : q.substr(colon + 1);
}

void join(std::string& out, std::string_view part, std::string_view sep) {
    if (part.empty()) return;
    if (!out.empty()) out.append(sep);
    out.append(part);
}

// Byline text without "By", "Yazan:", leading and trailing dashes.
std::string strip_byline(std::string s) {
    static const std::array<std::string_view, 6> prefixes = {"by ", "yazan:", "yazar:", "muhabir:",
                                                              "haber:", "from "};
    for (bool changed = true; changed;) {
        changed = false;
        s = clean(s);
        for (std::string_view dash : {"\xE2\x80\x93", "\xE2\x80\x94", "-", ",", "/"}) {
            if (s.starts_with(dash)) {
                s.erase(0, dash.size());
                changed = true;
            }
            if (s.ends_with(dash)) {
                s.resize(s.size() - dash.size());
                changed = true;
            }
        }
        std::string low = ascii_lower(s.substr(0, 10));
        for (auto p : prefixes) {
            if (low.starts_with(p)) {
                s.erase(0, p.size());
                changed = true;
                break;
            }
        }
    }
    return s;
}

// IPTC subject (subj:, NITF tobject.subject.refnum) and media topic
// (medtop:) top-level codes → Turkish category names.
std::string category_for_code(std::string_view qcode) {
    static const std::array<const char*, 17> names = {
        "kültür-sanat",        "asayiş ve adalet", "afet ve kaza", "ekonomi",
        "eğitim",              "çevre",            "sağlık",       "yaşam",
        "çalışma hayatı",      "yaşam",            "politika",     "din",
        "bilim ve teknoloji",  "toplum",           "spor",         "çatışma ve savaş",
        "hava durumu"};
    std::string_view scheme;
    std::string_view code = qcode;
    if (auto colon = qcode.find(':'); colon != std::string_view::npos) {
        scheme = qcode.substr(0, colon);
        code = qcode.substr(colon + 1);
    }
    if (code.size() != 8) return {};
    for (char c : code)
        if (c < '0' || c > '9') return {};
    if (scheme == "medtop" && code.substr(2) != "000000") return {};  // deeper levels: not mapped
    if (!scheme.empty() && scheme != "medtop" && scheme != "subj") return {};
    int top = (code[0] - '0') * 10 + (code[1] - '0');
    if (top < 1 || top > 17) return {};
    return names[static_cast<std::size_t>(top - 1)];
}

void Mapper::skip(std::size_t line, std::string msg) {
    report.error(line, std::move(msg));
    ++result.skipped;
}

bool Mapper::set_date(Article& a, const std::string& raw, std::size_t line) {
    if (raw.empty()) return false;
    std::string d = dates::iso8601(raw);
    if (d.empty()) {
        report.warning(line, "invalid date '" + raw + "' ignored (expected ISO 8601, e.g. 20221222T103000+0300)");
        return false;
    }
    a.date = d;
    return true;
}

void Mapper::set_body(Article& a, std::vector<std::string> paras) {
    if (!paras.empty()) {
        if (auto d = parse_dateline(paras[0])) {
            if (a.place.empty()) a.place = d->place;
            if (a.source.empty()) a.source = d->source;
            std::string rest = clean(std::string_view(paras[0]).substr(d->length));
            if (rest.empty()) paras.erase(paras.begin());
            else paras[0] = std::move(rest);
        }
    }
    std::string body;
    for (auto& p : paras) join(body, p, "\n");
    a.body = std::move(body);
}

void Mapper::place_from_text(const std::string& t, Article& a) {
    if (t.empty()) return;
    auto d = parse_dateline(t);
    if (!d) d = parse_dateline(t + " \xE2\x80\x93");  // "TAŞKENT (AA)" without the dash
    if (d) {
        a.place = d->place;
        if (a.source.empty()) a.source = d->source;
        return;
    }
    auto end = t.find_first_of(",(");
    std::string p = strip_byline(t.substr(0, end));
    if (!p.empty() && p.size() <= 60) a.place = p;
}

bool Mapper::lead_marked(Node p) {
    std::string lede = ascii_lower(text.attr(p, "lede"));
    if (lede == "true" || lede == "yes" || lede == "1") return true;
    std::string cls = " " + ascii_lower(text.attr(p, "class")) + " ";
    for (const char* c : {" lead ", " lede ", " spot ", " summary "})
        if (cls.find(c) != std::string::npos) return true;
    return false;
}

void Mapper::finish(Node item, Article&& a, const char* missing_id) {
    std::size_t line = line_of(item);
    ++index_;
    if (text.truncated) {
        skip(line, "article text larger than the size limit (--max-article-size), skipped");
        text.truncated = false;
        return;
    }
    if (a.title.empty() && a.body.empty() && a.lead.empty()) {
        report.warning(line, "article has no title and no body, skipped");
        ++result.skipped;
        return;
    }
    if (a.id.empty()) {
        a.id = file_id_ + ":" + std::to_string(index_);
        report.warning(line, std::string(missing_id) + "; id derived as \"" + a.id + "\"");
    }
    result.articles.push_back(std::move(a));
}

void Mapper::report_unresolved_entities() {
    if (text.unresolved == 0) return;
    report.warning(text.unresolved_line,
                   "entity '&" + text.unresolved_name + ";' is not defined (DTDs are not loaded)" +
                       (text.unresolved > 1
                            ? ", it and " + std::to_string(text.unresolved - 1) + " more left out"
                            : ", left out"));
}

}  // namespace haber::ingest::iptc
