// IPTC news XML: NITF 3.x documents and NewsML-G2 newsItem / newsMessage
// documents (text in inlineXML as NITF or XHTML, or in inlineData), parsed
// with libxml2 without network access, DTD loading or entity substitution.
//
// Which elements fill which Article fields: ingest/nitf.h and
// ingest/newsml_g2.h. For both,
//   A dateline at the start of the first body paragraph ("ANKARA (AA) –") is
//   removed from the body and fills place and source when they are empty.
//   Articles without an id get "FILEID:N" (N: position of the item in the file).
// The parsing itself (limits, errors → diagnostics): ingest/xml_reader.h.
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
