// IPTC news XML: NITF 3.x documents and NewsML-G2 newsItem / newsMessage
// documents (text in inlineXML as NITF or XHTML, or in inlineData), parsed
// with libxml2 without network access, DTD loading or entity substitution.
//
// Mapping onto haber::Article (first match wins):
//   NITF      id        head/docdata/doc-id/@id-string
//             title     body/body.head/hedline/hl1, head/title
//             lead      body.head/abstract, first body.content p marked
//                       lede="true" (or class lead/lede/spot), hedline/hl2
//             body      body.content: p, hl2, li, ... in document order
//             date      docdata/date.issue/@norm, date.release/@norm,
//                       dateline/story.date/@norm (ISO 8601 basic or extended)
//             place     dateline/location/city, dateline text "TAŞKENT (AA) –"
//             author    body.head/byline (its person elements, or its text
//                       without "By"/"Yazan:"/dashes)
//             source    docdata/doc.copyright/@holder, pubdata/@name, dateline agency
//             category  tobject/tobject.subject/@tobject.subject.type,
//                       meta[@name=category]/@content, subject code mapped
//             url       pubdata/@ex-ref
//   NewsML-G2 (namespace http://iptc.org/std/nar/2006-10-01/)
//             id        newsItem/@guid
//             title     contentMeta/headline, itemMeta/title, inline NITF hl1
//             lead      contentMeta/description[@role=drol:summary], inline NITF lead
//             body      contentSet/inlineXML/nitf (as above) or XHTML html/body,
//                       else contentSet/inlineData text lines
//             date      itemMeta/firstCreated, contentMeta/contentCreated,
//                       itemMeta/versionCreated (the date as written, local time)
//             place     contentMeta/located/name, contentMeta/dateline
//             category  contentMeta/subject/name (Turkish name preferred),
//                       else a medtop:/subj: top-level code mapped to Turkish
//             source    itemMeta/provider/name, @literal, qcode ("nprov:AA" → "AA")
//             author    contentMeta/creator/name, @literal, contentMeta/by
//             url       itemMeta/link[@rel=irel:canonical]/@href, altId of type URL
//   A dateline at the start of the first body paragraph ("ANKARA (AA) –") is
//   removed from the body and fills place and source when they are empty.
//   Articles without an id get "FILEID:N" (N: position of the item in the file).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "ingest/diagnostic.h"

namespace haber::ingest {

struct IptcXmlResult {
    std::vector<Article> articles;  // in document order
    std::size_t skipped = 0;        // documents or items left out because of a problem
};

// Parses one whole document (any encoding libxml2 detects from a BOM or the
// XML declaration; articles come out as UTF-8). Problems are reported to
// `diagnostic` with `display` as file name and libxml2's line numbers:
// a malformed document yields one Error and no articles.
IptcXmlResult parse_iptc_xml(std::string_view document, const std::string& display,
                             const std::string& file_id, const DiagnosticSink& diagnostic);

// Sniffing for auto-detection: the root element (after BOM, XML declaration,
// comments, DOCTYPE) is nitf, newsItem or newsMessage (any prefix).
bool looks_like_iptc_xml(std::string_view head);

// UTF-16 XML (BOM, or "<?" in UTF-16): libxml2 decodes it, although the
// bytes look binary.
bool looks_like_utf16_xml(std::string_view head);

}  // namespace haber::ingest
