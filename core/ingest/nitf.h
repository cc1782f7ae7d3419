// NITF 3.x (https://iptc.org/standards/nitf/) mapped onto haber::Article,
// for whole NITF documents and for NITF inside NewsML-G2 inlineXML.
//
//   id        head/docdata/doc-id/@id-string
//   title     body/body.head/hedline/hl1, head/title
//   lead      body.head/abstract, first body.content p marked
//             lede="true" (or class lead/lede/spot), hedline/hl2
//   body      body.content: p, hl2, li, ... in document order
//   date      docdata/date.issue/@norm, date.release/@norm,
//             dateline/story.date/@norm (ISO 8601 basic or extended)
//   place     dateline/location/city, dateline text "TAŞKENT (AA) –"
//   author    body.head/byline (its person elements, or its text
//             without "By"/"Yazan:"/dashes)
//   source    docdata/doc.copyright/@holder, pubdata/@name, dateline agency
//   category  tobject/tobject.subject/@tobject.subject.type,
//             meta[@name=category]/@content, subject code mapped
//   url       pubdata/@ex-ref
// (first match wins; the elements in the root's namespace, usually none).
#pragma once

#include "article.h"
#include "ingest/iptc_mapping.h"

namespace haber::ingest::iptc {

// The document whose root element is <nitf>: one article added to
// m.result, or an Error and one skipped if it has no <body>.
void map_nitf(Node root, Mapper& m);

// Title, lead, author, date, place, source and body from an NITF <body>
// with elements in namespace `ns`, into the fields of `a` as the table says.
void map_nitf_body(Node body, const xmlChar* ns, Article& a, Mapper& m);

}  // namespace haber::ingest::iptc
