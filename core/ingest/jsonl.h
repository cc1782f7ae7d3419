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
};

// Parses one line (valid UTF-8, without its '\n'). Numbers, booleans become
// strings; arrays of strings are joined with '\n'; null is empty.
JsonLineResult parse_json_line(std::string_view line, const FieldMap& map = {});

}  // namespace haber::ingest
