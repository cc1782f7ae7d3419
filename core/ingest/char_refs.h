// HTML character references as scraped archives leave them in plain text
// and JSON (`m&uuml;cadele`, `g&ouml;re`, `&#252;`, `&#xFC;`, `&amp;`):
// decoded to the characters they stand for, so `mücadele` finds them.
#pragma once

#include <string>
#include <string_view>

namespace haber::ingest {

// Decodes, in one pass, named references of HTML 4 (the Latin-1 letters,
// symbols, Greek, punctuation: 252 names) plus &apos; and the Turkish
// letters' HTML5 names (&gbreve; &Gbreve; &scedil; &Scedil; &inodot;
// &imath; &Idot;), and numeric ones (&#252; &#xFC;). The ';' is required.
// As in HTML, &#128;-&#159; are Windows-1252 (&#146; is ’), and &#0;,
// surrogates, control characters and numbers beyond U+10FFFF become U+FFFD.
// Unknown names and anything malformed are left as they are ("AT&T").
std::string decode_char_refs(std::string_view text);

}  // namespace haber::ingest
