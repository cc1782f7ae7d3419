// Test support: small made-up Turkish news articles, the same for the same
// serial number, so that a test can write thousands and know what each
// should look like once indexed.
#pragma once

#include <string>

#include "article.h"

namespace haber::test {

// Article number `serial` (>= 0) with id `id`; `version` is written into
// the title ("... (sürüm 3)"), so a re-issued article can be told from the
// one it replaced by its stored title. 12 to 40 words of body, every one
// with the word "ajans" and its serial number in it, no two with the same
// numbers (never grouped as versions of one story).
Article synthetic_article(const std::string& id, int serial, int version = 0);

// The article as one JSON Lines line (with '\n').
std::string jsonl_line(const Article& a);

// The article as a plain-text file: headline, blank line, body.
std::string plain_text(const Article& a);

}  // namespace haber::test
