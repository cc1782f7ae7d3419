// JSON Lines articles: one JSON object a line with the fields of
// haber::Article (id, title, lead, body, date, place, category, source, url,
// author), or other keys mapped onto them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace haber::ingest {

// Our field name → their key; a dotted key ("meta.headline") walks nested objects.
using FieldMap = std::map<std::string, std::string>;

// The names of Article's fields, in declaration order.
const std::vector<std::string>& article_fields();

// Adds "ours=theirs" to `map`. Returns an error message if the spec is malformed
// or `ours` is not one of article_fields().
std::optional<std::string> add_field_mapping(FieldMap& map, std::string_view spec);

struct JsonLineResult {
    std::optional<Article> article;  // set on success
    std::string error;               // set on failure: why the line was skipped
    bool id_missing = false;         // article has no id: the caller derives one
    // Fields of the wrong type, left out of the article (one message each:
    // "'category' is a boolean, not text; field left out").
    std::vector<std::string> skipped_fields;
};

// Parses one line (valid UTF-8, without its '\n'). A field is a string; an
// array of strings (paragraphs) is joined with '\n'; null is empty; the id
// may also be a number (4711 → "4711"). A field of another type (a number,
// boolean, object, or an array holding one) is left out and reported in
// skipped_fields; a body of the wrong type makes the whole line an error
// (the article would be indexed without its text).
JsonLineResult parse_json_line(std::string_view line, const FieldMap& map = {});

}  // namespace haber::ingest
