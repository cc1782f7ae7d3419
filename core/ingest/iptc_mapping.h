// What the NITF (ingest/nitf.h) and NewsML-G2 (ingest/newsml_g2.h) mappings
// share: the state of one document being mapped onto haber::Article
// (the articles so far, diagnostics, the text collector and its size limit)
// and the rules both formats follow for dates, datelines, bylines, lead
// paragraphs, subject codes and articles that cannot be indexed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "ingest/iptc_xml.h"
#include "ingest/xml_reader.h"

namespace haber::ingest::iptc {

using xml::Node;

class Mapper {
public:
    // Text longer than `text_limit` bytes makes an article "too large".
    Mapper(const xml::Reporter& report, const std::string& file_id, std::size_t text_limit)
        : report(report), text(text_limit), file_id_(file_id) {}

    const xml::Reporter& report;
    xml::TextCollector text;
    IptcXmlResult result;

    // An Error, and one more document or item skipped.
    void skip(std::size_t line, std::string msg);

    // a.date from an ISO 8601 date or date-time (basic or extended form, the
    // date as written); false, after a warning, if `raw` is not empty and
    // not one. False for an empty `raw`.
    bool set_date(Article& a, const std::string& raw, std::size_t line);

    // Paragraphs → a.body ('\n' between them). A dateline opening the first
    // one ("ANKARA (AA) –") is removed and fills place and source if empty.
    void set_body(Article& a, std::vector<std::string> paras);

    // a.place (and a.source if empty) from dateline text: "TAŞKENT (AA) –",
    // "TAŞKENT (AA)", or what comes before the first comma or parenthesis.
    void place_from_text(const std::string& t, Article& a);

    // A paragraph marked as the lead: lede="true"/"yes"/"1", or class lead,
    // lede, spot or summary.
    bool lead_marked(Node p);

    // Adds `a` to the result unless its text was over the limit (Error) or
    // it has no title, lead and body (Warning); both count as skipped.
    // Without an id it gets FILEID:N (N: the item's position in the file)
    // and a warning that starts with `missing_id`.
    void finish(Node item, Article&& a, const char* missing_id);

    // One warning for the entity references the text left out, if any.
    void report_unresolved_entities();

private:
    const std::string& file_id_;
    std::size_t index_ = 0;
};

// "drol:summary" → "summary"; "summary" → "summary".
std::string_view qcode_code(std::string_view q);

// Appends `part` to `out`, with `sep` between it and what is already there;
// an empty part adds nothing.
void join(std::string& out, std::string_view part, std::string_view sep);

// Byline text without "By", "Yazan:", "Muhabir:", ... and leading and
// trailing dashes, commas and slashes.
std::string strip_byline(std::string s);

// IPTC subject (subj:, NITF tobject.subject.refnum) and media topic
// (medtop:) top-level codes → Turkish category names; "" for others.
std::string category_for_code(std::string_view qcode);

}  // namespace haber::ingest::iptc
