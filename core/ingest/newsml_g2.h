// NewsML-G2 (https://iptc.org/standards/newsml-g2/) newsItem and
// newsMessage documents mapped onto haber::Article.
//
//   id        newsItem/@guid
//   title     contentMeta/headline, itemMeta/title, inline NITF hl1
//   lead      contentMeta/description[@role=drol:summary], inline NITF lead
//   body      contentSet/inlineXML/nitf (as in ingest/nitf.h) or XHTML
//             html/body, else contentSet/inlineData text lines
//   date      itemMeta/firstCreated, contentMeta/contentCreated,
//             itemMeta/versionCreated (the date as written, local time)
//   place     contentMeta/located/name, contentMeta/dateline
//   category  contentMeta/subject/name (Turkish name preferred),
//             else a medtop:/subj: top-level code mapped to Turkish
//   source    itemMeta/provider/name, @literal, qcode ("nprov:AA" → "AA")
//   author    contentMeta/creator/name, @literal, contentMeta/by
//   url       itemMeta/link[@rel=irel:canonical]/@href, altId of type URL
// (first match wins; where names come in several languages, the one with
// xml:lang="tr" is taken, else the first).
#pragma once

#include <libxml/tree.h>

#include "ingest/iptc_mapping.h"

namespace haber::ingest::iptc {

// The NewsML-G2 namespace; its elements elsewhere are not NewsML-G2.
inline const xmlChar* const kG2Ns = BAD_CAST "http://iptc.org/std/nar/2006-10-01/";

// One newsItem (the root, or one in a newsMessage): one article added to
// m.result, or a diagnostic and one skipped.
void map_news_item(Node item, Mapper& m);

// A newsMessage: its itemSets' newsItems in document order. Other
// elements in an itemSet are left out with a warning, and so is a message
// without any newsItem.
void map_news_message(Node root, Mapper& m);

}  // namespace haber::ingest::iptc
