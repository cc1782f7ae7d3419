#include "ingest/jsonl.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace haber::ingest {

namespace {

using nlohmann::json;

std::string Article::*member_of(const std::string& field) { return article_member(field); }

const json* lookup(const json& obj, const std::string& key) {
    // Exact key first, so keys that contain dots still work.
    if (auto it = obj.find(key); it != obj.end()) return &*it;
    const json* cur = &obj;
    std::size_t start = 0;
    while (start <= key.size()) {
        std::size_t dot = key.find('.', start);
        if (dot == std::string::npos) dot = key.size();
        if (!cur->is_object()) return nullptr;
        auto it = cur->find(key.substr(start, dot - start));
        if (it == cur->end()) return nullptr;
        cur = &*it;
        start = dot + 1;
    }
    return cur;
}

// "a number", "an object", ...
std::string a_type(const json& v) {
    std::string t = v.type_name();
    return (t[0] == 'a' || t[0] == 'o' ? "an " : "a ") + t;
}

// The text of a field, or nullopt with `why` if it has the wrong type.
std::optional<std::string> to_text(const json& v, bool is_id, std::string& why) {
    switch (v.type()) {
        case json::value_t::string: return v.get<std::string>();
        case json::value_t::null: return std::string();
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
            if (is_id) return v.dump();
            break;
        case json::value_t::array: {
            if (is_id) break;
            std::string out;
            for (const auto& e : v) {
                if (e.is_null()) continue;
                if (!e.is_string()) {
                    why = "is an array holding " + a_type(e) + ", not text";
                    return std::nullopt;
                }
                const auto& s = e.get_ref<const std::string&>();
                if (s.empty()) continue;
                if (!out.empty()) out.push_back('\n');
                out += s;
            }
            return out;
        }
        default:
            break;
    }
    why = "is " + a_type(v) + ", not text";
    return std::nullopt;
}

}  // namespace

const std::vector<std::string>& article_fields() {
    static const std::vector<std::string> fields = [] {
        std::vector<std::string> names;
        for (const auto& f : kArticleFields) names.emplace_back(f.name);
        return names;
    }();
    return fields;
}

std::optional<std::string> add_field_mapping(FieldMap& map, std::string_view spec) {
    std::size_t eq = spec.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == spec.size())
        return "expected OURS=THEIRS, e.g. title=headline, got '" + std::string(spec) + "'";
    std::string ours(spec.substr(0, eq));
    if (!member_of(ours)) {
        std::string known;
        for (const auto& f : article_fields()) known += (known.empty() ? "" : ", ") + f;
        return "unknown field '" + ours + "' (known fields: " + known + ")";
    }
    map[ours] = std::string(spec.substr(eq + 1));
    return std::nullopt;
}

JsonLineResult parse_json_line(std::string_view line, const FieldMap& map) {
    JsonLineResult r;
    json j;
    try {
        j = json::parse(line.begin(), line.end());
    } catch (const json::exception& e) {
        // "[json.exception.parse_error.101] parse error at line 1, column 5: ...";
        // also out_of_range.406, "number overflow parsing '1e9999'" (found by
        // fuzz/fuzz_jsonl: it ended haber-index with std::terminate).
        std::string msg = e.what();
        if (auto p = msg.find("] "); p != std::string::npos) msg = msg.substr(p + 2);
        if (auto p = msg.find(" at line 1, column "); p != std::string::npos)
            msg.replace(p, 19, " at column ");
        r.error = "malformed JSON: " + msg;
        return r;
    }
    if (!j.is_object()) {
        r.error = std::string("JSON value is not an object (got ") + j.type_name() + ")";
        return r;
    }
    Article a;
    for (const auto& field : article_fields()) {
        auto it = map.find(field);
        const std::string& key = it == map.end() ? field : it->second;
        const json* v = lookup(j, key);
        if (!v) continue;
        std::string why;
        if (auto text = to_text(*v, field == "id", why)) {
            a.*member_of(field) = std::move(*text);
            continue;
        }
        std::string named = "'" + key + "'" + (key == field ? "" : " (" + field + ")");
        if (field == "body") {
            r.error = named + " " + why;
            return r;
        }
        r.skipped_fields.push_back(named + " " + why + "; field left out");
    }
    r.id_missing = a.id.empty();
    r.article = std::move(a);
    return r;
}

}  // namespace haber::ingest
